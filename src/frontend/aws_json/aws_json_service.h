#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <expected>
#include <functional>
#include <string>
#include <unordered_map>

#include "base/metrics.h"
#include "frontend/aws_json/wire_error.h"
#include "http/handler.h"

namespace jobflow::frontend {

struct AwsRequestContext {
  std::string operation;
  std::string region;      // from the SigV4 credential scope; default us-east-1
  std::string account;     // the account jobflow answers for
  std::string request_id;
};

// JSON text an operation already wrote (hot paths use JsonWriter instead of a document).
struct RawJson {
  std::string text;
};

// What an operation answers: a JSON document, or raw JSON text.
class AwsBody {
 public:
  AwsBody() = default;
  AwsBody(boost::json::value doc) : doc_(std::move(doc)) {}
  AwsBody(boost::json::object doc) : doc_(std::move(doc)) {}
  AwsBody(boost::json::array doc) : doc_(std::move(doc)) {}
  AwsBody(RawJson raw) : raw_(std::move(raw.text)), is_raw_(true) {}
  std::string serialize() const;

 private:
  boost::json::value doc_;
  std::string raw_;
  bool is_raw_ = false;
};

using AwsResult = std::expected<AwsBody, WireError>;
using AwsOperation = std::function<AwsResult(const AwsRequestContext&, const boost::json::object& input)>;
// An operation that answers later (long polls, StartSyncExecution): it returns at once and calls
// `reply` exactly once, from any thread; the response is then written on the connection's own
// executor (http::Reply does that), so the operation never holds an io thread while it waits.
using AwsReply = std::function<void(AwsResult)>;
using AwsAsyncOperation =
    std::function<void(const AwsRequestContext&, const boost::json::object& input, AwsReply reply)>;

// One AWS JSON protocol service (EMR: ElasticMapReduce, JSON 1.1; Step Functions: AWSStepFunctions,
// JSON 1.0): checks the request's framing, dispatches on X-Amz-Target to the operation table and
// writes results and errors the way AWS SDKs parse them. The only writer of AWS error bodies.
class AwsJsonService final : public http::Handler {
 public:
  struct Options {
    std::string target_prefix;        // "ElasticMapReduce"
    std::string json_version = "1.1"; // content type application/x-amz-json-<version>
    std::string message_key = "message";
    std::string account = "123456789012";
    std::string default_region = "us-east-1";
  };

  AwsJsonService(Options options, Metrics& metrics);
  void add(std::string operation, AwsOperation fn);
  void add_async(std::string operation, AwsAsyncOperation fn);
  void handle(http::Request request, http::Reply reply) override;

  http::Response error_response(const WireError& error) const;

  // Calls an operation in-process, as a client would over the wire but without HTTP (Step
  // Functions' service integrations use it: the same validation, errors and shapes). Sync
  // operations only: an async one answers UnknownOperationException here.
  AwsResult invoke(const std::string& operation, const AwsRequestContext& context,
                   const boost::json::object& input) const;
  // Region from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request`.
  static std::string region_from_authorization(std::string_view authorization);

 private:
  struct Operation {
    AwsOperation sync;
    AwsAsyncOperation async;  // set instead of `sync` for operations that answer later
  };
  // Writes the metrics and the log line, then the response.
  void finish(const AwsRequestContext& ctx, std::chrono::steady_clock::time_point started, const http::Reply& reply,
              http::Response response) const;
  // An operation's result as the HTTP response.
  void respond(const AwsRequestContext& ctx, std::chrono::steady_clock::time_point started, const http::Reply& reply,
               AwsResult result) const;

  Options options_;
  Metrics& metrics_;
  std::unordered_map<std::string, Operation> operations_;
};

}  // namespace jobflow::frontend
