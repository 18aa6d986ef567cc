#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /batches/{id} ({id} may be the batch's name).
void get_batch(const LivyContext& context, http::Request request, http::Reply reply) {
  auto view = context.batches.get(path_id(request));
  if (!view) return reply(to_wire(view.error()));
  reply(json_response(200, batch_json(view->batch, view->log_tail)));
}

}  // namespace jobflow::frontend::livy
