#pragma once

#include <sys/types.h>

namespace jobflow::executor {

// Starts a child the way posix_spawn does (vfork semantics: the child shares the caller's memory,
// runs `fn(arg)` on a stack of its own, and the caller is suspended until the child execs or
// exits), optionally directly inside a cgroup (clone3 CLONE_INTO_CGROUP, `cgroup_fd` >= 0).
// Compared with fork(), nothing of the caller's address space is copied and no cgroup migration
// is needed; both showed up as a large share of a short job's cost.
//
// `fn` must only make system calls and then exec or _exit; it must not return. The caller must
// be single-threaded. Returns the child's pid, or -1 with errno set; ENOSYS where clone3 is
// missing and on architectures without the trampoline (then fork instead).
pid_t vfork_clone(int cgroup_fd, void (*fn)(void*), void* arg);

}  // namespace jobflow::executor
