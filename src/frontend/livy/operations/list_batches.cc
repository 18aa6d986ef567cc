#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches?from=0&size=100: `total` counts every batch, the page is in creation order.
void list_batches(const LivyContext& context, http::Request request, http::Reply reply) {
  auto from = query_int(request, "from");
  if (!from) return reply(to_wire(from.error()));
  auto size = query_int(request, "size");
  if (!size) return reply(to_wire(size.error()));
  // Livy slices like Scala's view(from, from + size): a negative from starts at 0, a negative size
  // gives nothing, and `from` is echoed as sent.
  const std::int64_t first = from->value_or(0);
  const std::int64_t begin = std::max<std::int64_t>(0, first);
  const std::int64_t count = std::max<std::int64_t>(0, first + size->value_or(100) - begin);
  auto page = context.batches.list(begin, count);
  if (!page) return reply(to_wire(page.error()));
  std::vector<std::string> items;
  for (const auto& view : page->items) items.push_back(batch_json(view.batch, view.log_tail));
  reply(json_response(200, page_json(first, page->total, items)));
}

}  // namespace jobflow::frontend::livy
