#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}/state: {id, state}.
void get_session_state(const LivyContext& context, http::Request request, http::Reply reply) {
  auto state = context.sessions.state(path_id(request));
  if (!state) return reply(to_wire(state.error()));
  reply(json_response(200, state_json(state->first, state->second)));
}

}  // namespace jobflow::frontend::livy
