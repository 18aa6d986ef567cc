#include "executor/local/spawner.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include <fmt/format.h>

#include "base/system_clock.h"
#include "executor/local/process_identity.h"
#include "executor/local/run_dir.h"
#include "executor/local/supervisor.h"
#include "executor/local/sys_error.h"

namespace jobflow::executor {

bool run_spawner_if_requested(int argc, char** argv) {
  if (argc < 3 || argv[1] != kSpawnerArgument) return false;
  int fd = -1;
  std::string_view text = argv[2];
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), fd);
  if (ec != std::errc() || fd < 3 || ::fcntl(fd, F_GETFD) < 0) return true;
  // Inherit nothing else from the server: a stray descriptor (a socket, another job's lock)
  // would otherwise live on in every supervisor.
  ::close_range(3, static_cast<unsigned>(fd) - 1, 0);
  ::close_range(static_cast<unsigned>(fd) + 1, ~0U, 0);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (argc > 3 && argv[3] == kUnsetBindNowArgument) ::unsetenv("LD_BIND_NOW");
  Spawner(fd).run();
  return true;
}

namespace {

// glibc's posix_spawn leaves its two internal signals (32 and 33) ignored in the new process
// when the parent had handlers for them, and an ignored signal stays ignored across exec. Reset
// them, so that jobs start with every disposition at its default. glibc's sigaction() refuses
// these numbers, hence the raw system call.
void reset_internal_signals() {
  struct KernelSigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)();
    unsigned long mask;
  };
  for (int sig = 32; sig < SIGRTMIN; ++sig) {
    KernelSigaction action{SIG_DFL, 0, nullptr, 0};
    ::syscall(SYS_rt_sigaction, sig, &action, nullptr, sizeof action.mask);
  }
}

}  // namespace

Spawner::Spawner(int socket_fd) : socket_(socket_fd), buffer_(kMaxSpawnMessageBytes + 1) {}

int Spawner::run() {
  ::prctl(PR_SET_NAME, "jobflow-spawner", 0, 0, 0);
  reset_internal_signals();
  ::signal(SIGPIPE, SIG_IGN);
  // Read the time zone once here rather than in every supervisor (the controller log's first
  // timestamp would otherwise open /etc/localtime in each of them).
  ::tzset();
  sigset_t set;
  ::sigemptyset(&set);
  ::sigaddset(&set, SIGCHLD);
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  signals_.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  reply({true, ::getpid(), std::string(kSpawnerHello)});

  for (;;) {
    pollfd fds[2] = {{socket_.get(), POLLIN, 0}, {signals_.get(), POLLIN, 0}};
    int nfds = signals_ ? 2 : 1;
    if (::poll(fds, nfds, signals_ ? -1 : 100) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (nfds < 2 || fds[1].revents != 0) reap();
    if (fds[0].revents == 0) continue;

    iovec iov{buffer_.data(), buffer_.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(socket_.get(), &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return 1;
    }
    if (n == 0) return 0;  // the server closed its end (exit, crash or kill -9)

    UniqueFd lock;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        if (!lock) {
          lock.reset(fd);
        } else {
          ::close(fd);
        }
      }
    }
    if ((msg.msg_flags & MSG_TRUNC) != 0) {
      reply({false, 0, "spawn request too large"});
      continue;
    }
    handle(std::string_view(buffer_.data(), static_cast<std::size_t>(n)), std::move(lock));
  }
}

void Spawner::handle(std::string_view message, UniqueFd lock) {
  auto request = decode_request(message);
  if (!request) return reply({false, 0, "malformed spawn request"});
  if (!lock) return reply({false, 0, "spawn request without the run-dir lock"});
  int go_pipe[2];
  if (::pipe2(go_pipe, O_CLOEXEC) != 0) {
    return reply({false, 0, sys_error("pipe2", errno).message});
  }
  UniqueFd go_read(go_pipe[0]);
  UniqueFd go_write(go_pipe[1]);

  // The supervisor is born with the cancel signals blocked: a cancel sent as soon as its record
  // exists waits for its signalfd instead of killing it.
  sigset_t cancel_signals;
  sigset_t previous;
  ::sigemptyset(&cancel_signals);
  for (int sig : {Supervisor::kInterruptSignal, SIGINT, Supervisor::kKillSignal}) {
    ::sigaddset(&cancel_signals, sig);
  }
  ::sigprocmask(SIG_BLOCK, &cancel_signals, &previous);
  pid_t pid = ::fork();
  if (pid == 0) {
    socket_.reset();
    signals_.reset();
    go_write.reset();
    int status = 1;
    try {
      status = Supervisor(std::move(*request), std::move(lock), std::move(go_read)).run();
    } catch (...) {
      status = 1;
    }
    // _exit: the host binary's atexit handlers and static destructors are not ours to run.
    ::_exit(status);
  }
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  if (pid < 0) return reply({false, 0, sys_error("fork", errno).message});
  go_read.reset();

  // The record is written here rather than by the supervisor, so the reply does not wait for the
  // supervisor to be scheduled: start() costs one fork. The supervisor waits for "go" before it
  // does anything visible, so the record always precedes the job.
  Status recorded = fail(Error::internal("cannot read the new supervisor's /proc entry"));
  if (auto process = ProcessIdentity::of(pid)) {
    recorded = RunDir::append_supervisor(lock.get(), {*process, SystemClock().now_ms()});
  }
  lock.reset();  // the supervisor holds the lock alone now
  if (!recorded) {
    go_write.reset();  // EOF: the supervisor ends without starting anything
    return reply({false, pid, recorded.error().message});
  }
  ssize_t n;
  do {
    n = ::write(go_write.get(), "K", 1);
  } while (n < 0 && errno == EINTR);
  reply({true, pid, {}});
}

void Spawner::reply(const SpawnReply& reply) {
  std::string bytes = encode(reply);
  while (::send(socket_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

void Spawner::reap() {
  signalfd_siginfo info{};
  while (signals_ && ::read(signals_.get(), &info, sizeof info) == sizeof info) {
  }
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

}  // namespace jobflow::executor
