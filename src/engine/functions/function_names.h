#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/error.h"

namespace jobflow::engine::functions {

// arn:aws:lambda:REGION:ACCOUNT:function:NAME
std::string function_arn(std::string_view region, std::string_view account, std::string_view name);
// LastModified as Lambda writes it: "2024-05-01T10:00:00.123+0000".
std::string format_last_modified(TimestampMs ms);
// Lambda's texts for a missing function (ResourceNotFoundException) and a duplicate one
// (ResourceConflictException).
std::string function_not_found_message(std::string_view arn);
std::string function_exists_message(std::string_view name);
// A fresh random UUID (v4): RevisionIds and request ids.
std::string random_uuid();

}  // namespace jobflow::engine::functions
