#include "frontend/aws_json/aws_json_service.h"

#include "base/json_parse.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace jobflow::frontend {
namespace json = boost::json;

std::string AwsBody::serialize() const { return is_raw_ ? raw_ : json::serialize(doc_); }

AwsJsonService::AwsJsonService(Options options, Metrics& metrics) : options_(std::move(options)), metrics_(metrics) {}

void AwsJsonService::add(std::string operation, AwsOperation fn) {
  operations_[std::move(operation)] = Operation{std::move(fn), {}};
}

void AwsJsonService::add_async(std::string operation, AwsAsyncOperation fn) {
  operations_[std::move(operation)] = Operation{{}, std::move(fn)};
}

void AwsJsonService::finish(const AwsRequestContext& ctx, std::chrono::steady_clock::time_point started,
                            const http::Reply& reply, http::Response response) const {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string op = ctx.operation.empty() ? "unknown" : ctx.operation;
  metrics_.counter("jobflow_aws_requests_total",
                   fmt::format("service=\"{}\",operation=\"{}\",status=\"{}\"", options_.target_prefix, op,
                               response.status))
      .inc();
  metrics_.histogram("jobflow_aws_request_duration_seconds",
                     fmt::format("service=\"{}\",operation=\"{}\"", options_.target_prefix, op))
      .observe(seconds);
  if (response.status >= 400)
    spdlog::info("request_id={} service={} operation={} status={} error=\"{}\"", ctx.request_id,
                 options_.target_prefix, op, response.status, response.body.substr(0, 300));
  reply(std::move(response));
}

void AwsJsonService::respond(const AwsRequestContext& ctx, std::chrono::steady_clock::time_point started,
                             const http::Reply& reply, AwsResult result) const {
  if (!result) return finish(ctx, started, reply, error_response(result.error()));
  http::Response r = http::Response::json(200, result->serialize());
  r.content_type = "application/x-amz-json-" + options_.json_version;
  finish(ctx, started, reply, std::move(r));
}

std::string AwsJsonService::region_from_authorization(std::string_view auth) {
  auto pos = auth.find("Credential=");
  if (pos == std::string_view::npos) return {};
  auto scope = auth.substr(pos + 11);
  scope = scope.substr(0, scope.find_first_of(", "));
  // AKID/DATE/REGION/SERVICE/aws4_request
  std::size_t slash = 0;
  for (int i = 0; i < 2; ++i) {
    slash = scope.find('/', slash);
    if (slash == std::string_view::npos) return {};
    ++slash;
  }
  auto end = scope.find('/', slash);
  if (end == std::string_view::npos) return {};
  return std::string(scope.substr(slash, end - slash));
}

http::Response AwsJsonService::error_response(const WireError& error) const {
  json::object body{{"__type", error.type}, {options_.message_key, error.message}};
  if (!error.error_code.empty()) body["ErrorCode"] = error.error_code;
  http::Response r = http::Response::json(error.status, json::serialize(body));
  r.content_type = "application/x-amz-json-" + options_.json_version;
  r.headers.emplace_back("x-amzn-ErrorType", error.type);
  return r;
}

void AwsJsonService::handle(http::Request request, http::Reply reply) {
  const auto started = std::chrono::steady_clock::now();
  AwsRequestContext ctx;
  ctx.request_id = request.request_id;
  ctx.account = options_.account;
  ctx.region = region_from_authorization(request.header("authorization").value_or(""));
  if (ctx.region.empty()) ctx.region = options_.default_region;

  auto finish = [&](http::Response response) { this->finish(ctx, started, reply, std::move(response)); };

  if (request.method != "POST") {
    finish(error_response({405, "UnknownOperationException", "AWS JSON requests must be POSTed to /."}));
    return;
  }
  const std::string target(request.header("x-amz-target").value_or(""));
  const std::string prefix = options_.target_prefix + ".";
  if (!target.starts_with(prefix)) {
    finish(error_response({400, "UnknownOperationException", fmt::format("Unknown target: '{}'.", target)}));
    return;
  }
  ctx.operation = target.substr(prefix.size());
  auto op = operations_.find(ctx.operation);
  if (op == operations_.end()) {
    ctx.operation.clear();
    finish(error_response({400, "UnknownOperationException",
                           fmt::format("The operation '{}' is not supported by this endpoint.", target)}));
    return;
  }
  const std::string content_type(request.header("content-type").value_or(""));
  const std::string ct = content_type.substr(0, content_type.find(';'));
  if (!ct.empty() && ct != "application/x-amz-json-1.0" && ct != "application/x-amz-json-1.1" &&
      ct != "application/json") {
    finish(error_response({400, "SerializationException",
                           fmt::format("Unsupported content type '{}': expected application/x-amz-json-{}.", ct,
                                       options_.json_version)}));
    return;
  }
  json::object input;
  if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    boost::system::error_code ec;
    json::value parsed = parse_json_exact(request.body, ec);
    if (ec) {
      finish(error_response({400, "SerializationException", fmt::format("The request body is not valid JSON: {}.", ec.message())}));
      return;
    }
    if (!parsed.is_object()) {
      finish(error_response({400, "SerializationException", "The request body must be a JSON object."}));
      return;
    }
    input = std::move(parsed.as_object());
  }
  if (op->second.async) {
    // Answers later, from whichever thread calls `done`; the Reply is shared by the copies.
    AwsReply done = [this, ctx, started, reply](AwsResult result) { respond(ctx, started, reply, std::move(result)); };
    try {
      op->second.async(ctx, input, done);
    } catch (const std::exception& e) {
      spdlog::error("request_id={} operation={} event=exception error=\"{}\"", ctx.request_id, ctx.operation, e.what());
      done(std::unexpected(WireError{500, "InternalServerError", "An internal error occurred."}));
    }
    return;
  }
  AwsResult result;
  try {
    result = op->second.sync(ctx, input);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} operation={} event=exception error=\"{}\"", ctx.request_id, ctx.operation, e.what());
    result = std::unexpected(WireError{500, "InternalServerError", "An internal error occurred."});
  }
  respond(ctx, started, reply, std::move(result));
}

}  // namespace jobflow::frontend

namespace jobflow::frontend {

AwsResult AwsJsonService::invoke(const std::string& operation, const AwsRequestContext& context,
                                 const boost::json::object& input) const {
  auto it = operations_.find(operation);
  if (it == operations_.end() || !it->second.sync) {
    return std::unexpected(WireError{400, "UnknownOperationException", ""});
  }
  return it->second.sync(context, input);
}

}  // namespace jobflow::frontend
