#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// POST /sessions/{id}/connect (undocumented; Livy's Java and Python clients call it): the session.
void connect_session(const LivyContext& context, http::Request request, http::Reply reply) {
  get_session(context, std::move(request), std::move(reply));
}

}  // namespace jobflow::frontend::livy
