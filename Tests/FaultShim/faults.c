// A crash and failure injector for the durability tests, loaded with LD_PRELOAD into a cfaccess
// process (never linked into cfaccess itself). It counts the file-system calls a run makes on
// paths under CFACCESS_FAULT_ROOT (open, write, fsync, rename, link, unlink, mkdir, ftruncate and
// their variants) and, with CFACCESS_FAULT_NET=1, the sends on sockets (the requests to an object
// store), and at call number CFACCESS_FAULT_AT (1-based) acts as CFACCESS_FAULT_MODE says:
//   kill    SIGKILL before the call runs (a crash or power cut at that point);
//   eio     the call fails with EIO without running;
//   enospc  the call fails with ENOSPC without running.
// CFACCESS_FAULT_TRACE, when set, names a file that gets one line per call counted: the call,
// a tab, and the path it acts on (for a descriptor, the path it was opened at), so a test can
// check what follows what (every new name synced into its directory).
// CFACCESS_FAULT_MATCH, when set, counts only calls on paths holding that text. At exit a
// process that counted any call appends the number to CFACCESS_FAULT_COUNT (a run with no fault
// tells the test how many crash points a path has; a wrapper such as setsid counts none).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;
static size_t root_length;
static const char *match;
static long fault_at;
static int fault_errno;
static int fault_kills;
static int count_sends;
static long counted;
static int trace = -1;

#define REAL(name) static __typeof__(name) *real_##name; if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name)

static void write_count(void) {
    const char *path = getenv("CFACCESS_FAULT_COUNT");
    if (!path || counted == 0) return;
    REAL(open);
    REAL(write);
    int descriptor = real_open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (descriptor < 0) return;
    char text[32];
    int length = snprintf(text, sizeof text, "%ld\n", counted);
    if (real_write(descriptor, text, (size_t)length) < 0) { /* the test sees no count */ }
    close(descriptor);
}

__attribute__((constructor)) static void start(void) {
    root = getenv("CFACCESS_FAULT_ROOT");
    root_length = root ? strlen(root) : 0;
    match = getenv("CFACCESS_FAULT_MATCH");
    const char *at = getenv("CFACCESS_FAULT_AT");
    fault_at = at ? atol(at) : 0;
    const char *mode = getenv("CFACCESS_FAULT_MODE");
    fault_kills = !mode || strcmp(mode, "kill") == 0;
    fault_errno = mode && strcmp(mode, "enospc") == 0 ? ENOSPC : EIO;
    count_sends = getenv("CFACCESS_FAULT_NET") != NULL;
    const char *trace_path = getenv("CFACCESS_FAULT_TRACE");
    if (trace_path) {
        REAL(open);
        trace = real_open(trace_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
    atexit(write_count);
}

/// Appends `call\tpath\n` to the trace.
static void note(const char *call, const char *path) {
    if (trace < 0 || !path) return;
    REAL(write);
    char line[8400];
    int length = snprintf(line, sizeof line, "%s\t%s\n", call, path);
    if (length > 0 && real_write(trace, line, (size_t)length) < 0) { /* the test sees a short trace */ }
}

/// The path descriptor `descriptor` was opened at, into `target`.
static const char *descriptor_path(int descriptor, char *target, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
    ssize_t length = readlink(link, target, size - 1);
    if (length < 0) return NULL;
    target[length] = 0;
    return target;
}

static int watched(const char *path) {
    if (!root || !path || strncmp(path, root, root_length) != 0) return 0;
    return !match || strstr(path, match) != NULL;
}

static int watched_at(int directory, const char *path) {
    if (path && path[0] == '/') return watched(path);
    if (directory == AT_FDCWD) {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) return 0;
        char full[8192];
        snprintf(full, sizeof full, "%s/%s", cwd, path ? path : "");
        return watched(full);
    }
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", directory);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 0) return 0;
    target[length] = 0;
    return watched(target);
}

static int watched_descriptor(int descriptor) {
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 0) return 0;
    target[length] = 0;
    if (count_sends && strncmp(target, "socket:", 7) == 0) return 1;
    return watched(target);
}

/// Counts a watched call; returns nonzero when the call must fail (errno set), or never
/// returns when it must be killed.
static int fault(int is_watched) {
    if (!is_watched) return 0;
    counted += 1;
    if (fault_at == 0 || counted != fault_at) return 0;
    if (fault_kills) kill(getpid(), SIGKILL);
    errno = fault_errno;
    return 1;
}

static mode_t mode_of(int flags, va_list arguments) {
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(arguments, int) : 0;
}

int open(const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_of(flags, arguments); va_end(arguments);
    REAL(open);
    if (fault(watched(path))) return -1;
    int descriptor = real_open(path, flags, mode);
    if (descriptor >= 0 && (flags & O_CREAT) && watched(path)) note("create", path);
    return descriptor;
}

int open64(const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_of(flags, arguments); va_end(arguments);
    REAL(open64);
    if (fault(watched(path))) return -1;
    int descriptor = real_open64(path, flags, mode);
    if (descriptor >= 0 && (flags & O_CREAT) && watched(path)) note("create", path);
    return descriptor;
}

int openat(int directory, const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_of(flags, arguments); va_end(arguments);
    REAL(openat);
    if (fault(watched_at(directory, path))) return -1;
    return real_openat(directory, path, flags, mode);
}

int openat64(int directory, const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_of(flags, arguments); va_end(arguments);
    REAL(openat64);
    if (fault(watched_at(directory, path))) return -1;
    return real_openat64(directory, path, flags, mode);
}

ssize_t write(int descriptor, const void *bytes, size_t count) {
    REAL(write);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_write(descriptor, bytes, count);
}

ssize_t pwrite(int descriptor, const void *bytes, size_t count, off_t offset) {
    REAL(pwrite);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_pwrite(descriptor, bytes, count, offset);
}

ssize_t pwrite64(int descriptor, const void *bytes, size_t count, off_t offset) {
    REAL(pwrite64);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_pwrite64(descriptor, bytes, count, offset);
}

ssize_t send(int descriptor, const void *bytes, size_t count, int flags) {
    REAL(send);
    if (fault(count_sends)) return -1;
    return real_send(descriptor, bytes, count, flags);
}

ssize_t sendto(int descriptor, const void *bytes, size_t count, int flags, const struct sockaddr *address, socklen_t length) {
    REAL(sendto);
    if (fault(count_sends)) return -1;
    return real_sendto(descriptor, bytes, count, flags, address, length);
}

int fsync(int descriptor) {
    REAL(fsync);
    if (fault(watched_descriptor(descriptor))) return -1;
    int result = real_fsync(descriptor);
    char target[4096];
    if (result == 0 && trace >= 0 && watched_descriptor(descriptor)) note("fsync", descriptor_path(descriptor, target, sizeof target));
    return result;
}

int fdatasync(int descriptor) {
    REAL(fdatasync);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_fdatasync(descriptor);
}

int ftruncate(int descriptor, off_t length) {
    REAL(ftruncate);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_ftruncate(descriptor, length);
}

int ftruncate64(int descriptor, off_t length) {
    REAL(ftruncate64);
    if (fault(watched_descriptor(descriptor))) return -1;
    return real_ftruncate64(descriptor, length);
}

int truncate(const char *path, off_t length) {
    REAL(truncate);
    if (fault(watched(path))) return -1;
    return real_truncate(path, length);
}

int rename(const char *from, const char *to) {
    REAL(rename);
    if (fault(watched(from) || watched(to))) return -1;
    int result = real_rename(from, to);
    if (result == 0 && watched(to)) note("rename", to);
    return result;
}

int renameat(int from_directory, const char *from, int to_directory, const char *to) {
    REAL(renameat);
    if (fault(watched_at(from_directory, from) || watched_at(to_directory, to))) return -1;
    return real_renameat(from_directory, from, to_directory, to);
}

int link(const char *from, const char *to) {
    REAL(link);
    if (fault(watched(from) || watched(to))) return -1;
    int result = real_link(from, to);
    if (result == 0 && watched(to)) note("link", to);
    return result;
}

int linkat(int from_directory, const char *from, int to_directory, const char *to, int flags) {
    REAL(linkat);
    if (fault(watched_at(from_directory, from) || watched_at(to_directory, to))) return -1;
    return real_linkat(from_directory, from, to_directory, to, flags);
}

int unlink(const char *path) {
    REAL(unlink);
    if (fault(watched(path))) return -1;
    int result = real_unlink(path);
    if (result == 0 && watched(path)) note("unlink", path);
    return result;
}

int unlinkat(int directory, const char *path, int flags) {
    REAL(unlinkat);
    if (fault(watched_at(directory, path))) return -1;
    return real_unlinkat(directory, path, flags);
}

int mkdir(const char *path, mode_t mode) {
    REAL(mkdir);
    if (fault(watched(path))) return -1;
    int result = real_mkdir(path, mode);
    if (result == 0 && watched(path)) note("mkdir", path);
    return result;
}

int mkdirat(int directory, const char *path, mode_t mode) {
    REAL(mkdirat);
    if (fault(watched_at(directory, path))) return -1;
    return real_mkdirat(directory, path, mode);
}
