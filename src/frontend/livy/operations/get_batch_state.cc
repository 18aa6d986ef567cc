#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches/{id}/state: {id, state}; what Airflow's LivyHook polls.
void get_batch_state(const LivyContext& context, http::Request request, http::Reply reply) {
  auto state = context.batches.state(path_id(request));
  if (!state) return reply(to_wire(state.error()));
  reply(json_response(200, state_json(state->first, state->second)));
}

}  // namespace jobflow::frontend::livy
