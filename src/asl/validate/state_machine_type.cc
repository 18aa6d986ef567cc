#include "asl/validate/state_machine_type.h"

#include <array>
#include <utility>

namespace jobflow::asl {
namespace {

constexpr std::array<std::pair<StateMachineType, std::string_view>, 2> kWire{{
    {StateMachineType::kStandard, "STANDARD"},
    {StateMachineType::kExpress, "EXPRESS"},
}};

}  // namespace

std::string_view to_wire(StateMachineType type) {
  for (const auto& [value, text] : kWire) {
    if (value == type) return text;
  }
  return "STANDARD";
}

std::optional<StateMachineType> state_machine_type_from_wire(std::string_view text) {
  for (const auto& [value, wire] : kWire) {
    if (wire == text) return value;
  }
  return std::nullopt;
}

}  // namespace jobflow::asl
