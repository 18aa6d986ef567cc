#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "http/handler.h"

namespace jobflow::http {

// Dispatches requests to route functions. Order of checks:
//   1. predicate routes, in registration order (AWS JSON services all POST to "/" and differ only
//      in X-Amz-Target, so they cannot be told apart by path);
//   2. the path: exact routes, then `{param}` patterns, a literal segment beating a parameter at
//      the first position where two patterns differ (so `/sessions/active` wins over
//      `/sessions/{id}`);
//   3. the method among the routes whose path matched; none → 405 with `Allow`; HEAD falls back
//      to GET.
// No path matched → the fallback (default: 404 JSON). A single trailing slash is ignored.
//
// Register every route before the server starts: handle() reads the tables without a lock.
class Router final : public Handler {
 public:
  using RouteFn = std::function<void(Request, Reply)>;
  using Predicate = std::function<bool(const Request&)>;

  Router();
  ~Router() override;

  // `pattern` starts with '/'; a segment is either literal or a whole `{name}`. Fails on a
  // malformed pattern or a method+pattern registered twice.
  Status add(std::string_view method, std::string_view pattern, RouteFn fn);
  // Routes to a Handler that outlives the router.
  Status add(std::string_view method, std::string_view pattern, Handler& handler);

  void add_predicate(Predicate predicate, RouteFn fn);
  // POST "/" whose X-Amz-Target header starts with `prefix` (e.g. "ElasticMapReduce.").
  void add_amz_target(std::string prefix, RouteFn fn);

  // Answers requests whose path matches no route.
  void set_fallback(RouteFn fn);

  void handle(Request request, Reply reply) override;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  struct MethodFn {
    std::string method;
    RouteFn fn;
  };
  struct Route {
    std::string pattern;
    std::vector<Segment> segments;
    std::vector<MethodFn> methods;
  };
  struct PredicateRoute {
    Predicate predicate;
    RouteFn fn;
  };

  Route* find_or_add_route(std::string_view normalized, std::vector<Segment> segments);

  std::vector<PredicateRoute> predicates_;
  std::unordered_map<std::string, std::unique_ptr<Route>> exact_;
  std::vector<std::unique_ptr<Route>> patterns_;
  RouteFn fallback_;
};

}  // namespace jobflow::http
