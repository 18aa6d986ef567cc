#include "cli/track/track_id.h"

#include <algorithm>
#include <cctype>

namespace jobflow::cli {
namespace {

bool emr_id(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix) || text.size() == prefix.size()) return false;
  return std::all_of(text.begin() + prefix.size(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool livy_id(std::string_view text) {
  return !text.empty() && text.find('/') == std::string_view::npos &&
         std::none_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string_view kind_name(TrackKind kind) {
  switch (kind) {
    case TrackKind::kCluster: return "cluster";
    case TrackKind::kStep: return "step";
    case TrackKind::kBatch: return "batch";
    case TrackKind::kSession: return "session";
    case TrackKind::kExecution:
    case TrackKind::kExecutionName: return "execution";
  }
  return "execution";
}

std::string TrackId::display() const {
  switch (kind) {
    case TrackKind::kBatch: return "batch/" + id;
    case TrackKind::kSession: return "session/" + id;
    default: return id;
  }
}

std::optional<TrackId> parse_track_id(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.starts_with("arn:")) {
    if (text.find(":execution:") == std::string_view::npos && text.find(":express:") == std::string_view::npos)
      return std::nullopt;
    return TrackId{TrackKind::kExecution, std::string(text), {}};
  }
  if (text.starts_with("batch/")) {
    auto rest = text.substr(6);
    if (!livy_id(rest)) return std::nullopt;
    return TrackId{TrackKind::kBatch, std::string(rest), {}};
  }
  if (text.starts_with("session/")) {
    auto rest = text.substr(8);
    if (!livy_id(rest)) return std::nullopt;
    return TrackId{TrackKind::kSession, std::string(rest), {}};
  }
  if (emr_id(text, "j-")) return TrackId{TrackKind::kCluster, std::string(text), {}};
  if (emr_id(text, "s-")) return TrackId{TrackKind::kStep, std::string(text), {}};
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto cluster = text.substr(0, slash);
    auto step = text.substr(slash + 1);
    if (emr_id(cluster, "j-") && emr_id(step, "s-"))
      return TrackId{TrackKind::kStep, std::string(step), std::string(cluster)};
    return std::nullopt;
  }
  // A bare number is most likely a Livy id missing its prefix: refuse rather than guess.
  if (std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  // Execution names: 1-80 characters, no whitespace (Step Functions' rule, loosely).
  if (text.size() > 80 ||
      std::any_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  return TrackId{TrackKind::kExecutionName, std::string(text), {}};
}

std::string arn_region(std::string_view arn) {
  // arn:partition:service:region:account:...
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto end = arn.find(':', pos);
  if (end == std::string_view::npos) return {};
  return std::string(arn.substr(pos, end - pos));
}

}  // namespace jobflow::cli
