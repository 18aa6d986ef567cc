#pragma once

#include "jsonata/eval/frame.h"

namespace jobflow::jsonata {

// The frame of JSONata's built-in functions, made once and shared (read-only) by every
// evaluation; each evaluation's own frames sit below it.
FramePtr standard_library();

}  // namespace jobflow::jsonata
