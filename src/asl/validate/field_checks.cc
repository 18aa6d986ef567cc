#include "asl/validate/field_checks.h"

#include <cctype>
#include <cmath>
#include <vector>

#include "asl/intrinsic/intrinsic.h"
#include "asl/jsonata/jsonata_template.h"
#include "asl/path/json_path.h"
#include "asl/path/reference_path.h"
#include "asl/template/payload_template.h"
#include "asl/validate/messages.h"

namespace jobflow::asl {
namespace {

// JSONata-only fields: in a JSONPath state AWS rejects them with their own message [fact,
// measured by floci #2968].
constexpr std::string_view kJsonataOnly[] = {"Arguments", "Output", "Items", "Condition"};

// JSONPath-only fields: in a JSONata state AWS rejects them with the mirror message
// [third-party, measured by floci: InputPath, OutputPath, ResultPath, ResultSelector, Parameters,
// Result, ItemsPath, MaxConcurrencyPath; the other *Path fields: infer].
constexpr std::string_view kJsonPathOnly[] = {
    "InputPath", "OutputPath", "ResultPath", "ResultSelector", "Parameters", "Result", "ItemsPath",
    "MaxConcurrencyPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
    "TimeoutSecondsPath", "HeartbeatSecondsPath", "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath", "MaxItemsPath", "MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"};

constexpr std::size_t kMaxVariableName = 80;

template <std::size_t N>
bool listed(const std::string_view (&names)[N], std::string_view key) {
  for (auto name : names) {
    if (name == key) return true;
  }
  return false;
}

std::string format_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  return text;
}

bool valid_variable_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxVariableName) return false;
  auto letter = [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;  // non-ASCII letters (UTF-8 bytes)
  };
  if (!letter(name.front())) return false;
  for (char c : name) {
    if (!letter(c) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

const Json* FieldChecks::find(std::string_view field) const { return object_.if_contains(field); }

void FieldChecks::known_field(std::string_view key, bool allowed) {
  if (allowed) return;
  bool jsonata_field = listed(kJsonataOnly, key);
  bool jsonpath_field = listed(kJsonPathOnly, key);
  if (language_ == Language::kDowngraded && (jsonata_field || jsonpath_field)) return;
  if (language_ == Language::kJsonPath && jsonata_field) {
    report_.schema_error(Messages::jsonata_only(key), location_);
  } else if (language_ == Language::kJsonata && jsonpath_field) {
    report_.schema_error(Messages::jsonpath_only(key), location_);
  } else {
    report_.schema_error(Messages::not_supported(key), location_);
  }
}

void FieldChecks::known_fields(std::initializer_list<std::string_view> allowed) {
  known_fields<std::initializer_list<std::string_view>>(allowed);
}

bool FieldChecks::required(std::initializer_list<std::string_view> fields) {
  std::vector<std::string_view> missing;
  for (auto field : fields) {
    if (!has(field)) missing.push_back(field);
  }
  if (missing.empty()) return true;
  report_.schema_error(Messages::required_fields(missing), location_);
  return false;
}

bool FieldChecks::exclusive(std::initializer_list<std::string_view> fields) {
  int present = 0;
  for (auto field : fields) present += has(field) ? 1 : 0;
  if (present <= 1) return true;
  report_.schema_error(Messages::only_one_of(std::vector<std::string_view>(fields)), location_);
  return false;
}

std::optional<std::string_view> FieldChecks::string(std::string_view field) {
  const Json* value = find(field);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    report_.schema_error(Messages::wrong_type(field, "a string"), field_location(field));
    return std::nullopt;
  }
  return std::string_view(value->as_string());
}

bool FieldChecks::boolean(std::string_view field) {
  const Json* value = find(field);
  if (!value) return false;
  if (!value->is_bool()) {
    report_.schema_error(Messages::wrong_type(field, "a boolean"), field_location(field));
    return false;
  }
  return true;
}

std::optional<std::int64_t> FieldChecks::integer(std::string_view field, std::int64_t minimum,
                                                 std::optional<std::int64_t> maximum) {
  const Json* value = find(field);
  if (!value) return std::nullopt;
  std::optional<double> number;
  if (value->is_int64()) number = static_cast<double>(value->as_int64());
  else if (value->is_uint64()) number = static_cast<double>(value->as_uint64());
  else if (value->is_double() && std::floor(value->as_double()) == value->as_double()) {
    number = value->as_double();
  }
  if (!number) {
    report_.schema_error(Messages::wrong_type(field, "an integer"), field_location(field));
    return std::nullopt;
  }
  bool below = *number < static_cast<double>(minimum);
  bool above = maximum && *number > static_cast<double>(*maximum);
  if (below || above) {
    report_.schema_error(
        maximum ? Messages::between(field, std::to_string(minimum), std::to_string(*maximum))
                : Messages::at_least(field, std::to_string(minimum)),
        field_location(field));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*number);
}

std::optional<double> FieldChecks::number(std::string_view field, double minimum,
                                          std::optional<double> maximum) {
  const Json* value = find(field);
  if (!value) return std::nullopt;
  if (!value->is_number()) {
    report_.schema_error(Messages::wrong_type(field, "a number"), field_location(field));
    return std::nullopt;
  }
  double number = value->to_number<double>();
  if (number < minimum || (maximum && number > *maximum)) {
    report_.schema_error(maximum ? Messages::between(field, format_number(minimum),
                                                     format_number(*maximum))
                                 : Messages::at_least(field, format_number(minimum)),
                         field_location(field));
    return std::nullopt;
  }
  return number;
}

bool FieldChecks::enumeration(std::string_view field,
                              std::initializer_list<std::string_view> values) {
  const Json* value = find(field);
  if (!value) return false;
  if (value->is_string()) {
    for (auto v : values) {
      if (value->as_string() == v) return true;
    }
  }
  report_.schema_error(Messages::enum_value(field, std::vector<std::string_view>(values)),
                       field_location(field));
  return false;
}

void FieldChecks::query_language() {
  const Json* value = find("QueryLanguage");
  if (!value) return;
  if (!value->is_string()) {
    report_.schema_error(Messages::expected_string(), field_location("QueryLanguage"));
  } else if (value->as_string() != "JSONPath" && value->as_string() != "JSONata") {
    report_.schema_error(Messages::query_language_value(), field_location("QueryLanguage"));
  }
}

const boost::json::object* FieldChecks::object(std::string_view field) {
  const Json* value = find(field);
  if (!value) return nullptr;
  if (!value->is_object()) {
    report_.schema_error(Messages::wrong_type(field, "an object"), field_location(field));
    return nullptr;
  }
  return &value->as_object();
}

const boost::json::array* FieldChecks::array(std::string_view field, bool non_empty) {
  const Json* value = find(field);
  if (!value) return nullptr;
  if (!value->is_array()) {
    report_.schema_error(Messages::wrong_type(field, "an array"), field_location(field));
    return nullptr;
  }
  if (non_empty && value->as_array().empty()) {
    report_.schema_error(Messages::empty_value(), field_location(field));
    return nullptr;
  }
  return &value->as_array();
}

void FieldChecks::path(std::string_view field, bool allow_null) {
  const Json* value = find(field);
  if (!value || (allow_null && value->is_null())) return;
  auto text = string(field);
  if (!text) return;
  auto parsed = JsonPath::parse(*text, field, field_location(field));
  if (!parsed) report_.schema_error(std::move(parsed.error()));
}

void FieldChecks::reference_path(std::string_view field, bool allow_null) {
  const Json* value = find(field);
  if (!value || (allow_null && value->is_null())) return;
  auto text = string(field);
  if (!text) return;
  auto parsed = ReferencePath::parse(*text, field, field_location(field));
  if (!parsed) report_.schema_error(std::move(parsed.error()));
}

void FieldChecks::path_or_intrinsic(std::string_view field) {
  auto text = string(field);
  if (!text) return;
  std::string_view copy = *text;
  if (Intrinsic::looks_like_call(copy)) {
    auto parsed = Intrinsic::parse(copy, field, field_location(field));
    if (!parsed) report_.schema_error(std::move(parsed.error()));
  } else {
    auto parsed = JsonPath::parse(copy, field, field_location(field));
    if (!parsed) report_.schema_error(std::move(parsed.error()));
  }
}

void FieldChecks::payload_template(std::string_view field) {
  const Json* value = find(field);
  if (!value) return;
  auto compiled = PayloadTemplate::compile(*value, field, field_location(field));
  if (!compiled) report_.schema_error(std::move(compiled.error()));
}

void FieldChecks::assign(std::string_view field) {
  const boost::json::object* assign = object(field);
  if (!assign) return;
  bool names_ok = true;
  for (const auto& entry : *assign) {
    std::string_view name = entry.key();
    if (!jsonata() && name.ends_with(".$")) name.remove_suffix(2);
    if (!valid_variable_name(name)) {
      report_.schema_error(Messages::invalid_variable_name(entry.key()), field_location(field));
      names_ok = false;
    }
  }
  if (!names_ok) return;
  if (jsonata()) {
    jsonata_template(field);
  } else {
    payload_template(field);
  }
}

void FieldChecks::jsonata_template(std::string_view field) {
  const Json* value = find(field);
  if (!value) return;
  auto compiled = JsonataTemplate::compile(*value, std::string(field), field_location(field));
  if (!compiled) report_.schema_error(std::move(compiled.error()));
}

bool FieldChecks::jsonata_expression(std::string_view field) {
  const Json* value = find(field);
  if (!value || !value->is_string() || !jsonata_expression_text(value->as_string())) return false;
  jsonata_template(field);
  return true;
}

}  // namespace jobflow::asl
