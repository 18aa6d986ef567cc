#include "jsonata/functions/standard_library.h"

#include "jsonata/functions/collection_functions.h"
#include "jsonata/functions/core_functions.h"
#include "jsonata/functions/numeric_functions.h"
#include "jsonata/functions/string_functions.h"

namespace jobflow::jsonata {

FramePtr standard_library() {
  static const FramePtr library = [] {
    auto frame = std::make_shared<Frame>();
    FunctionRegistry registry(*frame);
    register_core_functions(registry);
    register_string_functions(registry);
    register_numeric_functions(registry);
    register_collection_functions(registry);
    return frame;
  }();
  return library;
}

}  // namespace jobflow::jsonata
