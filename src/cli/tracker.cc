#include "cli/tracker.h"

#include <fmt/format.h>

#include <vector>

#include "cli/json_fields.h"

namespace jobflow::cli {
namespace json = boost::json;
namespace {

std::unexpected<ApiError> not_found(std::string message) {
  return std::unexpected(ApiError{ApiError::Kind::kNotFound, std::move(message)});
}

}  // namespace

ApiResult<std::string> find_step_cluster(ServerApi& api, const std::string& step_id) {
  std::string marker;
  do {
    json::object request;
    if (!marker.empty()) request["Marker"] = marker;
    auto page = api.emr("ListClusters", request);
    if (!page) return std::unexpected(page.error());
    for (const auto& c : array_field(*page, "Clusters")) {
      std::string cluster = text_field(c.as_object(), "Id");
      auto steps = api.emr("ListSteps", {{"ClusterId", cluster}, {"StepIds", json::array{json::string(step_id)}}});
      if (!steps) {
        if (steps.error().kind == ApiError::Kind::kNotFound) continue;
        return std::unexpected(steps.error());
      }
      for (const auto& s : array_field(*steps, "Steps"))
        if (text_field(s.as_object(), "Id") == step_id) return cluster;
    }
    marker = text_field(*page, "Marker");
  } while (!marker.empty());
  return not_found(fmt::format("no step {} in any cluster", step_id));
}

ApiResult<std::string> find_execution_arn(ServerApi& api, const std::string& name) {
  std::vector<std::string> found;
  std::string token;
  do {
    json::object request{{"maxResults", 1000}};
    if (!token.empty()) request["nextToken"] = token;
    auto page = api.sfn("ListStateMachines", request);
    if (!page) return std::unexpected(page.error());
    for (const auto& m : array_field(*page, "stateMachines")) {
      std::string machine = text_field(m.as_object(), "stateMachineArn");
      std::string exec_token;
      do {
        json::object list{{"stateMachineArn", machine}, {"maxResults", 1000}};
        if (!exec_token.empty()) list["nextToken"] = exec_token;
        auto executions = api.sfn("ListExecutions", list);
        if (!executions) {
          if (executions.error().kind == ApiError::Kind::kNotFound) break;  // deleted meanwhile
          return std::unexpected(executions.error());
        }
        for (const auto& e : array_field(*executions, "executions"))
          if (text_field(e.as_object(), "name") == name) found.push_back(text_field(e.as_object(), "executionArn"));
        exec_token = text_field(*executions, "nextToken");
      } while (!exec_token.empty());
    }
    token = text_field(*page, "nextToken");
  } while (!token.empty());
  if (found.empty()) return not_found(fmt::format("no execution named {}", name));
  if (found.size() > 1)
    return std::unexpected(ApiError{ApiError::Kind::kAmbiguous,
                                    fmt::format("{} executions are named {}: give the ARN ({}, {}, ...)",
                                                found.size(), name, found[0], found[1])});
  return found.front();
}

ApiResult<Tracker> Tracker::resolve(ServerApi& api, TrackId id) {
  if (id.kind == TrackKind::kStep && id.cluster.empty()) {
    auto cluster = find_step_cluster(api, id.id);
    if (!cluster) return std::unexpected(cluster.error());
    id.cluster = *cluster;
  }
  if (id.kind == TrackKind::kExecutionName) {
    auto arn = find_execution_arn(api, id.id);
    if (!arn) return std::unexpected(arn.error());
    id = TrackId{TrackKind::kExecution, *arn, {}};
  }
  return Tracker(api, std::move(id));
}

ApiResult<Snapshot> Tracker::poll() {
  switch (id_.kind) {
    case TrackKind::kCluster: return poll_cluster();
    case TrackKind::kStep: return poll_step();
    case TrackKind::kBatch: return poll_livy("batches");
    case TrackKind::kSession: return poll_livy("sessions");
    case TrackKind::kExecution:
    case TrackKind::kExecutionName: return poll_execution();
  }
  return std::unexpected(ApiError{ApiError::Kind::kOther, "unknown kind"});
}

ApiResult<Snapshot> Tracker::poll_cluster() {
  auto described = api_->emr("DescribeCluster", {{"ClusterId", id_.id}});
  if (!described) return std::unexpected(described.error());
  const auto& status = object_field(object_field(*described, "Cluster"), "Status");
  Snapshot snap;
  snap.state = text_field(status, "State");
  snap.outcome = outcome_of(TrackKind::kCluster, snap.state);
  if (snap.outcome == Outcome::kFailed) {
    const auto& reason = object_field(status, "StateChangeReason");
    snap.reason = fmt::format("{}: {}", text_field(reason, "Code"), text_field(reason, "Message"));
  }
  // Steps done/total.
  int total = 0, done = 0;
  std::string marker;
  do {
    json::object request{{"ClusterId", id_.id}};
    if (!marker.empty()) request["Marker"] = marker;
    auto steps = api_->emr("ListSteps", request);
    if (!steps) break;
    for (const auto& s : array_field(*steps, "Steps")) {
      ++total;
      if (outcome_of(TrackKind::kStep, text_field(object_field(s.as_object(), "Status"), "State")) != Outcome::kRunning) ++done;
    }
    marker = text_field(*steps, "Marker");
  } while (!marker.empty());
  if (total > 0) snap.detail = fmt::format("steps {}/{}", done, total);
  return snap;
}

ApiResult<Snapshot> Tracker::poll_step() {
  auto described = api_->emr("DescribeStep", {{"ClusterId", id_.cluster}, {"StepId", id_.id}});
  if (!described) return std::unexpected(described.error());
  const auto& status = object_field(object_field(*described, "Step"), "Status");
  Snapshot snap;
  snap.state = text_field(status, "State");
  snap.outcome = outcome_of(TrackKind::kStep, snap.state);
  snap.detail = "cluster " + id_.cluster;
  if (snap.outcome == Outcome::kFailed) {
    const auto& failure = object_field(status, "FailureDetails");
    snap.reason = text_field(failure, "Reason");
    if (auto m = text_field(failure, "Message"); !m.empty()) snap.reason += (snap.reason.empty() ? "" : ": ") + m;
    if (snap.reason.empty()) snap.reason = text_field(object_field(status, "StateChangeReason"), "Message");
  }
  return snap;
}

ApiResult<Snapshot> Tracker::poll_livy(std::string_view collection) {
  auto got = api_->livy(fmt::format("/{}/{}", collection, id_.id));
  if (!got) return std::unexpected(got.error());
  if (!got->is_object()) return std::unexpected(ApiError{ApiError::Kind::kOther, "Livy answered no object"});
  Snapshot snap;
  snap.state = text_field(got->as_object(), "state");
  snap.outcome = outcome_of(id_.kind, snap.state);
  if (auto app = text_field(got->as_object(), "appId"); !app.empty()) snap.detail = "app " + app;
  return snap;
}

ApiResult<Snapshot> Tracker::poll_execution() {
  const std::string region = arn_region(id_.id);
  auto described = api_->sfn("DescribeExecution", {{"executionArn", id_.id}}, region);
  if (!described) return std::unexpected(described.error());
  Snapshot snap;
  snap.state = text_field(*described, "status");
  snap.outcome = outcome_of(TrackKind::kExecution, snap.state);
  if (snap.outcome == Outcome::kFailed) {
    snap.reason = text_field(*described, "error");
    if (auto cause = text_field(*described, "cause"); !cause.empty()) snap.reason += (snap.reason.empty() ? "" : ": ") + cause;
  }
  // The newest events: their count, and the state the execution is in.
  auto history = api_->sfn("GetExecutionHistory",
                           {{"executionArn", id_.id}, {"reverseOrder", true}, {"maxResults", 25}}, region);
  if (history) {
    const auto& events = array_field(*history, "events");
    std::int64_t count = 0;
    std::string current;
    for (const auto& e : events) {
      const auto& event = e.as_object();
      if (count == 0)
        if (auto* id = event.if_contains("id"); id && id->is_number()) count = id->to_number<std::int64_t>();
      if (current.empty() && text_field(event, "type").ends_with("StateEntered")) {
        const auto& details = object_field(event, "stateEnteredEventDetails");
        current = text_field(details, "name");
      }
    }
    snap.detail = fmt::format("events {}", count);
    if (!current.empty() && snap.outcome == Outcome::kRunning) snap.detail += ", in " + current;
  }
  return snap;
}

}  // namespace jobflow::cli
