#include "engine/livy/livy_ids.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}/statements/{sid}; an unknown statement is 404 "Statement not found".
void get_statement(const LivyContext& context, http::Request request, http::Reply reply) {
  auto sid = engine::livy::as_livy_id(request.path_param("sid").value_or(""));
  if (!sid) return reply(to_wire(Error::not_found("statement", "Statement not found")));
  auto statement = context.sessions.statement(path_id(request), *sid);
  if (!statement) return reply(to_wire(statement.error()));
  reply(json_response(200, statement_json(*statement)));
}

}  // namespace jobflow::frontend::livy
