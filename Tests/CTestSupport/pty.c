#define _GNU_SOURCE
#include "CTestSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cfaccess_test_spawn_on_pty(const char *path, char *const argv[], char *const envp[],
                               unsigned short rows, unsigned short columns,
                               int *master_out, pid_t *pid_out) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
        return errno;
    }
    struct winsize size = {rows, columns, 0, 0};
    ioctl(master, TIOCSWINSZ, &size);
    const char *slave = ptsname(master);
    if (slave == NULL) {
        return errno;
    }
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // The test runner may block or ignore signals; the child starts as a login shell would.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, 0);
    posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&actions, 0, 1);
    posix_spawn_file_actions_adddup2(&actions, 0, 2);
    int status = posix_spawn(pid_out, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (status != 0) {
        close(master);
        return status;
    }
    *master_out = master;
    return 0;
}
