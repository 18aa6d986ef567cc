#include "frontend/livy/livy_errors.h"

#include "base/json_string.h"

namespace jobflow::frontend::livy {
namespace {

std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string msg(std::string_view text) { return "{\"msg\":" + quoted(text) + "}"; }

}  // namespace

http::Response to_wire(const Error& error, LivyCall call) {
  switch (error.code) {
    case ErrorCode::kInvalidInput:
      if (error.resource == "body") return http::Response::json(400, quoted(error.message));
      [[fallthrough]];
    case ErrorCode::kInvalidState:
      return http::Response::json(400, msg(call == LivyCall::kCreate ? "Rejected, Reason: " + error.message
                                                                      : error.message));
    case ErrorCode::kNotFound:
      if (error.resource == "statement") return http::Response::json(404, quoted(error.message));
      return http::Response::json(404, msg(error.message));
    case ErrorCode::kLimitExceeded:
    case ErrorCode::kUnsupported:
      return http::Response::json(400, msg(error.message));
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kConflict:
      return http::Response::json(409, msg(error.message));
    case ErrorCode::kTooLarge:
      return http::Response::json(413, msg(error.message));
    case ErrorCode::kInternal:
      break;
  }
  return http::Response::json(500, msg(error.message));
}

}  // namespace jobflow::frontend::livy
