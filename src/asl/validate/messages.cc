#include "asl/validate/messages.h"

namespace jobflow::asl {
namespace {

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string quoted(std::string_view field) {
  std::string out;  // (not "'" + ...: GCC 12 warns falsely about such concatenations, PR105329)
  out.reserve(field.size() + 2);
  out += '\'';
  out += field;
  out += '\'';
  return out;
}

}  // namespace

std::string Messages::required_fields(const std::vector<std::string_view>& fields) {
  return "These fields are required: [" + join(fields) + "]";
}
std::string Messages::required_field(std::string_view field) {
  return "The field " + quoted(field) + " is required but was missing";
}
std::string Messages::enum_value(std::string_view field, const std::vector<std::string_view>& values) {
  return "The field " + quoted(field) + " should have one of these values: [" + join(values) + "]";
}
std::string Messages::empty_value() { return "Value cannot be empty"; }
std::string Messages::not_supported(std::string_view field) {
  return "Field " + quoted(field) + " is not supported";
}
std::string Messages::jsonata_only(std::string_view field) {
  return "The QueryLanguage is set to 'JSONPath', but field " + quoted(field) +
         " is only supported for the 'JSONata' QueryLanguage";
}
std::string Messages::jsonpath_only(std::string_view field) {
  return "The QueryLanguage is set to 'JSONata', but field " + quoted(field) +
         " is only supported for the 'JSONPath' QueryLanguage";
}
std::string Messages::query_language_downgrade() {
  return "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
}
std::string Messages::query_language_value() {
  return "Value should be one of the following: [JSONPath, JSONata]";
}
std::string Messages::expected_string() { return "Expected value of type [STRING]"; }
std::string Messages::missing_next(std::string_view target) {
  return "Missing 'Next' target: " + std::string(target);
}
std::string Messages::unreachable(std::string_view state) {
  return "State \"" + std::string(state) + "\" is not reachable.";
}
std::string Messages::no_terminal_state() { return "Workflow has no terminal state"; }
std::string Messages::express_sync() {
  return "Express state machine does not support '.sync' service integration";
}
std::string Messages::express_callback() {
  // The trailing space is AWS's (recorded: "... integration  at /States/...").
  return "Express state machine does not support '.waitForTaskToken' service integration ";
}
std::string Messages::express_activity() {
  return "Express state machine does not support Activity ARN";
}
std::string Messages::unrecognized_resource(std::string_view resource) {
  return "The resource provided " + std::string(resource) +
         " is not recognized. The value is not a valid resource ARN, or the resource is not "
         "available in this region.";
}
std::string Messages::not_rfc3339() { return "String does not match RFC3339 timestamp"; }

std::string Messages::not_an_object_definition() {
  return "Definition must be a valid JSON object";
}
std::string Messages::wrong_type(std::string_view field, std::string_view expected) {
  return "The value of the field " + quoted(field) + " must be " + std::string(expected);
}
std::string Messages::at_least(std::string_view field, std::string_view minimum) {
  return "The value of the field " + quoted(field) + " must be greater than or equal to " +
         std::string(minimum);
}
std::string Messages::between(std::string_view field, std::string_view minimum,
                              std::string_view maximum) {
  return "The value of the field " + quoted(field) + " must be between " + std::string(minimum) +
         " and " + std::string(maximum);
}
std::string Messages::only_one_of(const std::vector<std::string_view>& fields) {
  return "Only one of these fields may be set: [" + join(fields) + "]";
}
std::string Messages::one_of_required(const std::vector<std::string_view>& fields) {
  return "Exactly one of these fields is required: [" + join(fields) + "]";
}
std::string Messages::end_must_be_true() { return "The value of the field 'End' must be true"; }
std::string Messages::heartbeat_not_below_timeout() {
  return "The value of the field 'HeartbeatSeconds' must be smaller than the value of the field "
         "'TimeoutSeconds'";
}
std::string Messages::states_all_not_alone() {
  return "'States.ALL' must be the only error name in 'ErrorEquals'";
}
std::string Messages::states_all_not_last(std::string_view field) {
  return "The element with 'States.ALL' must be the last one in " + quoted(field);
}
std::string Messages::reserved_error_name(std::string_view name) {
  return "The error name " + quoted(name) +
         " is not valid: names starting with 'States.' are reserved";
}
std::string Messages::state_name_too_long(std::string_view name) {
  return "State name '" + std::string(name) + "' is longer than 80 characters";
}
std::string Messages::duplicate_state_name(std::string_view name) {
  return "Duplicate State name: " + std::string(name);
}
std::string Messages::invalid_variable_name(std::string_view name) {
  return "The variable name " + quoted(name) + " is not valid";
}
std::string Messages::label_empty() { return "The field 'Label' cannot be empty"; }
std::string Messages::label_too_long() {
  return "The field 'Label' must be at most 40 characters long";
}
std::string Messages::label_invalid_character() {
  return "The field 'Label' contains an invalid character";
}

}  // namespace jobflow::asl
