#include "frontend/livy/livy_api.h"

#include <memory>
#include <regex>

#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {
namespace {

// livy.server.csrf-protection.enabled: a request that can change something must say who sent it
// (any X-Requested-By value). Livy answers with Jetty's HTML error page; jobflow with Livy's JSON.
bool csrf_rejected(const LivyContext& context, const http::Request& request) {
  if (!context.options.csrf_protection) return false;
  if (request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS") return false;
  return !request.header("x-requested-by").has_value();
}

// `Accept: application/vnd.livy.v<version>+json` selects an API version; only 0.1 exists. Any
// other Accept value is fine.
bool unknown_api_version(const http::Request& request) {
  static const std::regex versioned(R"(application/vnd\.livy\.v([^+]*)\+json)");
  auto accept = request.header("accept");
  if (!accept) return false;
  std::cmatch match;
  const std::string value(*accept);
  if (!std::regex_search(value.c_str(), match, versioned)) return false;
  return match[1].str() != "0.1";
}

}  // namespace

Status register_livy_api(http::Router& router, engine::livy::BatchService& batches,
                         engine::livy::SessionService& sessions, LivyApiOptions options) {
  auto context = std::make_shared<const LivyContext>(LivyContext{batches, sessions, std::move(options)});
  Status status;
  auto add = [&](std::string_view method, std::string_view pattern, LivyOperation operation) {
    if (!status) return;
    status = router.add(method, pattern, [context, operation](http::Request request, http::Reply reply) {
      if (csrf_rejected(*context, request))
        return reply(to_wire(Error::invalid_input("csrf", "Missing Required Header for CSRF protection.")));
      if (unknown_api_version(request))
        return reply(http::Response::json(406, R"({"msg":"Unsupported API version."})"));
      operation(*context, std::move(request), std::move(reply));
    });
  };
  add("GET", "/version", get_version);

  add("GET", "/batches", list_batches);
  add("POST", "/batches", create_batch);
  add("GET", "/batches/{id}", get_batch);
  add("DELETE", "/batches/{id}", delete_batch);
  add("GET", "/batches/{id}/state", get_batch_state);
  add("GET", "/batches/{id}/log", get_batch_log);

  add("GET", "/sessions", list_sessions);
  add("POST", "/sessions", create_session);
  add("GET", "/sessions/{id}", get_session);
  add("DELETE", "/sessions/{id}", delete_session);
  add("GET", "/sessions/{id}/state", get_session_state);
  add("GET", "/sessions/{id}/log", get_session_log);
  add("POST", "/sessions/{id}/connect", connect_session);
  add("GET", "/sessions/{id}/statements", list_statements);
  add("POST", "/sessions/{id}/statements", create_statement);
  add("GET", "/sessions/{id}/statements/{sid}", get_statement);
  add("POST", "/sessions/{id}/statements/{sid}/cancel", cancel_statement);
  add("POST", "/sessions/{id}/completion", complete_code);
  for (const char* route : {"/sessions/{id}/submit-job", "/sessions/{id}/run-job", "/sessions/{id}/jobs/{jobid}/cancel",
                            "/sessions/{id}/upload-jar", "/sessions/{id}/upload-pyfile", "/sessions/{id}/upload-file",
                            "/sessions/{id}/add-jar", "/sessions/{id}/add-pyfile", "/sessions/{id}/add-file",
                            "/sessions/{id}/stop", "/sessions/{id}/interrupt"})
    add("POST", route, unsupported_job_api);
  add("GET", "/sessions/{id}/jobs/{jobid}", unsupported_job_api);
  return status;
}

}  // namespace jobflow::frontend::livy
