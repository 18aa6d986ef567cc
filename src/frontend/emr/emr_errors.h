#pragma once

#include "base/error.h"
#include "frontend/aws_json/wire_error.h"

namespace jobflow::frontend::emr {

// The one table from core errors to EMR's wire errors.
WireError to_wire(const Error& error);

}  // namespace jobflow::frontend::emr
