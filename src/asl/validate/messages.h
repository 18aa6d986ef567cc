#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jobflow::asl {

// Every diagnostic text the validator writes, in one place. Texts marked [fact] were recorded
// from AWS (sfn.md §3.1, §4.4, §7.4, §10, the conformance corpus) or measured against AWS and
// quoted in public issues; the others are jobflow's own wording [unverified] (listed in
// src/asl/README.md, "## validate/").
class Messages {
 public:
  // Diagnostic codes.
  static constexpr std::string_view kSchema = "SCHEMA_VALIDATION_FAILED";
  static constexpr std::string_view kInvalidJson = "INVALID_JSON_DESCRIPTION";
  static constexpr std::string_view kMissingTarget = "MISSING_TRANSITION_TARGET";
  static constexpr std::string_view kMissingEnd = "MISSING_END_STATE";
  static constexpr std::string_view kDuplicateStateName = "DUPLICATE_STATE_NAME";
  static constexpr std::string_view kInvalidStateName = "INVALID_STATE_NAME";

  // [fact]
  static std::string required_fields(const std::vector<std::string_view>& fields);
  static std::string required_field(std::string_view field);
  static std::string enum_value(std::string_view field, const std::vector<std::string_view>& values);
  static std::string empty_value();
  static std::string not_supported(std::string_view field);
  static std::string jsonata_only(std::string_view field);
  static std::string jsonpath_only(std::string_view field);
  static std::string query_language_downgrade();
  static std::string query_language_value();
  static std::string expected_string();
  static std::string missing_next(std::string_view target);
  static std::string unreachable(std::string_view state);
  static std::string no_terminal_state();
  static std::string express_sync();
  static std::string express_callback();
  static std::string express_activity();
  static std::string unrecognized_resource(std::string_view resource);
  static std::string not_rfc3339();

  // [unverified]
  static std::string not_an_object_definition();
  static std::string wrong_type(std::string_view field, std::string_view expected);
  static std::string at_least(std::string_view field, std::string_view minimum);
  static std::string between(std::string_view field, std::string_view minimum,
                             std::string_view maximum);
  static std::string only_one_of(const std::vector<std::string_view>& fields);
  static std::string one_of_required(const std::vector<std::string_view>& fields);
  static std::string end_must_be_true();
  static std::string heartbeat_not_below_timeout();
  static std::string states_all_not_alone();
  static std::string states_all_not_last(std::string_view field);
  static std::string reserved_error_name(std::string_view name);
  static std::string state_name_too_long(std::string_view name);
  static std::string duplicate_state_name(std::string_view name);
  static std::string invalid_variable_name(std::string_view name);
  static std::string label_empty();
  static std::string label_too_long();
  static std::string label_invalid_character();
};

}  // namespace jobflow::asl
