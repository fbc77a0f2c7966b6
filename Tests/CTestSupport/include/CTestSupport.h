#ifndef CFACCESS_TEST_SUPPORT_H
#define CFACCESS_TEST_SUPPORT_H

#include <sys/types.h>

/// Starts `path` in a new session whose stdin, stdout and stderr are the slave side of a new
/// pseudo-terminal, which becomes its controlling terminal (so Ctrl-C and /dev/tty work).
/// On success returns 0 and sets the master descriptor and the child's pid; otherwise errno.
int cfaccess_test_spawn_on_pty(const char *path, char *const argv[], char *const envp[],
                               unsigned short rows, unsigned short columns,
                               int *master_out, pid_t *pid_out);

#endif
