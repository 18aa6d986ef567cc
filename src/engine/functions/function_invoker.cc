#include "engine/functions/function_invoker.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <filesystem>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine/find_program.h"
#include "engine/functions/function_names.h"

extern char** environ;

namespace jobflow::engine::functions {

struct FunctionInvoker::Invocation {
  std::string request_id;
  std::string payload;
  std::function<void(Result<InvokeResult>)> done;
  TimestampMs started_ms = 0;
  TimestampMs deadline_ms = 0;
  std::int64_t log_offset = 0;
};

struct FunctionInvoker::Instance {
  std::string token;
  std::string function;
  std::string revision;
  model::JobHandle handle;
  std::string log_path;
  std::shared_ptr<Invocation> current;
  std::function<void(Result<RuntimeInvocation>)> waiting_next;  // a `next` long poll, while idle
  bool retired = false;      // old revision, timed out or deleted: gone once it has no work
  bool init_failed = false;
  int log_fd = -1;           // log_path, opened O_APPEND on first use and kept

  Instance() = default;
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance() {
    if (log_fd >= 0) ::close(log_fd);
  }

  int log() {
    if (log_fd < 0) log_fd = ::open(log_path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return log_fd;
  }
  // One O_APPEND write, so the lines land whole between the lines the runtime writes.
  void append(std::string text) {
    if (const int fd = log(); fd >= 0) (void)!::write(fd, text.data(), text.size());
  }
  std::int64_t log_size() {
    struct stat st{};
    const int fd = log();
    return fd >= 0 && ::fstat(fd, &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
  }
  // The last max_bytes (at most) of the log past `offset`.
  std::string log_tail(std::int64_t offset, std::int64_t max_bytes) {
    std::string out;
    const std::int64_t size = log_size();
    if (size <= offset) return out;
    out.resize(static_cast<std::size_t>(std::min(size - offset, max_bytes)));
    const ssize_t n = ::pread(log(), out.data(), out.size(), size - static_cast<std::int64_t>(out.size()));
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out;
  }
};

struct FunctionInvoker::Pool {
  model::FunctionConfig config;  // as of the last invocation
  std::string code_dir;
  std::deque<std::shared_ptr<Invocation>> queue;
  std::vector<std::string> instances;  // tokens
  std::string init_error;              // the last init error, for invocations that waited on it
};

namespace {

std::string error_object(std::string_view type, std::string_view message) {
  return boost::json::serialize(boost::json::object{{"errorType", type}, {"errorMessage", message}});
}

std::string utc_now(TimestampMs ms) {
  const std::string text = format_last_modified(ms);  // 2024-05-01T10:00:00.123+0000
  return text.substr(0, 23) + "Z";
}

bool is_elf(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::array<char, 4> magic{};
  const bool elf = ::read(fd, magic.data(), magic.size()) == 4 && std::string_view(magic.data(), 4) == "\x7f" "ELF";
  ::close(fd);
  return elf;
}

// What `python -S -c 'sys.executable'` names: the interpreter a shim on PATH ends up running.
// Empty if it cannot tell. Runs on its own thread, never on an io thread.
std::string ask_sys_executable(const std::string& python) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return "";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const std::string code = "import sys; sys.stdout.write(sys.executable)";
  std::array<char*, 5> argv{const_cast<char*>(python.c_str()), const_cast<char*>("-S"), const_cast<char*>("-c"),
                            const_cast<char*>(code.c_str()), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, python.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  std::string text;
  if (rc == 0) {
    std::array<char, 4096> buffer{};
    for (;;) {
      const ssize_t n = ::read(out[0], buffer.data(), buffer.size());
      if (n > 0 && text.size() < 4096) text.append(buffer.data(), static_cast<std::size_t>(n));
      if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(out[0]);
  if (text.empty() || text.front() != '/' || !is_elf(text) || ::access(text.c_str(), X_OK) != 0) return "";
  return text;
}

}  // namespace

FunctionInvoker::FunctionInvoker(executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
                                 InvokerConfig config)
    : executor_(executor), tasks_(tasks), clock_(clock), config_(std::move(config)) {
  // A shim (pyenv's is a bash script running `pyenv exec`) costs every cold start tens of
  // milliseconds before Python even starts; the interpreter it picks is found once instead.
  const std::string found = find_program(config_.python);
  if (!found.empty() && is_elf(found)) {
    python_path_ = found;
  } else if (!found.empty()) {
    resolver_ = std::thread([this, python = found] {
      std::string path = ask_sys_executable(python);
      std::lock_guard lock(mu_);
      python_path_ = std::move(path);
    });
  }
}

FunctionInvoker::~FunctionInvoker() {
  shutdown();
  if (resolver_.joinable()) resolver_.join();
}

void FunctionInvoker::run(std::vector<Done>& later) {
  for (auto& f : later) f();
  later.clear();
}

// With mu_ held. A function whose Environment sets PATH (or pyenv's version) picks its own python3.
const std::string& FunctionInvoker::python_for(const model::FunctionConfig& function) const {
  if (python_path_.empty()) return config_.python;
  if (function.environment)
    for (const auto& [name, value] : *function.environment)
      if (name == "PATH" || name == "PYENV_VERSION") return config_.python;
  return python_path_;
}

FunctionInvoker::Instance* FunctionInvoker::find(std::string_view token) {
  auto it = instances_.find(token);
  return it == instances_.end() ? nullptr : it->second.get();
}

void FunctionInvoker::invoke(const model::FunctionConfig& function, const std::string& code_dir, std::string payload,
                             std::function<void(Result<InvokeResult>)> done) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    auto& slot = pools_[function.function_name];
    if (!slot) slot = std::make_unique<Pool>();
    Pool& pool = *slot;
    if (pool.config.revision_id != function.revision_id) {
      // New code or configuration: instances of the old one take no more work.
      for (const auto& token : pool.instances) {
        Instance* old = find(token);
        if (!old) continue;
        old->retired = true;
        if (!old->current) (void)executor_.cancel(old->handle, model::CancelMode::kKill);
      }
      pool.config = function;
      pool.code_dir = code_dir;
      pool.init_error.clear();
    }
    auto invocation = std::make_shared<Invocation>();
    invocation->request_id = random_uuid();
    invocation->payload = payload.empty() ? "{}" : std::move(payload);
    invocation->done = std::move(done);
    int live = 0, booting = 0;
    Instance* idle = nullptr;
    for (const auto& token : pool.instances) {
      Instance* i = find(token);
      if (!i || i->retired) continue;
      ++live;
      if (!i->current && i->waiting_next && !idle) idle = i;
      if (!i->current && !i->waiting_next) ++booting;
    }
    if (idle) {
      dispatch(*idle, std::move(invocation), later);
    } else if (live < config_.max_concurrency || static_cast<int>(pool.queue.size()) < booting) {
      pool.queue.push_back(std::move(invocation));
      if (static_cast<int>(pool.queue.size()) > booting && live < config_.max_concurrency) start_instance(pool, later);
    } else {
      later.push_back([done = std::move(invocation->done)] {
        done(jobflow::fail(Error::limit_exceeded("function", "Rate Exceeded.")));
      });
    }
  }
  run(later);
}

void FunctionInvoker::start_instance(Pool& pool, std::vector<Done>& later) {
  const model::FunctionConfig& fn = pool.config;
  auto instance = std::make_shared<Instance>();
  instance->token = random_uuid();
  instance->function = fn.function_name;
  instance->revision = fn.revision_id;
  const std::string dir = fmt::format("{}/functions/{}/instances/{}", config_.data_dir, fn.function_name, instance->token);
  instance->log_path = dir + "/stdout";

  model::JobSpec spec;
  spec.job_id = "fn-" + instance->token;
  if (model::is_python(fn.runtime)) {
    spec.argv = {python_for(fn), "-u", config_.python_runtime};
  } else {
    spec.argv = {pool.code_dir + "/bootstrap"};
  }
  spec.working_dir = pool.code_dir;
  spec.log_dir = dir;
  spec.label = "Function";
  spec.merge_stderr = true;
  const std::string date = utc_now(clock_.now_ms()).substr(0, 10);
  spec.env = {
      {"AWS_LAMBDA_RUNTIME_API", config_.runtime_api + "/fn-runtime/" + instance->token},
      {"_HANDLER", fn.handler},
      {"LAMBDA_TASK_ROOT", pool.code_dir},
      {"AWS_LAMBDA_FUNCTION_NAME", fn.function_name},
      {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(fn.memory_size)},
      {"AWS_LAMBDA_LOG_GROUP_NAME", fn.log_group.empty() ? "/aws/lambda/" + fn.function_name : fn.log_group},
      {"AWS_LAMBDA_LOG_STREAM_NAME", fmt::format("{}/[$LATEST]{}", date, instance->token.substr(0, 8))},
      {"AWS_EXECUTION_ENV", "AWS_Lambda_" + std::string(model::kRuntimes.name(fn.runtime))},
      {"AWS_REGION", config_.region},
      {"AWS_DEFAULT_REGION", config_.region},
      // boto3 inside the function reaches jobflow unchanged.
      {"AWS_ENDPOINT_URL", config_.endpoint_url},
      {"JOBFLOW_ENDPOINT_URL", config_.endpoint_url},
      {"AWS_ACCESS_KEY_ID", "jobflow"},
      {"AWS_SECRET_ACCESS_KEY", "jobflow"},
  };
  if (fn.environment)
    for (const auto& [k, v] : *fn.environment) spec.env.emplace_back(k, v);
  instance->handle = executor_.prepare(spec);
  if (auto started = executor_.start(instance->handle, spec); !started) {
    const std::string body = error_object("Runtime.Unknown", "the function's runtime could not be started: " +
                                                                started.error().message);
    while (!pool.queue.empty()) {
      auto inv = pool.queue.front();
      pool.queue.pop_front();
      later.push_back([inv, body] { inv->done(InvokeResult{body, "Unhandled", {}}); });
    }
    return;
  }
  instances_[instance->token] = instance;
  pool.instances.push_back(instance->token);
  const std::string token = instance->token;
  executor_.watch(instance->handle, [this, token](const model::JobExit& exit) {
    tasks_.post([this, token, exit] { on_exit(token, exit); });
  });
}

// With mu_ held; the instance has a `next` waiting (it is answered with the invocation).
void FunctionInvoker::dispatch(Instance& instance, std::shared_ptr<Invocation> invocation, std::vector<Done>& later) {
  const Pool& pool = *pools_.at(instance.function);
  invocation->started_ms = clock_.now_ms();
  invocation->deadline_ms = invocation->started_ms + pool.config.timeout * 1000;
  invocation->log_offset = instance.log_size();
  instance.append(fmt::format("START RequestId: {} Version: $LATEST\n", invocation->request_id));
  arm_deadline_timer(invocation->deadline_ms);
  RuntimeInvocation work{invocation->request_id, invocation->payload, invocation->deadline_ms, pool.config.function_arn};
  instance.current = std::move(invocation);
  later.push_back([reply = std::exchange(instance.waiting_next, {}), work = std::move(work)] { reply(work); });
}

// With mu_ held: the instance's current invocation ends with `payload`.
void FunctionInvoker::finish(Instance& instance, std::string payload, std::string function_error,
                             std::vector<Done>& later) {
  auto invocation = std::exchange(instance.current, nullptr);
  if (!invocation) return;
  const TimestampMs now = clock_.now_ms();
  const auto duration = now - invocation->started_ms;
  const auto& config = pools_.at(instance.function)->config;
  instance.append(fmt::format(
      "END RequestId: {}\nREPORT RequestId: {}\tDuration: {}.00 ms\tBilled Duration: {} ms\tMemory Size: {} MB\n",
      invocation->request_id, invocation->request_id, duration, std::max<std::int64_t>(1, duration),
      config.memory_size));
  InvokeResult result{std::move(payload), std::move(function_error), instance.log_tail(invocation->log_offset, 1 << 20)};
  if (instance.retired) (void)executor_.cancel(instance.handle, model::CancelMode::kKill);
  later.push_back([invocation, result = std::move(result)]() mutable { invocation->done(std::move(result)); });
}

void FunctionInvoker::next(std::string_view token, std::function<void(Result<RuntimeInvocation>)> reply) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    Instance* instance = find(token);
    if (!instance) return reply(jobflow::fail(Error::not_found("instance", "Unknown runtime.")));
    if (instance->retired) {
      (void)executor_.cancel(instance->handle, model::CancelMode::kKill);
      return reply(jobflow::fail(Error::invalid_state("instance", "This runtime is being stopped.")));
    }
    if (instance->waiting_next) later.push_back([old = std::move(instance->waiting_next)] {
      old(jobflow::fail(Error::invalid_state("instance", "Replaced by a newer next request.")));
    });
    instance->waiting_next = std::move(reply);
    Pool& pool = *pools_.at(instance->function);
    if (!pool.queue.empty()) {
      auto invocation = pool.queue.front();
      pool.queue.pop_front();
      dispatch(*instance, std::move(invocation), later);
    }
  }
  run(later);
}

Status FunctionInvoker::respond(std::string_view token, std::string_view request_id, std::string body) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    Instance* instance = find(token);
    if (!instance || !instance->current || instance->current->request_id != request_id)
      return jobflow::fail(Error::not_found("invocation", "Unknown request id."));
    finish(*instance, std::move(body), "", later);
  }
  run(later);
  return {};
}

Status FunctionInvoker::fail(std::string_view token, std::string_view request_id, std::string body) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    Instance* instance = find(token);
    if (!instance || !instance->current || instance->current->request_id != request_id)
      return jobflow::fail(Error::not_found("invocation", "Unknown request id."));
    finish(*instance, std::move(body), "Unhandled", later);
  }
  run(later);
  return {};
}

Status FunctionInvoker::init_error(std::string_view token, std::string body) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    Instance* instance = find(token);
    if (!instance) return jobflow::fail(Error::not_found("instance", "Unknown runtime."));
    instance->init_failed = true;
    Pool& pool = *pools_.at(instance->function);
    pool.init_error = body;
    instance->append("INIT_REPORT Status: error\n");
    // The invocation that started this instance fails with the init error, as in Lambda.
    if (!pool.queue.empty()) {
      auto invocation = pool.queue.front();
      pool.queue.pop_front();
      const std::string log = instance->log_tail(0, 4096);
      later.push_back([invocation, body, log] { invocation->done(InvokeResult{body, "Unhandled", log}); });
    }
  }
  run(later);
  return {};
}

// With mu_ held: the instance's invocation is past its deadline.
void FunctionInvoker::time_out(Instance& instance, std::vector<Done>& later) {
  const auto& config = pools_.at(instance.function)->config;
  const std::string message = fmt::format("{} {} Task timed out after {}.00 seconds", utc_now(clock_.now_ms()),
                                          instance.current->request_id, config.timeout);
  instance.append(message + "\n");
  instance.retired = true;  // its code may still run: the process goes
  finish(instance, boost::json::serialize(boost::json::object{{"errorMessage", message}}), "Unhandled", later);
}

// With mu_ held.
void FunctionInvoker::arm_deadline_timer(TimestampMs at) {
  if (deadline_timer_ && deadline_timer_at_ <= at) return;
  if (deadline_timer_) tasks_.cancel(deadline_timer_);
  const std::uint64_t generation = ++deadline_generation_;
  deadline_timer_at_ = at;
  deadline_timer_ = tasks_.post_at(at, [this, generation] { on_deadline(generation); });
}

void FunctionInvoker::on_deadline(std::uint64_t generation) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    if (generation == deadline_generation_) deadline_timer_ = 0;
    const TimestampMs now = clock_.now_ms();
    TimestampMs next = 0;
    std::vector<std::shared_ptr<Instance>> late;
    for (const auto& [token, instance] : instances_) {
      if (!instance->current) continue;
      const TimestampMs deadline = instance->current->deadline_ms;
      if (deadline <= now) {
        late.push_back(instance);
      } else if (!next || deadline < next) {
        next = deadline;
      }
    }
    for (const auto& instance : late) time_out(*instance, later);
    if (next) arm_deadline_timer(next);
  }
  run(later);
}

void FunctionInvoker::on_exit(const std::string& token, const model::JobExit& exit) {
  std::vector<Done> later;
  {
    std::lock_guard lock(mu_);
    auto it = instances_.find(token);
    if (it == instances_.end()) return;
    std::shared_ptr<Instance> instance = it->second;
    instances_.erase(it);
    auto pool_it = pools_.find(instance->function);
    if (instance->current && pool_it != pools_.end()) {
      const std::string status = exit.kind == model::JobExit::Kind::kSignaled
                                     ? fmt::format("signal: {}", exit.signal)
                                     : fmt::format("exit status {}", exit.code);
      finish(*instance, error_object("Runtime.ExitError", fmt::format("RequestId: {} Error: Runtime exited with error: {}",
                                                                      instance->current->request_id, status)),
             "Unhandled", later);
    }
    if (instance->waiting_next)
      later.push_back([reply = std::move(instance->waiting_next)] {
        reply(jobflow::fail(Error::invalid_state("instance", "The runtime has exited.")));
      });
    if (pool_it == pools_.end()) return run(later);
    Pool& pool = *pool_it->second;
    std::erase(pool.instances, token);
    if (!pool.queue.empty()) {
      if (instance->init_failed) {
        // Every invocation waiting for this runtime gets its init error.
        for (auto& invocation : pool.queue)
          later.push_back([invocation, body = pool.init_error] { invocation->done(InvokeResult{body, "Unhandled", {}}); });
        pool.queue.clear();
      } else {
        start_instance(pool, later);
      }
    }
  }
  run(later);
}

void FunctionInvoker::retire(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = pools_.find(name);
  if (it == pools_.end()) return;
  for (const auto& token : it->second->instances)
    if (Instance* instance = find(token)) {
      instance->retired = true;
      (void)executor_.cancel(instance->handle, model::CancelMode::kKill);
    }
}

void FunctionInvoker::shutdown() {
  std::lock_guard lock(mu_);
  if (deadline_timer_) tasks_.cancel(std::exchange(deadline_timer_, 0));
  for (auto& [token, instance] : instances_) (void)executor_.cancel(instance->handle, model::CancelMode::kKill);
}

}  // namespace jobflow::engine::functions
