#include "jsonata/functions/numeric_functions.h"

namespace jobflow::jsonata {

void register_numeric_functions(FunctionRegistry& registry) { (void)registry; }

}  // namespace jobflow::jsonata
