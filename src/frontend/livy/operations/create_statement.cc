#include "frontend/livy/livy_decoders.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /sessions/{id}/statements {code, kind?}: 201 with the statement (waiting) and its Location.
// Livy answers 500 "Session is in state starting" before the interpreter is up (and sparkmagic
// retries 5xx); jobflow queues the statement instead: it runs once the interpreter answers.
void create_statement(const LivyContext& context, http::Request request, http::Reply reply) {
  auto decoded = decode_statement_request(request.body);
  if (!decoded) return reply(to_wire(decoded.error()));
  const std::string id = path_id(request);
  auto session = context.sessions.state(id);
  if (!session) return reply(to_wire(session.error()));
  auto statement = context.sessions.submit(id, std::move(*decoded));
  if (!statement) return reply(to_wire(statement.error()));
  auto response = json_response(201, statement_json(*statement));
  response.headers.emplace_back("Location", "/sessions/" + std::to_string(session->first) + "/statements/" +
                                                std::to_string(statement->id));
  reply(std::move(response));
}

}  // namespace jobflow::frontend::livy
