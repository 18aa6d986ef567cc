#include "asl/validate/scope_checker.h"

#include <set>
#include <string_view>
#include <vector>

#include "asl/validate/field_checks.h"
#include "asl/validate/messages.h"
#include "asl/validate/state_checker.h"

namespace jobflow::asl {
namespace {

constexpr std::size_t kMaxStateName = 80;
constexpr std::int64_t kMaxTimeoutSeconds = 99999999;

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

void check_scope_fields(FieldChecks& f, ScopeChecker::Kind kind) {
  switch (kind) {
    case ScopeChecker::Kind::kMachine:
      f.known_fields({"StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"});
      f.string("Version");
      f.integer("TimeoutSeconds", 1, kMaxTimeoutSeconds);
      f.query_language();
      break;
    case ScopeChecker::Kind::kItemProcessor:
    case ScopeChecker::Kind::kIterator:
      f.known_fields({"StartAt", "States", "Comment", "ProcessorConfig"});
      break;
    case ScopeChecker::Kind::kBranch:
      f.known_fields({"StartAt", "States", "Comment"});
      break;
  }
  f.string("Comment");
}

}  // namespace

void ScopeChecker::check(ValidationReport& report, const boost::json::object& scope,
                         const std::string& location, Kind kind, StateMachineType type) {
  FieldChecks f(report, scope, location);
  bool complete = f.required({"States", "StartAt"});  // AWS lists them in this order
  check_scope_fields(f, kind);
  auto start_at = f.string("StartAt");
  const boost::json::object* states = f.object("States");
  if (states && states->empty()) {
    report.schema_error(Messages::empty_value(), f.field_location("States"));
    states = nullptr;
  }
  if (!states) return;

  std::string states_location = f.field_location("States");
  std::vector<std::string_view> names;
  std::vector<StateOutline> outlines;
  for (const auto& entry : *states) {
    std::string_view name = entry.key();
    std::string location_of_state = states_location + "/" + std::string(name);
    if (code_points(name) > kMaxStateName) {
      report.schema_error({std::string(Messages::kInvalidStateName),
                           Messages::state_name_too_long(name), location_of_state});
    }
    if (!report.state_names.insert(std::string(name)).second) {
      report.schema_error({std::string(Messages::kDuplicateStateName),
                           Messages::duplicate_state_name(name), location_of_state});
    }
    names.push_back(name);
    outlines.push_back(StateChecker::check(report, entry.value(), location_of_state, type));
  }
  if (!complete || !start_at) return;

  // Transitions: every target must exist in this scope.
  std::set<std::string_view> incoming;
  if (!states->contains(*start_at)) {
    report.graph_error(Messages::kMissingTarget, Messages::missing_next(*start_at),
                       f.field_location("StartAt"));
  }
  bool any_terminal = false;
  for (const auto& outline : outlines) {
    any_terminal = any_terminal || outline.terminal;
    for (const auto& transition : outline.transitions) {
      if (states->contains(transition.target)) {
        incoming.insert(states->find(transition.target)->key());
      } else {
        report.graph_error(Messages::kMissingTarget, Messages::missing_next(transition.target),
                           transition.location);
      }
    }
  }
  // No terminal state hides the reachability walk [fact, floci #2786].
  if (!any_terminal) {
    report.graph_error(Messages::kMissingEnd, Messages::no_terminal_state(), "null");
    return;
  }
  for (std::string_view name : names) {
    if (name != *start_at && !incoming.contains(name)) {
      report.graph_error(Messages::kMissingTarget, Messages::unreachable(name),
                         states_location + "/" + std::string(name));
    }
  }
}

}  // namespace jobflow::asl
