#include "cli/track/api_error.h"

#include "cli/track/outcome.h"

namespace jobflow::cli {

int exit_code_for(const ApiError& error) {
  switch (error.kind) {
    case ApiError::Kind::kUnreachable: return exit_code::kUnreachable;
    case ApiError::Kind::kNotFound: return exit_code::kNotFound;
    case ApiError::Kind::kAmbiguous: return exit_code::kUsage;
    case ApiError::Kind::kOther: return exit_code::kFailed;
  }
  return exit_code::kFailed;
}

}  // namespace jobflow::cli
