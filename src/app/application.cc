#include "app/application.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

#include "base/metrics.h"
#include "base/system_clock.h"
#include "engine/asio_task_queue.h"
#include "engine/emr/emr_service.h"
#include "engine/find_program.h"
#include "engine/functions/function_invoker.h"
#include "engine/functions/function_service.h"
#include "engine/functions/runtime_script.h"
#include "engine/livy/batch_command_builder.h"
#include "engine/livy/batch_service.h"
#include "engine/livy/creation_gate.h"
#include "engine/livy/instance_tag.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/repl_script.h"
#include "engine/livy/session_launch_builder.h"
#include "engine/livy/session_service.h"
#include "engine/livy/spark_conf_mapper.h"
#include "engine/livy/tcp_repl_connector.h"
#include "engine/sfn/activity_integration.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/asl_definition_checker.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "engine/sfn/states_integration.h"
#include "engine/sfn/task_token_registry.h"
#include "engine/sfn/system_random.h"
#include "executor/local/local_executor.h"
#include "frontend/api/jobflow_api.h"
#include "frontend/aws_json/aws_json_service.h"
#include "frontend/emr/emr_api.h"
#include "frontend/integrations/emr_integration.h"
#include "frontend/integrations/http_integration.h"
#include "frontend/integrations/lambda_integration.h"
#include "frontend/lambda/lambda_api.h"
#include "frontend/livy/livy_api.h"
#include "frontend/sfn/sfn_api.h"
#include "frontend/sfn/sfn_errors.h"
#include "http/router.h"
#include "http/server.h"
#include "store/sqlite/sqlite_store.h"

namespace jobflow::app {

struct Application::Parts {
  SystemClock clock;
  Metrics metrics;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<executor::LocalExecutor> executor;
  std::unique_ptr<engine::AsioTaskQueue> tasks;
  std::unique_ptr<engine::EmrService> emr;
  std::unique_ptr<frontend::AwsJsonService> emr_api;
  std::unique_ptr<engine::functions::FunctionService> functions;
  std::unique_ptr<engine::functions::FunctionInvoker> invoker;
  std::unique_ptr<engine::sfn::DefinitionChecker> sfn_checker;
  std::unique_ptr<engine::sfn::StateMachineService> sfn_machines;
  std::unique_ptr<engine::sfn::ActivityService> sfn_activities;
  std::unique_ptr<engine::sfn::SystemRandom> sfn_random;
  std::unique_ptr<engine::sfn::ExecutionService> sfn_executions;
  std::unique_ptr<engine::sfn::TaskTokenRegistry> sfn_tokens;
  std::unique_ptr<engine::sfn::ActivityIntegration> sfn_activity_tasks;
  std::unique_ptr<engine::sfn::StatesIntegration> sfn_states;
  std::unique_ptr<frontend::EmrIntegration> sfn_emr;
  std::unique_ptr<frontend::LambdaIntegration> sfn_lambda;
  std::unique_ptr<frontend::HttpIntegration> sfn_http;
  std::unique_ptr<frontend::AwsJsonService> sfn_api;
  engine::livy::LivyConfig livy_config;
  std::unique_ptr<engine::livy::CreationGate> livy_gate;
  std::unique_ptr<engine::livy::SparkConfMapper> livy_conf;
  std::unique_ptr<engine::livy::BatchCommandBuilder> livy_batch_commands;
  std::unique_ptr<engine::livy::SessionLaunchBuilder> livy_session_launches;
  std::unique_ptr<engine::livy::TcpReplConnector> livy_connector;
  std::unique_ptr<engine::livy::BatchService> livy_batches;
  std::unique_ptr<engine::livy::SessionService> livy_sessions;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::Server> server;
};

Application::Application(ServerConfig config) : config_(std::move(config)) {}

Application::~Application() { stop(); }

Status Application::start() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(config_.data_dir, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot create data dir {}: {}", config_.data_dir, ec.message())));
  const std::string data_dir = fs::absolute(config_.data_dir).lexically_normal().string();

  auto p = std::make_unique<Parts>();
  auto store = store::SqliteStore::open(data_dir + "/jobflow.db", {.synchronous_full = config_.sqlite_synchronous_full});
  if (!store) return fail(store.error());
  p->store = std::move(*store);

  // The port is bound first: jobs, functions and Livy sessions are told the server's real address
  // (also with --port 0), and connections wait in the backlog until every route is registered.
  p->router = std::make_unique<http::Router>();
  http::ServerOptions options;
  options.host = config_.host;
  options.port = config_.port;
  options.threads = config_.threads;
  p->server = std::make_unique<http::Server>(*p->router, p->metrics, options);
  if (auto ok = p->server->bind(); !ok) return ok;
  const std::string local_host = config_.host == "0.0.0.0" ? "127.0.0.1" : config_.host;
  const std::uint16_t port = p->server->port();

  engine::EmrConfig emr_config;
  emr_config.data_dir = data_dir;
  emr_config.default_spark_master = config_.spark_master;
  emr_config.endpoint_url = fmt::format("http://{}:{}", local_host, port);

  auto executor = executor::LocalExecutor::create({.run_root = emr_config.run_root()});
  if (!executor) return fail(executor.error());
  p->executor = std::move(*executor);
  p->tasks = std::make_unique<engine::AsioTaskQueue>(p->clock);
  p->emr = std::make_unique<engine::EmrService>(*p->store, *p->executor, *p->tasks, p->clock, emr_config);
  if (auto ok = p->emr->recover(); !ok) return ok;

  p->emr_api = std::make_unique<frontend::AwsJsonService>(
      frontend::AwsJsonService::Options{.target_prefix = "ElasticMapReduce", .json_version = "1.1",
                                        .message_key = "Message", .account = config_.account,
                                        .default_region = config_.default_region},
      p->metrics);
  frontend::emr::register_operations(*p->emr_api, *p->emr);

  // Functions (Lambda API): configurations and code in the store; invocations on warm instances
  // that reach the Runtime API on this server's port.
  p->functions = std::make_unique<engine::functions::FunctionService>(*p->store, p->clock, data_dir,
                                                                      emr_config.s3_root());
  if (auto ok = p->functions->recover(); !ok) return ok;
  auto runtime = engine::functions::install_python_runtime(data_dir + "/functions/runtime");
  if (!runtime) return fail(runtime.error());
  p->invoker = std::make_unique<engine::functions::FunctionInvoker>(
      *p->executor, *p->tasks, p->clock,
      engine::functions::InvokerConfig{.data_dir = data_dir,
                                       .python_runtime = *runtime,
                                       .runtime_api = fmt::format("{}:{}", local_host, port),
                                       .endpoint_url = emr_config.endpoint_url,
                                       .region = config_.default_region});

  // Step Functions: the registry (state machines, versions, aliases, activities) on the same store,
  // then the executions, which run their timers on the engine's task queue. Executions that were
  // RUNNING when the server stopped (or was killed) resume before anything is served.
  p->sfn_checker = std::make_unique<engine::sfn::AslDefinitionChecker>();
  p->sfn_machines = std::make_unique<engine::sfn::StateMachineService>(*p->store, p->clock, *p->sfn_checker);
  p->sfn_activities = std::make_unique<engine::sfn::ActivityService>(*p->store, p->clock);
  p->sfn_random = std::make_unique<engine::sfn::SystemRandom>();
  p->sfn_executions = std::make_unique<engine::sfn::ExecutionService>(*p->store, p->clock, *p->tasks,
                                                                      *p->sfn_machines, *p->sfn_random);
  // Task states: EMR through its own operations (same validation, errors and shapes as the wire).
  p->sfn_emr = std::make_unique<frontend::EmrIntegration>(*p->emr_api, *p->emr);
  p->sfn_executions->add_integration(*p->sfn_emr);
  // Activities and .waitForTaskToken tasks wait in the token registry for SendTask*; tokens live
  // in the executions' snapshots, so recover() below registers them again after a restart.
  p->sfn_tokens = std::make_unique<engine::sfn::TaskTokenRegistry>(p->clock, *p->tasks);
  p->sfn_activity_tasks = std::make_unique<engine::sfn::ActivityIntegration>(
      *p->sfn_activities, *p->sfn_tokens, p->clock, *p->tasks, config_.sfn_activity_poll_seconds * 1000);
  p->sfn_executions->add_integration(*p->sfn_activity_tasks);
  // Nested executions (states:startExecution[.sync|.sync:2|.waitForTaskToken]); refused starts
  // fail the task with the AWS exception name the API would answer.
  p->sfn_states = std::make_unique<engine::sfn::StatesIntegration>(
      *p->sfn_executions, *p->sfn_tokens, p->clock,
      [](const Error& error) { return frontend::sfn::to_wire(error).type; });
  p->sfn_executions->add_integration(*p->sfn_states);
  // Functions: lambda:invoke[.waitForTaskToken] and function ARNs, against jobflow's own functions.
  p->sfn_lambda = std::make_unique<frontend::LambdaIntegration>(*p->functions, *p->invoker, *p->sfn_tokens, p->clock);
  p->sfn_executions->add_integration(*p->sfn_lambda);
  // HTTP tasks (http:invoke): any endpoint the allow list permits, loopback by default.
  auto http_allow = frontend::HttpHostAllowList::parse(config_.http_task_allow);
  if (!http_allow) return fail(http_allow.error());
  p->sfn_http = std::make_unique<frontend::HttpIntegration>(std::move(*http_allow));
  p->sfn_executions->add_integration(*p->sfn_http);
  if (auto ok = p->sfn_executions->recover(); !ok) return ok;
  auto* executions = p->sfn_executions.get();
  p->metrics.gauge("jobflow_sfn_executions_running", "Step Functions executions running now.",
                   [executions] { return Metrics::GaugeFn::result_type{{"", static_cast<double>(executions->running())}}; });
  p->metrics.gauge("jobflow_sfn_executions_started", "Executions started since the server started (a counter).",
                   [executions] {
                     return Metrics::GaugeFn::result_type{{"", static_cast<double>(executions->counts().started)}};
                   });
  p->metrics.gauge("jobflow_sfn_executions_ended", "Executions ended since the server started, by status (counters).",
                   [executions] {
                     Metrics::GaugeFn::result_type out;
                     for (const auto& [status, n] : executions->counts().ended) {
                       out.emplace_back(fmt::format("status=\"{}\"", status), static_cast<double>(n));
                     }
                     return out;
                   });
  p->metrics.gauge("jobflow_sfn_transitions", "State transitions made since the server started (a counter).",
                   [executions] {
                     return Metrics::GaugeFn::result_type{{"", static_cast<double>(executions->counts().transitions)}};
                   });
  p->sfn_api = std::make_unique<frontend::AwsJsonService>(
      frontend::AwsJsonService::Options{.target_prefix = "AWSStepFunctions", .json_version = "1.0",
                                        .message_key = "message", .account = config_.account,
                                        .default_region = config_.default_region},
      p->metrics);
  frontend::sfn::register_operations(*p->sfn_api, *p->sfn_machines, *p->sfn_activities, *p->sfn_executions,
                                     *p->sfn_tokens, *p->sfn_activity_tasks);

  if (auto ok = start_livy(*p, data_dir, emr_config.endpoint_url); !ok) return ok;

  auto* emr_api = p->emr_api.get();
  p->router->add_amz_target("ElasticMapReduce.", [emr_api](http::Request r, http::Reply reply) {
    emr_api->handle(std::move(r), std::move(reply));
  });
  // Any Host is served, including the "sync-" prefix SDKs put on StartSyncExecution and TestState.
  auto* sfn_api = p->sfn_api.get();
  p->router->add_amz_target("AWSStepFunctions.", [sfn_api](http::Request r, http::Reply reply) {
    sfn_api->handle(std::move(r), std::move(reply));
  });
  // Any other AWS JSON target is an unknown operation (a 4xx in AWS's shape), not a missing path.
  p->router->add_predicate([](const http::Request& r) { return r.header("x-amz-target").has_value(); },
                           [emr_api](http::Request r, http::Reply reply) {
                             reply(emr_api->error_response(
                                 {400, "UnknownOperationException",
                                  "Unknown target: '" + std::string(*r.header("x-amz-target")) + "'."}));
                           });
  frontend::register_jobflow_api(*p->router, *p->emr, p->metrics);
  if (auto ok = frontend::livy::register_livy_api(*p->router, *p->livy_batches, *p->livy_sessions,
                                                  {.csrf_protection = config_.livy_csrf_protection});
      !ok)
    return ok;
  if (auto ok = frontend::lambda::register_lambda_api(
          *p->router, *p->functions, *p->invoker,
          {.account = config_.account, .default_region = config_.default_region, .endpoint_url = emr_config.endpoint_url});
      !ok)
    return ok;

  if (auto ok = p->server->start(); !ok) return ok;
  parts_ = std::move(p);
  spdlog::info("event=server_started host={} port={} data_dir={}", config_.host, parts_->server->port(), data_dir);
  return {};
}

// Livy: batches and interactive sessions on the same store, executor and task queue. Spark is
// used when installed (SPARK_HOME, else spark-submit on PATH); otherwise batch files run directly
// and sessions run Python only (README: "Livy without Spark").
Status Application::start_livy(Parts& p, const std::string& data_dir, const std::string& endpoint_url) {
  auto& c = p.livy_config;
  c.data_dir = data_dir;
  if (const char* home = std::getenv("SPARK_HOME"); home && *home) {
    c.spark_home = home;
    c.spark_submit = engine::find_program(c.spark_home + "/bin/spark-submit");
  }
  if (c.spark_submit.empty()) c.spark_submit = engine::find_program("spark-submit");
  c.spark_master = config_.spark_master;
  c.spark_deploy_mode = config_.livy_spark_deploy_mode;
  c.impersonation = config_.livy_impersonation;
  if (const char* python = std::getenv("PYSPARK_PYTHON"); python && *python) c.python = python;
  c.local_dir_allowlist = config_.livy_local_dirs;
  c.csrf_protection = config_.livy_csrf_protection;
  c.max_creation = config_.livy_max_creation;
  c.retain_finished_ms = config_.livy_retain_seconds * 1000;
  c.session_idle_timeout_ms = config_.livy_session_timeout_seconds * 1000;
  c.kill_grace_ms = config_.livy_kill_grace_ms;
  c.endpoint_url = endpoint_url;
  auto tag = engine::livy::load_instance_tag(*p.store);
  if (!tag) return fail(tag.error());
  c.instance_tag = *tag;
  auto script = engine::livy::install_repl_script(c.root() + "/repl");
  if (!script) return fail(script.error());

  p.livy_gate = std::make_unique<engine::livy::CreationGate>(c.max_creation);
  p.livy_conf = std::make_unique<engine::livy::SparkConfMapper>(c);
  p.livy_batch_commands = std::make_unique<engine::livy::BatchCommandBuilder>(c);
  p.livy_session_launches = std::make_unique<engine::livy::SessionLaunchBuilder>(c, *p.livy_conf, p.livy_conf->paths());
  p.livy_connector = std::make_unique<engine::livy::TcpReplConnector>();
  p.livy_batches = std::make_unique<engine::livy::BatchService>(*p.store, *p.executor, *p.tasks, p.clock, c,
                                                                *p.livy_batch_commands, *p.livy_gate);
  p.livy_sessions = std::make_unique<engine::livy::SessionService>(
      *p.store, *p.executor, *p.tasks, p.clock, c, *p.livy_session_launches, *p.livy_connector, *p.livy_gate,
      *script);
  if (auto ok = p.livy_batches->recover(); !ok) return ok;
  if (auto ok = p.livy_sessions->recover(); !ok) return ok;
  auto* batches = p.livy_batches.get();
  auto* sessions = p.livy_sessions.get();
  auto by_state = [](const std::map<std::string, std::int64_t>& counts) {
    Metrics::GaugeFn::result_type out;
    for (const auto& [state, n] : counts) out.emplace_back(fmt::format("state=\"{}\"", state), static_cast<double>(n));
    return out;
  };
  p.metrics.gauge("jobflow_livy_batches", "Livy batches by state.", [batches, by_state] { return by_state(batches->counts()); });
  p.metrics.gauge("jobflow_livy_sessions", "Livy sessions by state.", [sessions, by_state] { return by_state(sessions->counts()); });
  spdlog::info("event=livy_ready spark_submit=\"{}\" master={}", c.spark_submit.empty() ? "none" : c.spark_submit,
               c.spark_master);
  return {};
}

std::uint16_t Application::port() const { return parts_ ? parts_->server->port() : 0; }

void Application::stop() {
  if (!parts_) return;
  // Reverse order of construction. Jobs are not touched: they outlive the server and are
  // re-attached by the next start.
  parts_->server->stop();
  parts_->sfn_http->stop();  // requests in flight are dropped before the engine's queue stops
  parts_->invoker->shutdown();  // warm instances are not kept across restarts
  parts_->tasks->stop();
  parts_->livy_connector->stop();
  parts_->executor->shutdown();
  parts_.reset();
  spdlog::info("event=server_stopped");
}

int Application::run_until_signal() {
  if (auto ok = start(); !ok) {
    spdlog::critical("event=start_failed error=\"{}\"", ok.error().message);
    return 1;
  }
  const int sig = http::wait_for_shutdown_signal();
  spdlog::info("event=shutdown signal={}", sig);
  stop();
  return 0;
}

}  // namespace jobflow::app
