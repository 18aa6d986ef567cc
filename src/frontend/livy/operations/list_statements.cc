#include "frontend/livy/livy_shapes.h"
#include "frontend/livy/operations/livy_operation.h"

namespace jobflow::frontend::livy {

// GET /sessions/{id}/statements?from&size&order=desc: {total_statements, statements}. Livy answers
// 400 once the session is dead (its statements died with the driver); jobflow keeps serving them.
void list_statements(const LivyContext& context, http::Request request, http::Reply reply) {
  auto from = query_int(request, "from");
  if (!from) return reply(to_wire(from.error()));
  auto size = query_int(request, "size");
  if (!size) return reply(to_wire(size.error()));
  auto order = request.query_param("order");
  bool desc = false;
  if (order) {
    std::string o = *order;
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    desc = o.find_first_not_of(' ') != std::string::npos &&
           o.substr(o.find_first_not_of(' '), o.find_last_not_of(' ') - o.find_first_not_of(' ') + 1) == "desc";
  }
  auto page = context.sessions.statements(path_id(request), *from, *size, desc);
  if (!page) return reply(to_wire(page.error()));
  reply(json_response(200, statements_json(page->total, page->items)));
}

}  // namespace jobflow::frontend::livy
