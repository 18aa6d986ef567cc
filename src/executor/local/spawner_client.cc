#include "executor/local/spawner_client.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include "executor/local/pidfd.h"
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "executor/local/spawner.h"
#include "executor/local/sys_error.h"

extern char** environ;

namespace jobflow::executor {
namespace {

// A spawn is one fork and one small append: well under a millisecond. Far longer means the
// spawner is stuck (or the run dir hangs), and it is replaced.
constexpr int kHelloTimeoutMs = 10'000;
constexpr int kReplyTimeoutMs = 30'000;
constexpr int kExitTimeoutMs = 2'000;

Error unreachable(std::string_view what) {
  return Error{ErrorCode::kInternal, std::string(SpawnerClient::kUnreachable),
               fmt::format("job spawner: {}", what)};
}

}  // namespace

Result<std::unique_ptr<SpawnerClient>> SpawnerClient::start(std::string executable) {
  std::unique_ptr<SpawnerClient> client(new SpawnerClient(std::move(executable)));
  std::lock_guard lock(client->mutex_);
  if (auto launched = client->launch_locked(); !launched) return fail(launched.error());
  return client;
}

SpawnerClient::~SpawnerClient() {
  std::lock_guard lock(mutex_);
  stop_locked();
}

pid_t SpawnerClient::pid() const {
  std::lock_guard lock(mutex_);
  return pid_;
}

Status SpawnerClient::launch_locked() {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
    return fail(sys_error("socketpair", errno));
  }
  UniqueFd ours(sv[0]);
  UniqueFd theirs(sv[1]);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawnattr_init(&attr);
  // dup2 onto itself clears FD_CLOEXEC in the child only (glibc >= 2.29), so no other process
  // the server forks meanwhile inherits the spawner's socket.
  ::posix_spawn_file_actions_adddup2(&actions, theirs.get(), theirs.get());
  ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  sigset_t none;
  sigset_t all;
  ::sigemptyset(&none);
  ::sigfillset(&all);
  ::posix_spawnattr_setsigmask(&attr, &none);
  ::posix_spawnattr_setsigdefault(&attr, &all);
  ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
  std::string fd_arg = std::to_string(theirs.get());
  std::string hidden(kSpawnerArgument);
  std::string unset_bind_now(kUnsetBindNowArgument);
  std::vector<char*> argv{executable_.data(), hidden.data(), fd_arg.data(), nullptr, nullptr};
  // Every supervisor is a fork of the spawner that calls C library functions the spawner never
  // did; with lazy binding each of them resolves its symbols again, in every job. Binding once,
  // in the spawner, saves about 6% of a short job's CPU. The spawner removes the variable again
  // (asked by the extra argument), so jobs see the server's environment unchanged.
  std::vector<char*> env;
  for (char** var = environ; *var != nullptr; ++var) env.push_back(*var);
  std::string bind_now = "LD_BIND_NOW=1";
  if (::getenv("LD_BIND_NOW") == nullptr) {
    env.push_back(bind_now.data());
    argv[3] = unset_bind_now.data();
  }
  env.push_back(nullptr);
  pid_t pid = 0;
  int err = ::posix_spawn(&pid, executable_.c_str(), &actions, &attr, argv.data(), env.data());
  ::posix_spawn_file_actions_destroy(&actions);
  ::posix_spawnattr_destroy(&attr);
  if (err != 0) return fail(sys_error(fmt::format("cannot start spawner {}", executable_), err));
  theirs.reset();
  pid_ = pid;
  pidfd_.reset(pidfd_open_raw(pid));
  socket_ = std::move(ours);

  // The hello proves that the executable hosts a spawner: a main() that forgot to call
  // run_spawner_if_requested would run as something else entirely.
  auto hello = receive_locked(kHelloTimeoutMs);
  if (!hello || !hello->ok || hello->message != kSpawnerHello) {
    stop_locked();
    return fail(unreachable(fmt::format(
        "{} did not start a spawner (does its main() call run_spawner_if_requested?)",
        executable_)));
  }
  return {};
}

void SpawnerClient::stop_locked() {
  if (pid_ <= 0) return;
  socket_.reset();  // EOF: the spawner exits
  bool exited = false;
  if (pidfd_) {
    pollfd pfd{pidfd_.get(), POLLIN, 0};
    exited = ::poll(&pfd, 1, kExitTimeoutMs) > 0;
  }
  if (!exited) ::kill(pid_, SIGKILL);
  // ECHILD is fine: someone else in the process may reap children with waitpid(-1).
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  pidfd_.reset();
  pid_ = 0;
}

Result<SpawnReply> SpawnerClient::receive_locked(int timeout_ms) {
  pollfd pfd{socket_.get(), POLLIN, 0};
  int ready;
  do {
    ready = ::poll(&pfd, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  if (ready == 0) return fail(unreachable("no reply"));
  if (ready < 0) return fail(unreachable(sys_error("poll", errno).message));
  std::vector<char> buffer(64 * 1024);
  ssize_t n;
  do {
    n = ::recv(socket_.get(), buffer.data(), buffer.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return fail(unreachable(n == 0 ? "it exited" : sys_error("recv", errno).message));
  auto reply = decode_reply(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  if (!reply) return fail(unreachable("malformed reply"));
  return *reply;
}

Result<SpawnReply> SpawnerClient::spawn(const SpawnRequest& request, int lock_fd) {
  std::string bytes = encode(request);
  if (bytes.size() > kMaxSpawnMessageBytes) {
    return fail(Error::limit_exceeded(
        "job", fmt::format("job command line and environment take {} bytes; the limit is {}",
                           bytes.size(), kMaxSpawnMessageBytes)));
  }
  std::lock_guard lock(mutex_);
  if (!socket_) {
    stop_locked();
    if (auto launched = launch_locked(); !launched) return fail(launched.error());
  }
  iovec iov{bytes.data(), bytes.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
  std::memset(control, 0, sizeof control);
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &lock_fd, sizeof lock_fd);
  ssize_t sent;
  do {
    sent = ::sendmsg(socket_.get(), &msg, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    int err = errno;
    stop_locked();
    return fail(unreachable(sys_error("send", err).message));
  }
  auto reply = receive_locked(kReplyTimeoutMs);
  if (!reply) stop_locked();
  return reply;
}

}  // namespace jobflow::executor
