#include "cli/sfn_progress_sink.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "asl/value/timestamp.h"

namespace jobflow::cli {
namespace {

std::string shorten(std::string_view text, std::size_t limit = 100) {
  if (text.size() <= limit) return std::string(text);
  return fmt::format("{}... ({} bytes)", text.substr(0, limit), text.size());
}

std::string field(const boost::json::object& details, std::string_view key) {
  auto it = details.find(key);
  if (it == details.end()) return {};
  if (it->value().is_string()) return std::string(it->value().get_string());
  return boost::json::serialize(it->value());
}

}  // namespace

void SfnProgressSink::record(asl::HistoryEvent event) {
  if (print_) {
    std::string time = asl::format_timestamp_ms(event.timestamp_ms).substr(11);
    std::string line = fmt::format("{} {:>4} {:<28}", time, event.id, event.type);
    const auto& d = event.details;
    if (auto name = field(d, "name"); !name.empty()) line += fmt::format(" {}", name);
    if (auto input = field(d, "input"); !input.empty()) line += fmt::format("  input={}", shorten(input));
    if (auto output = field(d, "output"); !output.empty()) line += fmt::format("  output={}", shorten(output));
    if (auto error = field(d, "error"); !error.empty()) line += fmt::format("  error={}", error);
    if (auto cause = field(d, "cause"); !cause.empty()) line += fmt::format("  cause={}", shorten(cause));
    if (auto resource = field(d, "resource"); !resource.empty()) line += fmt::format("  resource={}", resource);
    print_(line);
  }
  events_.push_back(std::move(event));
}

}  // namespace jobflow::cli
