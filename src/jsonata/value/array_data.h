#pragma once

#include <vector>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// An array the evaluator built, with the reference implementation's flags (see Value).
struct ArrayData {
  std::vector<Value> items;
  bool sequence = false;
  bool keep_singleton = false;
  bool cons = false;
  bool outer_wrapper = false;
  bool tuple_stream = false;
};

}  // namespace jobflow::jsonata
