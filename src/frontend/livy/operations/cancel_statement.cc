#include "engine/livy/livy_ids.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /sessions/{id}/statements/{sid}/cancel: {"msg":"canceled"} (Livy's spelling); unknown or
// finished statements are ignored, as in Livy.
void cancel_statement(const LivyContext& context, http::Request request, http::Reply reply) {
  auto sid = engine::livy::as_livy_id(request.path_param("sid").value_or(""));
  if (sid) {
    if (auto ok = context.sessions.cancel(path_id(request), *sid); !ok) return reply(to_wire(ok.error()));
  } else if (auto session = context.sessions.state(path_id(request)); !session) {
    return reply(to_wire(session.error()));
  }
  reply(json_response(200, msg_json("canceled")));
}

}  // namespace jobflow::frontend::livy
