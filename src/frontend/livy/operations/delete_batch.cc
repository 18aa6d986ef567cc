#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// DELETE /batches/{id}: answered once the job's whole process tree is gone; the batch is then
// forgotten (a later GET is 404), as in Livy. No thread waits meanwhile.
void delete_batch(const LivyContext& context, http::Request request, http::Reply reply) {
  context.batches.remove(path_id(request), [reply = std::move(reply)](Status status) {
    if (!status) return reply(to_wire(status.error()));
    reply(json_response(200, msg_json("deleted")));
  });
}

}  // namespace jobflow::frontend::livy
