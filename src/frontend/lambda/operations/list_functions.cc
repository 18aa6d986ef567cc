#include <charconv>

#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// GET /2015-03-31/functions?Marker&MaxItems: in name order, 50 a page by default.
void list_functions(const LambdaContext& context, http::Request request, http::Reply reply) {
  std::optional<std::int64_t> max_items;
  if (auto text = request.query_param("MaxItems")) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > 10000)
      return reply(to_wire(Error::invalid_input(
          "request", "1 validation error detected: Value '" + *text +
                         "' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal "
                         "to 10000")));
    max_items = value;
  }
  auto page = context.functions.list(request.query_param("Marker").value_or(""), max_items);
  if (!page) return reply(to_wire(page.error()));
  reply(http::Response::json(200, list_functions_json(page->items, page->next_marker)));
}

}  // namespace jobflow::frontend::lambda
