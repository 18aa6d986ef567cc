#include "frontend/api/jobflow_api.h"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace jobflow::frontend {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxLogChunk = 1 << 20;

http::Response api_error(const Error& e) {
  int status = 500;
  switch (e.code) {
    case ErrorCode::kNotFound: status = 404; break;
    case ErrorCode::kInvalidInput: status = 400; break;
    default: break;
  }
  return http::Response::json(status, json::serialize(json::object{{"error", to_string(e.code)}, {"message", e.message}}));
}

}  // namespace

void register_jobflow_api(http::Router& router, engine::EmrService& emr, Metrics& metrics) {
  (void)router.add("GET", "/health", [](http::Request, http::Reply reply) {
    reply(http::Response::json(200, R"({"status":"ok"})"));
  });
  (void)router.add("GET", "/metrics", [&metrics, &emr](http::Request, http::Reply reply) {
    std::string body = metrics.render();
    body += "# HELP jobflow_emr_steps Steps by state.\n# TYPE jobflow_emr_steps gauge\n";
    for (const auto& [state, n] : emr.step_counts()) body += fmt::format("jobflow_emr_steps{{state=\"{}\"}} {}\n", state, n);
    body += "# HELP jobflow_emr_clusters Clusters by state.\n# TYPE jobflow_emr_clusters gauge\n";
    for (const auto& [state, n] : emr.cluster_counts()) body += fmt::format("jobflow_emr_clusters{{state=\"{}\"}} {}\n", state, n);
    auto r = http::Response::text(200, std::move(body));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    reply(std::move(r));
  });
  (void)router.add("GET", "/jobflow/v1/emr/clusters/{cluster}/steps/{step}/logs/{file}",
                   [&emr](http::Request request, http::Reply reply) {
                     std::int64_t offset = 0, size = kMaxLogChunk;
                     try {
                       if (auto o = request.query_param("offset")) offset = std::stoll(*o);
                       if (auto s = request.query_param("size")) size = std::min<std::int64_t>(kMaxLogChunk, std::stoll(*s));
                     } catch (const std::exception&) {
                       reply(api_error(Error::invalid_input("log", "offset and size must be integers")));
                       return;
                     }
                     if (offset < 0 || size <= 0) {
                       reply(api_error(Error::invalid_input("log", "offset must be >= 0 and size > 0")));
                       return;
                     }
                     auto chunk = emr.read_step_log(request.path_param("cluster").value_or(""),
                                                    request.path_param("step").value_or(""),
                                                    request.path_param("file").value_or(""), offset, size);
                     if (!chunk) {
                       reply(api_error(chunk.error()));
                       return;
                     }
                     auto r = http::Response::text(200, std::move(chunk->data));
                     r.content_type = "application/octet-stream";
                     r.headers.emplace_back("x-jobflow-next-offset", std::to_string(chunk->next_offset));
                     r.headers.emplace_back("x-jobflow-complete", chunk->complete ? "true" : "false");
                     reply(std::move(r));
                   });
}

}  // namespace jobflow::frontend
