#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "asl/value/diagnostic.h"
#include "base/clock.h"
#include "base/enum_table.h"
#include "base/json_writer.h"
#include "engine/sfn/state_machine_service.h"
#include "model/execution.h"
#include "model/activity.h"
#include "model/state_machine.h"
#include "model/state_machine_alias.h"
#include "model/state_machine_version.h"

namespace jobflow::frontend::sfn {

// Model -> wire for Step Functions responses. Timestamps are epoch seconds (JSON numbers).
boost::json::value epoch_seconds(TimestampMs ms);
boost::json::object describe_state_machine_shape(const model::StateMachine& machine);
boost::json::object describe_version_shape(const model::StateMachineVersion& version);
boost::json::object describe_alias_shape(const model::StateMachineAlias& alias);
boost::json::object describe_activity_shape(const model::Activity& activity);
boost::json::object logging_shape(const model::LoggingConfiguration& logging);
boost::json::object encryption_shape(const model::EncryptionConfiguration& encryption);
boost::json::array tags_shape(const std::vector<model::Tag>& tags);
boost::json::array routing_shape(const std::vector<model::AliasRoute>& routing);
boost::json::object diagnostic_shape(const asl::Diagnostic& diagnostic);

// Executions. `include_data` false (includedData METADATA_ONLY) leaves input and output out.
enum class RedriveStatus { kRedrivable, kNotRedrivable, kRedrivableByMapRun };
inline constexpr EnumTable<RedriveStatus, 3> kRedriveStatuses{{{
    {RedriveStatus::kRedrivable, "REDRIVABLE"},
    {RedriveStatus::kNotRedrivable, "NOT_REDRIVABLE"},
    {RedriveStatus::kRedrivableByMapRun, "REDRIVABLE_BY_MAP_RUN"},
}}};
boost::json::object describe_execution_shape(const model::Execution& execution, bool include_data);
boost::json::object sync_execution_shape(const model::Execution& execution, bool include_data);
boost::json::object state_machine_for_execution_shape(const engine::sfn::StateMachineDescription& described);
// One ExecutionListItem, straight into a ListExecutions page.
void write_execution_list_item(JsonWriter& out, const model::Execution& execution);

}  // namespace jobflow::frontend::sfn
