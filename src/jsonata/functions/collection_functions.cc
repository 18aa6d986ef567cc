#include "jsonata/functions/collection_functions.h"

namespace jobflow::jsonata {

void register_collection_functions(FunctionRegistry& registry) { (void)registry; }

}  // namespace jobflow::jsonata
