#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}/state: {id, state}.
void get_session_state(const LivyContext& context, http::Request request, http::Reply reply) {
  auto view = context.sessions.get(path_id(request));
  if (!view) return reply(to_wire(view.error()));
  reply(json_response(200, state_json(view->session.id, view->state)));
}

}  // namespace jobflow::frontend::livy
