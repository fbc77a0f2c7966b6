#define _GNU_SOURCE
#include "CProcess.h"

#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>

int cfaccess_harden_process(void) {
    int failed = 0;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        failed |= CFACCESS_HARDEN_CORE_LIMIT;
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        failed |= CFACCESS_HARDEN_DUMPABLE;
    }
    return failed;
}

int cfaccess_process_is_dumpable(void) {
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}

long long cfaccess_core_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) {
        return -1;
    }
    return (long long)limit.rlim_cur;
}

int cfaccess_available_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) {
        return 1;
    }
    int count = CPU_COUNT(&set);
    return count > 0 ? count : 1;
}
