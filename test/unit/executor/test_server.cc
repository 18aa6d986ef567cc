#include "unit/executor/test_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "executor/local/local_executor.h"
#include "executor/local/unique_fd.h"

extern char** environ;

namespace jobflow::executor::testutil {
namespace {

constexpr std::string_view kServerArgument = "__executor_test_server";

}  // namespace

Result<TestServer> TestServer::launch(const std::string& run_root, const JobSpec& spec) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return fail(Error::internal("pipe2"));
  UniqueFd read_end(out[0]);
  UniqueFd write_end(out[1]);

  // <exe> __executor_test_server <run_root> <job_id> <log_dir> <working_dir> <argv...>
  std::vector<std::string> args{"/proc/self/exe", std::string(kServerArgument), run_root,
                                spec.job_id,      spec.log_dir,                 spec.working_dir};
  args.insert(args.end(), spec.argv.begin(), spec.argv.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawnattr_init(&attr);
  ::posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  ::posix_spawnattr_setpgroup(&attr, 0);
  ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  TestServer server;
  int err = ::posix_spawn(&server.pid_, "/proc/self/exe", &actions, &attr, argv.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  ::posix_spawnattr_destroy(&attr);
  if (err != 0) return fail(Error::internal("posix_spawn"));
  write_end.reset();

  // Lines before "ready <spawner pid>" or "error <message>" are the server's log.
  std::string line;
  for (bool done = false; !done;) {
    line.clear();
    for (;;) {
      pollfd pfd{read_end.get(), POLLIN, 0};
      char c;
      if (::poll(&pfd, 1, 10'000) <= 0 || ::read(read_end.get(), &c, 1) != 1) {
        done = true;
        break;
      }
      if (c == '\n') break;
      line += c;
    }
    if (line.rfind("ready ", 0) == 0 || line.rfind("error ", 0) == 0) break;
  }
  if (line.rfind("ready ", 0) != 0) {
    ::kill(server.pid_, SIGKILL);
    server.wait();
    return fail(Error::internal(fmt::format("test server did not start: \"{}\"", line)));
  }
  server.spawner_pid_ = static_cast<pid_t>(std::atoi(line.c_str() + 6));
  return server;
}

void TestServer::signal_group(int sig) const { ::kill(-pid_, sig); }

int TestServer::wait() const {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::optional<int> run_test_server_if_requested(int argc, char** argv) {
  if (argc < 7 || argv[1] != kServerArgument) return std::nullopt;
  LocalExecutor::Options options;
  options.run_root = argv[2];
  auto executor = LocalExecutor::create(options);
  if (!executor) {
    std::printf("error %s\n", executor.error().message.c_str());
    return 1;
  }
  JobSpec spec;
  spec.job_id = argv[3];
  spec.log_dir = argv[4];
  spec.working_dir = argv[5];
  for (int i = 6; i < argc; ++i) spec.argv.emplace_back(argv[i]);
  auto handle = (*executor)->prepare(spec);
  if (auto started = (*executor)->start(handle, spec); !started) {
    std::printf("error %s\n", started.error().message.c_str());
    return 1;
  }
  std::printf("ready %d\n", static_cast<int>((*executor)->spawner_pid()));
  std::fflush(stdout);
  for (;;) ::pause();  // until a test kills this "server"
}

}  // namespace jobflow::executor::testutil
