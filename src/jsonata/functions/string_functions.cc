#include "jsonata/functions/string_functions.h"

namespace jobflow::jsonata {

void register_string_functions(FunctionRegistry& registry) { (void)registry; }

}  // namespace jobflow::jsonata
