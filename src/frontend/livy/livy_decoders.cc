#include "frontend/livy/livy_decoders.h"

#include <array>

#include "frontend/livy/jackson_binding.h"
#include "frontend/livy/java_text.h"

namespace jobflow::frontend::livy {
namespace {

// Livy's request classes, their fields in declaration order (Livy HEAD: server/.../batch/
// CreateBatchRequest.scala, interactive/CreateInteractiveRequest.scala, core/.../msgs.scala).
constexpr std::array<std::string_view, 16> kBatchProperties{
    "file", "proxyUser", "args", "className", "jars", "pyFiles", "files", "driverMemory",
    "driverCores", "executorMemory", "executorCores", "numExecutors", "archives", "queue", "name", "conf"};
constexpr std::array<std::string_view, 17> kSessionProperties{
    "kind", "proxyUser", "jars", "pyFiles", "files", "driverMemory", "driverCores", "executorMemory",
    "executorCores", "numExecutors", "archives", "queue", "name", "conf", "heartbeatTimeoutInSecond", "ttl",
    "idleTimeout"};
// case class ExecuteRequest(code: String, kind: Option[String]) { val msg_type = ... }
constexpr std::array<std::string_view, 3> kStatementProperties{"code", "kind", "msg_type"};
// case class CompletionRequest(code: String, kind: String, cursor: Int)
constexpr std::array<std::string_view, 3> kCompletionProperties{"code", "kind", "cursor"};

constexpr JavaBean kBatchBean{"org.apache.livy.server.batch.CreateBatchRequest", kBatchProperties, 0};
constexpr JavaBean kSessionBean{"org.apache.livy.server.interactive.CreateInteractiveRequest", kSessionProperties, 0};
constexpr JavaBean kStatementBean{"org.apache.livy.ExecuteRequest", kStatementProperties, 2};
constexpr JavaBean kCompletionBean{"org.apache.livy.CompletionRequest", kCompletionProperties, 3};

bool is_null(const JacksonParser& p) { return p.current_token() == JsonToken::kNull; }

// Option[String] (and a String whose null Livy treats as absent).
std::optional<std::string> optional_string(JacksonParser& p) {
  if (is_null(p)) return std::nullopt;
  return read_string(p);
}

std::vector<std::string> string_list(JacksonParser& p, std::string_view property) {
  if (is_null(p)) return {};
  return read_string_list(p, property);
}

// Option[Int]: erased to Option[Object] in Livy, so Jackson binds any JSON there and Livy fails
// later (a 500 ClassCastException); read as java.lang.Integer instead, as LIVY-1083 proposes:
// numeric strings coerce, anything else is a 400.
std::optional<std::int64_t> optional_int(JacksonParser& p) {
  if (is_null(p)) return std::nullopt;
  return read_integer(p);
}

// The fields CreateBatchRequest and CreateInteractiveRequest share.
bool bind_job_field(JacksonParser& p, std::string_view name, model::LivyJobFields& f) {
  if (name == "proxyUser") {
    f.proxy_user = optional_string(p);
  } else if (name == "jars") {
    f.jars = string_list(p, name);
  } else if (name == "pyFiles") {
    f.py_files = string_list(p, name);
  } else if (name == "files") {
    f.files = string_list(p, name);
  } else if (name == "archives") {
    f.archives = string_list(p, name);
  } else if (name == "driverMemory") {
    f.driver_memory = optional_string(p);
  } else if (name == "driverCores") {
    f.driver_cores = optional_int(p);
  } else if (name == "executorMemory") {
    f.executor_memory = optional_string(p);
  } else if (name == "executorCores") {
    f.executor_cores = optional_int(p);
  } else if (name == "numExecutors") {
    f.num_executors = optional_int(p);
  } else if (name == "queue") {
    f.queue = optional_string(p);
  } else if (name == "name") {
    f.name = optional_string(p);
  } else if (name == "conf") {
    f.conf = is_null(p) ? decltype(f.conf){} : read_string_map(p, name);
  } else {
    return false;
  }
  return true;
}

// Livy's Kind deserializer (core/.../sessions/Kind.scala, SessionKindModule): its
// IllegalArgumentExceptions carry no location; Jackson adds the reference chain.
model::LivyKind read_session_kind(JacksonParser& p) {
  if (p.current_token() != JsonToken::kString)
    throw JacksonError{JacksonError::Kind::kOther, "requirement failed: Kind should be a string.", std::nullopt, {}};
  const std::string& text = p.text();
  if (auto kind = model::kLivyKindInputs.parse(text)) return *kind;
  throw JacksonError{JacksonError::Kind::kOther, "Invalid kind: " + text, std::nullopt, {}};
}

template <class T, class Bind>
Result<T> decode(std::string_view body, const JavaBean& bean, T request, Bind&& bind) {
  try {
    JacksonParser p(body);
    begin_bean(p, bean);
    bind_properties(p, bean, [&](std::string_view name) { return bind(p, name, request); });
  } catch (const JacksonError& e) {
    return fail(Error::invalid_input("body", e.text()));
  }
  return request;
}

// Kinds of statements and completions are plain strings in Livy, checked by the interpreter
// with Kind(...) — an IllegalArgumentException "Invalid kind: x".
Result<model::LivyKind> statement_kind(const std::string& text) {
  if (auto kind = model::kLivyKindInputs.parse(text)) return *kind;
  return fail(Error::invalid_input("kind", "Invalid kind: " + text));
}

// ExecuteRequest and CompletionRequest as bound, before the kind is checked.
struct KindAndCode {
  std::optional<std::string> code;
  std::optional<std::string> kind;
  std::int32_t cursor = 0;
};

Error missing_code() { return Error::invalid_input("code", "requirement failed: Code is required."); }

}  // namespace

Result<model::BatchRequest> decode_batch_request(std::string_view body) {
  return decode(body, kBatchBean, model::BatchRequest{},
                [](JacksonParser& p, std::string_view name, model::BatchRequest& r) {
                  if (name == "file") {
                    r.file = optional_string(p).value_or("");  // missing: "File is required." (engine)
                  } else if (name == "className") {
                    r.class_name = optional_string(p);
                  } else if (name == "args") {
                    r.args = string_list(p, name);
                  } else {
                    return bind_job_field(p, name, r.fields);
                  }
                  return true;
                });
}

Result<model::SessionRequest> decode_session_request(std::string_view body) {
  return decode(body, kSessionBean, model::SessionRequest{},
                [](JacksonParser& p, std::string_view name, model::SessionRequest& r) {
                  if (name == "kind") {
                    r.kind = is_null(p) ? model::LivyKind::kShared : read_session_kind(p);
                  } else if (name == "heartbeatTimeoutInSecond") {
                    r.heartbeat_timeout_s = read_int(p);
                  } else if (name == "ttl") {
                    r.ttl = optional_string(p);
                  } else if (name == "idleTimeout") {
                    r.idle_timeout = optional_string(p);
                  } else {
                    return bind_job_field(p, name, r.fields);
                  }
                  return true;
                });
}

Result<model::StatementRequest> decode_statement_request(std::string_view body) {
  auto bound = decode(body, kStatementBean, KindAndCode{},
                      [](JacksonParser& p, std::string_view name, KindAndCode& r) {
                        if (name == "code") {
                          r.code = optional_string(p);
                        } else if (name == "kind") {
                          r.kind = optional_string(p);
                        } else if (name == "msg_type") {
                          // A val of the case class, bindable in principle: its type is an abstract trait.
                          if (!is_null(p))
                            throw JacksonError{JacksonError::Kind::kMapping,
                                               "Cannot construct instance of `org.apache.livy.MsgType` (no Creators, "
                                               "like default constructor, exist): abstract types either need to be "
                                               "mapped to concrete types, have custom deserializer, or contain "
                                               "additional type information",
                                               p.token_location(),
                                               {}};
                        } else {
                          return false;
                        }
                        return true;
                      });
  if (!bound) return fail(bound.error());
  if (!bound->code) return fail(missing_code());
  model::StatementRequest request{*bound->code, std::nullopt};
  if (bound->kind) {
    auto kind = statement_kind(*bound->kind);
    if (!kind) return fail(kind.error());
    request.kind = *kind;
  }
  return request;
}

Result<model::CompletionRequest> decode_completion_request(std::string_view body) {
  auto bound = decode(body, kCompletionBean, KindAndCode{},
                      [](JacksonParser& p, std::string_view name, KindAndCode& r) {
                        if (name == "code") {
                          r.code = optional_string(p);
                        } else if (name == "kind") {
                          r.kind = optional_string(p);
                        } else if (name == "cursor") {
                          r.cursor = read_int(p);
                        } else {
                          return false;
                        }
                        return true;
                      });
  if (!bound) return fail(bound.error());
  if (!bound->code) return fail(missing_code());
  auto kind = statement_kind(bound->kind.value_or("null"));  // Livy: Kind(null) -> "Invalid kind: null"
  if (!kind) return fail(kind.error());
  return model::CompletionRequest{*bound->code, *kind, bound->cursor};
}

Result<std::int64_t> parse_int_param(std::string_view text) {
  if (auto v = java_parse_int(text)) return *v;
  return fail(Error::invalid_input("query", "For input string: \"" + std::string(text) + "\""));
}

}  // namespace jobflow::frontend::livy
