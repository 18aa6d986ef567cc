#include "cli/server_api.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <array>

namespace jobflow::cli {
namespace json = boost::json;
namespace {

std::string string_field(const json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->get_string()) : std::string();
}

// AWS error types and EMR error codes that mean "no such thing".
bool not_found_error(std::string_view type, std::string_view code) {
  static constexpr std::array<std::string_view, 5> kTypes{"ExecutionDoesNotExist", "StateMachineDoesNotExist",
                                                          "ResourceNotFound", "ActivityDoesNotExist",
                                                          "ResourceNotFoundException"};
  for (auto t : kTypes)
    if (type == t) return true;
  return code == "NoSuchCluster" || code == "NoSuchStep";
}

}  // namespace

ServerApi::ServerApi(std::string base_url, std::string region)
    : base_url_(std::move(base_url)), region_(std::move(region)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  http::ClientOptions options;
  options.base_url = base_url_;
  options.timeout = std::chrono::seconds(30);
  options.user_agent = "jobflow-cli";
  http_ = http::Client(options);
}

ApiResult<json::object> ServerApi::aws(std::string_view target, std::string_view content_type,
                                       std::string_view service, const json::object& body, std::string_view region) {
  http::Client::Headers headers{{"Content-Type", std::string(content_type)}, {"X-Amz-Target", std::string(target)}};
  std::string_view r = region.empty() ? std::string_view(region_) : region;
  if (!r.empty())
    headers.emplace_back("Authorization",
                         fmt::format("AWS4-HMAC-SHA256 Credential=jobflow/20260101/{}/{}/aws4_request, "
                                     "SignedHeaders=host, Signature=0",
                                     r, service));
  auto response = http_.post("/", json::serialize(body), headers);
  if (!response) return std::unexpected(ApiError{ApiError::Kind::kUnreachable, response.error().message});
  boost::system::error_code ec;
  json::value value = json::parse(response->body, ec);
  if (response->status != 200) {
    std::string type = ec ? std::string() : string_field(value, "__type");
    if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
    std::string message = ec ? std::string() : string_field(value, "message");
    if (message.empty() && !ec) message = string_field(value, "Message");
    std::string code = ec ? std::string() : string_field(value, "ErrorCode");
    auto kind = not_found_error(type, code) ? ApiError::Kind::kNotFound : ApiError::Kind::kOther;
    return std::unexpected(ApiError{
        kind, fmt::format("{}: {}", type.empty() ? fmt::format("HTTP {}", response->status) : type, message)});
  }
  if (ec || !value.is_object())
    return std::unexpected(ApiError{ApiError::Kind::kOther, fmt::format("{}: the answer is not a JSON object", target)});
  return std::move(value.as_object());
}

ApiResult<json::object> ServerApi::emr(std::string_view operation, const json::object& body) {
  return aws(fmt::format("ElasticMapReduce.{}", operation), "application/x-amz-json-1.1", "elasticmapreduce", body,
             {});
}

ApiResult<json::object> ServerApi::sfn(std::string_view operation, const json::object& body, std::string_view region) {
  return aws(fmt::format("AWSStepFunctions.{}", operation), "application/x-amz-json-1.0", "states", body, region);
}

ApiResult<http::Response> ServerApi::get(std::string_view path) {
  auto response = http_.get(path, {{"Accept", "application/json"}});
  if (!response) return std::unexpected(ApiError{ApiError::Kind::kUnreachable, response.error().message});
  return std::move(*response);
}

ApiResult<json::value> ServerApi::livy(std::string_view path) {
  auto response = get(path);
  if (!response) return std::unexpected(response.error());
  boost::system::error_code ec;
  json::value value = json::parse(response->body, ec);
  if (response->status != 200) {
    std::string message = ec ? response->body : string_field(value, "msg");
    if (message.empty()) message = response->body;
    auto kind = response->status == 404 ? ApiError::Kind::kNotFound : ApiError::Kind::kOther;
    return std::unexpected(ApiError{kind, fmt::format("GET {}: HTTP {} {}", path, response->status, message)});
  }
  if (ec) return std::unexpected(ApiError{ApiError::Kind::kOther, fmt::format("GET {}: the answer is not JSON", path)});
  return value;
}

}  // namespace jobflow::cli
