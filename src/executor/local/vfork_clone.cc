#include "executor/local/vfork_clone.h"

#include <linux/sched.h>
#include <signal.h>

#include <cerrno>
#include <cstdint>

namespace jobflow::executor {

#if defined(__x86_64__)

// clone3 cannot be called from C for a child with a stack of its own: the child would return
// into the caller's frames on the wrong stack. This trampoline (as glibc's clone3.S) makes the
// system call and, in the child, calls fn(arg) on the new stack; fn never returns.
//   long jobflow_clone3_trampoline(clone_args* args, size_t size, void (*fn)(void*), void* arg)
// rdx and r8 survive the syscall instruction (it clobbers rax, rcx and r11 only).
extern "C" long jobflow_clone3_trampoline(clone_args* args, unsigned long size, void (*fn)(void*),
                                          void* arg);
asm(R"(
    .text
    .p2align 4
    .globl jobflow_clone3_trampoline
    .hidden jobflow_clone3_trampoline
    .type jobflow_clone3_trampoline, @function
jobflow_clone3_trampoline:
    .cfi_startproc
    movq %rcx, %r8
    movl $435, %eax
    syscall
    testq %rax, %rax
    jz 1f
    ret
1:
    .cfi_undefined rip
    xorl %ebp, %ebp
    movq %r8, %rdi
    andq $-16, %rsp
    callq *%rdx
    movl $127, %edi
    movl $60, %eax
    syscall
    hlt
    .cfi_endproc
    .size jobflow_clone3_trampoline, .-jobflow_clone3_trampoline
)");

namespace {
// The child's stack. One process launches one child at a time (and is suspended meanwhile), so
// one static stack is enough; execvp needs room for PATH-sized buffers.
alignas(64) char child_stack[256 * 1024];
}  // namespace

pid_t vfork_clone(int cgroup_fd, void (*fn)(void*), void* arg) {
  clone_args args{};
  args.flags = CLONE_VM | CLONE_VFORK;
  if (cgroup_fd >= 0) {
    args.flags |= CLONE_INTO_CGROUP;
    args.cgroup = static_cast<std::uint64_t>(cgroup_fd);
  }
  args.exit_signal = SIGCHLD;
  args.stack = reinterpret_cast<std::uint64_t>(child_stack);
  args.stack_size = sizeof child_stack;
  long result = jobflow_clone3_trampoline(&args, sizeof args, fn, arg);
  if (result < 0) {
    errno = static_cast<int>(-result);
    return -1;
  }
  return static_cast<pid_t>(result);
}

#else

pid_t vfork_clone(int, void (*)(void*), void*) {
  errno = ENOSYS;
  return -1;
}

#endif

}  // namespace jobflow::executor
