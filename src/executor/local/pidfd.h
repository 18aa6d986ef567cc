#pragma once

#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace jobflow::executor {

// pidfd system calls. glibc 2.36's <sys/pidfd.h> declares them without extern "C" (fixed in
// 2.37), so C++ code cannot link against them; the calls are made directly instead.
inline int pidfd_open_raw(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

inline int pidfd_send_signal_raw(int pidfd, int sig) {
  return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

}  // namespace jobflow::executor
