#include "frontend/integrations/http_integration.h"

#include <spdlog/spdlog.h>

namespace jobflow::frontend {
namespace {

constexpr std::string_view kHttpInvoke = "arn:aws:states:::http:invoke";

}  // namespace

HttpIntegration::HttpIntegration(HttpHostAllowList allow, HttpTaskClientOptions options)
    : client_(std::move(allow), options) {}

bool HttpIntegration::handles(std::string_view resource) const { return resource == kHttpInvoke; }

void HttpIntegration::start(const engine::sfn::TaskContext& context, const asl::TaskRequest& task,
                            engine::sfn::TaskCallbacks callbacks) {
  auto request = HttpTaskRequest::decode(task.parameters ? *task.parameters : asl::Json(), context.region);
  if (!request) return callbacks.failed(std::move(request.error()));
  if (!request->connection_arn.empty()) {
    // Said plainly in the log too: the definition names credentials jobflow cannot apply.
    spdlog::info("event=sfn_http_connection_not_applied execution={} state=\"{}\" connection={}",
                 context.execution_arn, task.state_name, request->connection_arn);
  }
  spdlog::debug("event=sfn_http_request execution={} state=\"{}\" method={} host={} port={}", context.execution_arn,
                task.state_name, request->method, request->host, request->port);
  TaskKey key{context.execution_arn, task.id};
  // Held while sending, so that an answer (delivered on the client's thread) finds its entry.
  std::lock_guard lock(mutex_);
  requests_[key] = client_.send(std::move(*request), task.state_name,
                                [this, key, callbacks = std::move(callbacks)](asl::Outcome<HttpTaskResponse> answer) {
                                  {
                                    std::lock_guard lock(mutex_);
                                    requests_.erase(key);
                                  }
                                  if (!answer) return callbacks.failed(std::move(answer.error()));
                                  auto output = answer->to_output();
                                  if (!output) return callbacks.failed(std::move(output.error()));
                                  callbacks.succeeded(std::move(*output));
                                });
}

void HttpIntegration::cancel(const engine::sfn::TaskContext& context, std::int64_t task_id) {
  std::uint64_t call = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = requests_.find({context.execution_arn, task_id});
    if (it == requests_.end()) return;
    call = it->second;
    requests_.erase(it);
  }
  client_.cancel(call);
}

}  // namespace jobflow::frontend
