// EmrService: the lifecycle of clusters and steps — bootstrapping, scheduling, job exits,
// ActionOnFailure, termination, idle timeouts and recovery after a restart.
#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "engine/emr/emr_service.h"
#include "engine/emr/record_codec.h"

namespace jobflow::engine {
namespace {

using model::ClusterState;
using model::StepState;

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? fmt::format("SIG{}", abbrev) : fmt::format("signal {}", sig);
}

// The last bytes of a log file, for FailureDetails.
std::string read_tail(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto size = static_cast<std::size_t>(in.tellg());
  const auto from = size > max_bytes ? size - max_bytes : 0;
  in.seekg(static_cast<std::streamoff>(from));
  std::string out(size - from, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return out;
}

std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

// Writes a note into a job's log files when the job could not even be started, so that the
// logs tell the same story as FailureDetails.
void write_launch_failure(const std::string& log_dir, const std::string& message) {
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  std::ofstream(log_dir + "/stderr", std::ios::app) << message << "\n";
  std::ofstream(log_dir + "/controller", std::ios::app) << "ERROR " << message << "\n";
}

}  // namespace

Status EmrService::recover() {
  auto salt = store_.get_meta("emr.id_salt");
  if (!salt) return fail(salt.error());
  std::uint64_t salt_value;
  if (*salt) {
    salt_value = std::stoull(**salt);
  } else {
    std::random_device rd;
    salt_value = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    if (auto ok = store_.put_meta("emr.id_salt", std::to_string(salt_value)); !ok) return ok;
  }
  ids_.emplace(salt_value);

  auto clusters = store_.list({.kind = std::string(kClusterKind), .newest_first = false});
  if (!clusters) return fail(clusters.error());
  auto steps = store_.list({.kind = std::string(kStepKind), .newest_first = false});
  if (!steps) return fail(steps.error());

  std::unique_lock lock(map_mu_);
  for (const auto& r : *clusters) {
    auto c = cluster_from_record(r);
    if (!c) return fail(c.error());
    auto entry = std::make_shared<ClusterEntry>();
    entry->on_commit = &on_commit_;
    entry->cluster = std::move(*c);
    clusters_.emplace(entry->cluster.id, entry);
    by_seq_.push_back(entry);
  }
  for (const auto& r : *steps) {
    auto st = step_from_record(r);
    if (!st) return fail(st.error());
    auto it = clusters_.find(st->cluster_id);
    if (it == clusters_.end()) return fail(Error::internal("step " + st->id + " of an unknown cluster"));
    auto& e = *it->second;
    step_cluster_.emplace(st->id, st->cluster_id);
    e.step_pos.emplace(st->id, e.steps.size());
    e.steps.push_back(std::move(*st));
  }
  std::size_t open = 0;
  for (auto& e : by_seq_) {
    while (e->first_active < e->steps.size() && model::is_final(e->steps[e->first_active].state)) ++e->first_active;
    if (!model::is_final(e->cluster.state)) {
      ++open;
      tasks_.post([this, e] { resume(e); });
    }
  }
  spdlog::info("event=emr_recovered clusters={} open={} steps={}", by_seq_.size(), open, steps->size());
  return {};
}

void EmrService::resume(const EntryPtr& entry) {
  std::lock_guard lock(entry->write_mu);
  ClusterTxn txn(*entry);
  Actions actions;
  const auto& c = txn.cluster();
  if (c.state == ClusterState::kStarting || c.state == ClusterState::kBootstrapping) {
    if (c.bootstrap_job) {
      // Start is idempotent: it launches the action only if the crash came before it did.
      const std::size_t index = c.bootstrap_next;
      auto spec = bootstrap_spec(c, index);
      if (!spec) {
        spdlog::error("event=bootstrap_restart_failed cluster={} error=\"{}\"", c.id, spec.error());
      } else if (auto ok = executor_.start(*c.bootstrap_job, *spec); !ok) {
        spdlog::error("event=bootstrap_restart_failed cluster={} error=\"{}\"", c.id, ok.error().message);
      }
      watch_bootstrap(entry, *c.bootstrap_job, index);
      return;
    }
    tasks_.post([this, entry] { advance(entry); });  // it decides what comes next, under its own lock
    return;
  }
  for (std::size_t i = entry->first_active; i < txn.step_count(); ++i) {
    const auto& st = txn.step(i);
    if (st.state != StepState::kRunning && st.state != StepState::kCancelPending) continue;
    if (!st.job) continue;
    auto status = executor_.poll(*st.job);
    if (status && status->phase == executor::JobStatus::Phase::kNotStarted) {
      if (st.state == StepState::kCancelPending || c.state == ClusterState::kTerminating) {
        finish_step(txn, actions, i, StepState::kCancelled, std::nullopt,
                    c.state == ClusterState::kTerminating ? "Job terminated" : "");
        continue;
      }
      auto spec = commands_.build(c, st);
      if (!spec) {
        auto f = spec.error();
        f.log_file = log_uri_of(c, st) + "stderr";
        write_launch_failure(st.log_dir, f.reason + " " + f.message);
        finish_step(txn, actions, i, StepState::kFailed, f, {});
        continue;
      }
      actions.start_steps.emplace_back(i, std::move(*spec));
      continue;
    }
    watch_step(entry, *st.job, st.id);
    if (st.state == StepState::kCancelPending)
      actions.signals.emplace_back(*st.job, st.cancel_requested_kill ? executor::CancelMode::kKill
                                                                      : executor::CancelMode::kInterrupt);
  }
  if (txn.cluster().state == ClusterState::kTerminating) actions.arm_kill_timer = true;
  schedule(txn, actions);
  if (txn.cluster().state == ClusterState::kWaiting) actions.arm_idle_timer = true;
  commit_and_act(entry, txn, actions);
}

void EmrService::advance(const EntryPtr& entry) {
  std::lock_guard lock(entry->write_mu);
  ClusterTxn txn(*entry);
  Actions actions;
  const auto state = txn.cluster().state;
  if (state == ClusterState::kStarting) {
    auto& c = txn.edit_cluster();
    c.state = ClusterState::kBootstrapping;
    c.reason_message = "Running bootstrap actions";
  }
  if (txn.cluster().state != ClusterState::kBootstrapping || txn.cluster().bootstrap_job) return;
  if (txn.cluster().bootstrap_next < txn.cluster().spec.bootstrap_actions.size()) {
    actions.start_bootstrap = true;
  } else {
    auto& c = txn.edit_cluster();
    c.ready_ms = clock_.now_ms();
    c.state = ClusterState::kWaiting;  // schedule() decides between RUNNING, WAITING and ending
    c.reason_message.clear();
    schedule(txn, actions);
  }
  commit_and_act(entry, txn, actions);
}

std::string EmrService::bootstrap_log_dir(const model::Cluster& c, std::size_t index) const {
  return c.log_root + "/node/" + c.master_instance_id + "/bootstrap-actions/" + std::to_string(index + 1);
}

std::expected<executor::JobSpec, std::string> EmrService::bootstrap_spec(const model::Cluster& c,
                                                                         std::size_t index) const {
  const auto& ba = c.spec.bootstrap_actions[index];
  const std::string n = std::to_string(index + 1);
  auto path = uris_.to_local(ba.path);
  if (!path) return std::unexpected(path.error().message);
  if (::access(path->c_str(), R_OK) != 0)
    return std::unexpected(fmt::format("{} does not exist or cannot be read.", ba.path));
  executor::JobSpec spec;
  spec.job_id = c.id + "-bootstrap-" + n;
  spec.label = "Bootstrap action";
  spec.log_dir = bootstrap_log_dir(c, index);
  spec.working_dir = config_.work_root() + "/" + c.id + "/bootstrap-" + n;
  if (::access(path->c_str(), X_OK) != 0) spec.argv.push_back("/bin/sh");
  spec.argv.push_back(*path);
  spec.argv.insert(spec.argv.end(), ba.args.begin(), ba.args.end());
  spec.env = {{"JOBFLOW_CLUSTER_ID", c.id}, {"JOBFLOW_S3_ROOT", uris_.s3_root()}, {"JOBFLOW_DATA_DIR", config_.data_dir}};
  return spec;
}

void EmrService::start_bootstrap_job(const EntryPtr& entry) {
  // Called under write_mu, after a commit that left the cluster BOOTSTRAPPING with no job.
  ClusterTxn txn(*entry);
  Actions actions;
  const auto& c = txn.cluster();
  const std::size_t index = c.bootstrap_next;
  auto spec = bootstrap_spec(c, index);
  if (!spec) {
    const std::string msg = fmt::format(
        "Master instance ({}) failed attempting to download bootstrap action {} file from S3", c.master_instance_id,
        index + 1);
    write_launch_failure(bootstrap_log_dir(c, index), fmt::format("{}: {}", msg, spec.error()));
    begin_termination(txn, actions, model::ClusterReasonCode::kBootstrapFailure, msg);
    commit_and_act(entry, txn, actions);
    return;
  }
  const auto handle = executor_.prepare(*spec);
  txn.edit_cluster().bootstrap_job = handle;
  if (auto ok = txn.commit(store_); !ok) {
    spdlog::error("event=commit_failed cluster={} error=\"{}\"", entry->cluster.id, ok.error().message);
    return;
  }
  if (auto ok = executor_.start(handle, *spec); !ok) {
    executor::JobExit exit;
    exit.kind = executor::JobExit::Kind::kFailedToStart;
    exit.message = ok.error().message;
    tasks_.post([this, entry, index, exit] { on_bootstrap_exit(entry, index, exit); });
    return;
  }
  watch_bootstrap(entry, handle, index);
}

void EmrService::on_bootstrap_exit(const EntryPtr& entry, std::size_t index, const executor::JobExit& exit) {
  std::lock_guard lock(entry->write_mu);
  ClusterTxn txn(*entry);
  Actions actions;
  const auto& c = txn.cluster();
  if (!c.bootstrap_job || c.bootstrap_next != index) return;  // already handled
  auto& edit = txn.edit_cluster();
  edit.bootstrap_job.reset();
  if (edit.state == ClusterState::kTerminating) {
    finish_termination_if_done(txn);
  } else if (exit.succeeded()) {
    ++edit.bootstrap_next;
    if (edit.bootstrap_next < edit.spec.bootstrap_actions.size()) {
      actions.start_bootstrap = true;
    } else {
      edit.ready_ms = clock_.now_ms();
      edit.state = ClusterState::kWaiting;
      edit.reason_message.clear();
      schedule(txn, actions);
    }
  } else {
    begin_termination(txn, actions, model::ClusterReasonCode::kBootstrapFailure,
                      fmt::format("On the master instance ({}), bootstrap action {} returned a non-zero return code",
                                  c.master_instance_id, index + 1));
  }
  commit_and_act(entry, txn, actions);
}

void EmrService::schedule(ClusterTxn& txn, Actions& actions) {
  for (;;) {
    const auto state = txn.cluster().state;
    if (state == ClusterState::kTerminating) {
      finish_termination_if_done(txn);
      return;
    }
    if (state != ClusterState::kRunning && state != ClusterState::kWaiting) return;
    // The entry's hint is safe: steps before it were final when committed, and final stays final.
    std::size_t first = txn.first_active_hint();
    while (first < txn.step_count() && model::is_final(txn.step(first).state)) ++first;
    int running = 0;
    std::vector<std::size_t> pending;
    for (std::size_t i = first; i < txn.step_count(); ++i) {
      const auto s = txn.step(i).state;
      if (s == StepState::kRunning || s == StepState::kCancelPending) ++running;
      else if (s == StepState::kPending) pending.push_back(i);
    }
    const int level = txn.cluster().spec.step_concurrency_level;
    bool changed = false;
    std::size_t started = 0;
    for (std::size_t p : pending) {
      if (running >= level) break;
      auto spec = commands_.build(txn.cluster(), txn.step(p));
      if (!spec) {
        auto f = spec.error();
        f.log_file = log_uri_of(txn.cluster(), txn.step(p)) + "stderr";
        write_launch_failure(txn.step(p).log_dir, f.reason + " " + f.message);
        auto& st = txn.edit_step(p);
        st.started_ms = clock_.now_ms();
        finish_step(txn, actions, p, StepState::kFailed, f, {});
        changed = true;  // ActionOnFailure may have changed everything: look again
        break;
      }
      auto& st = txn.edit_step(p);
      st.state = StepState::kRunning;
      st.started_ms = clock_.now_ms();
      st.job = executor_.prepare(*spec);
      actions.start_steps.emplace_back(p, std::move(*spec));
      ++running;
      ++started;
    }
    if (changed) continue;
    const bool any_active = running > 0 || pending.size() > started;
    if (any_active) {
      if (state != ClusterState::kRunning) {
        auto& c = txn.edit_cluster();
        c.state = ClusterState::kRunning;
        c.reason_code.reset();
        c.reason_message = "Running step";
        c.idle_since_ms = 0;
      }
      return;
    }
    if (!txn.cluster().spec.keep_alive) {
      begin_termination(txn, actions, model::ClusterReasonCode::kAllStepsCompleted, "Steps completed");
      return;
    }
    if (state != ClusterState::kWaiting || txn.cluster().reason_message.empty()) {
      auto& c = txn.edit_cluster();
      c.state = ClusterState::kWaiting;
      c.reason_code.reset();
      c.reason_message = txn.step_count() == 0 ? "Cluster ready to run steps." : "Cluster ready after last step completed.";
      c.idle_since_ms = clock_.now_ms();
      actions.arm_idle_timer = true;
    }
    return;
  }
}

void EmrService::finish_step(ClusterTxn& txn, Actions& actions, std::size_t index, StepState state,
                             std::optional<model::FailureDetails> failure, std::string message) {
  auto& st = txn.edit_step(index);
  st.state = state;
  st.ended_ms = clock_.now_ms();
  st.failure = std::move(failure);
  st.state_message = std::move(message);
  if (state != StepState::kFailed) return;

  // ActionOnFailure. EMR: with StepConcurrencyLevel above 1 it does not activate; CANCEL_AND_WAIT
  // needs the failed step to be the only one running.
  const auto& c = txn.cluster();
  if (c.spec.step_concurrency_level != 1) return;
  const auto action = txn.step(index).spec.action_on_failure;
  auto cancel_pending = [&] {
    for (std::size_t i = txn.first_active_hint(); i < txn.step_count(); ++i)
      if (txn.step(i).state == StepState::kPending) finish_step(txn, actions, i, StepState::kCancelled, std::nullopt, {});
  };
  switch (action) {
    case model::ActionOnFailure::kContinue:
      break;
    case model::ActionOnFailure::kCancelAndWait: {
      bool others_running = false;
      for (std::size_t i = txn.first_active_hint(); i < txn.step_count(); ++i) {
        const auto s = txn.step(i).state;
        if (i != index && (s == StepState::kRunning || s == StepState::kCancelPending)) others_running = true;
      }
      if (!others_running) cancel_pending();
      break;
    }
    case model::ActionOnFailure::kTerminateCluster:
    case model::ActionOnFailure::kTerminateJobFlow:
      if (c.spec.termination_protected) {
        cancel_pending();  // a protected cluster is not terminated; it waits for new steps
      } else {
        begin_termination(txn, actions, model::ClusterReasonCode::kStepFailure, "Shut down as step failed");
      }
      break;
  }
}

void EmrService::begin_termination(ClusterTxn& txn, Actions& actions, model::ClusterReasonCode code,
                                   std::string message) {
  auto& c = txn.edit_cluster();
  c.state = ClusterState::kTerminating;
  c.reason_code = code;
  c.reason_message = std::move(message);
  for (std::size_t i = txn.first_active_hint(); i < txn.step_count(); ++i) {
    const auto s = txn.step(i).state;
    if (s == StepState::kPending) {
      finish_step(txn, actions, i, StepState::kCancelled, std::nullopt, {});
    } else if (s == StepState::kRunning || s == StepState::kCancelPending) {
      auto& st = txn.edit_step(i);
      st.state = StepState::kCancelPending;
      if (st.job) actions.signals.emplace_back(*st.job, executor::CancelMode::kInterrupt);
      actions.arm_kill_timer = true;
    }
  }
  if (c.bootstrap_job) {
    actions.signals.emplace_back(*c.bootstrap_job, executor::CancelMode::kInterrupt);
    actions.arm_kill_timer = true;
  }
  finish_termination_if_done(txn);
}

void EmrService::finish_termination_if_done(ClusterTxn& txn) {
  if (txn.cluster().state != ClusterState::kTerminating || txn.cluster().bootstrap_job) return;
  for (std::size_t i = txn.first_active_hint(); i < txn.step_count(); ++i)
    if (model::is_active(txn.step(i).state)) return;
  auto& c = txn.edit_cluster();
  const bool error = c.reason_code && model::is_error(*c.reason_code);
  c.state = error ? ClusterState::kTerminatedWithErrors : ClusterState::kTerminated;
  c.ended_ms = clock_.now_ms();
  spdlog::info("event=cluster_ended cluster={} state={} reason={}", c.id, model::kClusterStates.name(c.state),
               c.reason_code ? model::kClusterReasonCodes.name(*c.reason_code) : "");
}

Status EmrService::commit_and_act(const EntryPtr& entry, ClusterTxn& txn, Actions& actions) {
  if (auto ok = txn.commit(store_); !ok) {
    spdlog::error("event=commit_failed cluster={} error=\"{}\"", entry->cluster.id, ok.error().message);
    return ok;
  }
  {
    std::unique_lock lock(entry->data_mu);
    while (entry->first_active < entry->steps.size() && model::is_final(entry->steps[entry->first_active].state))
      ++entry->first_active;
  }
  for (const auto& [i, spec] : actions.start_steps) start_step_job(entry, i, spec);
  for (const auto& [handle, mode] : actions.signals)
    if (auto ok = executor_.cancel(handle, mode); !ok)
      spdlog::warn("event=signal_failed job={} error=\"{}\"", handle.job_id, ok.error().message);

  const auto& c = entry->cluster;
  if (model::is_final(c.state) || c.state != ClusterState::kWaiting) {
    if (entry->idle_timer) tasks_.cancel(std::exchange(entry->idle_timer, 0));
  }
  if (model::is_final(c.state) && entry->kill_timer) tasks_.cancel(std::exchange(entry->kill_timer, 0));
  if (actions.arm_idle_timer && c.state == ClusterState::kWaiting && c.spec.idle_timeout_s) {
    if (entry->idle_timer) tasks_.cancel(entry->idle_timer);
    entry->idle_timer = tasks_.post_at(c.idle_since_ms + *c.spec.idle_timeout_s * 1000,
                                       [this, entry] { on_idle_timeout(entry); });
  }
  if (actions.arm_kill_timer && c.state == ClusterState::kTerminating && !entry->kill_timer)
    entry->kill_timer = tasks_.post_at(clock_.now_ms() + config_.kill_grace_ms, [this, entry] { on_kill_deadline(entry); });
  if (actions.start_bootstrap && c.state == ClusterState::kBootstrapping && !c.bootstrap_job)
    start_bootstrap_job(entry);
  return {};
}

void EmrService::start_step_job(const EntryPtr& entry, std::size_t index, const executor::JobSpec& spec) {
  const model::Step& st = entry->steps[index];
  if (st.state != StepState::kRunning || !st.job) return;
  Status started = executor_.start(*st.job, spec);
  if (!started) {
    model::FailureDetails f{"Failed to start the step.", started.error().message,
                            log_uri_of(entry->cluster, st) + "stderr"};
    write_launch_failure(st.log_dir, f.reason + " " + f.message);
    ClusterTxn txn(*entry);
    Actions actions;
    finish_step(txn, actions, index, StepState::kFailed, f, {});
    schedule(txn, actions);
    commit_and_act(entry, txn, actions);
    return;
  }
  watch_step(entry, *st.job, st.id);
}

void EmrService::watch_step(const EntryPtr& entry, const executor::JobHandle& handle, const std::string& step_id) {
  // Exits arrive on an executor thread; the engine handles them on its task queue.
  executor_.watch(handle, [this, entry, step_id](const executor::JobExit& exit) {
    tasks_.post([this, entry, step_id, exit] { on_step_exit(entry, step_id, exit); });
  });
}

void EmrService::watch_bootstrap(const EntryPtr& entry, const executor::JobHandle& handle, std::size_t index) {
  executor_.watch(handle, [this, entry, index](const executor::JobExit& exit) {
    tasks_.post([this, entry, index, exit] { on_bootstrap_exit(entry, index, exit); });
  });
}

void EmrService::on_step_exit(const EntryPtr& entry, const std::string& step_id, const executor::JobExit& exit) {
  std::lock_guard lock(entry->write_mu);
  auto it = entry->step_pos.find(step_id);
  if (it == entry->step_pos.end()) return;
  ClusterTxn txn(*entry);
  Actions actions;
  const std::size_t i = it->second;
  const auto& st = txn.step(i);
  if (st.state != StepState::kRunning && st.state != StepState::kCancelPending) return;
  const bool terminating = txn.cluster().state == ClusterState::kTerminating;
  if (exit.succeeded()) {
    finish_step(txn, actions, i, StepState::kCompleted, std::nullopt, {});
  } else if (st.state == StepState::kCancelPending) {
    finish_step(txn, actions, i, StepState::kCancelled, std::nullopt, terminating ? "Job terminated" : "");
  } else {
    finish_step(txn, actions, i, StepState::kFailed, failure_details(txn.cluster(), st, exit), {});
  }
  // The job may have ended while no server ran (kill -9, restart): EndDateTime is when it ended,
  // not when this server noticed.
  if (exit.ended_ms > 0 && exit.ended_ms < txn.step(i).ended_ms)
    txn.edit_step(i).ended_ms = std::max(exit.ended_ms, txn.step(i).started_ms);
  schedule(txn, actions);
  commit_and_act(entry, txn, actions);
}

void EmrService::on_idle_timeout(const EntryPtr& entry) {
  std::lock_guard lock(entry->write_mu);
  entry->idle_timer = 0;
  ClusterTxn txn(*entry);
  const auto& c = txn.cluster();
  if (c.state != ClusterState::kWaiting || !c.spec.idle_timeout_s || c.spec.termination_protected) return;
  const TimestampMs due = c.idle_since_ms + *c.spec.idle_timeout_s * 1000;
  Actions actions;
  if (clock_.now_ms() < due) {
    actions.arm_idle_timer = true;  // the policy changed meanwhile
  } else {
    begin_termination(txn, actions, model::ClusterReasonCode::kAllStepsCompleted,
                      fmt::format("Cluster was idle for {} seconds and was terminated by its auto-termination policy.",
                                  *c.spec.idle_timeout_s));
  }
  commit_and_act(entry, txn, actions);
}

void EmrService::on_kill_deadline(const EntryPtr& entry) {
  std::lock_guard lock(entry->write_mu);
  entry->kill_timer = 0;
  const auto& c = entry->cluster;
  if (c.state != ClusterState::kTerminating) return;
  for (std::size_t i = entry->first_active; i < entry->steps.size(); ++i)
    if (entry->steps[i].job && model::is_active(entry->steps[i].state))
      (void)executor_.cancel(*entry->steps[i].job, executor::CancelMode::kKill);
  if (c.bootstrap_job) (void)executor_.cancel(*c.bootstrap_job, executor::CancelMode::kKill);
}

std::string EmrService::log_uri_of(const model::Cluster& cluster, const model::Step& step) const {
  std::string base = !step.spec.log_uri.empty() ? step.spec.log_uri : cluster.spec.log_uri;
  if (base.empty()) return "file://" + step.log_dir + "/";
  while (base.ends_with('/')) base.pop_back();
  return base + "/" + cluster.id + "/steps/" + step.id + "/";
}

model::FailureDetails EmrService::failure_details(const model::Cluster& cluster, const model::Step& step,
                                                  const executor::JobExit& exit) const {
  model::FailureDetails f;
  f.log_file = log_uri_of(cluster, step) + "stderr";
  const auto lines = non_empty_lines(read_tail(step.log_dir + "/stderr", 4096));
  std::string error_line;
  for (auto it = lines.rbegin(); it != lines.rend() && error_line.empty(); ++it)
    if (it->find("Error") != std::string::npos || it->find("Exception") != std::string::npos ||
        it->find("error") != std::string::npos)
      error_line = *it;
  switch (exit.kind) {
    case executor::JobExit::Kind::kExited:
      f.reason = error_line.empty() ? "Unknown Error." : error_line;
      f.message = fmt::format("Step failed with exitCode {}.", exit.code);
      break;
    case executor::JobExit::Kind::kSignaled:
      f.reason = fmt::format("The step was killed by {}.", signal_name(exit.signal));
      f.message = fmt::format("Step process ended by signal {} ({}).", exit.signal, signal_name(exit.signal));
      break;
    case executor::JobExit::Kind::kFailedToStart:
      f.reason = exit.message;
      f.message = exit.message;
      break;
    case executor::JobExit::Kind::kLost:
      f.reason = "The step's process was lost.";
      f.message = exit.message;
      break;
  }
  if (!lines.empty() && exit.kind != executor::JobExit::Kind::kFailedToStart) {
    f.message += " Last lines of stderr:";
    const std::size_t from = lines.size() > 5 ? lines.size() - 5 : 0;
    for (std::size_t i = from; i < lines.size(); ++i) f.message += "\n" + lines[i];
  }
  return f;
}

}  // namespace jobflow::engine
