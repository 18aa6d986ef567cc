#include "cli/track/machine_name.h"

#include <fmt/format.h>

namespace jobflow::cli {
namespace {

constexpr std::size_t kMaxName = 80;  // Step Functions' limit for a state machine name

bool allowed(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string run_machine_name(std::string_view file, std::int64_t start_ms) {
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  for (std::string_view ending : {".asl.json", ".json"}) {
    if (file.ends_with(ending)) {
      file.remove_suffix(ending.size());
      break;
    }
  }
  std::string stem;
  for (char c : file) stem += allowed(c) ? c : '-';
  std::string suffix = fmt::format("-{}", start_ms);
  if (stem.empty()) stem = "run";
  if (stem.size() + suffix.size() > kMaxName) stem.resize(kMaxName - suffix.size());
  return stem + suffix;
}

}  // namespace jobflow::cli
