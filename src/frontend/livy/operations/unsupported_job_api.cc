#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// Livy's undocumented Job API (submit-job, run-job, jobs/{id}, upload-*, add-*, stop, interrupt),
// used by Livy's own Java and Python clients to run serialized functions in a session. jobflow
// does not run it: a clear 400 rather than a 404 that reads like a missing session.
void unsupported_job_api(const LivyContext& context, http::Request request, http::Reply reply) {
  if (auto session = context.sessions.state(path_id(request)); !session) return reply(to_wire(session.error()));
  reply(to_wire(Error::unsupported(
      "session", "jobflow does not support Livy's Job API (" + request.method + " " + request.path +
                     "): run code through /sessions/{id}/statements, or files as batches.")));
}

}  // namespace jobflow::frontend::livy
