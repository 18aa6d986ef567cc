#include "engine/sfn/state_machine_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "engine/sfn/page_token.h"
#include "engine/sfn/sfn_arn.h"
#include "engine/sfn/sfn_names.h"
#include "engine/sfn/sfn_records.h"
#include "engine/sfn/sfn_tags.h"

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kMachineSequence = "sfn.state_machine";
constexpr std::string_view kVersionSequence = "sfn.state_machine_version";
constexpr std::string_view kAliasSequence = "sfn.state_machine_alias";

Error machine_not_found(std::string_view arn) {
  return Error::not_found("state_machine", fmt::format("State Machine Does Not Exist: '{}'", arn));
}

Error resource_not_found() {
  return Error::not_found("resource", "Request references a resource that does not exist.");
}

Error validation(std::string message) { return Error::invalid_input("validation", std::move(message)); }

std::string join_arns(const std::vector<model::AliasRoute>& routing) {
  std::string out = "[";
  for (std::size_t i = 0; i < routing.size(); ++i) {
    if (i) out += ", ";
    out += routing[i].version_arn;
  }
  return out + "]";
}

store::Record make_record(std::string_view kind, std::string id, std::string parent, std::int64_t seq,
                          std::int64_t version, std::string state, TimestampMs created_ms, std::string body) {
  store::Record r;
  r.kind = std::string(kind);
  r.id = std::move(id);
  r.parent = std::move(parent);
  r.seq = seq;
  r.version = version;
  r.state = std::move(state);
  r.created_ms = created_ms;
  r.open = false;  // nothing for the reconciler to resume
  r.body = std::move(body);
  return r;
}


}  // namespace

Status validate_logging(const model::LoggingConfiguration& logging) {
  if (logging.log_group_arns.size() > 1 ||
      (logging.level != model::LogLevel::kOff && logging.log_group_arns.size() != 1))
    return fail(Error::invalid_input("logging",
                                     "Invalid Logging Configuration: Must specify exactly one Log Destination."));
  return {};
}

StateMachineService::StateMachineService(store::Store& store, const Clock& clock, const DefinitionChecker& checker)
    : store_(store), clock_(clock), checker_(checker) {}

std::string StateMachineService::new_revision_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::uint64_t a = rng(), b = rng();
  // A version-4 UUID.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0x0fff,
                     0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

Status StateMachineService::check_definition(std::string_view definition, model::StateMachineType type) const {
  auto diagnostics = checker_.check(definition, type);
  if (!diagnostics.empty()) return fail(Error::invalid_input("definition", checker_.message(diagnostics)));
  return {};
}

Result<StateMachineService::Loaded> StateMachineService::load_machine(std::string_view arn) const {
  auto parsed = parse_arn_of(arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  auto record = store_.get(kStateMachineKind, arn);
  if (!record) return fail(record.error());
  if (!*record) return fail(machine_not_found(arn));
  auto machine = decode_state_machine((*record)->body);
  if (!machine) return fail(machine.error());
  return Loaded{std::move(**record), std::move(*machine)};
}

Result<std::vector<model::StateMachineVersion>> StateMachineService::versions_of(std::string_view machine_arn) const {
  store::ListQuery q;
  q.kind = std::string(kVersionKind);
  q.parent = std::string(machine_arn);
  q.newest_first = true;
  auto records = store_.list(q);
  if (!records) return fail(records.error());
  std::vector<model::StateMachineVersion> out;
  for (const auto& r : *records) {
    auto v = decode_version(r.body);
    if (!v) return fail(v.error());
    out.push_back(std::move(*v));
  }
  return out;
}

Result<std::vector<std::pair<store::Record, model::StateMachineAlias>>> StateMachineService::aliases_of(
    std::string_view machine_arn) const {
  store::ListQuery q;
  q.kind = std::string(kAliasKind);
  q.parent = std::string(machine_arn);
  q.newest_first = false;
  auto records = store_.list(q);
  if (!records) return fail(records.error());
  std::vector<std::pair<store::Record, model::StateMachineAlias>> out;
  for (auto& r : *records) {
    auto a = decode_alias(r.body);
    if (!a) return fail(a.error());
    out.emplace_back(std::move(r), std::move(*a));
  }
  return out;
}

// --- state machines ------------------------------------------------------------------------------

Result<CreateStateMachineResult> StateMachineService::create(CreateStateMachineRequest req) {
  if (auto ok = validate_name(req.name); !ok) return fail(ok.error());
  if (req.version_description && !req.publish)
    return fail(validation("Version description can only be set when publish is true"));
  const model::LoggingConfiguration logging = req.logging.value_or(model::LoggingConfiguration{});
  const model::TracingConfiguration tracing = req.tracing.value_or(model::TracingConfiguration{});
  if (auto ok = validate_logging(logging); !ok) return fail(ok.error());
  if (auto ok = validate_tags(req.tags); !ok) return fail(ok.error());
  if (req.tags.size() > kMaxTags)
    return fail(Error::limit_exceeded("tags", fmt::format("Too many tags: a resource can have at most {}.", kMaxTags)));
  if (auto ok = check_definition(req.definition, req.type); !ok) return fail(ok.error());

  const std::string arn = state_machine_arn(req.region, req.account, req.name);
  std::lock_guard lock(write_mu_);
  auto existing = store_.get(kStateMachineKind, arn);
  if (!existing) return fail(existing.error());
  if (*existing) {
    // Idempotent on name, definition, type, logging, tracing, publish and versionDescription; a
    // different roleArn or tags are ignored and not applied (AWS's documented rule).
    auto m = decode_state_machine((*existing)->body);
    if (!m) return fail(m.error());
    if (m->definition == req.definition && m->type == req.type && m->logging == logging && m->tracing == tracing &&
        m->created_with_publish == req.publish &&
        m->created_version_description == req.version_description.value_or("")) {
      CreateStateMachineResult out{std::move(*m), std::nullopt};
      if (req.publish) {
        auto v = store_.get(kVersionKind, qualified_arn(arn, "1"));
        if (!v) return fail(v.error());
        if (*v) {
          auto version = decode_version((*v)->body);
          if (!version) return fail(version.error());
          out.version = std::move(*version);
        }
      }
      return out;
    }
    return fail(Error{ErrorCode::kAlreadyExists, "state_machine", fmt::format("State Machine Already Exists: '{}'", arn)});
  }

  store::ListQuery count;
  count.kind = std::string(kStateMachineKind);
  count.parent = scope_of(req.region, req.account);
  count.limit = static_cast<std::int64_t>(kMaxStateMachines);
  auto all = store_.list(count);
  if (!all) return fail(all.error());
  if (all->size() >= kMaxStateMachines)
    return fail(Error::limit_exceeded(
        "state_machine", fmt::format("State machine limit exceeded: at most {} state machines are allowed.",
                                     kMaxStateMachines)));

  auto seq = store_.reserve(kMachineSequence, 1);
  if (!seq) return fail(seq.error());
  model::StateMachine m;
  m.arn = arn;
  m.name = req.name;
  m.region = req.region;
  m.account = req.account;
  m.type = req.type;
  m.definition = std::move(req.definition);
  m.role_arn = std::move(req.role_arn);
  m.logging = logging;
  m.tracing = tracing;
  m.encryption = req.encryption.value_or(model::EncryptionConfiguration{});
  m.tags = std::move(req.tags);
  m.revision_id = new_revision_id();
  m.created_ms = clock_.now_ms();
  m.created_with_publish = req.publish;
  m.created_version_description = req.version_description.value_or("");

  store::WriteBatch batch;
  CreateStateMachineResult out;
  if (req.publish) {
    bool unused = false;
    auto v = publish_locked(m, req.version_description, batch, unused);
    if (!v) return fail(v.error());
    out.version = std::move(*v);
  }
  batch.puts.insert(batch.puts.begin(),
                    {make_record(kStateMachineKind, m.arn, scope_of(m.region, m.account), *seq, 1,
                                 std::string(model::kStateMachineStatuses.name(m.status)), m.created_ms, encode(m)),
                     0});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  out.machine = std::move(m);
  return out;
}

Result<StateMachineDescription> StateMachineService::describe(std::string_view arn) const {
  auto parsed = parse_arn_of(arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  if (parsed->kind == ArnKind::kVersion) {
    auto record = store_.get(kVersionKind, arn);
    if (!record) return fail(record.error());
    if (!*record) return fail(machine_not_found(arn));
    auto version = decode_version((*record)->body);
    if (!version) return fail(version.error());
    auto machine = load_machine(version->state_machine_arn);
    if (!machine) return fail(machine.error().code == ErrorCode::kNotFound ? machine_not_found(arn) : machine.error());
    return StateMachineDescription{std::move(machine->machine), std::move(*version)};
  }
  auto loaded = load_machine(arn);
  if (!loaded) return fail(loaded.error());
  return StateMachineDescription{std::move(loaded->machine), std::nullopt};
}

Result<UpdateStateMachineResult> StateMachineService::update(UpdateStateMachineRequest req) {
  if (!req.definition && !req.role_arn && !req.logging && !req.tracing && !req.encryption)
    return fail(Error::invalid_input("missing_parameter",
                                     "Either the definition, the role ARN, the LoggingConfiguration, or the "
                                     "TracingConfiguration must be specified"));
  if (req.version_description && !req.publish)
    return fail(validation("Version description can only be set when publish is true"));
  if (req.logging)
    if (auto ok = validate_logging(*req.logging); !ok) return fail(ok.error());

  std::lock_guard lock(write_mu_);
  auto loaded = load_machine(req.arn);
  if (!loaded) return fail(loaded.error());
  auto& m = loaded->machine;
  if (req.definition)
    if (auto ok = check_definition(*req.definition, m.type); !ok) return fail(ok.error());

  const bool changed = (req.definition && *req.definition != m.definition) ||
                       (req.role_arn && *req.role_arn != m.role_arn) || (req.logging && *req.logging != m.logging) ||
                       (req.tracing && *req.tracing != m.tracing) ||
                       (req.encryption && *req.encryption != m.encryption);
  if (req.definition) m.definition = std::move(*req.definition);
  if (req.role_arn) m.role_arn = std::move(*req.role_arn);
  if (req.logging) m.logging = std::move(*req.logging);
  if (req.tracing) m.tracing = *req.tracing;
  if (req.encryption) m.encryption = std::move(*req.encryption);
  if (changed) m.revision_id = new_revision_id();
  m.updated_ms = clock_.now_ms();

  store::WriteBatch batch;
  UpdateStateMachineResult out;
  if (req.publish) {
    bool unused = false;
    auto v = publish_locked(m, req.version_description, batch, unused);
    if (!v) return fail(v.error());
    out.version = std::move(*v);
  }
  auto record = loaded->record;
  record.version += 1;
  record.body = encode(m);
  batch.puts.insert(batch.puts.begin(), {std::move(record), loaded->record.version});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  out.updated_ms = m.updated_ms;
  out.revision_id = m.revision_id;
  return out;
}

Status StateMachineService::remove(std::string_view arn) {
  auto parsed = parse_arn_of(arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  std::lock_guard lock(write_mu_);
  auto record = store_.get(kStateMachineKind, arn);
  if (!record) return fail(record.error());
  if (!*record) return {};
  store::WriteBatch batch;
  for (auto kind : {kVersionKind, kAliasKind}) {
    store::ListQuery q;
    q.kind = std::string(kind);
    q.parent = std::string(arn);
    auto children = store_.list(q);
    if (!children) return fail(children.error());
    for (const auto& c : *children) batch.deletes.emplace_back(c.kind, c.id);
  }
  batch.deletes.emplace_back(std::string(kStateMachineKind), std::string(arn));
  return store_.write(batch);
}

Result<RegistryPage<model::StateMachine>> StateMachineService::list(std::string_view region, std::string_view account,
                                                                    std::int64_t max_results,
                                                                    std::string_view next_token) const {
  store::ListQuery q;
  q.kind = std::string(kStateMachineKind);
  q.parent = scope_of(region, account);
  return name_page<model::StateMachine>(
      store_, q, "ListStateMachines", max_results, next_token,
      [](const store::Record& r) { return decode_state_machine(r.body); },
      [](const model::StateMachine& m) -> const std::string& { return m.name; });
}

ValidationReport StateMachineService::validate(std::string_view definition, model::StateMachineType type,
                                               std::int64_t max_results) const {
  ValidationReport report;
  report.diagnostics = checker_.check(definition, type);
  const auto limit = static_cast<std::size_t>(max_results <= 0 ? kMaxValidationResults : max_results);
  if (report.diagnostics.size() > limit) {
    report.diagnostics.resize(limit);
    report.truncated = true;
  }
  return report;
}

// --- versions ------------------------------------------------------------------------------------

Result<model::StateMachineVersion> StateMachineService::publish_locked(model::StateMachine& m,
                                                                       const std::optional<std::string>& description,
                                                                       store::WriteBatch& batch,
                                                                       bool& machine_changed) {
  auto versions = versions_of(m.arn);
  if (!versions) return fail(versions.error());
  if (!versions->empty() && versions->front().revision_id == m.revision_id) {
    const auto& latest = versions->front();
    if (!description || *description == latest.description) return latest;
    return fail(Error::conflict(
        "version", fmt::format("Failed to publish the State Machine version for revision {}: version {} was already "
                               "published from it with a different description.",
                               m.revision_id, latest.number)));
  }
  if (versions->size() >= kMaxVersions)
    return fail(Error::limit_exceeded(
        "version", fmt::format("The state machine '{}' already has the maximum of {} versions.", m.arn, kMaxVersions)));
  auto seq = store_.reserve(kVersionSequence, 1);
  if (!seq) return fail(seq.error());
  model::StateMachineVersion v;
  v.number = m.last_version + 1;
  v.arn = qualified_arn(m.arn, std::to_string(v.number));
  v.state_machine_arn = m.arn;
  v.name = m.name;
  v.description = description.value_or("");
  v.revision_id = m.revision_id;
  v.show_revision_id = m.updated_ms != 0;
  v.type = m.type;
  v.definition = m.definition;
  v.role_arn = m.role_arn;
  v.logging = m.logging;
  v.tracing = m.tracing;
  v.encryption = m.encryption;
  v.created_ms = clock_.now_ms();
  m.last_version = v.number;
  machine_changed = true;
  batch.puts.push_back({make_record(kVersionKind, v.arn, m.arn, *seq, 1, "ACTIVE", v.created_ms, encode(v)), 0});
  return v;
}

Result<model::StateMachineVersion> StateMachineService::publish_version(std::string_view arn,
                                                                        std::optional<std::string> revision_id,
                                                                        std::optional<std::string> description) {
  std::lock_guard lock(write_mu_);
  auto loaded = load_machine(arn);
  if (!loaded) return fail(loaded.error());
  auto& m = loaded->machine;
  if (revision_id && *revision_id != m.revision_id)
    return fail(Error::conflict(
        "version", fmt::format("Failed to publish the State Machine version for revision {}. The current State "
                               "Machine revision is {}.",
                               *revision_id, m.revision_id)));
  store::WriteBatch batch;
  bool machine_changed = false;
  auto v = publish_locked(m, description, batch, machine_changed);
  if (!v) return fail(v.error());
  if (!machine_changed) return v;
  auto record = loaded->record;
  record.version += 1;
  record.body = encode(m);
  batch.puts.push_back({std::move(record), loaded->record.version});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  return v;
}

Result<RegistryPage<model::StateMachineVersion>> StateMachineService::list_versions(std::string_view arn,
                                                                                    std::int64_t max_results,
                                                                                    std::string_view next_token) const {
  auto loaded = load_machine(arn);
  if (!loaded) return fail(loaded.error());
  store::ListQuery q;
  q.kind = std::string(kVersionKind);
  q.parent = std::string(arn);
  q.newest_first = true;
  return seq_page<model::StateMachineVersion>(store_, q, "ListStateMachineVersions", max_results, next_token,
                                              [](const store::Record& r) { return decode_version(r.body); });
}

Status StateMachineService::delete_version(std::string_view version_arn) {
  auto parsed = parse_arn_of(version_arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  if (parsed->kind != ArnKind::kVersion)
    return fail(Error::invalid_input("arn", fmt::format("Invalid Arn: 'Not a state machine version ARN: {}'", version_arn)));
  std::lock_guard lock(write_mu_);
  auto record = store_.get(kVersionKind, version_arn);
  if (!record) return fail(record.error());
  if (!*record) return {};
  auto aliases = aliases_of((*record)->parent);
  if (!aliases) return fail(aliases.error());
  std::string referencing;
  for (const auto& [r, alias] : *aliases)
    for (const auto& route : alias.routing)
      if (route.version_arn == version_arn) {
        if (!referencing.empty()) referencing += ", ";
        referencing += alias.name;
      }
  if (!referencing.empty())
    return fail(Error::conflict(
        "version", fmt::format("Version to be deleted must not be referenced by an alias. Current list of aliases "
                               "referencing this version: [{}]",
                               referencing)));
  store::WriteBatch batch;
  batch.deletes.emplace_back(std::string(kVersionKind), std::string(version_arn));
  return store_.write(batch);
}

// --- aliases -------------------------------------------------------------------------------------

Status StateMachineService::validate_routing(const std::vector<model::AliasRoute>& routing,
                                             std::string& machine_arn) const {
  if (routing.empty())
    return fail(validation(
        "1 validation error detected: Value '[]' at 'routingConfiguration' failed to satisfy constraint: Member must "
        "have length greater than or equal to 1"));
  if (routing.size() > 2) {
    std::string items;
    for (const auto& r : routing)
      items += fmt::format("{}RoutingConfigurationListItem(stateMachineVersionArn={}, weight={})", items.empty() ? "" : ", ",
                           r.version_arn, r.weight);
    return fail(validation(fmt::format(
        "1 validation error detected: Value '[{}]' at 'routingConfiguration' failed to satisfy constraint: Member "
        "must have length less than or equal to 2",
        items)));
  }
  for (std::size_t i = 0; i < routing.size(); ++i) {
    if (routing[i].weight > 100)
      return fail(validation(fmt::format(
          "1 validation error detected: Value '{}' at 'routingConfiguration.{}.member.weight' failed to satisfy "
          "constraint: Member must have value less than or equal to 100",
          routing[i].weight, i + 1)));
    if (routing[i].weight < 0)
      return fail(validation(fmt::format(
          "1 validation error detected: Value '{}' at 'routingConfiguration.{}.member.weight' failed to satisfy "
          "constraint: Member must have value greater than or equal to 0",
          routing[i].weight, i + 1)));
  }
  std::vector<std::string> machines;
  for (const auto& r : routing) {
    auto parsed = parse_arn(r.version_arn);
    if (!parsed || parsed->kind != ArnKind::kVersion)
      return fail(validation(fmt::format(
          "Routing configuration must contain state machine version ARNs. Received: {}", join_arns(routing))));
    machines.push_back(state_machine_arn(parsed->region, parsed->account, parsed->name));
  }
  if (routing.size() == 2 && routing[0].version_arn == routing[1].version_arn)
    return fail(validation(fmt::format(
        "Routing configuration must contain distinct state machine version ARNs. Received: {}", join_arns(routing))));
  std::int64_t sum = 0;
  std::string weights;
  for (const auto& r : routing) {
    sum += r.weight;
    if (!weights.empty()) weights += ", ";
    weights += std::to_string(r.weight);
  }
  if (sum != 100)
    return fail(validation(fmt::format("Sum of routing configuration weights must equal 100. Received: [{}]", weights)));
  if (machines.size() == 2 && machines[0] != machines[1])
    return fail(validation(fmt::format(
        "Routing configuration must contain versions of one state machine. Received: {}", join_arns(routing))));
  for (const auto& r : routing) {
    auto v = store_.get(kVersionKind, r.version_arn);
    if (!v) return fail(v.error());
    if (!*v) return fail(resource_not_found());
  }
  machine_arn = machines.front();
  return {};
}

Result<model::StateMachineAlias> StateMachineService::create_alias(std::string_view name, std::string description,
                                                                   std::vector<model::AliasRoute> routing) {
  if (auto ok = validate_alias_name(name); !ok) return fail(ok.error());
  std::lock_guard lock(write_mu_);
  std::string machine_arn;
  if (auto ok = validate_routing(routing, machine_arn); !ok) return fail(ok.error());
  auto machine = load_machine(machine_arn);
  if (!machine) return fail(machine.error().code == ErrorCode::kNotFound ? resource_not_found() : machine.error());
  const std::string arn = qualified_arn(machine_arn, name);
  auto existing = store_.get(kAliasKind, arn);
  if (!existing) return fail(existing.error());
  if (*existing) {
    auto alias = decode_alias((*existing)->body);
    if (!alias) return fail(alias.error());
    if (alias->description == description && alias->routing == routing) return alias;
    return fail(Error::conflict("alias",
                                "Failed to create alias because an alias with the same name and a different routing "
                                "configuration already exists."));
  }
  auto aliases = aliases_of(machine_arn);
  if (!aliases) return fail(aliases.error());
  if (aliases->size() >= kMaxAliases)
    return fail(Error::limit_exceeded(
        "alias", fmt::format("The state machine '{}' already has the maximum of {} aliases.", machine_arn, kMaxAliases)));
  auto seq = store_.reserve(kAliasSequence, 1);
  if (!seq) return fail(seq.error());
  model::StateMachineAlias alias;
  alias.arn = arn;
  alias.state_machine_arn = machine_arn;
  alias.name = std::string(name);
  alias.description = std::move(description);
  alias.routing = std::move(routing);
  alias.created_ms = clock_.now_ms();
  alias.updated_ms = alias.created_ms;
  store::WriteBatch batch;
  batch.puts.push_back({make_record(kAliasKind, arn, machine_arn, *seq, 1, "ACTIVE", alias.created_ms, encode(alias)), 0});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  return alias;
}

Result<model::StateMachineAlias> StateMachineService::describe_alias(std::string_view alias_arn) const {
  auto parsed = parse_arn_of(alias_arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  if (parsed->kind != ArnKind::kAlias) return fail(resource_not_found());
  auto record = store_.get(kAliasKind, alias_arn);
  if (!record) return fail(record.error());
  if (!*record) return fail(resource_not_found());
  return decode_alias((*record)->body);
}

Result<model::StateMachineAlias> StateMachineService::update_alias(
    std::string_view alias_arn, std::optional<std::string> description,
    std::optional<std::vector<model::AliasRoute>> routing) {
  auto parsed = parse_arn_of(alias_arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  if (!description && !routing)
    return fail(Error::invalid_input("missing_parameter",
                                     "Either the description or the RoutingConfiguration must be specified"));
  std::lock_guard lock(write_mu_);
  std::string machine_arn;
  if (routing)
    if (auto ok = validate_routing(*routing, machine_arn); !ok) return fail(ok.error());
  if (parsed->kind != ArnKind::kAlias) return fail(resource_not_found());
  auto record = store_.get(kAliasKind, alias_arn);
  if (!record) return fail(record.error());
  if (!*record) return fail(resource_not_found());
  auto alias = decode_alias((*record)->body);
  if (!alias) return fail(alias.error());
  if (routing && machine_arn != alias->state_machine_arn)
    return fail(validation(fmt::format(
        "Routing configuration must contain versions of the alias's state machine '{}'. Received: {}",
        alias->state_machine_arn, join_arns(*routing))));
  if (description) alias->description = std::move(*description);
  if (routing) alias->routing = std::move(*routing);
  alias->updated_ms = clock_.now_ms();
  auto updated = **record;
  updated.version += 1;
  updated.body = encode(*alias);
  store::WriteBatch batch;
  batch.puts.push_back({std::move(updated), (*record)->version});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  return alias;
}

Status StateMachineService::delete_alias(std::string_view alias_arn) {
  auto parsed = parse_arn_of(alias_arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  if (parsed->kind != ArnKind::kAlias) return {};
  std::lock_guard lock(write_mu_);
  store::WriteBatch batch;
  batch.deletes.emplace_back(std::string(kAliasKind), std::string(alias_arn));
  return store_.write(batch);
}

Result<RegistryPage<model::StateMachineAlias>> StateMachineService::list_aliases(std::string_view arn,
                                                                                 std::int64_t max_results,
                                                                                 std::string_view next_token) const {
  auto loaded = load_machine(arn);
  if (!loaded) return fail(loaded.error());
  store::ListQuery q;
  q.kind = std::string(kAliasKind);
  q.parent = std::string(arn);
  q.newest_first = false;
  return seq_page<model::StateMachineAlias>(store_, q, "ListStateMachineAliases", max_results, next_token,
                                            [](const store::Record& r) { return decode_alias(r.body); });
}

// --- tags ----------------------------------------------------------------------------------------

Status StateMachineService::tag(std::string_view arn, const std::vector<model::Tag>& tags) {
  auto parsed = parse_arn(arn);
  if (!parsed) return fail(parsed.error());
  std::lock_guard lock(write_mu_);
  auto loaded = load_machine(arn);
  if (!loaded && loaded.error().code != ErrorCode::kNotFound) return fail(loaded.error());
  if (!loaded || parsed->kind != ArnKind::kStateMachine)
    return fail(Error::not_found("resource", fmt::format("Resource not found: '{}'", arn)));
  if (auto ok = merge_tags(loaded->machine.tags, tags, arn); !ok) return ok;
  auto record = loaded->record;
  record.version += 1;
  record.body = encode(loaded->machine);
  store::WriteBatch batch;
  batch.puts.push_back({std::move(record), loaded->record.version});
  return store_.write(batch);
}

Status StateMachineService::untag(std::string_view arn, const std::vector<std::string>& keys) {
  auto parsed = parse_arn(arn);
  if (!parsed) return fail(parsed.error());
  std::lock_guard lock(write_mu_);
  auto loaded = load_machine(arn);
  if (!loaded && loaded.error().code != ErrorCode::kNotFound) return fail(loaded.error());
  if (!loaded || parsed->kind != ArnKind::kStateMachine)
    return fail(Error::not_found("resource", fmt::format("Resource not found: '{}'", arn)));
  remove_tags(loaded->machine.tags, keys);
  auto record = loaded->record;
  record.version += 1;
  record.body = encode(loaded->machine);
  store::WriteBatch batch;
  batch.puts.push_back({std::move(record), loaded->record.version});
  return store_.write(batch);
}

Result<std::vector<model::Tag>> StateMachineService::tags(std::string_view arn) const {
  auto parsed = parse_arn(arn);
  if (!parsed) return fail(parsed.error());
  auto loaded = load_machine(arn);
  if (!loaded && loaded.error().code != ErrorCode::kNotFound) return fail(loaded.error());
  if (!loaded || parsed->kind != ArnKind::kStateMachine)
    return fail(Error::not_found("resource", fmt::format("Resource not found: '{}'", arn)));
  return loaded->machine.tags;
}

// --- executions ----------------------------------------------------------------------------------

Result<ExecutionTarget> StateMachineService::resolve(std::string_view arn, int pick) const {
  auto parsed = parse_arn_of(arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (!parsed) return fail(parsed.error());
  ExecutionTarget target;
  std::string version_arn;
  if (parsed->kind == ArnKind::kAlias) {
    auto record = store_.get(kAliasKind, arn);
    if (!record) return fail(record.error());
    if (!*record) return fail(machine_not_found(arn));
    auto alias = decode_alias((*record)->body);
    if (!alias) return fail(alias.error());
    int acc = 0;
    for (const auto& r : alias->routing) {
      acc += static_cast<int>(r.weight);
      version_arn = r.version_arn;
      if (pick < acc) break;
    }
    target.alias = std::move(*alias);
  } else if (parsed->kind == ArnKind::kVersion) {
    version_arn = std::string(arn);
  }
  if (!version_arn.empty()) {
    auto record = store_.get(kVersionKind, version_arn);
    if (!record) return fail(record.error());
    if (!*record) return fail(machine_not_found(version_arn));
    auto version = decode_version((*record)->body);
    if (!version) return fail(version.error());
    target.version = std::move(*version);
  }
  auto loaded = load_machine(state_machine_arn(parsed->region, parsed->account, parsed->name));
  if (!loaded) return fail(loaded.error().code == ErrorCode::kNotFound ? machine_not_found(arn) : loaded.error());
  target.machine = std::move(loaded->machine);
  return target;
}

}  // namespace jobflow::engine::sfn
