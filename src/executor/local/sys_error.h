#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::executor {

// The C library's text for errno `err` ("No such file or directory"), as Java prints it too.
std::string errno_text(int err);

// An internal error for a failed system call: "<what>: <errno text>".
Error sys_error(std::string_view what, int err);

}  // namespace jobflow::executor
