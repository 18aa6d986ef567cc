#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches/{id}/state: {id, state}; what Airflow's LivyHook polls.
void get_batch_state(const LivyContext& context, http::Request request, http::Reply reply) {
  auto view = context.batches.get(path_id(request));
  if (!view) return reply(to_wire(view.error()));
  reply(json_response(200, state_json(view->batch.id, view->batch.state)));
}

}  // namespace jobflow::frontend::livy
