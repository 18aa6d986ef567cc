#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /version. pylivy reads `version` (it must look like 1.2.3...) before creating sessions.
void get_version(const LivyContext& context, http::Request, http::Reply reply) {
  reply(json_response(200, version_json(context.options.version, "jobflow", "", "", "", "")));
}

}  // namespace jobflow::frontend::livy
