#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/value/diagnostic.h"
#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/definition_checker.h"
#include "engine/sfn/seq_page.h"
#include "model/state_machine.h"
#include "model/state_machine_alias.h"
#include "model/state_machine_version.h"
#include "store/store.h"

namespace jobflow::engine::sfn {

struct CreateStateMachineRequest {
  std::string region;
  std::string account;
  std::string name;
  std::string definition;
  std::string role_arn;
  model::StateMachineType type = model::StateMachineType::kStandard;
  std::optional<model::LoggingConfiguration> logging;
  std::optional<model::TracingConfiguration> tracing;
  std::optional<model::EncryptionConfiguration> encryption;
  std::vector<model::Tag> tags;
  bool publish = false;
  std::optional<std::string> version_description;
};

struct CreateStateMachineResult {
  model::StateMachine machine;
  std::optional<model::StateMachineVersion> version;  // when published
};

struct UpdateStateMachineRequest {
  std::string arn;
  std::optional<std::string> definition;
  std::optional<std::string> role_arn;
  std::optional<model::LoggingConfiguration> logging;
  std::optional<model::TracingConfiguration> tracing;
  std::optional<model::EncryptionConfiguration> encryption;
  bool publish = false;
  std::optional<std::string> version_description;
};

struct UpdateStateMachineResult {
  TimestampMs updated_ms = 0;
  std::string revision_id;
  std::optional<model::StateMachineVersion> version;  // when published
};

// DescribeStateMachine: a state machine, or one of its versions (a version ARN was given).
struct StateMachineDescription {
  model::StateMachine machine;
  std::optional<model::StateMachineVersion> version;
};

// What an execution runs when started on an ARN: the machine, plus the version it resolved to
// (a version ARN, or the version an alias routed to) and the alias.
struct ExecutionTarget {
  model::StateMachine machine;
  std::optional<model::StateMachineVersion> version;
  std::optional<model::StateMachineAlias> alias;
};

struct ValidationReport {
  std::vector<asl::Diagnostic> diagnostics;  // all of severity ERROR
  bool truncated = false;
};


// The Step Functions state machine registry: state machines, their versions and aliases, kept in
// the Store (one record each, sfn_records.h) and read from it on every call, so that several
// servers on one store agree. Writes are serialised by one mutex (registry calls are rare; AWS
// throttles them to about one per second) and guarded by record versions.
//
// Errors are protocol-neutral (base/error.h); the resource says which AWS error a front end
// answers: "arn" InvalidArn, "name" InvalidName, "definition" InvalidDefinition, "logging"
// InvalidLoggingConfiguration, "missing_parameter" MissingRequiredParameter, "token" InvalidToken,
// "validation" ValidationException, "state_machine" StateMachineDoesNotExist /
// StateMachineAlreadyExists / StateMachineLimitExceeded, "resource" ResourceNotFound,
// "tags" TooManyTags, "version"/"alias" (limit) ServiceQuotaExceededException, kConflict ConflictException.
class StateMachineService {
 public:
  static constexpr std::size_t kMaxStateMachines = 100'000;
  static constexpr std::size_t kMaxVersions = 1'000;
  static constexpr std::size_t kMaxAliases = 100;
  static constexpr std::int64_t kMaxValidationResults = 100;

  StateMachineService(store::Store& store, const Clock& clock, const DefinitionChecker& checker);

  Result<CreateStateMachineResult> create(CreateStateMachineRequest request);
  Result<StateMachineDescription> describe(std::string_view arn) const;
  Result<UpdateStateMachineResult> update(UpdateStateMachineRequest request);
  // Deletes the machine with its versions and aliases. An unknown (well-formed) ARN is a no-op, as in AWS.
  Status remove(std::string_view arn);
  // Ordered by name. max_results 0 = the default page size.
  Result<RegistryPage<model::StateMachine>> list(std::string_view region, std::string_view account,
                                                 std::int64_t max_results, std::string_view next_token) const;
  ValidationReport validate(std::string_view definition, model::StateMachineType type, std::int64_t max_results) const;

  // Versions: numbered 1, 2, ... per machine, never reused; listed newest first.
  Result<model::StateMachineVersion> publish_version(std::string_view arn, std::optional<std::string> revision_id,
                                                     std::optional<std::string> description);
  Result<RegistryPage<model::StateMachineVersion>> list_versions(std::string_view arn, std::int64_t max_results,
                                                                 std::string_view next_token) const;
  Status delete_version(std::string_view version_arn);

  // Aliases: the machine is the one the routing's versions belong to; listed oldest first.
  Result<model::StateMachineAlias> create_alias(std::string_view name, std::string description,
                                                std::vector<model::AliasRoute> routing);
  Result<model::StateMachineAlias> describe_alias(std::string_view alias_arn) const;
  Result<model::StateMachineAlias> update_alias(std::string_view alias_arn, std::optional<std::string> description,
                                                std::optional<std::vector<model::AliasRoute>> routing);
  Status delete_alias(std::string_view alias_arn);
  Result<RegistryPage<model::StateMachineAlias>> list_aliases(std::string_view arn, std::int64_t max_results,
                                                              std::string_view next_token) const;

  // Tags of an (unqualified) state machine ARN.
  Status tag(std::string_view arn, const std::vector<model::Tag>& tags);
  Status untag(std::string_view arn, const std::vector<std::string>& keys);
  Result<std::vector<model::Tag>> tags(std::string_view arn) const;

  // For StartExecution: a machine, version or alias ARN. `pick` in [0, 100) chooses an alias route.
  Result<ExecutionTarget> resolve(std::string_view arn, int pick) const;

 private:
  struct Loaded {
    store::Record record;
    model::StateMachine machine;
  };
  Result<Loaded> load_machine(std::string_view arn) const;
  Result<std::vector<model::StateMachineVersion>> versions_of(std::string_view machine_arn) const;  // newest first
  Result<std::vector<std::pair<store::Record, model::StateMachineAlias>>> aliases_of(std::string_view machine_arn) const;
  Status check_definition(std::string_view definition, model::StateMachineType type) const;
  Status validate_routing(const std::vector<model::AliasRoute>& routing, std::string& machine_arn) const;
  // Publishes the machine's current revision (idempotent on it), adding the writes to `batch`.
  Result<model::StateMachineVersion> publish_locked(model::StateMachine& machine, const std::optional<std::string>& description,
                                                    store::WriteBatch& batch, bool& machine_changed);
  std::string new_revision_id();

  store::Store& store_;
  const Clock& clock_;
  const DefinitionChecker& checker_;
  std::mutex write_mu_;
};

// Shared by both services: the loggingConfiguration rule (a level other than OFF needs exactly one
// destination; never more than one).
Status validate_logging(const model::LoggingConfiguration& logging);

}  // namespace jobflow::engine::sfn
