#include "frontend/livy/livy_decoders.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /sessions: 201 with the session (starting) and `Location: /sessions/{id}`.
void create_session(const LivyContext& context, http::Request request, http::Reply reply) {
  auto decoded = decode_session_request(request.body);
  if (!decoded) return reply(to_wire(decoded.error(), LivyCall::kCreate));
  if (auto do_as = request.query_param("doAs")) decoded->fields.proxy_user = *do_as;
  auto created = context.sessions.create(std::move(*decoded), std::nullopt);
  if (!created) return reply(to_wire(created.error(), LivyCall::kCreate));
  auto response = json_response(201, session_json(created->session, created->state, created->log_tail));
  response.headers.emplace_back("Location", "/sessions/" + std::to_string(created->session.id));
  reply(std::move(response));
}

}  // namespace jobflow::frontend::livy
