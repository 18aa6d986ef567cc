#pragma once

#include <optional>
#include <vector>

#include "engine/emr/emr_service.h"
#include "frontend/aws_json/input_reader.h"

namespace jobflow::frontend::emr {

// Wire -> model for EMR requests. Each returns nullopt after recording the first problem in the reader.
std::optional<engine::RunJobFlowRequest> decode_run_job_flow(InputReader& in);
std::optional<std::vector<model::StepSpec>> decode_steps(InputReader& in, std::string_view member, bool required);
std::optional<std::vector<model::Tag>> decode_tags(InputReader& in, std::string_view member, bool required);

template <class Table>
auto decode_enum(InputReader& in, std::string_view member, const std::string& value, const Table& table)
    -> decltype(table.parse(value)) {
  auto parsed = table.parse(value);
  if (!parsed) {
    std::string allowed;
    for (const auto& [e, name] : table.entries()) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    in.invalid(member, value, "Member must satisfy enum value set: [" + allowed + "]");
  }
  return parsed;
}

}  // namespace jobflow::frontend::emr
