#include "executor/local/sys_error.h"

#include <string.h>

#include <fmt/format.h>

namespace jobflow::executor {

std::string errno_text(int err) {
  // strerrordesc_np is thread-safe and locale-independent, unlike strerror.
  if (const char* text = ::strerrordesc_np(err)) return text;
  return fmt::format("Unknown error {}", err);
}

Error sys_error(std::string_view what, int err) {
  return Error::internal(fmt::format("{}: {}", what, errno_text(err)));
}

}  // namespace jobflow::executor
