#pragma once

#include <optional>
#include <string_view>

namespace jobflow::asl {

// CreateStateMachine's `type`. Express machines reject `.sync`, `.waitForTaskToken` and activity
// tasks at create time.
enum class StateMachineType { kStandard, kExpress };

// The wire strings ("STANDARD", "EXPRESS"), in one table.
std::string_view to_wire(StateMachineType type);
std::optional<StateMachineType> state_machine_type_from_wire(std::string_view text);

}  // namespace jobflow::asl
