#include "cli/track/history_line.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace jobflow::cli {
namespace json = boost::json;
namespace {

std::string shorten(std::string_view text, std::size_t limit = 120) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r') ? ' ' : c;
  if (flat.size() <= limit) return flat;
  return fmt::format("{}... ({} bytes)", flat.substr(0, limit), text.size());
}

const json::object* details_of(const json::object& event) {
  for (const auto& [key, value] : event)
    if (key.ends_with("EventDetails") && value.is_object()) return &value.get_object();
  return nullptr;
}

std::string text_field(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

double number(const json::value* v) {
  if (!v) return 0;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return 0;
}

}  // namespace

std::string format_epoch(double seconds) {
  const auto ms_total = static_cast<std::int64_t>(std::llround(seconds * 1000));
  std::time_t whole = static_cast<std::time_t>(ms_total >= 0 ? ms_total / 1000 : (ms_total - 999) / 1000);
  const std::int64_t ms = ms_total - static_cast<std::int64_t>(whole) * 1000;
  std::tm tm{};
  gmtime_r(&whole, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string history_state_name(const json::object& event) {
  const auto* details = details_of(event);
  if (!details) return {};
  auto type = text_field(event, "type");
  if (!type.ends_with("StateEntered") && !type.ends_with("StateExited")) return {};
  return text_field(*details, "name");
}

bool is_final_history_event(std::string_view type) {
  return type == "ExecutionSucceeded" || type == "ExecutionFailed" || type == "ExecutionAborted" ||
         type == "ExecutionTimedOut";
}

std::string history_event_line(const json::object& event) {
  std::string line = fmt::format("{}  {:>3}  {}", format_epoch(number(event.if_contains("timestamp"))),
                                 static_cast<std::int64_t>(number(event.if_contains("id"))), text_field(event, "type"));
  if (const auto* details = details_of(event)) {
    if (auto name = text_field(*details, "name"); !name.empty()) line += "  " + name;
    if (auto error = text_field(*details, "error"); !error.empty()) line += "  error=" + error;
    if (auto cause = text_field(*details, "cause"); !cause.empty()) line += "  cause=" + shorten(cause);
  }
  return line;
}

}  // namespace jobflow::cli
