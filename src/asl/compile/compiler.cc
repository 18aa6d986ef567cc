#include "asl/compile/compiler.h"

#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "asl/jsonata/query_language.h"

namespace jobflow::asl {
namespace {

Diagnostic schema(std::string message, std::string location) {
  return {"SCHEMA_VALIDATION_FAILED", std::move(message), std::move(location)};
}

const Json* member(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}

// Whether some string of the state holds `needle` ("$$" for JSONPath, "context" for JSONata's
// $states.context): a superset of the states that read the context object.
bool mentions(const Json& value, std::string_view needle) {
  switch (value.kind()) {
    case boost::json::kind::string:
      return std::string_view(value.get_string()).find(needle) != std::string_view::npos;
    case boost::json::kind::array:
      for (const auto& item : value.get_array()) {
        if (mentions(item, needle)) return true;
      }
      return false;
    case boost::json::kind::object:
      for (const auto& m : value.get_object()) {
        // A nested processor or branch has states of its own; their paths are theirs.
        if (m.key() == "Branches" || m.key() == "ItemProcessor" || m.key() == "Iterator") continue;
        if (mentions(m.value(), needle)) return true;
      }
      return false;
    default:
      return false;
  }
}

Parsed<std::optional<JsonataTemplate>> jsonata_field(const boost::json::object& o, std::string_view field,
                                                     const std::string& at) {
  const Json* v = member(o, field);
  if (v == nullptr) return std::optional<JsonataTemplate>();
  auto compiled = JsonataTemplate::compile(*v, std::string(field), at + "/" + std::string(field));
  if (!compiled) return std::unexpected(std::move(compiled.error()));
  return std::optional<JsonataTemplate>(std::move(*compiled));
}

// The Output and Assign of a JSONata Choice rule or catcher.
Parsed<void> output_and_assign(const boost::json::object& o, const std::string& at,
                               std::optional<JsonataTemplate>& output, std::optional<JsonataTemplate>& assign) {
  auto compiled_output = jsonata_field(o, "Output", at);
  if (!compiled_output) return std::unexpected(std::move(compiled_output.error()));
  output = std::move(*compiled_output);
  auto compiled_assign = jsonata_field(o, "Assign", at);
  if (!compiled_assign) return std::unexpected(std::move(compiled_assign.error()));
  assign = std::move(*compiled_assign);
  return {};
}

// A number, timestamp or string field of a JSONata state (Seconds, Timestamp, Error, ...): an
// expression "{% %}" is compiled into `expression`; a literal is left to the caller, which reads
// it as in JSONPath mode.
Parsed<void> jsonata_expression_field(const boost::json::object& o, std::string_view field, const std::string& at,
                            std::optional<JsonataTemplate>& expression) {
  const Json* v = member(o, field);
  if (v == nullptr || !v->is_string() || !jsonata_expression_text(v->get_string())) return {};
  auto compiled = jsonata_field(o, field, at);
  if (!compiled) return std::unexpected(std::move(compiled.error()));
  expression = std::move(*compiled);
  return {};
}

class GraphCompiler {
 public:
  explicit GraphCompiler(bool machine_jsonata) : machine_jsonata_(machine_jsonata) {}

  Parsed<std::shared_ptr<const StateGraph>> graph(const Json& value, const std::string& location) {
    if (!value.is_object()) return std::unexpected(schema("Expected an object", location));
    const auto& o = value.get_object();
    const Json* states = member(o, "States");
    const Json* start_at = member(o, "StartAt");
    if (states == nullptr || !states->is_object() || start_at == nullptr || !start_at->is_string()) {
      return std::unexpected(schema("These fields are required: [States, StartAt]", location.empty() ? "/" : location));
    }
    auto out = std::make_shared<StateGraph>();
    std::unordered_map<std::string, int> index;
    for (const auto& s : states->get_object()) {
      index.emplace(std::string(s.key()), static_cast<int>(out->states.size()));
      out->states.emplace_back();
      out->states.back().name = std::string(s.key());
    }
    auto target = [&](const Json* v, const std::string& at) -> Parsed<int> {
      if (v == nullptr || !v->is_string()) return std::unexpected(schema("Expected a state name", at));
      auto it = index.find(std::string(v->get_string()));
      if (it == index.end()) {
        return std::unexpected(Diagnostic{"MISSING_TRANSITION_TARGET",
                                          fmt::format("Missing 'Next' target: {}", std::string(v->get_string())), at});
      }
      return it->second;
    };
    auto start = target(start_at, location + "/StartAt");
    if (!start) return std::unexpected(start.error());
    out->start = *start;
    int i = 0;
    for (const auto& s : states->get_object()) {
      std::string at = location + "/States/" + std::string(s.key());
      if (auto built = state(s.value(), at, out->states[i], target); !built) {
        return std::unexpected(built.error());
      }
      ++i;
    }
    return std::shared_ptr<const StateGraph>(std::move(out));
  }

 private:
  template <class Target>
  Parsed<void> state(const Json& value, const std::string& at, State& st, Target& target) {
    if (!value.is_object()) return std::unexpected(schema("Expected an object", at));
    const auto& o = value.get_object();
    const Json* type = member(o, "Type");
    if (type == nullptr || !type->is_string()) return std::unexpected(schema("These fields are required: [Type]", at));
    static const std::unordered_map<std::string_view, StateType> kTypes = {
        {"Pass", StateType::kPass},       {"Task", StateType::kTask},
        {"Choice", StateType::kChoice},   {"Wait", StateType::kWait},
        {"Succeed", StateType::kSucceed}, {"Fail", StateType::kFail},
        {"Parallel", StateType::kParallel}, {"Map", StateType::kMap}};
    auto t = kTypes.find(std::string_view(type->get_string()));
    if (t == kTypes.end()) {
      return std::unexpected(schema("The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", at + "/Type"));
    }
    st.type = t->second;
    bool jsonata = uses_jsonata(o, machine_jsonata_);
    st.uses_context = mentions(value, jsonata ? "context" : "$$");
    if (const Json* next = member(o, "Next")) {
      auto n = target(next, at + "/Next");
      if (!n) return std::unexpected(n.error());
      st.next = *n;
    }
    if (const Json* end = member(o, "End"); end != nullptr && end->is_bool()) st.end = end->get_bool();
    if (st.type == StateType::kSucceed || st.type == StateType::kFail) st.end = true;

    if (jsonata) {
      auto fields = std::make_shared<JsonataFields>();
      if (auto p = jsonata_fields(o, at, st, *fields, target); !p) return p;
      st.jsonata = std::move(fields);
    } else {
      if (auto p = io_path(o, "InputPath", at, st.input_path); !p) return p;
      if (auto p = io_path(o, "OutputPath", at, st.output_path); !p) return p;
      if (auto p = result_path(member(o, "ResultPath"), at + "/ResultPath", st.result_path); !p) return p;
      for (auto [field, slot] : {std::pair{"Parameters", &st.parameters},
                                 std::pair{"ItemSelector", &st.parameters},
                                 std::pair{"ResultSelector", &st.result_selector},
                                 std::pair{"Assign", &st.assign}}) {
        if (const Json* v = member(o, field)) {
          auto compiled = PayloadTemplate::compile(*v, field, at + "/" + field);
          if (!compiled) return std::unexpected(compiled.error());
          *slot = std::move(*compiled);
        }
      }
      if (const Json* r = member(o, "Result")) st.result = make_json(*r);
    }
    if (const Json* r = member(o, "Retry")) {
      if (auto p = retriers(*r, at + "/Retry", st.retriers); !p) return p;
    }
    if (const Json* c = member(o, "Catch")) {
      if (auto p = catchers(*c, at + "/Catch", st.catchers, target, jsonata); !p) return p;
    }

    switch (st.type) {
      case StateType::kTask:
        if (const Json* r = member(o, "Resource"); r != nullptr && r->is_string()) {
          st.resource = std::string(r->get_string());
        }
        if (auto p = seconds_field(o, "TimeoutSeconds", at, st.timeout_seconds, st.timeout_seconds_path); !p) return p;
        if (auto p = seconds_field(o, "HeartbeatSeconds", at, st.heartbeat_seconds, st.heartbeat_seconds_path); !p) return p;
        break;
      case StateType::kChoice: {
        if (jsonata) break;  // jsonata_fields() compiled the rules
        const Json* choices = member(o, "Choices");
        if (choices == nullptr || !choices->is_array()) return std::unexpected(schema("These fields are required: [Choices]", at));
        int k = 0;
        for (const auto& rule : choices->get_array()) {
          std::string rule_at = fmt::format("{}/Choices/{}", at, k++);
          auto parsed = ChoiceRule::parse(rule, true, rule_at);
          if (!parsed) return std::unexpected(parsed.error());
          Json name = Json(parsed->next());
          auto n = target(&name, rule_at + "/Next");
          if (!n) return std::unexpected(n.error());
          std::optional<PayloadTemplate> assign;
          if (const Json* a = parsed->assign()) {
            auto compiled = PayloadTemplate::compile(*a, "Assign", rule_at + "/Assign");
            if (!compiled) return std::unexpected(compiled.error());
            assign = std::move(*compiled);
          }
          st.choices.push_back(std::move(*parsed));
          st.choice_next.push_back(*n);
          st.choice_assign.push_back(std::move(assign));
        }
        if (const Json* d = member(o, "Default")) {
          auto n = target(d, at + "/Default");
          if (!n) return std::unexpected(n.error());
          st.default_next = *n;
        }
        break;
      }
      case StateType::kWait:
        if (const Json* s = member(o, "Seconds"); s != nullptr && s->is_number()) {
          st.seconds = s->to_number<std::int64_t>();
        }
        if (auto p = path_field(o, "SecondsPath", at, st.seconds_path); !p) return p;
        if (const Json* s = member(o, "Timestamp");
            s != nullptr && s->is_string() && !(jsonata && jsonata_expression_text(s->get_string()))) {
          st.timestamp = std::string(s->get_string());
        }
        if (auto p = path_field(o, "TimestampPath", at, st.timestamp_path); !p) return p;
        break;
      case StateType::kFail:
        if (auto p = dynamic(o, "Error", "ErrorPath", at, st.error, jsonata); !p) return p;
        if (auto p = dynamic(o, "Cause", "CausePath", at, st.cause, jsonata); !p) return p;
        break;
      case StateType::kParallel: {
        const Json* branches = member(o, "Branches");
        if (branches == nullptr || !branches->is_array()) return std::unexpected(schema("These fields are required: [Branches]", at));
        int k = 0;
        for (const auto& b : branches->get_array()) {
          auto g = graph(b, fmt::format("{}/Branches/{}", at, k++));
          if (!g) return std::unexpected(g.error());
          st.branches.push_back(std::move(*g));
        }
        break;
      }
      case StateType::kMap: {
        const Json* processor = member(o, "ItemProcessor");
        std::string field = "ItemProcessor";
        if (processor == nullptr) {
          processor = member(o, "Iterator");
          field = "Iterator";
        }
        if (processor == nullptr) return std::unexpected(schema("These fields are required: [ItemProcessor]", at));
        auto g = graph(*processor, at + "/" + field);
        if (!g) return std::unexpected(g.error());
        st.processor = std::move(*g);
        if (processor->is_object()) {
          if (const Json* config = member(processor->get_object(), "ProcessorConfig"); config != nullptr && config->is_object()) {
            if (const Json* mode = member(config->get_object(), "Mode"); mode != nullptr && mode->is_string()) {
              st.distributed = mode->get_string() == "DISTRIBUTED";
            }
          }
        }
        if (const Json* label = member(o, "Label"); label != nullptr && label->is_string()) {
          st.label = std::string(label->get_string());
        }
        if (auto p = path_field(o, "ItemsPath", at, st.items_path); !p) return p;
        if (const Json* m = member(o, "MaxConcurrency"); m != nullptr && m->is_number()) {
          st.max_concurrency = m->to_number<std::int64_t>();
        }
        if (auto p = path_field(o, "MaxConcurrencyPath", at, st.max_concurrency_path); !p) return p;
        if (const Json* m = member(o, "ToleratedFailureCount"); m != nullptr && m->is_number()) {
          st.tolerated_failure_count = m->to_number<std::int64_t>();
        }
        if (auto p = path_field(o, "ToleratedFailureCountPath", at, st.tolerated_failure_count_path); !p) return p;
        if (const Json* m = member(o, "ToleratedFailurePercentage"); m != nullptr && m->is_number()) {
          st.tolerated_failure_percentage = m->to_number<double>();
        }
        if (auto p = path_field(o, "ToleratedFailurePercentagePath", at, st.tolerated_failure_percentage_path); !p) return p;
        break;
      }
      default:
        break;
    }
    return {};
  }

  // The JSONata fields of a state. Literal numbers and timestamps are read by state() as in
  // JSONPath mode; only their "{% %}" forms are compiled here.
  template <class Target>
  Parsed<void> jsonata_fields(const boost::json::object& o, const std::string& at, State& st, JsonataFields& out,
                              Target& target) {
    for (auto [field, slot] : {std::pair{"Arguments", &out.arguments}, std::pair{"ItemSelector", &out.item_selector},
                               std::pair{"Output", &out.output}, std::pair{"Assign", &out.assign},
                               std::pair{"Items", &out.items}}) {
      auto compiled = jsonata_field(o, field, at);
      if (!compiled) return std::unexpected(std::move(compiled.error()));
      *slot = std::move(*compiled);
    }
    for (auto [field, slot] : {std::pair{"Seconds", &out.seconds}, std::pair{"Timestamp", &out.timestamp},
                               std::pair{"TimeoutSeconds", &out.timeout_seconds},
                               std::pair{"HeartbeatSeconds", &out.heartbeat_seconds},
                               std::pair{"MaxConcurrency", &out.max_concurrency},
                               std::pair{"ToleratedFailureCount", &out.tolerated_failure_count},
                               std::pair{"ToleratedFailurePercentage", &out.tolerated_failure_percentage},
                               std::pair{"Error", &out.error}, std::pair{"Cause", &out.cause}}) {
      if (auto p = jsonata_expression_field(o, field, at, *slot); !p) return p;
    }
    if (st.type != StateType::kChoice) return {};
    const Json* choices = member(o, "Choices");
    if (choices == nullptr || !choices->is_array()) return std::unexpected(schema("These fields are required: [Choices]", at));
    int k = 0;
    for (const auto& rule : choices->get_array()) {
      std::string rule_at = fmt::format("{}/Choices/{}", at, k++);
      if (!rule.is_object()) return std::unexpected(schema("Expected an object", rule_at));
      const auto& r = rule.get_object();
      const Json* condition = member(r, "Condition");
      if (condition == nullptr) return std::unexpected(schema("These fields are required: [Condition]", rule_at));
      auto compiled = JsonataTemplate::compile(*condition, "Condition", rule_at + "/Condition");
      if (!compiled) return std::unexpected(std::move(compiled.error()));
      JsonataChoice choice{std::move(*compiled), {}, {}};
      if (auto p = output_and_assign(r, rule_at, choice.output, choice.assign); !p) return p;
      auto n = target(member(r, "Next"), rule_at + "/Next");
      if (!n) return std::unexpected(n.error());
      out.choices.push_back(std::move(choice));
      st.choice_next.push_back(*n);
    }
    if (const Json* d = member(o, "Default")) {
      auto n = target(d, at + "/Default");
      if (!n) return std::unexpected(n.error());
      st.default_next = *n;
    }
    return {};
  }

  static Parsed<void> io_path(const boost::json::object& o, std::string_view field, const std::string& at, IoPath& out) {
    const Json* v = member(o, field);
    if (v == nullptr) return {};
    if (v->is_null()) {
      out.mode = IoPath::Mode::kEmpty;
      return {};
    }
    if (!v->is_string()) return std::unexpected(schema(fmt::format("The field '{}' must be a string", field), at + "/" + std::string(field)));
    auto path = JsonPath::parse(std::string_view(v->get_string()), field, at);
    if (!path) return std::unexpected(path.error());
    if (path->text() == "$") return {};  // `$` is the identity: nothing to evaluate
    out.mode = IoPath::Mode::kPath;
    out.path = std::move(*path);
    return {};
  }

  static Parsed<void> result_path(const Json* v, const std::string& at, ResultPathSpec& out) {
    if (v == nullptr) return {};
    if (v->is_null()) {
      out.mode = ResultPathSpec::Mode::kDiscard;
      return {};
    }
    if (!v->is_string()) return std::unexpected(schema("The field 'ResultPath' must be a string", at));
    auto path = ReferencePath::parse(std::string_view(v->get_string()), "ResultPath", at);
    if (!path) return std::unexpected(path.error());
    if (path->text() == "$") return {};
    out.mode = ResultPathSpec::Mode::kPath;
    out.path = std::move(*path);
    return {};
  }

  static Parsed<void> path_field(const boost::json::object& o, std::string_view field, const std::string& at,
                                 std::optional<JsonPath>& out) {
    const Json* v = member(o, field);
    if (v == nullptr) return {};
    if (!v->is_string()) return std::unexpected(schema(fmt::format("The field '{}' must be a string", field), at + "/" + std::string(field)));
    auto path = JsonPath::parse(std::string_view(v->get_string()), field, at);
    if (!path) return std::unexpected(path.error());
    out = std::move(*path);
    return {};
  }

  static Parsed<void> seconds_field(const boost::json::object& o, std::string_view field, const std::string& at,
                                    std::optional<std::int64_t>& value, std::optional<JsonPath>& path) {
    if (const Json* v = member(o, field); v != nullptr && v->is_number()) value = v->to_number<std::int64_t>();
    return path_field(o, std::string(field) + "Path", at, path);
  }

  // `jsonata`: the state's language; there a "{% %}" literal is an expression, compiled elsewhere.
  static Parsed<void> dynamic(const boost::json::object& o, std::string_view literal_field, std::string_view path_field,
                              const std::string& at, DynamicValue& out, bool jsonata) {
    if (const Json* v = member(o, literal_field);
        v != nullptr && v->is_string() && !(jsonata && jsonata_expression_text(v->get_string()))) {
      out.literal = std::string(v->get_string());
    }
    const Json* p = member(o, path_field);
    if (p == nullptr) return {};
    if (!p->is_string()) return std::unexpected(schema(fmt::format("The field '{}' must be a string", path_field), at + "/" + std::string(path_field)));
    std::string_view text(p->get_string());
    if (Intrinsic::looks_like_call(text)) {
      auto call = Intrinsic::parse(text, path_field, at);
      if (!call) return std::unexpected(call.error());
      out.intrinsic = std::move(*call);
    } else {
      auto path = JsonPath::parse(text, path_field, at);
      if (!path) return std::unexpected(path.error());
      out.path = std::move(*path);
    }
    return {};
  }

  static Parsed<void> retriers(const Json& value, const std::string& at, std::vector<Retrier>& out) {
    if (!value.is_array()) return std::unexpected(schema("Expected an array", at));
    for (const auto& r : value.get_array()) {
      if (!r.is_object()) return std::unexpected(schema("Expected an object", at));
      const auto& o = r.get_object();
      Retrier retrier;
      if (const Json* e = member(o, "ErrorEquals"); e != nullptr && e->is_array()) {
        for (const auto& name : e->get_array()) {
          if (name.is_string()) retrier.errors.emplace_back(name.get_string());
        }
      }
      if (const Json* v = member(o, "IntervalSeconds"); v != nullptr && v->is_number()) retrier.interval_seconds = v->to_number<std::int64_t>();
      if (const Json* v = member(o, "MaxAttempts"); v != nullptr && v->is_number()) retrier.max_attempts = v->to_number<std::int64_t>();
      if (const Json* v = member(o, "BackoffRate"); v != nullptr && v->is_number()) retrier.backoff_rate = v->to_number<double>();
      if (const Json* v = member(o, "MaxDelaySeconds"); v != nullptr && v->is_number()) retrier.max_delay_seconds = v->to_number<std::int64_t>();
      if (const Json* v = member(o, "JitterStrategy"); v != nullptr && v->is_string()) retrier.full_jitter = v->get_string() == "FULL";
      out.push_back(std::move(retrier));
    }
    return {};
  }

  template <class Target>
  static Parsed<void> catchers(const Json& value, const std::string& at, std::vector<Catcher>& out, Target& target,
                               bool jsonata) {
    if (!value.is_array()) return std::unexpected(schema("Expected an array", at));
    int k = 0;
    for (const auto& c : value.get_array()) {
      std::string c_at = fmt::format("{}/{}", at, k++);
      if (!c.is_object()) return std::unexpected(schema("Expected an object", c_at));
      const auto& o = c.get_object();
      Catcher catcher;
      if (const Json* e = member(o, "ErrorEquals"); e != nullptr && e->is_array()) {
        for (const auto& name : e->get_array()) {
          if (name.is_string()) catcher.errors.emplace_back(name.get_string());
        }
      }
      auto n = target(member(o, "Next"), c_at + "/Next");
      if (!n) return std::unexpected(n.error());
      catcher.next = *n;
      if (jsonata) {
        if (auto p = output_and_assign(o, c_at, catcher.jsonata_output, catcher.jsonata_assign); !p) return p;
        out.push_back(std::move(catcher));
        continue;
      }
      if (auto p = result_path(member(o, "ResultPath"), c_at + "/ResultPath", catcher.result_path); !p) return p;
      if (const Json* a = member(o, "Assign")) {
        auto compiled = PayloadTemplate::compile(*a, "Assign", c_at + "/Assign");
        if (!compiled) return std::unexpected(compiled.error());
        catcher.assign = std::move(*compiled);
      }
      out.push_back(std::move(catcher));
    }
    return {};
  }

  bool machine_jsonata_;
};

}  // namespace

std::string_view state_type_name(StateType type) {
  switch (type) {
    case StateType::kPass: return "Pass";
    case StateType::kTask: return "Task";
    case StateType::kChoice: return "Choice";
    case StateType::kWait: return "Wait";
    case StateType::kSucceed: return "Succeed";
    case StateType::kFail: return "Fail";
    case StateType::kParallel: return "Parallel";
    case StateType::kMap: return "Map";
  }
  return "Pass";
}

Parsed<std::shared_ptr<const Program>> Compiler::compile(const Json& definition) {
  bool machine_jsonata = definition.is_object() && uses_jsonata(definition.get_object(), false);
  GraphCompiler compiler(machine_jsonata);
  auto top = compiler.graph(definition, "");
  if (!top) return std::unexpected(top.error());
  auto program = std::make_shared<Program>();
  program->top = **top;
  if (definition.is_object()) {
    if (const Json* t = member(definition.get_object(), "TimeoutSeconds"); t != nullptr && t->is_number()) {
      program->timeout_seconds = t->to_number<std::int64_t>();
    }
  }
  return std::shared_ptr<const Program>(std::move(program));
}

}  // namespace jobflow::asl
