#pragma once

#include <expected>
#include <initializer_list>
#include <string>
#include <string_view>

// The errors of the JSONata engine, with the reference implementation's codes and message texts
// (jsonata-js `errorCodes` in src/jsonata.js). One table for the whole engine: parser, evaluator and
// function library all build their errors through `error()`.
namespace jobflow::jsonata {

struct JsonataError {
  std::string code;     // "D3110", "S0201", "T2001", ...
  std::string message;  // the reference's text for `code`, inserts substituted
  // Filled by the engine where it knows them (the reference's err.position / err.token / err.value).
  int position = -1;
  std::string token;
  std::string value;
};

template <class T>
using JResult = std::expected<T, JsonataError>;

// One substitution for a message template. The reference writes `{{name}}` as JSON.stringify(value)
// and `{{{name}}}` as the value itself, so an insert carries both renderings.
struct ErrorInsert {
  std::string_view name;  // "value", "token", "index", "value2", "type", "exp", "message", ...
  std::string raw;        // for {{{name}}}
  std::string json;       // for {{name}}

  // A string value: {{name}} shows it quoted and escaped, {{{name}}} as it is.
  static ErrorInsert text(std::string_view name, std::string_view value);
  // A value already written as JSON (a number as JavaScript prints it, true, null, ...).
  static ErrorInsert literal(std::string_view name, std::string_view json_text);
};

// The reference's message template for `code`, or an empty view for a code it does not know.
std::string_view error_template(std::string_view code);

// The error `code` with its message filled in from the table. An insert the template names but
// that is not given reads "undefined", as in the reference. `value` and `token` members are set
// from the inserts of those names.
JsonataError error(std::string_view code, std::initializer_list<ErrorInsert> inserts = {});

// `std::unexpected(error(...))`, for returning from functions that yield JResult<T>.
inline std::unexpected<JsonataError> fail(std::string_view code,
                                          std::initializer_list<ErrorInsert> inserts = {}) {
  return std::unexpected<JsonataError>(error(code, inserts));
}

}  // namespace jobflow::jsonata
