// EmrService: the API operations. The lifecycle (bootstrapping, scheduling, job exits, timers)
// is in emr_lifecycle.cc.
#include "engine/emr/emr_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "engine/emr/record_codec.h"

namespace jobflow::engine {
namespace {

constexpr std::string_view kNotModifiable =
    "A job flow that is shutting down, terminated, or finished may not be modified.";
constexpr std::size_t kMaxHadoopJarStepChars = 10240;
constexpr std::int64_t kMinIdleTimeout = 60;
constexpr std::int64_t kMaxIdleTimeout = 604800;
constexpr TimestampMs kTwoMonthsMs = 61LL * 24 * 3600 * 1000;

std::string encode_marker(std::int64_t seq) { return fmt::format("{:x}.{}", seq, seq % 97); }

Result<std::int64_t> decode_marker(const std::string& marker) {
  auto dot = marker.find('.');
  try {
    if (dot != std::string::npos) {
      std::int64_t seq = std::stoll(marker.substr(0, dot), nullptr, 16);
      if (encode_marker(seq) == marker) return seq;
    }
  } catch (const std::exception&) {
  }
  return fail(Error::invalid_input("marker", "Invalid marker: " + marker));
}

Status validate_idle_timeout(std::int64_t seconds) {
  if (seconds < kMinIdleTimeout || seconds > kMaxIdleTimeout)
    return fail(Error::invalid_input(
        "auto_termination_policy",
        fmt::format("The IdleTimeout value {} is not valid. Specify a value between {} and {} seconds.",
                    seconds, kMinIdleTimeout, kMaxIdleTimeout)));
  return {};
}

Status validate_tags(const std::vector<model::Tag>& tags) {
  for (const auto& t : tags) {
    if (t.key.empty() || t.key.size() > 128)
      return fail(Error::invalid_input(
          "tag", fmt::format("Invalid tag key: '{}'. Tag keys must be between 1 and 128 characters in length.", t.key)));
    if (t.value.size() > 256)
      return fail(Error::invalid_input(
          "tag", fmt::format("Invalid tag value: '{}'. Tag values must be between 0 and 256 characters in length.",
                             t.value)));
  }
  return {};
}

}  // namespace

EmrService::EmrService(store::Store& store, executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
                       EmrConfig config)
    : store_(store),
      executor_(executor),
      tasks_(tasks),
      clock_(clock),
      config_(std::move(config)),
      uris_(config_.s3_root()),
      commands_(config_, uris_) {}

void EmrService::add_listener(std::function<void(const std::string& cluster_id)> listener) {
  listeners_.push_back(std::move(listener));
  // Set once listeners exist, so that EMR alone pays nothing per commit.
  on_commit_ = [this](const std::string& cluster_id) {
    for (const auto& l : listeners_) tasks_.post([&l, cluster_id] { l(cluster_id); });
  };
}

EmrService::~EmrService() = default;

EmrService::EntryPtr EmrService::find(std::string_view cluster_id) const {
  std::shared_lock lock(map_mu_);
  auto it = clusters_.find(std::string(cluster_id));
  return it == clusters_.end() ? nullptr : it->second;
}

Result<EmrService::EntryPtr> EmrService::find_or_fail(std::string_view cluster_id, std::string_view resource) const {
  if (auto e = find(cluster_id)) return e;
  if (resource == "job_flow")
    return fail(Error::not_found("job_flow", "Specified job flow ID does not exist."));
  return fail(Error::not_found(std::string(resource), fmt::format("Cluster id '{}' is not valid.", cluster_id)));
}

Result<std::vector<EmrService::EntryPtr>> EmrService::find_all(const std::vector<std::string>& ids) const {
  std::vector<EntryPtr> out;
  for (const auto& id : ids) {
    auto e = find_or_fail(id, "job_flow");
    if (!e) return fail(e.error());
    out.push_back(*e);
  }
  return out;
}

Result<std::int64_t> EmrService::reserve(std::string_view sequence, std::int64_t count) {
  return store_.reserve(sequence, count);
}

Result<model::Step> EmrService::make_step(const model::Cluster& cluster, model::StepSpec spec, std::string role,
                                          std::int64_t seq) {
  model::Step st;
  st.id = ids_->encode("s-", static_cast<std::uint64_t>(seq));
  st.cluster_id = cluster.id;
  st.seq = seq;
  st.spec = std::move(spec);
  st.execution_role_arn = std::move(role);
  st.state = model::StepState::kPending;
  st.created_ms = clock_.now_ms();
  if (st.spec.log_uri.empty()) {
    st.log_dir = cluster.log_root + "/steps/" + st.id;
  } else {
    auto root = uris_.to_local(st.spec.log_uri);
    if (!root) return fail(root.error());
    st.log_dir = *root + "/" + cluster.id + "/steps/" + st.id;
  }
  return st;
}

namespace {

Status validate_steps(const std::vector<model::StepSpec>& steps, int concurrency) {
  for (const auto& s : steps) {
    std::size_t chars = s.hadoop_jar_step.jar.size() + s.hadoop_jar_step.main_class.size();
    for (const auto& a : s.hadoop_jar_step.args) chars += a.size();
    for (const auto& [k, v] : s.hadoop_jar_step.properties) chars += k.size() + v.size();
    if (chars > kMaxHadoopJarStepChars)
      return fail(Error::invalid_input(
          "step", fmt::format("The strings in the HadoopJarStep of step '{}' total {} characters; at most {} are allowed.",
                              s.name, chars, kMaxHadoopJarStepChars)));
    if (concurrency > 1 && s.action_on_failure != model::ActionOnFailure::kContinue)
      return fail(Error::invalid_input(
          "step", fmt::format("The ActionOnFailure setting {} of step '{}' is not valid: a cluster with "
                              "StepConcurrencyLevel greater than 1 accepts only CONTINUE.",
                              model::kActionsOnFailure.name(s.action_on_failure), s.name)));
  }
  return {};
}

constexpr std::string_view kTooManyActive =
    "Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') for cluster exceeded.";

}  // namespace

Result<model::Cluster> EmrService::run_job_flow(RunJobFlowRequest request) {
  auto& spec = request.spec;
  if (spec.step_concurrency_level < 1 || spec.step_concurrency_level > kMaxStepConcurrency)
    return fail(Error::invalid_input(
        "cluster", fmt::format("StepConcurrencyLevel {} is not valid. Specify a value between 1 and {}.",
                               spec.step_concurrency_level, kMaxStepConcurrency)));
  if (spec.idle_timeout_s)
    if (auto ok = validate_idle_timeout(*spec.idle_timeout_s); !ok) return fail(ok.error());
  // RunJobFlow is a JobFlow call: its input errors are ValidationException, whereas the same tag
  // errors from AddTags are InvalidRequestException (resource "tag").
  if (auto ok = validate_tags(spec.tags); !ok) return fail(Error::invalid_input("cluster", ok.error().message));
  if (auto ok = validate_steps(request.steps, spec.step_concurrency_level); !ok) return fail(ok.error());
  if (request.steps.size() > kMaxActiveSteps) return fail(Error::limit_exceeded("step", std::string(kTooManyActive)));

  std::string log_root = config_.default_log_root();
  if (!spec.log_uri.empty()) {
    auto mapped = uris_.to_local(spec.log_uri);
    if (!mapped) return fail(Error::invalid_input("cluster", "LogUri: " + mapped.error().message));
    log_root = *mapped;
  }
  for (const auto& s : request.steps)
    if (!s.log_uri.empty())
      if (auto m = uris_.to_local(s.log_uri); !m) return fail(Error::invalid_input("step", "LogUri: " + m.error().message));

  auto seq = reserve("emr.cluster", 1);
  if (!seq) return fail(seq.error());
  std::size_t n_instances = spec.instance_groups.size() + spec.instance_fleets.size();
  auto group_seq = reserve("emr.instance_collection", std::max<std::int64_t>(1, n_instances));
  if (!group_seq) return fail(group_seq.error());
  std::int64_t step_seq = 0;
  if (!request.steps.empty()) {
    auto s = reserve("emr.step", static_cast<std::int64_t>(request.steps.size()));
    if (!s) return fail(s.error());
    step_seq = *s;
  }

  auto entry = std::make_shared<ClusterEntry>();
  entry->on_commit = &on_commit_;
  model::Cluster c;
  c.id = ids_->encode("j-", static_cast<std::uint64_t>(*seq));
  c.region = request.region;
  c.account = request.account;
  c.arn = fmt::format("arn:aws:elasticmapreduce:{}:{}:cluster/{}", c.region, c.account, c.id);
  c.seq = *seq;
  std::int64_t next_group = *group_seq;
  for (auto& g : spec.instance_groups) g.id = ids_->encode("ig-", static_cast<std::uint64_t>(next_group++));
  for (auto& f : spec.instance_fleets) f.id = ids_->encode("if-", static_cast<std::uint64_t>(next_group++));
  c.master_instance_id = fmt::format("i-{:017x}", static_cast<std::uint64_t>(*seq) * 0x9E3779B97F4A7C15ULL >> 4);
  c.spec = std::move(spec);
  c.state = model::ClusterState::kStarting;
  c.reason_message = "Configuring cluster software";
  c.created_ms = clock_.now_ms();
  c.log_root = log_root + "/" + c.id;

  ClusterTxn txn(*entry);
  std::vector<model::Step> steps;
  for (std::size_t i = 0; i < request.steps.size(); ++i) {
    auto st = make_step(c, std::move(request.steps[i]), request.step_execution_role_arn,
                        step_seq + static_cast<std::int64_t>(i));
    if (!st) return fail(st.error());
    txn.add_step(std::move(*st));
  }
  txn.edit_cluster() = c;
  if (auto ok = txn.commit(store_); !ok) return fail(ok.error());
  {
    std::unique_lock lock(map_mu_);
    clusters_.emplace(c.id, entry);
    by_seq_.push_back(entry);
    for (const auto& st : entry->steps) step_cluster_.emplace(st.id, c.id);
  }
  spdlog::info("event=cluster_created cluster={} name=\"{}\" steps={}", c.id, c.spec.name, entry->steps.size());
  tasks_.post([this, entry] { advance(entry); });
  return c;
}

Result<model::Cluster> EmrService::describe_cluster(std::string_view cluster_id) const {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::shared_lock lock((*e)->data_mu);
  return (*e)->cluster;
}

Result<Page<model::Cluster>> EmrService::list_clusters(const ListClustersQuery& q) const {
  std::int64_t before_seq = INT64_MAX;
  if (!q.marker.empty()) {
    auto m = decode_marker(q.marker);
    if (!m) return fail(m.error());
    before_seq = *m;
  }
  Page<model::Cluster> page;
  std::shared_lock lock(map_mu_);
  for (auto it = by_seq_.rbegin(); it != by_seq_.rend(); ++it) {
    std::shared_lock data((*it)->data_mu);
    const auto& c = (*it)->cluster;
    if (c.seq >= before_seq) continue;
    if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), c.state) == q.states.end()) continue;
    if (q.created_after_ms && c.created_ms < *q.created_after_ms) continue;
    if (q.created_before_ms && c.created_ms > *q.created_before_ms) continue;
    if (page.items.size() == kPageSize) {
      page.marker = encode_marker(page.items.back().seq);
      break;
    }
    page.items.push_back(c);
  }
  return page;
}

Result<std::vector<std::pair<model::Cluster, std::vector<model::Step>>>> EmrService::describe_job_flows(
    const std::vector<std::string>& ids, const std::vector<model::ClusterState>& states,
    std::optional<TimestampMs> created_after_ms, std::optional<TimestampMs> created_before_ms) const {
  std::vector<EntryPtr> entries;
  if (!ids.empty()) {
    auto found = find_all(ids);
    if (!found) return fail(found.error());
    entries = std::move(*found);
  } else {
    std::shared_lock lock(map_mu_);
    entries.assign(by_seq_.rbegin(), by_seq_.rend());
  }
  const TimestampMs horizon = clock_.now_ms() - kTwoMonthsMs;
  std::vector<std::pair<model::Cluster, std::vector<model::Step>>> out;
  for (const auto& e : entries) {
    std::shared_lock data(e->data_mu);
    const auto& c = e->cluster;
    if (ids.empty() && c.created_ms < horizon) continue;
    if (!states.empty() && std::find(states.begin(), states.end(), c.state) == states.end()) continue;
    if (created_after_ms && c.created_ms < *created_after_ms) continue;
    if (created_before_ms && c.created_ms > *created_before_ms) continue;
    out.emplace_back(c, e->steps);
    if (out.size() == 512) break;
  }
  return out;
}

Status EmrService::terminate_job_flows(const std::vector<std::string>& ids) {
  if (ids.empty()) return fail(Error::invalid_input("job_flow", "The JobFlowId list cannot be empty"));
  auto entries = find_all(ids);
  if (!entries) return fail(entries.error());
  bool any_protected = false;
  for (const auto& e : *entries) {
    std::lock_guard lock(e->write_mu);
    ClusterTxn txn(*e);
    const auto state = txn.cluster().state;
    if (model::is_final(state) || state == model::ClusterState::kTerminating) continue;
    if (txn.cluster().spec.termination_protected) {
      any_protected = true;
      continue;
    }
    Actions actions;
    begin_termination(txn, actions, model::ClusterReasonCode::kUserRequest, "Terminated by user request");
    commit_and_act(e, txn, actions);
  }
  if (any_protected)
    return fail(Error::invalid_state(
        "job_flow", "Could not shut down one or more job flows since they are termination protected."));
  return {};
}

Status EmrService::modify_job_flows(const std::vector<std::string>& ids, bool while_terminating,
                                    const std::function<void(ClusterTxn&, Actions&)>& change) {
  auto entries = find_all(ids);
  if (!entries) return fail(entries.error());
  auto modifiable = [while_terminating](model::ClusterState s) {
    return !model::is_final(s) && (while_terminating || s != model::ClusterState::kTerminating);
  };
  // Every id is checked before any is changed: a bad call changes nothing.
  for (const auto& e : *entries) {
    std::shared_lock lock(e->data_mu);
    if (!modifiable(e->cluster.state)) return fail(Error::invalid_state("job_flow", std::string(kNotModifiable)));
  }
  for (const auto& e : *entries) {
    std::lock_guard lock(e->write_mu);
    ClusterTxn txn(*e);
    if (!modifiable(txn.cluster().state)) continue;  // ended since the check
    Actions actions;
    change(txn, actions);
    if (auto ok = commit_and_act(e, txn, actions); !ok) return ok;
  }
  return {};
}

Status EmrService::set_termination_protection(const std::vector<std::string>& ids, bool value) {
  return modify_job_flows(ids, true, [value](ClusterTxn& txn, Actions&) {
    if (txn.cluster().spec.termination_protected != value) txn.edit_cluster().spec.termination_protected = value;
  });
}

Status EmrService::set_keep_job_flow_alive(const std::vector<std::string>& ids, bool value) {
  return modify_job_flows(ids, false, [this, value](ClusterTxn& txn, Actions& actions) {
    txn.edit_cluster().spec.keep_alive = value;
    // A WAITING cluster made transient has nothing left to run: it ends now.
    if (!value && txn.cluster().state == model::ClusterState::kWaiting) schedule(txn, actions);
  });
}

Status EmrService::set_visible_to_all_users(const std::vector<std::string>& ids, bool value) {
  return modify_job_flows(ids, true, [value](ClusterTxn& txn, Actions&) {
    txn.edit_cluster().spec.visible_to_all_users = value;
  });
}

Result<int> EmrService::modify_cluster(std::string_view cluster_id, std::optional<int> level) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (!level) return txn.cluster().spec.step_concurrency_level;
  if (*level < 1 || *level > kMaxStepConcurrency)
    return fail(Error::invalid_input(
        "cluster", fmt::format("StepConcurrencyLevel {} is not valid. Specify a value between 1 and {}.", *level,
                               kMaxStepConcurrency)));
  if (model::is_final(txn.cluster().state) || txn.cluster().state == model::ClusterState::kTerminating)
    return fail(Error::invalid_state("cluster", std::string(kNotModifiable)));
  txn.edit_cluster().spec.step_concurrency_level = *level;
  Actions actions;
  schedule(txn, actions);  // a higher level lets queued steps start at once
  commit_and_act(*e, txn, actions);
  return *level;
}

Status EmrService::modify_instance_groups(std::string_view cluster_id, const std::vector<InstanceGroupResize>& groups) {
  if (groups.empty()) return {};
  EntryPtr e;
  if (!cluster_id.empty()) {
    auto found = find_or_fail(cluster_id, "cluster");
    if (!found) return fail(found.error());
    e = *found;
  } else {  // EMR accepts group ids alone: find the cluster that has the first one
    std::shared_lock lock(map_mu_);
    for (const auto& [id, entry] : clusters_) {
      std::shared_lock data(entry->data_mu);
      for (const auto& g : entry->cluster.spec.instance_groups) {
        if (g.id == groups.front().id) e = entry;
      }
      if (e) break;
    }
    if (!e) {
      return fail(Error::invalid_input("cluster", fmt::format("Instance group {} is not valid.", groups.front().id)));
    }
  }
  std::lock_guard lock(e->write_mu);
  ClusterTxn txn(*e);
  if (model::is_final(txn.cluster().state) || txn.cluster().state == model::ClusterState::kTerminating)
    return fail(Error::invalid_state("cluster", std::string(kNotModifiable)));
  auto& spec_groups = txn.edit_cluster().spec.instance_groups;
  for (const auto& change : groups) {
    auto it = std::find_if(spec_groups.begin(), spec_groups.end(), [&](const auto& g) { return g.id == change.id; });
    if (it == spec_groups.end()) {
      return fail(Error::invalid_input("cluster", fmt::format("Instance group {} is not valid.", change.id)));
    }
    if (change.count < 0) {
      return fail(Error::invalid_input("cluster", fmt::format("Instance count {} is not valid.", change.count)));
    }
    if (it->role == "MASTER" && change.count != it->requested_count) {
      return fail(Error::invalid_input("cluster", "The master instance group cannot be resized."));
    }
    it->requested_count = change.count;
  }
  Actions actions;
  return commit_and_act(e, txn, actions);
}

Status EmrService::modify_instance_fleet(std::string_view cluster_id, std::string_view fleet_id,
                                         std::optional<std::int64_t> on_demand, std::optional<std::int64_t> spot) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (model::is_final(txn.cluster().state) || txn.cluster().state == model::ClusterState::kTerminating)
    return fail(Error::invalid_state("cluster", std::string(kNotModifiable)));
  auto& fleets = txn.edit_cluster().spec.instance_fleets;
  auto it = std::find_if(fleets.begin(), fleets.end(), [&](const auto& f) { return f.id == fleet_id; });
  if (it == fleets.end()) {
    return fail(Error::invalid_input("cluster", fmt::format("Instance fleet {} is not valid.", fleet_id)));
  }
  for (auto v : {on_demand, spot}) {
    if (v && *v < 0) return fail(Error::invalid_input("cluster", fmt::format("Target capacity {} is not valid.", *v)));
  }
  if (it->type == "MASTER" && ((on_demand && *on_demand != it->target_on_demand) || (spot && *spot != it->target_spot))) {
    return fail(Error::invalid_input("cluster", "The master instance fleet cannot be resized."));
  }
  if (on_demand) it->target_on_demand = *on_demand;
  if (spot) it->target_spot = *spot;
  Actions actions;
  return commit_and_act(*e, txn, actions);
}

Status EmrService::add_tags(std::string_view cluster_id, const std::vector<model::Tag>& tags) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  if (auto ok = validate_tags(tags); !ok) return ok;
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (model::is_final(txn.cluster().state))
    return fail(Error::invalid_state("cluster", "Tags cannot be modified on terminated clusters."));
  auto& existing = txn.edit_cluster().spec.tags;
  for (const auto& t : tags) {
    auto it = std::find_if(existing.begin(), existing.end(), [&](const model::Tag& x) { return x.key == t.key; });
    if (it != existing.end()) it->value = t.value;
    else existing.push_back(t);
  }
  return txn.commit(store_);
}

Status EmrService::remove_tags(std::string_view cluster_id, const std::vector<std::string>& keys) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (model::is_final(txn.cluster().state))
    return fail(Error::invalid_state("cluster", "Tags cannot be modified on terminated clusters."));
  auto& existing = txn.edit_cluster().spec.tags;
  std::erase_if(existing, [&](const model::Tag& t) { return std::find(keys.begin(), keys.end(), t.key) != keys.end(); });
  return txn.commit(store_);
}

Status EmrService::put_auto_termination_policy(std::string_view cluster_id, std::int64_t idle_timeout_s) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  if (auto ok = validate_idle_timeout(idle_timeout_s); !ok) return ok;
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (model::is_final(txn.cluster().state) || txn.cluster().state == model::ClusterState::kTerminating)
    return fail(Error::invalid_state("cluster", std::string(kNotModifiable)));
  txn.edit_cluster().spec.idle_timeout_s = idle_timeout_s;
  Actions actions;
  actions.arm_idle_timer = txn.cluster().state == model::ClusterState::kWaiting;
  commit_and_act(*e, txn, actions);
  return {};
}

Result<std::optional<std::int64_t>> EmrService::get_auto_termination_policy(std::string_view cluster_id) const {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::shared_lock lock((*e)->data_mu);
  return (*e)->cluster.spec.idle_timeout_s;
}

Status EmrService::remove_auto_termination_policy(std::string_view cluster_id) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (!txn.cluster().spec.idle_timeout_s) return {};
  txn.edit_cluster().spec.idle_timeout_s.reset();
  if (auto ok = txn.commit(store_); !ok) return ok;
  if ((*e)->idle_timer) {
    tasks_.cancel((*e)->idle_timer);
    (*e)->idle_timer = 0;
  }
  return {};
}

Result<std::vector<std::string>> EmrService::add_job_flow_steps(std::string_view cluster_id,
                                                                std::vector<model::StepSpec> specs,
                                                                std::string execution_role_arn) {
  auto e = find_or_fail(cluster_id, "job_flow");
  if (!e) return fail(e.error());
  for (const auto& s : specs)
    if (!s.log_uri.empty())
      if (auto m = uris_.to_local(s.log_uri); !m) return fail(Error::invalid_input("step", "LogUri: " + m.error().message));
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  if (!model::accepts_steps(txn.cluster().state))
    return fail(Error::invalid_state("job_flow", std::string(kNotModifiable)));
  if (auto ok = validate_steps(specs, txn.cluster().spec.step_concurrency_level); !ok) return fail(ok.error());
  std::size_t active = 0;
  for (std::size_t i = (*e)->first_active; i < txn.step_count(); ++i)
    if (model::is_active(txn.step(i).state)) ++active;
  if (active + specs.size() > kMaxActiveSteps) return fail(Error::limit_exceeded("step", std::string(kTooManyActive)));

  auto seq = reserve("emr.step", static_cast<std::int64_t>(specs.size()));
  if (!seq) return fail(seq.error());
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto st = make_step(txn.cluster(), std::move(specs[i]), execution_role_arn, *seq + static_cast<std::int64_t>(i));
    if (!st) return fail(st.error());
    ids.push_back(st->id);
    txn.add_step(std::move(*st));
  }
  Actions actions;
  // EMR flips a WAITING cluster to RUNNING when steps arrive; we do it at once.
  if (txn.cluster().state == model::ClusterState::kWaiting) schedule(txn, actions);
  {
    // step ids must resolve as soon as the caller has them
    std::unique_lock map_lock(map_mu_);
    for (const auto& id : ids) step_cluster_.emplace(id, (*e)->cluster.id);
  }
  if (auto ok = commit_and_act(*e, txn, actions); !ok) {  // forget the ids again
    std::unique_lock map_lock(map_mu_);
    for (const auto& id : ids) step_cluster_.erase(id);
    return fail(ok.error());
  }
  if (txn.cluster().state == model::ClusterState::kRunning) {
    auto entry = *e;
    tasks_.post([this, entry] {
      std::lock_guard l(entry->write_mu);
      ClusterTxn t(*entry);
      Actions a;
      schedule(t, a);
      commit_and_act(entry, t, a);
    });
  }
  return ids;
}

Result<model::Step> EmrService::describe_step(std::string_view cluster_id, std::string_view step_id) const {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  std::shared_lock lock((*e)->data_mu);
  auto it = (*e)->step_pos.find(std::string(step_id));
  if (it == (*e)->step_pos.end())
    return fail(Error::not_found("step", fmt::format("Step id '{}' is not valid.", step_id)));
  return (*e)->steps[it->second];
}

Result<Page<model::Step>> EmrService::list_steps(const ListStepsQuery& q) const {
  Page<model::Step> page;
  auto marker = visit_steps(q, [&page](const model::Step& st) { page.items.push_back(st); });
  if (!marker) return fail(marker.error());
  page.marker = std::move(*marker);
  return page;
}

Result<std::string> EmrService::visit_steps(const ListStepsQuery& q,
                                            const std::function<void(const model::Step&)>& visit) const {
  auto e = find_or_fail(q.cluster_id, "cluster");
  if (!e) return fail(e.error());
  if (q.step_ids.size() > 10)
    return fail(Error::invalid_input("step", "At most 10 StepIds may be given."));
  std::int64_t before_seq = INT64_MAX;
  if (!q.marker.empty()) {
    auto m = decode_marker(q.marker);
    if (!m) return fail(m.error());
    before_seq = *m;
  }
  std::shared_lock lock((*e)->data_mu);
  const auto& steps = (*e)->steps;
  std::size_t n = 0;
  std::int64_t last_seq = 0;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (it->seq >= before_seq) continue;
    if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), it->state) == q.states.end()) continue;
    if (!q.step_ids.empty() && std::find(q.step_ids.begin(), q.step_ids.end(), it->id) == q.step_ids.end()) continue;
    if (n == kPageSize) return encode_marker(last_seq);
    visit(*it);
    last_seq = it->seq;
    ++n;
  }
  return std::string();
}

Result<std::vector<CancelStepOutcome>> EmrService::cancel_steps(std::string_view cluster_id,
                                                                const std::vector<std::string>& step_ids,
                                                                model::StepCancellationOption option) {
  auto e = find_or_fail(cluster_id, "cluster");
  if (!e) return fail(e.error());
  if (step_ids.empty()) return fail(Error::invalid_input("step", "The StepIds list cannot be empty."));
  if (step_ids.size() > kMaxActiveSteps)
    return fail(Error::invalid_input("step", fmt::format("At most {} StepIds may be given.", kMaxActiveSteps)));
  const auto mode = option == model::StepCancellationOption::kTerminateProcess ? executor::CancelMode::kKill
                                                                                : executor::CancelMode::kInterrupt;
  std::vector<CancelStepOutcome> out;
  std::lock_guard lock((*e)->write_mu);
  ClusterTxn txn(**e);
  Actions actions;
  for (const auto& id : step_ids) {
    CancelStepOutcome o{id, false, {}};
    auto it = (*e)->step_pos.find(id);
    if (it == (*e)->step_pos.end()) {
      o.reason = fmt::format("Step id '{}' is not valid.", id);
      out.push_back(std::move(o));
      continue;
    }
    const std::size_t i = it->second;
    const auto state = txn.step(i).state;
    if (state == model::StepState::kPending) {
      finish_step(txn, actions, i, model::StepState::kCancelled, std::nullopt, {});
      o.submitted = true;
    } else if (state == model::StepState::kRunning || state == model::StepState::kCancelPending) {
      auto& st = txn.edit_step(i);
      st.state = model::StepState::kCancelPending;
      if (mode == executor::CancelMode::kKill) st.cancel_requested_kill = true;
      if (st.job) actions.signals.emplace_back(*st.job, mode);
      o.submitted = true;
    } else {
      o.reason = fmt::format("Step {} is in state {} and cannot be cancelled.", id, model::kStepStates.name(state));
    }
    out.push_back(std::move(o));
  }
  schedule(txn, actions);
  if (auto ok = commit_and_act(*e, txn, actions); !ok) return fail(ok.error());
  return out;
}

Result<LogChunk> EmrService::read_step_log(std::string_view cluster_id, std::string_view step_id,
                                           std::string_view file, std::int64_t offset, std::int64_t max_bytes) const {
  if (file != "stdout" && file != "stderr" && file != "controller")
    return fail(Error::invalid_input("log", fmt::format("Unknown log '{}': use stdout, stderr or controller.", file)));
  auto step = describe_step(cluster_id, step_id);
  if (!step) return fail(step.error());
  LogChunk chunk;
  chunk.complete = model::is_final(step->state);
  chunk.next_offset = offset;
  std::ifstream in(step->log_dir + "/" + std::string(file), std::ios::binary);
  if (!in) return chunk;  // not written yet
  in.seekg(0, std::ios::end);
  const std::int64_t size = in.tellg();
  if (offset >= size) return chunk;
  const std::int64_t n = std::min(max_bytes, size - offset);
  chunk.data.resize(static_cast<std::size_t>(n));
  in.seekg(offset);
  in.read(chunk.data.data(), n);
  chunk.data.resize(static_cast<std::size_t>(in.gcount()));
  chunk.next_offset = offset + static_cast<std::int64_t>(chunk.data.size());
  if (chunk.next_offset < size) chunk.complete = false;  // more to read first
  return chunk;
}

std::map<std::string, std::int64_t> EmrService::step_counts() const {
  std::map<std::string, std::int64_t> counts;
  for (const auto& [s, name] : model::kStepStates.entries()) counts[std::string(name)] = 0;
  std::shared_lock lock(map_mu_);
  for (const auto& e : by_seq_) {
    std::shared_lock data(e->data_mu);
    for (std::size_t i = 0; i < e->steps.size(); ++i) ++counts[std::string(model::kStepStates.name(e->steps[i].state))];
  }
  return counts;
}

std::map<std::string, std::int64_t> EmrService::cluster_counts() const {
  std::map<std::string, std::int64_t> counts;
  for (const auto& [s, name] : model::kClusterStates.entries()) counts[std::string(name)] = 0;
  std::shared_lock lock(map_mu_);
  for (const auto& e : by_seq_) {
    std::shared_lock data(e->data_mu);
    ++counts[std::string(model::kClusterStates.name(e->cluster.state))];
  }
  return counts;
}

}  // namespace jobflow::engine
