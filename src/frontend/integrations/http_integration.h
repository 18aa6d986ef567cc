#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "engine/sfn/integration.h"
#include "frontend/integrations/http_host_allow_list.h"
#include "frontend/integrations/http_task_client.h"

namespace jobflow::frontend {

// Step Functions' HTTP task, arn:aws:states:::http:invoke: calls any HTTP(S) endpoint the
// server's allow list permits (loopback by default: jobflow's own Livy and functions APIs, local
// services) and answers AWS's {Headers, ResponseBody, StatusCode, StatusText}. Parameters as
// HttpTaskRequest decodes them; the response as HttpTaskResponse shapes it; failures:
//   States.Runtime                   parameters that cannot start the task, forbidden headers,
//                                    an unreadable response body
//   States.Http.StatusCode.<code>    a response outside 2xx (cause: the response as JSON)
//   States.Http.Socket               a host outside the allow list, DNS, connection or TLS
//                                    errors, the 60-second timeout
//   States.DataLimitExceeded         a response body past 256 KiB
// EventBridge connections do not exist in jobflow: a ConnectionArn is accepted (and checked
// for shape) but its credentials are not applied; authentication goes in Headers.
class HttpIntegration final : public engine::sfn::Integration {
 public:
  explicit HttpIntegration(HttpHostAllowList allow, HttpTaskClientOptions options = {});

  bool handles(std::string_view resource) const override;
  void start(const engine::sfn::TaskContext& context, const asl::TaskRequest& task,
             engine::sfn::TaskCallbacks callbacks) override;
  void cancel(const engine::sfn::TaskContext& context, std::int64_t task_id) override;

  // Abandons the requests in flight (their answers are dropped) and joins the client's thread.
  // The composition root calls it before the engine's queue stops; the destructor does too.
  void stop() { client_.stop(); }

 private:
  using TaskKey = std::pair<std::string, std::int64_t>;  // execution ARN, task id

  HttpTaskClient client_;
  std::mutex mutex_;
  std::map<TaskKey, std::uint64_t> requests_;  // tasks waiting for their answer → client call id
};

}  // namespace jobflow::frontend
