#include "frontend/livy/livy_decoders.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /sessions/{id}/completion {code, kind, cursor}: {candidates}, answered by the interpreter
// even while a statement runs.
void complete_code(const LivyContext& context, http::Request request, http::Reply reply) {
  auto decoded = decode_completion_request(request.body);
  if (!decoded) return reply(to_wire(decoded.error()));
  context.sessions.complete(path_id(request), std::move(*decoded),
                            [reply = std::move(reply)](Result<std::vector<std::string>> candidates) {
                              if (!candidates) return reply(to_wire(candidates.error()));
                              reply(json_response(200, completion_json(*candidates)));
                            });
}

}  // namespace jobflow::frontend::livy
