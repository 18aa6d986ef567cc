#include "jsonata/functions/function_registry.h"

#include <memory>
#include <stdexcept>

namespace jobflow::jsonata {

void FunctionRegistry::define(std::string_view name, std::string_view signature, int arity,
                              NativeImplementation implementation) {
  auto parsed = Signature::parse(signature);
  if (!parsed) throw std::logic_error("bad built-in signature for " + std::string(name));
  auto function = std::make_shared<FunctionData>();
  function->kind = FunctionData::Kind::kNative;
  function->name = std::string(name);
  function->own_signature = std::make_shared<Signature>(std::move(*parsed));
  function->arity = arity;
  function->implementation = std::move(implementation);
  frame_.bind(name, Value::function(std::move(function)));
}

}  // namespace jobflow::jsonata
