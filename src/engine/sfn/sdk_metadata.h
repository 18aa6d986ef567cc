#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "base/clock.h"

namespace jobflow::engine::sfn {

// The SdkHttpMetadata object AWS's optimized integrations put in a task's output: the HTTP
// headers of the service's answer, as the Java SDK reports them.
boost::json::object sdk_metadata(const std::string& request_id, std::size_t content_length, TimestampMs now_ms,
                                 std::string_view content_type, int status = 200);

}  // namespace jobflow::engine::sfn
