#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/enum_table.h"
#include "engine/sfn/execution_service.h"
#include "frontend/aws_json/input_reader.h"
#include "model/execution.h"
#include "model/state_machine_alias.h"
#include "model/state_machine_config.h"
#include "model/tag.h"

namespace jobflow::frontend::sfn {

// Wire -> model for Step Functions requests. Each records the first problem in the reader (wrong
// JSON type: SerializationException; a model constraint: ValidationException in AWS's wording).
std::optional<model::StateMachineType> decode_type(InputReader& in, std::string_view member);
std::optional<model::LoggingConfiguration> decode_logging(InputReader& in);
std::optional<model::TracingConfiguration> decode_tracing(InputReader& in);
std::optional<model::EncryptionConfiguration> decode_encryption(InputReader& in);
std::vector<model::Tag> decode_tags(InputReader& in, std::string_view member, bool required);
std::optional<std::vector<model::AliasRoute>> decode_routing(InputReader& in, bool required);
// maxResults: 0..max (0 or absent: the service's default).
std::int64_t decode_max_results(InputReader& in, std::int64_t max = 1000);
// nextToken: 1..max_len characters (1024; ListExecutions 3096); empty when absent.
std::string decode_next_token(InputReader& in, std::size_t max_len = 1024);

// Executions.
std::optional<model::ExecutionStatus> decode_execution_status(InputReader& in, std::string_view member);
// StartExecution / StartSyncExecution: stateMachineArn, name, input, traceHeader (model constraints only;
// the name's characters and the input's JSON are the service's to judge).
engine::sfn::StartExecutionRequest decode_start_execution(InputReader& in);
// includedData: whether input and output go on the wire (KMS-related in AWS). Default ALL_DATA.
enum class IncludedData { kAllData, kMetadataOnly };
inline constexpr EnumTable<IncludedData, 2> kIncludedData{{{
    {IncludedData::kAllData, "ALL_DATA"},
    {IncludedData::kMetadataOnly, "METADATA_ONLY"},
}}};
bool decode_included_data(InputReader& in);
// ListExecutions redriveFilter. jobflow does not redrive executions, so none is ever REDRIVEN.
enum class RedriveFilter { kRedriven, kNotRedriven };
inline constexpr EnumTable<RedriveFilter, 2> kRedriveFilters{{{
    {RedriveFilter::kRedriven, "REDRIVEN"},
    {RedriveFilter::kNotRedriven, "NOT_REDRIVEN"},
}}};
std::optional<RedriveFilter> decode_redrive_filter(InputReader& in);

inline constexpr std::size_t kMaxDefinitionLength = 1024 * 1024;
inline constexpr std::size_t kMaxArnLength = 256;
inline constexpr std::size_t kMaxTaskTokenLength = 2048;      // SendTask* taskToken (model: 1-2048)
inline constexpr std::size_t kMaxTaskOutputLength = 262'144;  // SendTaskSuccess output
inline constexpr std::size_t kMaxNameLength = 80;
inline constexpr std::size_t kMaxPayloadLength = 262'144;  // SensitiveData: input and output
inline constexpr std::size_t kMaxTraceHeaderLength = 256;
inline constexpr std::size_t kMaxErrorLength = 256;
inline constexpr std::size_t kMaxCauseLength = 32'768;

}  // namespace jobflow::frontend::sfn
