#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}/log?from&size: the interpreter's own output (not statement output).
void get_session_log(const LivyContext& context, http::Request request, http::Reply reply) {
  auto from = query_int(request, "from");
  if (!from) return reply(to_wire(from.error()));
  auto size = query_int(request, "size");
  if (!size) return reply(to_wire(size.error()));
  const std::string id = path_id(request);
  auto state = context.sessions.state(id);
  if (!state) return reply(to_wire(state.error()));
  auto page = context.sessions.log(id, *from, *size);
  if (!page) return reply(to_wire(page.error()));
  reply(json_response(200, log_json(state->first, page->from, page->total, page->lines)));
}

}  // namespace jobflow::frontend::livy
