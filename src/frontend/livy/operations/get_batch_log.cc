#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches/{id}/log?from&size: Livy's paging over the whole log on disk.
void get_batch_log(const LivyContext& context, http::Request request, http::Reply reply) {
  auto from = query_int(request, "from");
  if (!from) return reply(to_wire(from.error()));
  auto size = query_int(request, "size");
  if (!size) return reply(to_wire(size.error()));
  const std::string id = path_id(request);
  auto state = context.batches.state(id);
  if (!state) return reply(to_wire(state.error()));
  auto page = context.batches.log(id, *from, *size);
  if (!page) return reply(to_wire(page.error()));
  reply(json_response(200, log_json(state->first, page->from, page->total, page->lines)));
}

}  // namespace jobflow::frontend::livy
