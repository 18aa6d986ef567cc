#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions?from=0&size=100.
void list_sessions(const LivyContext& context, http::Request request, http::Reply reply) {
  auto slice = list_slice(request);
  if (!slice) return reply(to_wire(slice.error()));
  auto page = context.sessions.list(slice->begin, slice->count);
  if (!page) return reply(to_wire(page.error()));
  std::vector<std::string> items;
  for (const auto& view : page->items) items.push_back(session_json(view.session, view.state, view.log_tail));
  reply(json_response(200, page_json(slice->from, page->total, items)));
}

}  // namespace jobflow::frontend::livy
