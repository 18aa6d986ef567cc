#pragma once

#include "base/error.h"
#include "frontend/aws_json/wire_error.h"

namespace jobflow::frontend::sfn {

// The one table from core errors to Step Functions' wire errors (all 400 client errors, as in
// AWS's model; only a fault of ours is a 500).
WireError to_wire(const Error& error);

}  // namespace jobflow::frontend::sfn
