#include "http/router.h"

#include <algorithm>
#include <utility>

#include "http/percent_decode.h"

namespace jobflow::http {
namespace {

std::string_view strip_trailing_slash(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

// Splits "/a/b/c" into {"a", "b", "c"}; "/" gives no segment.
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  path = strip_trailing_slash(path);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::string_view raw_path_of(const Request& request) {
  // Hand-built requests may carry only the path; absolute-form targets ("http://h/p", meant
  // for proxies) are rare enough to be matched on the decoded path.
  if (request.target.empty() || request.target.front() != '/') return request.path;
  std::string_view target = request.target;
  const std::size_t q = target.find('?');
  if (q != std::string_view::npos) target = target.substr(0, q);
  return target;
}

Response error_response(int status, std::string_view message) {
  return Response::json(status, std::string("{\"message\":\"").append(message).append("\"}"));
}

}  // namespace

Router::Router()
    : fallback_([](Request, Reply reply) { reply(error_response(404, "Not Found")); }) {}

Router::~Router() = default;

Router::Route* Router::find_or_add_route(std::string_view normalized, std::vector<Segment> segments) {
  const bool has_param =
      std::any_of(segments.begin(), segments.end(), [](const Segment& s) { return s.is_param; });
  if (!has_param) {
    auto& slot = exact_[std::string(normalized)];
    if (!slot) {
      slot = std::make_unique<Route>();
      slot->pattern = std::string(normalized);
      slot->segments = std::move(segments);
    }
    return slot.get();
  }
  for (auto& route : patterns_) {
    if (route->pattern == normalized) return route.get();
  }
  auto route = std::make_unique<Route>();
  route->pattern = std::string(normalized);
  route->segments = std::move(segments);
  patterns_.push_back(std::move(route));
  return patterns_.back().get();
}

Status Router::add(std::string_view method, std::string_view pattern, RouteFn fn) {
  if (method.empty()) return fail(Error::invalid_input("route", "empty method"));
  if (pattern.empty() || pattern.front() != '/') {
    return fail(Error::invalid_input("route", "pattern must start with '/': " + std::string(pattern)));
  }
  if (!fn) return fail(Error::invalid_input("route", "no function for " + std::string(pattern)));

  const std::string_view normalized = strip_trailing_slash(pattern);
  std::vector<Segment> segments;
  std::vector<std::string_view> names;
  for (std::string_view seg : split_segments(normalized)) {
    const bool opens = seg.find('{') != std::string_view::npos;
    const bool closes = seg.find('}') != std::string_view::npos;
    if (!opens && !closes) {
      segments.push_back({std::string(seg), false});
      continue;
    }
    if (seg.size() < 3 || seg.front() != '{' || seg.back() != '}' ||
        seg.substr(1, seg.size() - 2).find_first_of("{}") != std::string_view::npos) {
      return fail(Error::invalid_input(
          "route", "a parameter must be a whole segment like {name}: " + std::string(pattern)));
    }
    const std::string_view name = seg.substr(1, seg.size() - 2);
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return fail(Error::invalid_input("route", "parameter named twice: " + std::string(pattern)));
    }
    names.push_back(name);
    segments.push_back({std::string(name), true});
  }

  Route* route = find_or_add_route(normalized, std::move(segments));
  for (const auto& m : route->methods) {
    if (m.method == method) {
      return fail(Error::invalid_input(
          "route", "route registered twice: " + std::string(method) + " " + std::string(pattern)));
    }
  }
  route->methods.push_back({std::string(method), std::move(fn)});
  return {};
}

Status Router::add(std::string_view method, std::string_view pattern, Handler& handler) {
  return add(method, pattern,
             [&handler](Request request, Reply reply) { handler.handle(std::move(request), std::move(reply)); });
}

void Router::add_predicate(Predicate predicate, RouteFn fn) {
  predicates_.push_back({std::move(predicate), std::move(fn)});
}

void Router::add_amz_target(std::string prefix, RouteFn fn) {
  add_predicate(
      [prefix = std::move(prefix)](const Request& request) {
        if (request.method != "POST" || strip_trailing_slash(raw_path_of(request)) != "/") return false;
        const auto target = request.header("x-amz-target");
        return target && target->starts_with(prefix);
      },
      std::move(fn));
}

void Router::set_fallback(RouteFn fn) {
  if (fn) fallback_ = std::move(fn);
}

void Router::handle(Request request, Reply reply) {
  for (const auto& p : predicates_) {
    if (p.predicate(request)) {
      p.fn(std::move(request), std::move(reply));
      return;
    }
  }

  struct Candidate {
    const Route* route;
    std::vector<std::pair<std::string, std::string>> params;
  };
  std::vector<Candidate> candidates;

  if (!exact_.empty()) {
    // Requests built by hand (tests, internal calls) may carry only the target.
    const std::string decoded =
        request.path.empty() ? percent_decode(raw_path_of(request)) : std::string();
    const std::string_view path = request.path.empty() ? std::string_view(decoded) : request.path;
    const auto it = exact_.find(std::string(strip_trailing_slash(path)));
    if (it != exact_.end()) candidates.push_back({it->second.get(), {}});
  }

  if (!patterns_.empty()) {
    // Parameters come from the raw target, one segment at a time, so that an encoded "%2F" inside
    // an id stays inside that id instead of splitting the path.
    const std::vector<std::string_view> raw = split_segments(raw_path_of(request));
    std::vector<std::string> segs;
    segs.reserve(raw.size());
    for (std::string_view s : raw) segs.push_back(percent_decode(s));

    const std::size_t first_pattern = candidates.size();
    for (const auto& route : patterns_) {
      if (route->segments.size() != segs.size()) continue;
      bool ok = true;
      for (std::size_t i = 0; ok && i < segs.size(); ++i) {
        ok = route->segments[i].is_param ? !segs[i].empty() : route->segments[i].text == segs[i];
      }
      if (!ok) continue;
      Candidate c{route.get(), {}};
      for (std::size_t i = 0; i < segs.size(); ++i) {
        if (route->segments[i].is_param) c.params.emplace_back(route->segments[i].text, segs[i]);
      }
      candidates.push_back(std::move(c));
    }
    std::stable_sort(candidates.begin() + static_cast<std::ptrdiff_t>(first_pattern), candidates.end(),
                     [](const Candidate& a, const Candidate& b) {
                       for (std::size_t i = 0; i < a.route->segments.size(); ++i) {
                         const bool pa = a.route->segments[i].is_param;
                         const bool pb = b.route->segments[i].is_param;
                         if (pa != pb) return !pa;
                       }
                       return false;
                     });
  }

  if (candidates.empty()) {
    fallback_(std::move(request), std::move(reply));
    return;
  }

  auto find = [&](std::string_view method) -> std::pair<const RouteFn*, Candidate*> {
    for (auto& c : candidates) {
      for (const auto& m : c.route->methods) {
        if (m.method == method) return {&m.fn, &c};
      }
    }
    return {nullptr, nullptr};
  };
  auto [fn, match] = find(request.method);
  if (!fn && request.method == "HEAD") std::tie(fn, match) = find("GET");
  if (fn) {
    request.path_params = std::move(match->params);
    (*fn)(std::move(request), std::move(reply));
    return;
  }

  std::string allow;
  std::vector<std::string_view> seen;
  for (const auto& c : candidates) {
    for (const auto& m : c.route->methods) {
      if (std::find(seen.begin(), seen.end(), m.method) != seen.end()) continue;
      seen.push_back(m.method);
      if (!allow.empty()) allow += ", ";
      allow += m.method;
    }
  }
  Response response = error_response(405, "Method Not Allowed");
  response.headers.emplace_back("Allow", std::move(allow));
  reply(std::move(response));
}

}  // namespace jobflow::http
