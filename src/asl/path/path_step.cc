#include "asl/path/path_step.h"

namespace jobflow::asl::path {

std::string step_fragment(const PathStep& step) {
  std::string out;
  switch (step.kind) {
    case PathStep::Kind::kProperty:
    case PathStep::Kind::kProperties:
      out += '[';
      for (std::size_t i = 0; i < step.names.size(); ++i) {
        if (i) out += ',';
        out += '\'';
        out += step.names[i];
        out += '\'';
      }
      out += ']';
      break;
    case PathStep::Kind::kIndex:
    case PathStep::Kind::kIndexes:
      out += '[';
      for (std::size_t i = 0; i < step.indexes.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(step.indexes[i]);
      }
      out += ']';
      break;
    case PathStep::Kind::kWildcard: out += "[*]"; break;
    case PathStep::Kind::kSlice:
      out += '[';
      if (step.slice != PathStep::SliceKind::kTo) out += std::to_string(step.from);
      out += ':';
      if (step.slice != PathStep::SliceKind::kFrom) out += std::to_string(step.to);
      out += ']';
      break;
    case PathStep::Kind::kScan: out += ".."; break;
    case PathStep::Kind::kFilter: out += "[?]"; break;
    case PathStep::Kind::kLength: out += ".length()"; break;
  }
  return out;
}

std::string path_string(const PathSteps& steps, std::size_t count) {
  std::string out = "$";
  for (std::size_t i = 0; i < count && i < steps.size(); ++i) out += step_fragment(steps[i]);
  return out;
}

}  // namespace jobflow::asl::path
