#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches?from=0&size=100: `total` counts every batch, the page is in creation order.
void list_batches(const LivyContext& context, http::Request request, http::Reply reply) {
  auto slice = list_slice(request);
  if (!slice) return reply(to_wire(slice.error()));
  auto page = context.batches.list(slice->begin, slice->count);
  if (!page) return reply(to_wire(page.error()));
  std::vector<std::string> items;
  for (const auto& view : page->items) items.push_back(batch_json(view.batch, view.log_tail));
  reply(json_response(200, page_json(slice->from, page->total, items)));
}

}  // namespace jobflow::frontend::livy
