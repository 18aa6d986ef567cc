#include "engine/sfn/sdk_metadata.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

namespace jobflow::engine::sfn {

boost::json::object sdk_metadata(const std::string& request_id, std::size_t content_length, TimestampMs now_ms,
                                 std::string_view content_type, int status) {
  using boost::json::array;
  using boost::json::object;
  using boost::json::value;
  auto date = fmt::format("{:%a, %d %b %Y %H:%M:%S} GMT", std::chrono::sys_seconds(std::chrono::seconds(now_ms / 1000)));
  std::string length = std::to_string(content_length);
  object all{{"x-amzn-RequestId", array{value(request_id)}},
             {"connection", array{"keep-alive"}},
             {"Content-Length", array{value(length)}},
             {"Date", array{value(date)}},
             {"Content-Type", array{value(content_type)}}};
  object headers{{"connection", "keep-alive"},
                 {"Content-Length", length},
                 {"Content-Type", content_type},
                 {"Date", date},
                 {"x-amzn-RequestId", request_id}};
  return object{{"AllHttpHeaders", std::move(all)}, {"HttpHeaders", std::move(headers)}, {"HttpStatusCode", status}};
}

}  // namespace jobflow::engine::sfn
