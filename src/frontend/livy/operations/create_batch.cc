#include "frontend/livy/livy_decoders.h"
#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /batches: 201 with the batch and `Location: /batches/{id}`. A request Livy would reject
// registers nothing (Livy leaves a batch behind for a missing `file`).
void create_batch(const LivyContext& context, http::Request request, http::Reply reply) {
  auto decoded = decode_batch_request(request.body);
  if (!decoded) return reply(to_wire(decoded.error(), LivyCall::kCreate));
  if (auto do_as = request.query_param("doAs")) decoded->fields.proxy_user = *do_as;
  auto created = context.batches.create(std::move(*decoded), std::nullopt);
  if (!created) return reply(to_wire(created.error(), LivyCall::kCreate));
  auto response = json_response(201, batch_json(created->batch, created->log_tail));
  response.headers.emplace_back("Location", "/batches/" + std::to_string(created->batch.id));
  reply(std::move(response));
}

}  // namespace jobflow::frontend::livy
