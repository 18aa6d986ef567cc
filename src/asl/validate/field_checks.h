#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "asl/validate/validation_report.h"
#include "asl/value/json.h"

namespace jobflow::asl {

// Field-level checks on one JSON object of a definition (a state, a retrier, a ProcessorConfig
// ...) at `location`. Each check reports into the report and returns whether the field is
// usable; absent fields pass (use required() for those). Paths, templates and intrinsics are
// checked by their own stages (JsonPath, ReferencePath, PayloadTemplate, Intrinsic).
class FieldChecks {
 public:
  // The query language the object's fields are read in. kDowngraded: a JSONPath state in a
  // JSONata machine, already refused; fields of either language are then not reported again.
  enum class Language { kJsonPath, kJsonata, kDowngraded };

  FieldChecks(ValidationReport& report, const boost::json::object& object, std::string location,
              Language language = Language::kJsonPath)
      : report_(report), object_(object), location_(std::move(location)), language_(language) {}

  Language language() const { return language_; }
  bool jsonata() const { return language_ == Language::kJsonata; }

  const std::string& location() const { return location_; }
  std::string field_location(std::string_view field) const {
    return child_location(location_, field);
  }
  const Json* find(std::string_view field) const;
  bool has(std::string_view field) const { return find(field) != nullptr; }

  // "Field 'X' is not supported" for fields outside `allowed`; "... only supported for the
  // 'JSONata' QueryLanguage" for JSONata's own fields in JSONPath, and the mirror message for
  // JSONPath's own fields in JSONata.
  void known_fields(std::initializer_list<std::string_view> allowed);
  template <class Range>
  void known_fields(const Range& allowed);
  // "These fields are required: [...]" for those missing. False if any is missing.
  bool required(std::initializer_list<std::string_view> fields);
  // At most one of `fields` present.
  bool exclusive(std::initializer_list<std::string_view> fields);

  std::optional<std::string_view> string(std::string_view field);
  bool boolean(std::string_view field);
  // Integer in [minimum, maximum]. Integral doubles (1.0) pass.
  std::optional<std::int64_t> integer(std::string_view field, std::int64_t minimum,
                                      std::optional<std::int64_t> maximum = std::nullopt);
  std::optional<double> number(std::string_view field, double minimum,
                               std::optional<double> maximum = std::nullopt);
  bool enumeration(std::string_view field, std::initializer_list<std::string_view> values);
  // QueryLanguage: "JSONPath" or "JSONata", with AWS's own messages for anything else.
  void query_language();
  const boost::json::object* object(std::string_view field);
  const boost::json::array* array(std::string_view field, bool non_empty);

  // A Path ($, $$, $var); `null` allowed where the field accepts it (InputPath, OutputPath).
  void path(std::string_view field, bool allow_null = false);
  // A Reference Path (ResultPath); `null` allowed.
  void reference_path(std::string_view field, bool allow_null = false);
  // A Path or an intrinsic function call (Fail ErrorPath / CausePath).
  void path_or_intrinsic(std::string_view field);
  // A payload template (Parameters, ResultSelector, ItemSelector, Credentials ...).
  void payload_template(std::string_view field);
  // Assign: an object of variable names (a `.$` suffix takes a path or intrinsic), no sub-paths.
  // In JSONata, names carry no suffix and values are JSONata templates.
  void assign(std::string_view field = "Assign");

  // JSONata: a value where any string "{% %}" is an expression (Output, Arguments, Items, ...);
  // an expression that does not parse is INVALID_JSONATA_EXPRESSION at its place.
  void jsonata_template(std::string_view field);
  // JSONata: whether the field is a "{% %}" string, checked as above; the caller checks the
  // field's literal form otherwise (Seconds: an integer, Timestamp: a date).
  bool jsonata_expression(std::string_view field);

 private:
  void known_field(std::string_view key, bool allowed);

  ValidationReport& report_;
  const boost::json::object& object_;
  std::string location_;
  Language language_;
};

template <class Range>
void FieldChecks::known_fields(const Range& allowed) {
  for (const auto& entry : object_) {
    bool ok = false;
    for (const auto& name : allowed) ok = ok || entry.key() == name;
    known_field(entry.key(), ok);
  }
}

}  // namespace jobflow::asl
