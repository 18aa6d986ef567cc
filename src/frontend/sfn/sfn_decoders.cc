#include "frontend/sfn/sfn_decoders.h"

#include <fmt/format.h>

namespace jobflow::frontend::sfn {
namespace {

template <class Table>
auto parse_enum(InputReader& in, std::string_view member, const std::string& value, const Table& table)
    -> decltype(table.parse(value)) {
  auto parsed = table.parse(value);
  if (!parsed) {
    std::string allowed;
    for (const auto& [e, name] : table.entries()) {
      if (!allowed.empty()) allowed += ", ";
      allowed += name;
    }
    in.invalid(member, value, "Member must satisfy enum value set: [" + allowed + "]");
  }
  return parsed;
}

}  // namespace

std::optional<model::StateMachineType> decode_type(InputReader& in, std::string_view member) {
  auto s = in.string(member);
  if (!s) return std::nullopt;
  return parse_enum(in, member, *s, model::kStateMachineTypes);
}

std::optional<model::LoggingConfiguration> decode_logging(InputReader& in) {
  const auto* o = in.object("loggingConfiguration");
  if (!o) return std::nullopt;
  InputReader l(*o, "loggingConfiguration");
  model::LoggingConfiguration out;
  if (auto level = l.string("level")) {
    if (auto parsed = parse_enum(l, "level", *level, model::kLogLevels)) out.level = *parsed;
  }
  out.include_execution_data = l.boolean("includeExecutionData").value_or(false);
  if (const auto* destinations = l.array("destinations")) {
    for (const auto& d : *destinations) {
      if (!d.is_object()) {
        l.set_error({400, "SerializationException", "destinations must be a list of structures.", {}});
        break;
      }
      InputReader dr(d.as_object(), "loggingConfiguration.destinations.member");
      std::string arn;
      if (const auto* group = dr.object("cloudWatchLogsLogGroup")) {
        InputReader g(*group, "loggingConfiguration.destinations.member.cloudWatchLogsLogGroup");
        arn = g.string("logGroupArn", false, 256).value_or("");
        if (!g.ok()) dr.set_error(*g.error());
      }
      if (!dr.ok()) {
        l.set_error(*dr.error());
        break;
      }
      out.log_group_arns.push_back(std::move(arn));
    }
  }
  if (!l.ok()) {
    in.set_error(*l.error());
    return std::nullopt;
  }
  return out;
}

std::optional<model::TracingConfiguration> decode_tracing(InputReader& in) {
  const auto* o = in.object("tracingConfiguration");
  if (!o) return std::nullopt;
  InputReader t(*o, "tracingConfiguration");
  model::TracingConfiguration out;
  out.enabled = t.boolean("enabled").value_or(false);
  if (!t.ok()) {
    in.set_error(*t.error());
    return std::nullopt;
  }
  return out;
}

std::optional<model::EncryptionConfiguration> decode_encryption(InputReader& in) {
  const auto* o = in.object("encryptionConfiguration");
  if (!o) return std::nullopt;
  InputReader e(*o, "encryptionConfiguration");
  model::EncryptionConfiguration out;
  if (auto type = e.string("type", true)) {
    if (auto parsed = parse_enum(e, "type", *type, model::kEncryptionTypes)) out.type = *parsed;
  }
  out.kms_key_id = e.string("kmsKeyId", false, 2048).value_or("");
  out.kms_data_key_reuse_period_seconds = e.integer("kmsDataKeyReusePeriodSeconds");
  if (!e.ok()) {
    in.set_error(*e.error());
    return std::nullopt;
  }
  return out;
}

std::vector<model::Tag> decode_tags(InputReader& in, std::string_view member, bool required) {
  std::vector<model::Tag> out;
  const auto* tags = in.array(member, required);
  if (!tags) return out;
  for (const auto& tv : *tags) {
    if (!tv.is_object()) {
      in.set_error({400, "SerializationException", "tags must be a list of {key, value} structures.", {}});
      return {};
    }
    InputReader t(tv.as_object(), in.member_path(member) + ".member");
    model::Tag tag{t.string("key").value_or(""), t.string("value").value_or("")};
    if (!t.ok()) {
      in.set_error(*t.error());
      return {};
    }
    out.push_back(std::move(tag));
  }
  return out;
}

std::optional<std::vector<model::AliasRoute>> decode_routing(InputReader& in, bool required) {
  const auto* routes = in.array("routingConfiguration", required);
  if (!routes) return std::nullopt;
  std::vector<model::AliasRoute> out;
  for (const auto& rv : *routes) {
    if (!rv.is_object()) {
      in.set_error({400, "SerializationException", "routingConfiguration must be a list of structures.", {}});
      return std::nullopt;
    }
    InputReader r(rv.as_object(), "routingConfiguration.member");
    model::AliasRoute route;
    route.version_arn = r.string("stateMachineVersionArn", true, 2048).value_or("");
    route.weight = r.integer("weight", true).value_or(0);
    if (!r.ok()) {
      in.set_error(*r.error());
      return std::nullopt;
    }
    out.push_back(std::move(route));
  }
  return out;
}

std::int64_t decode_max_results(InputReader& in, std::int64_t max) {
  auto v = in.integer("maxResults");
  if (!v) return 0;
  if (*v > max) {
    in.invalid("maxResults", std::to_string(*v), fmt::format("Member must have value less than or equal to {}", max));
    return 0;
  }
  if (*v < 0) {
    in.invalid("maxResults", std::to_string(*v), "Member must have value greater than or equal to 0");
    return 0;
  }
  return *v;
}

std::string decode_next_token(InputReader& in, std::size_t max_len) {
  auto token = in.string("nextToken", false, max_len);
  if (token && token->empty()) {
    in.invalid("nextToken", "", "Member must have length greater than or equal to 1");
    return {};
  }
  return token.value_or("");
}

std::optional<model::ExecutionStatus> decode_execution_status(InputReader& in, std::string_view member) {
  auto s = in.string(member);
  if (!s) return std::nullopt;
  return parse_enum(in, member, *s, model::kExecutionStatuses);
}

namespace {

// A string member with AWS's minimum length (the model's "min": 1).
std::optional<std::string> non_empty(InputReader& in, std::string_view member, bool required, std::size_t max_len) {
  auto s = in.string(member, required, max_len);
  if (s && s->empty()) {
    in.invalid(member, "", "Member must have length greater than or equal to 1");
    return std::nullopt;
  }
  return s;
}

}  // namespace

engine::sfn::StartExecutionRequest decode_start_execution(InputReader& in) {
  engine::sfn::StartExecutionRequest out;
  out.state_machine_arn = non_empty(in, "stateMachineArn", true, kMaxArnLength).value_or("");
  out.name = non_empty(in, "name", false, kMaxNameLength);
  // The payload is sensitive: a too-long value is not echoed back.
  if (const auto* input = in.raw().if_contains("input"); input && input->is_string() &&
                                                          input->as_string().size() > kMaxPayloadLength) {
    in.set_error({400, "ValidationException",
                  fmt::format("1 validation error detected: Value at 'input' failed to satisfy constraint: Member must "
                              "have length less than or equal to {}",
                              kMaxPayloadLength)});
  } else {
    out.input = in.string("input");
  }
  if (auto trace = in.string("traceHeader", false, kMaxTraceHeaderLength)) {
    for (unsigned char c : *trace)
      if (c > 0x7f) {
        in.invalid("traceHeader", *trace, "Member must satisfy regular expression pattern: \\p{ASCII}*");
        break;
      }
    out.trace_header = std::move(*trace);
  }
  return out;
}

bool decode_included_data(InputReader& in) {
  auto s = in.string("includedData");
  if (!s) return true;
  return parse_enum(in, "includedData", *s, kIncludedData).value_or(IncludedData::kAllData) == IncludedData::kAllData;
}

std::optional<RedriveFilter> decode_redrive_filter(InputReader& in) {
  auto s = in.string("redriveFilter");
  if (!s) return std::nullopt;
  return parse_enum(in, "redriveFilter", *s, kRedriveFilters);
}

}  // namespace jobflow::frontend::sfn
