#include "engine/sfn/sfn_arn.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace jobflow::engine::sfn {
namespace {

Error invalid_arn(std::string detail) {
  return Error::invalid_input("arn", fmt::format("Invalid Arn: '{}'", detail));
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto pos = s.find(sep);
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string state_machine_arn(std::string_view region, std::string_view account, std::string_view name) {
  return fmt::format("arn:aws:states:{}:{}:stateMachine:{}", region, account, name);
}

std::string activity_arn(std::string_view region, std::string_view account, std::string_view name) {
  return fmt::format("arn:aws:states:{}:{}:activity:{}", region, account, name);
}

std::string qualified_arn(std::string_view machine_arn, std::string_view qualifier) {
  return fmt::format("{}:{}", machine_arn, qualifier);
}

Result<SfnArn> parse_arn(std::string_view arn) {
  auto parts = split(arn, ':');
  // arn : partition : states : region : account : type : name [: qualifier]
  if (parts.size() < 3 || parts[0] != "arn" || parts[1].empty() || parts[2] != "states")
    return fail(invalid_arn(fmt::format("Invalid ARN prefix: {}", arn)));
  if (parts.size() < 7 || parts.size() > 8 || parts[3].empty() || parts[4].empty() || parts[5].empty() ||
      parts[6].empty() || (parts.size() == 8 && parts[7].empty()))
    return fail(invalid_arn(fmt::format("Invalid ARN format: {}", arn)));
  SfnArn out;
  out.region = std::string(parts[3]);
  out.account = std::string(parts[4]);
  out.resource_type = std::string(parts[5]);
  out.name = std::string(parts[6]);
  if (parts.size() == 8) out.qualifier = std::string(parts[7]);
  if (out.resource_type == "stateMachine") {
    out.kind = out.qualifier.empty() ? ArnKind::kStateMachine
               : all_digits(out.qualifier) ? ArnKind::kVersion
                                           : ArnKind::kAlias;
  } else if (out.resource_type == "activity" && out.qualifier.empty()) {
    out.kind = ArnKind::kActivity;
  }
  return out;
}

Result<SfnArn> parse_arn_of(std::string_view arn, std::initializer_list<ArnKind> accepted) {
  auto parsed = parse_arn(arn);
  if (!parsed) return parsed;
  if (std::find(accepted.begin(), accepted.end(), parsed->kind) == accepted.end())
    return fail(invalid_arn(fmt::format("Resource type not valid in this context: {}", lower(parsed->resource_type))));
  return parsed;
}

}  // namespace jobflow::engine::sfn
