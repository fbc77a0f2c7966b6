#ifndef CFACCESS_PROCESS_H
#define CFACCESS_PROCESS_H

#define CFACCESS_HARDEN_CORE_LIMIT 1
#define CFACCESS_HARDEN_DUMPABLE 2

/// Turns off core dumps (RLIMIT_CORE 0) and marks the process not dumpable (PR_SET_DUMPABLE 0),
/// so secrets in memory cannot end up in a core file or be read through ptrace by another
/// process of the same user. Tries both; returns 0 on success, or the CFACCESS_HARDEN_* bits of
/// the steps that failed.
int cfaccess_harden_process(void);

/// Whether the process is currently marked dumpable (1) or not (0); -1 on error.
int cfaccess_process_is_dumpable(void);

/// The soft limit on core file size (0 means no core dumps); -1 on error.
long long cfaccess_core_limit(void);

/// How many CPUs this process may run on (its affinity mask, which `taskset` and cpusets set);
/// at least 1.
int cfaccess_available_cpus(void);

#endif
