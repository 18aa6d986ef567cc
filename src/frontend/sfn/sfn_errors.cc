#include "frontend/sfn/sfn_errors.h"

namespace jobflow::frontend::sfn {
namespace {

struct Entry {
  ErrorCode code;
  std::string_view resource;  // empty: any resource
  std::string_view type;
};

// First match wins: specific resources before the catch-all of their code.
constexpr Entry kTable[] = {
    {ErrorCode::kInvalidInput, "arn", "InvalidArn"},
    {ErrorCode::kInvalidInput, "name", "InvalidName"},
    {ErrorCode::kInvalidInput, "definition", "InvalidDefinition"},
    {ErrorCode::kInvalidInput, "logging", "InvalidLoggingConfiguration"},
    {ErrorCode::kInvalidInput, "tracing", "InvalidTracingConfiguration"},
    {ErrorCode::kInvalidInput, "encryption", "InvalidEncryptionConfiguration"},
    {ErrorCode::kInvalidInput, "token", "InvalidToken"},
    {ErrorCode::kInvalidInput, "missing_parameter", "MissingRequiredParameter"},
    {ErrorCode::kInvalidInput, "input", "InvalidExecutionInput"},
    {ErrorCode::kInvalidInput, "output", "InvalidOutput"},
    {ErrorCode::kInvalidInput, "type", "StateMachineTypeNotSupported"},
    {ErrorCode::kInvalidInput, "", "ValidationException"},
    {ErrorCode::kNotFound, "state_machine", "StateMachineDoesNotExist"},
    {ErrorCode::kNotFound, "activity", "ActivityDoesNotExist"},
    {ErrorCode::kNotFound, "execution", "ExecutionDoesNotExist"},
    {ErrorCode::kNotFound, "task", "TaskDoesNotExist"},
    {ErrorCode::kNotFound, "", "ResourceNotFound"},
    {ErrorCode::kAlreadyExists, "state_machine", "StateMachineAlreadyExists"},
    {ErrorCode::kAlreadyExists, "activity", "ActivityAlreadyExists"},
    {ErrorCode::kAlreadyExists, "execution", "ExecutionAlreadyExists"},
    {ErrorCode::kAlreadyExists, "", "ConflictException"},
    {ErrorCode::kConflict, "", "ConflictException"},
    {ErrorCode::kInvalidState, "state_machine", "StateMachineDeleting"},
    {ErrorCode::kInvalidState, "redrive", "ExecutionNotRedrivable"},
    {ErrorCode::kInvalidState, "type", "StateMachineTypeNotSupported"},
    {ErrorCode::kInvalidState, "task_timed_out", "TaskTimedOut"},
    {ErrorCode::kInvalidState, "", "ValidationException"},
    {ErrorCode::kLimitExceeded, "tags", "TooManyTags"},
    {ErrorCode::kLimitExceeded, "state_machine", "StateMachineLimitExceeded"},
    {ErrorCode::kLimitExceeded, "activity", "ActivityLimitExceeded"},
    {ErrorCode::kLimitExceeded, "execution", "ExecutionLimitExceeded"},
    {ErrorCode::kLimitExceeded, "activity_worker", "ActivityWorkerLimitExceeded"},
    {ErrorCode::kLimitExceeded, "", "ServiceQuotaExceededException"},
    {ErrorCode::kUnsupported, "type", "StateMachineTypeNotSupported"},
    {ErrorCode::kUnsupported, "", "ValidationException"},
    {ErrorCode::kTooLarge, "", "ValidationException"},
};

}  // namespace

WireError to_wire(const Error& e) {
  for (const auto& entry : kTable)
    if (entry.code == e.code && (entry.resource.empty() || entry.resource == e.resource))
      return {400, std::string(entry.type), e.message, {}};
  return {500, "InternalServerException", e.message, {}};
}

}  // namespace jobflow::frontend::sfn
