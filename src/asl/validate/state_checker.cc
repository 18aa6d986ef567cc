#include "asl/validate/state_checker.h"

#include <array>
#include <vector>

#include "asl/choice/choice_rule.h"
#include "asl/jsonata/query_language.h"
#include "asl/validate/field_checks.h"
#include "asl/validate/messages.h"
#include "asl/validate/resource_arn.h"
#include "asl/validate/retry_catch_checker.h"
#include "asl/validate/rfc3339.h"
#include "asl/validate/scope_checker.h"

namespace jobflow::asl {
namespace {

enum class StateType { kTask, kWait, kPass, kSucceed, kFail, kChoice, kParallel, kMap };

// In the order of AWS's message "should have one of these values: [Task, Wait, ...]" [fact].
constexpr std::array<std::pair<StateType, std::string_view>, 8> kTypeNames{{
    {StateType::kTask, "Task"},
    {StateType::kWait, "Wait"},
    {StateType::kPass, "Pass"},
    {StateType::kSucceed, "Succeed"},
    {StateType::kFail, "Fail"},
    {StateType::kChoice, "Choice"},
    {StateType::kParallel, "Parallel"},
    {StateType::kMap, "Map"},
}};

constexpr std::int64_t kMaxSeconds = 99999999;
constexpr std::size_t kMaxLabelLength = 40;

// The fields each state type allows in JSONPath mode (sfn.md §3.2, §3.3).
std::vector<std::string_view> allowed_fields(StateType type) {
  std::vector<std::string_view> f{"Type", "Comment", "QueryLanguage"};
  auto add = [&f](std::initializer_list<std::string_view> more) { f.insert(f.end(), more); };
  switch (type) {
    case StateType::kPass:
      add({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result",
           "Assign"});
      break;
    case StateType::kTask:
      add({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
           "Retry", "Catch", "Assign", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
           "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"});
      break;
    case StateType::kChoice:
      add({"InputPath", "OutputPath", "Choices", "Default", "Assign"});
      break;
    case StateType::kWait:
      add({"Next", "End", "InputPath", "OutputPath", "Assign", "Seconds", "SecondsPath",
           "Timestamp", "TimestampPath"});
      break;
    case StateType::kSucceed:
      add({"InputPath", "OutputPath"});
      break;
    case StateType::kFail:
      add({"Error", "ErrorPath", "Cause", "CausePath"});
      break;
    case StateType::kParallel:
      add({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
           "Retry", "Catch", "Assign", "Branches"});
      break;
    case StateType::kMap:
      add({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
           "Retry", "Catch", "Assign", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector",
           "MaxConcurrency", "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter",
           "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
           "ToleratedFailureCount", "ToleratedFailureCountPath", "Label"});
      break;
  }
  return f;
}

// The fields each state type allows in JSONata mode: Arguments and Output take the place of the
// paths, Parameters and ResultSelector; literal or "{% %}" values take the place of *Path fields
// (sfn.md §6).
std::vector<std::string_view> allowed_jsonata_fields(StateType type) {
  std::vector<std::string_view> f{"Type", "Comment", "QueryLanguage"};
  auto add = [&f](std::initializer_list<std::string_view> more) { f.insert(f.end(), more); };
  switch (type) {
    case StateType::kPass:
      add({"Next", "End", "Output", "Assign"});
      break;
    case StateType::kTask:
      add({"Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Resource",
           "TimeoutSeconds", "HeartbeatSeconds", "Credentials"});
      break;
    case StateType::kChoice:
      add({"Choices", "Default", "Output", "Assign"});
      break;
    case StateType::kWait:
      add({"Next", "End", "Output", "Assign", "Seconds", "Timestamp"});
      break;
    case StateType::kSucceed:
      add({"Output"});
      break;
    case StateType::kFail:
      add({"Error", "Cause"});
      break;
    case StateType::kParallel:
      add({"Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Branches"});
      break;
    case StateType::kMap:
      add({"Next", "End", "Output", "Assign", "Retry", "Catch", "ItemProcessor", "Iterator",
           "Items", "ItemSelector", "MaxConcurrency", "ItemReader", "ItemBatcher",
           "ResultWriter", "ToleratedFailurePercentage", "ToleratedFailureCount", "Label"});
      break;
  }
  return f;
}

bool has_transition(StateType type) {
  return type != StateType::kChoice && type != StateType::kSucceed && type != StateType::kFail;
}

// Next / End of a state that may carry them.
void check_next_end(ValidationReport& report, FieldChecks& f, StateOutline& outline) {
  bool has_next = f.has("Next");
  bool has_end = f.has("End");
  if (has_next && has_end) {
    report.schema_error(Messages::only_one_of({"Next", "End"}), f.location());
  } else if (!has_next && !has_end) {
    report.schema_error(Messages::one_of_required({"Next", "End"}), f.location());
  }
  if (auto next = f.string("Next")) {
    outline.transitions.push_back({std::string(*next), f.field_location("Next")});
  }
  if (f.boolean("End")) {
    if (f.find("End")->as_bool()) outline.terminal = true;
    else report.schema_error(Messages::end_must_be_true(), f.field_location("End"));
  }
}

// Transitions of a state whose Type is unknown: enough for the graph checks not to report its
// targets as unreachable.
void collect_transitions(const boost::json::object& state, const std::string& location,
                         StateOutline& outline) {
  if (const Json* next = state.if_contains("Next"); next && next->is_string()) {
    outline.transitions.push_back({std::string(next->as_string()), child_location(location, "Next")});
  }
  if (const Json* end = state.if_contains("End"); end && end->is_bool() && end->as_bool()) {
    outline.terminal = true;
  }
}

void check_resource(ValidationReport& report, FieldChecks& f, StateMachineType type) {
  auto resource = f.string("Resource");
  if (!resource) return;
  std::string location = f.field_location("Resource");
  ResourceArn arn = ResourceArn::classify(*resource);
  if (arn.kind() == ResourceArn::Kind::kUnrecognized) {
    report.schema_error(Messages::unrecognized_resource(*resource), location);
    return;
  }
  if (type != StateMachineType::kExpress) return;
  if (arn.kind() == ResourceArn::Kind::kActivity) {
    report.schema_error(Messages::express_activity(), location);
  } else if (arn.pattern() == ResourceArn::Pattern::kSync) {
    report.schema_error(Messages::express_sync(), location);
  } else if (arn.pattern() == ResourceArn::Pattern::kCallback) {
    report.schema_error(Messages::express_callback(), location);
  }
}

// A field that JSONata may also give as "{% %}" (a number, a timestamp, an error name, a
// Condition); the literal's own check otherwise.
template <class Check>
auto literal_or_expression(FieldChecks& f, std::string_view field, Check check) -> decltype(check()) {
  if (f.jsonata() && f.jsonata_expression(field)) return {};
  return check();
}

void check_task(ValidationReport& report, FieldChecks& f, StateMachineType type) {
  check_resource(report, f, type);
  f.exclusive({"TimeoutSeconds", "TimeoutSecondsPath"});
  f.exclusive({"HeartbeatSeconds", "HeartbeatSecondsPath"});
  auto timeout = literal_or_expression(f, "TimeoutSeconds", [&] { return f.integer("TimeoutSeconds", 1, kMaxSeconds); });
  auto heartbeat = literal_or_expression(f, "HeartbeatSeconds", [&] { return f.integer("HeartbeatSeconds", 1, kMaxSeconds); });
  f.path("TimeoutSecondsPath");
  f.path("HeartbeatSecondsPath");
  if (timeout && heartbeat && *heartbeat >= *timeout) {
    report.schema_error(Messages::heartbeat_not_below_timeout(), f.field_location("HeartbeatSeconds"));
  }
  if (const boost::json::object* credentials = f.object("Credentials")) {
    if (!credentials->contains("RoleArn") && !credentials->contains("RoleArn.$")) {
      report.schema_error(Messages::required_field("RoleArn"), f.field_location("Credentials"));
    } else if (f.jsonata()) {
      f.jsonata_template("Credentials");
    } else {
      f.payload_template("Credentials");
    }
  }
}

void check_wait(ValidationReport& report, FieldChecks& f) {
  int present = 0;
  for (auto field : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) {
    present += f.has(field) ? 1 : 0;
  }
  if (present != 1) {
    report.schema_error(
        Messages::one_of_required({"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}),
        f.location());
  }
  literal_or_expression(f, "Seconds", [&] { return f.integer("Seconds", 0, kMaxSeconds); });
  literal_or_expression(f, "Timestamp", [&] {
    auto timestamp = f.string("Timestamp");
    if (timestamp && !Rfc3339::is_date_time(*timestamp)) {
      report.schema_error(Messages::not_rfc3339(), f.field_location("Timestamp"));
    }
    return timestamp;
  });
  f.path("SecondsPath");
  f.path("TimestampPath");
}

void check_fail(FieldChecks& f) {
  f.exclusive({"Error", "ErrorPath"});
  f.exclusive({"Cause", "CausePath"});
  literal_or_expression(f, "Error", [&] { return f.string("Error"); });
  literal_or_expression(f, "Cause", [&] { return f.string("Cause"); });
  f.path_or_intrinsic("ErrorPath");
  f.path_or_intrinsic("CausePath");
}

void check_choice(ValidationReport& report, FieldChecks& f, StateOutline& outline) {
  if (const boost::json::array* rules = f.array("Choices", /*non_empty=*/true)) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      std::string location = element_location(f.location(), "Choices", i);
      const Json& rule = (*rules)[i];
      if (!rule.is_object()) {
        report.schema_error(Messages::wrong_type("Choices", "an array of objects"), location);
        continue;
      }
      FieldChecks rule_fields(report, rule.as_object(), location, f.language());
      if (f.jsonata()) {
        // {"Condition": true | "{% %}", "Next", "Assign"?, "Output"?, "Comment"?} [doc]
        rule_fields.known_fields({"Condition", "Next", "Assign", "Output", "Comment"});
        rule_fields.required({"Condition", "Next"});
        rule_fields.string("Comment");
        rule_fields.string("Next");
        literal_or_expression(rule_fields, "Condition", [&] { return rule_fields.boolean("Condition"); });
        rule_fields.jsonata_template("Output");
      } else if (rule.as_object().contains("Condition")) {
        // AWS answers a JSONata rule in a JSONPath state with this message alone [third-party:
        // the same rule as for Output and Arguments].
        if (f.language() != FieldChecks::Language::kDowngraded) {
          report.schema_error(Messages::jsonata_only("Condition"), location);
        }
      } else {
        auto parsed = ChoiceRule::parse(rule, /*top_level=*/true, location);
        if (!parsed) report.schema_error(std::move(parsed.error()));
      }
      if (const Json* next = rule.as_object().if_contains("Next"); next && next->is_string()) {
        outline.transitions.push_back({std::string(next->as_string()), child_location(location, "Next")});
      }
      if (rule_fields.has("Assign")) rule_fields.assign();
    }
  }
  if (auto target = f.string("Default")) {
    outline.transitions.push_back({std::string(*target), f.field_location("Default")});
  }
}

void check_parallel(ValidationReport& report, FieldChecks& f, StateMachineType type) {
  const boost::json::array* branches = f.array("Branches", /*non_empty=*/true);
  if (!branches) return;
  for (std::size_t i = 0; i < branches->size(); ++i) {
    std::string location = element_location(f.location(), "Branches", i);
    const Json& branch = (*branches)[i];
    if (!branch.is_object()) {
      report.schema_error(Messages::wrong_type("Branches", "an array of objects"), location);
      continue;
    }
    ScopeChecker::check(report, branch.as_object(), location, ScopeChecker::Kind::kBranch, type);
  }
}

bool valid_label_char(unsigned char c) {
  if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
  static constexpr std::string_view kForbidden = "\"#$%&*,:;<>?[\\]^`{|}~";
  return kForbidden.find(static_cast<char>(c)) == std::string_view::npos;
}

// Decodes UTF-8 code points enough to find C1 control characters (U+0080..U+009F).
bool valid_label(std::string_view label) {
  for (std::size_t i = 0; i < label.size(); ++i) {
    auto c = static_cast<unsigned char>(label[i]);
    if (c < 0x80) {
      if (!valid_label_char(c)) return false;
    } else if (c == 0xC2 && i + 1 < label.size()) {
      auto next = static_cast<unsigned char>(label[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return false;
    }
  }
  return true;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A payload field of a nested object: Parameters (a payload template) in JSONPath, Arguments (a
// JSONata template) in JSONata.
void check_payload(FieldChecks& f, std::string_view jsonpath_field) {
  if (f.jsonata()) {
    f.jsonata_template("Arguments");
  } else {
    f.payload_template(jsonpath_field);
  }
}

void check_map_distributed_fields(ValidationReport& report, FieldChecks& f) {
  const bool jsonata = f.jsonata();
  if (const boost::json::object* reader = f.object("ItemReader")) {
    FieldChecks r(report, *reader, f.field_location("ItemReader"), f.language());
    r.known_fields({"Resource", jsonata ? "Arguments" : "Parameters", "ReaderConfig"});
    r.required({"Resource"});
    r.string("Resource");
    check_payload(r, "Parameters");
    if (const boost::json::object* config = r.object("ReaderConfig")) {
      FieldChecks c(report, *config, r.field_location("ReaderConfig"), f.language());
      std::vector<std::string_view> known{"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter",
                                          "MaxItems", "ManifestType"};
      if (!jsonata) known.push_back("MaxItemsPath");
      c.known_fields(known);
      c.enumeration("InputType", {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"});
      c.enumeration("CSVHeaderLocation", {"FIRST_ROW", "GIVEN"});
      c.array("CSVHeaders", /*non_empty=*/false);
      c.exclusive({"MaxItems", "MaxItemsPath"});
      literal_or_expression(c, "MaxItems", [&] { return c.integer("MaxItems", 0, kMaxSeconds); });
      c.path("MaxItemsPath");
    }
  }
  if (const boost::json::object* batcher = f.object("ItemBatcher")) {
    FieldChecks b(report, *batcher, f.field_location("ItemBatcher"), f.language());
    std::vector<std::string_view> known{"MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"};
    if (!jsonata) known.insert(known.end(), {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"});
    b.known_fields(known);
    b.exclusive({"MaxItemsPerBatch", "MaxItemsPerBatchPath"});
    b.exclusive({"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"});
    literal_or_expression(b, "MaxItemsPerBatch", [&] { return b.integer("MaxItemsPerBatch", 0, kMaxSeconds); });
    literal_or_expression(b, "MaxInputBytesPerBatch", [&] { return b.integer("MaxInputBytesPerBatch", 0, 262144); });
    b.path("MaxItemsPerBatchPath");
    b.path("MaxInputBytesPerBatchPath");
    if (jsonata) {
      b.jsonata_template("BatchInput");
    } else {
      b.payload_template("BatchInput");
    }
  }
  if (const boost::json::object* writer = f.object("ResultWriter")) {
    FieldChecks w(report, *writer, f.field_location("ResultWriter"), f.language());
    w.known_fields({"Resource", jsonata ? "Arguments" : "Parameters", "WriterConfig"});
    w.string("Resource");
    check_payload(w, "Parameters");
    if (const boost::json::object* config = w.object("WriterConfig")) {
      FieldChecks c(report, *config, w.field_location("WriterConfig"), f.language());
      c.known_fields({"OutputType", "Transformation"});
      c.enumeration("OutputType", {"JSON", "JSONL"});
      c.enumeration("Transformation", {"NONE", "COMPACT", "FLATTEN"});
    }
  }
  f.exclusive({"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"});
  f.exclusive({"ToleratedFailureCount", "ToleratedFailureCountPath"});
  literal_or_expression(f, "ToleratedFailurePercentage", [&] { return f.number("ToleratedFailurePercentage", 0, 100); });
  literal_or_expression(f, "ToleratedFailureCount", [&] { return f.integer("ToleratedFailureCount", 0); });
  f.path("ToleratedFailurePercentagePath");
  f.path("ToleratedFailureCountPath");
  if (auto label = f.string("Label")) {
    std::string location = f.field_location("Label");
    if (label->empty()) report.schema_error(Messages::label_empty(), location);
    else if (code_points(*label) > kMaxLabelLength) report.schema_error(Messages::label_too_long(), location);
    else if (!valid_label(*label)) report.schema_error(Messages::label_invalid_character(), location);
  }
}

void check_map(ValidationReport& report, FieldChecks& f, StateMachineType type) {
  bool has_processor = f.has("ItemProcessor");
  bool has_iterator = f.has("Iterator");
  if (!has_processor && !has_iterator) f.required({"ItemProcessor"});
  f.exclusive({"ItemProcessor", "Iterator"});
  f.exclusive({"Parameters", "ItemSelector"});
  f.exclusive({"MaxConcurrency", "MaxConcurrencyPath"});
  f.path("ItemsPath");
  if (f.jsonata()) {
    f.jsonata_template("ItemSelector");
    literal_or_expression(f, "Items", [&] { return f.array("Items", /*non_empty=*/false); });
  } else {
    f.payload_template("ItemSelector");
  }
  literal_or_expression(f, "MaxConcurrency", [&] { return f.integer("MaxConcurrency", 0); });
  f.path("MaxConcurrencyPath");
  check_map_distributed_fields(report, f);

  std::string_view field = has_processor ? "ItemProcessor" : "Iterator";
  const boost::json::object* processor = f.object(field);
  if (!processor) return;
  std::string location = f.field_location(field);
  StateMachineType inner = type;
  {
    // The legacy Iterator takes a ProcessorConfig too [fact: corpus map_state_legacy_config_*].
    FieldChecks p(report, *processor, location);
    if (const boost::json::object* config = p.object("ProcessorConfig")) {
      FieldChecks c(report, *config, p.field_location("ProcessorConfig"));
      c.known_fields({"Mode", "ExecutionType"});
      bool distributed = c.enumeration("Mode", {"INLINE", "DISTRIBUTED"}) &&
                         c.find("Mode")->as_string() == "DISTRIBUTED";
      if (c.enumeration("ExecutionType", {"STANDARD", "EXPRESS"}) && distributed) {
        inner = c.find("ExecutionType")->as_string() == "EXPRESS" ? StateMachineType::kExpress
                                                                   : StateMachineType::kStandard;
      }
    }
  }
  ScopeChecker::check(report, *processor, location,
                      has_processor ? ScopeChecker::Kind::kItemProcessor
                                    : ScopeChecker::Kind::kIterator,
                      inner);
}

}  // namespace

StateOutline StateChecker::check(ValidationReport& report, const Json& state,
                                 const std::string& location, StateMachineType type) {
  StateOutline outline;
  if (!state.is_object()) {
    report.schema_error(Messages::wrong_type("States", "an object of states"), location);
    return outline;
  }
  const boost::json::object& object = state.as_object();
  FieldChecks::Language language = FieldChecks::Language::kJsonPath;
  if (downgrades_to_jsonpath(object, report.jsonata_machine)) {
    report.schema_error(Messages::query_language_downgrade(), location);
    language = FieldChecks::Language::kDowngraded;
  } else if (uses_jsonata(object, report.jsonata_machine)) {
    language = FieldChecks::Language::kJsonata;
  }
  FieldChecks f(report, object, location, language);
  if (!f.required({"Type"})) {
    collect_transitions(object, location, outline);
    return outline;
  }
  std::optional<StateType> state_type;
  if (const Json* t = f.find("Type"); t->is_string()) {
    for (const auto& [value, name] : kTypeNames) {
      if (t->as_string() == name) state_type = value;
    }
  }
  if (!state_type) {
    std::vector<std::string_view> names;
    for (const auto& entry : kTypeNames) names.push_back(entry.second);
    report.schema_error(Messages::enum_value("Type", names), f.field_location("Type"));
    collect_transitions(object, location, outline);
    return outline;
  }
  StateType st = *state_type;
  f.known_fields(f.jsonata() ? allowed_jsonata_fields(st) : allowed_fields(st));
  f.string("Comment");
  f.query_language();
  switch (st) {
    case StateType::kTask: f.required({"Resource"}); break;
    case StateType::kChoice: f.required({"Choices"}); break;
    case StateType::kParallel: f.required({"Branches"}); break;
    default: break;
  }
  if (has_transition(st)) check_next_end(report, f, outline);
  if (st == StateType::kSucceed || st == StateType::kFail) outline.terminal = true;

  if (f.jsonata()) {
    f.jsonata_template("Arguments");
    f.jsonata_template("Output");
  } else {
    if (st != StateType::kFail) {
      f.path("InputPath", /*allow_null=*/true);
      f.path("OutputPath", /*allow_null=*/true);
    }
    if (st == StateType::kPass || st == StateType::kTask || st == StateType::kParallel ||
        st == StateType::kMap) {
      f.payload_template("Parameters");
      f.reference_path("ResultPath", /*allow_null=*/true);
    }
  }
  if (st == StateType::kTask || st == StateType::kParallel || st == StateType::kMap) {
    if (!f.jsonata()) f.payload_template("ResultSelector");
    RetryCatchChecker::check_retry(report, f);
    RetryCatchChecker::check_catch(report, f, outline);
  }
  switch (st) {
    case StateType::kTask: check_task(report, f, type); break;
    case StateType::kWait: check_wait(report, f); break;
    case StateType::kFail: check_fail(f); break;
    case StateType::kChoice: check_choice(report, f, outline); break;
    case StateType::kParallel: check_parallel(report, f, type); break;
    case StateType::kMap: check_map(report, f, type); break;
    case StateType::kPass:
    case StateType::kSucceed: break;
  }
  if (st != StateType::kSucceed && st != StateType::kFail && f.has("Assign")) f.assign();
  return outline;
}

}  // namespace jobflow::asl
