#include "frontend/emr/emr_errors.h"

namespace jobflow::frontend::emr {

// EMR answers the Cluster calls (Describe*, List*, tags, CancelSteps, ModifyCluster) with
// InvalidRequestException, and the JobFlow calls (RunJobFlow, AddJobFlowSteps, TerminateJobFlows,
// Set*) with ValidationException. The engine says which through the error's resource.
WireError to_wire(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      if (e.resource == "cluster") return {400, "InvalidRequestException", e.message, "NoSuchCluster"};
      if (e.resource == "step") return {400, "InvalidRequestException", e.message, "NoSuchStep"};
      return {400, "ValidationException", e.message, {}};
    case ErrorCode::kInvalidInput:
      if (e.resource == "tag" || e.resource == "marker") return {400, "InvalidRequestException", e.message, {}};
      return {400, "ValidationException", e.message, {}};
    case ErrorCode::kInvalidState:
      if (e.resource == "cluster") return {400, "InvalidRequestException", e.message, {}};
      return {400, "ValidationException", e.message, {}};
    case ErrorCode::kLimitExceeded:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kUnsupported:
      return {400, "ValidationException", e.message, {}};
    case ErrorCode::kTooLarge:
      return {413, "ValidationException", e.message, {}};
    case ErrorCode::kConflict:
    case ErrorCode::kInternal:
      break;
  }
  return {500, "InternalServerException", e.message, {}};
}

}  // namespace jobflow::frontend::emr
