#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}; also the heartbeat sparkmagic sends every 30 s.
void get_session(const LivyContext& context, http::Request request, http::Reply reply) {
  auto view = context.sessions.get(path_id(request));
  if (!view) return reply(to_wire(view.error()));
  reply(json_response(200, session_json(view->session, view->state, view->log_tail)));
}
}  // namespace jobflow::frontend::livy
