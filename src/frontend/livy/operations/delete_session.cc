#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// DELETE /sessions/{id}: answered once the interpreter has stopped; then the session is gone.
void delete_session(const LivyContext& context, http::Request request, http::Reply reply) {
  context.sessions.remove(path_id(request), [reply = std::move(reply)](Status status) {
    if (!status) return reply(to_wire(status.error()));
    reply(json_response(200, msg_json("deleted")));
  });
}

}  // namespace jobflow::frontend::livy
