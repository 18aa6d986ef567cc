#pragma once

#include <string>

#include "asl/value/scope.h"

namespace jobflow::asl {

// A version 4 UUID ("xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx") from two draws of `random`:
// States.UUID and JSONata's $uuid.
std::string random_uuid(Random& random);

}  // namespace jobflow::asl
