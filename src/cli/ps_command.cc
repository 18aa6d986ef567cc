#include "cli/ps_command.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <optional>
#include <vector>

#include "cli/json_fields.h"
#include "cli/server_api.h"
#include "cli/track/outcome.h"
#include "cli/track/table.h"
#include "cli/track/track_id.h"

namespace jobflow::cli {
namespace json = boost::json;
namespace {

struct Row {
  TrackKind kind;
  std::string id;    // as `wait`/`logs` take it
  std::string name;
  std::string state;
  std::optional<double> created;  // epoch seconds
  std::string detail;             // a step's cluster, an execution's state machine
};

std::optional<double> epoch(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json::array string_array(std::initializer_list<const char*> items) {
  json::array out;
  for (const char* s : items) out.emplace_back(s);
  return out;
}

// Collects the rows; the first error that is not "not found" (a thing deleted while listing) stops it.
class Lister {
 public:
  Lister(ServerApi& api, bool all) : api_(api), all_(all) {}

  ApiResult<std::vector<Row>> list() {
    if (auto ok = emr(); !ok) return std::unexpected(ok.error());
    for (const char* collection : {"batches", "sessions"})
      if (auto ok = livy(collection); !ok) return std::unexpected(ok.error());
    if (auto ok = sfn(); !ok) return std::unexpected(ok.error());
    return std::move(rows_);
  }

 private:
  ApiResult<void> emr() {
    std::string marker;
    do {
      json::object request;
      if (!all_)
        request["ClusterStates"] = string_array({"STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"});
      if (!marker.empty()) request["Marker"] = marker;
      auto page = api_.emr("ListClusters", request);
      if (!page) return std::unexpected(page.error());
      for (const auto& c : array_field(*page, "Clusters")) {
        const auto& cluster = c.as_object();
        const auto& status = object_field(cluster, "Status");
        std::string id = text_field(cluster, "Id");
        rows_.push_back({TrackKind::kCluster, id, text_field(cluster, "Name"), text_field(status, "State"),
                         epoch(object_field(status, "Timeline"), "CreationDateTime"), {}});
        if (auto ok = steps(id); !ok) return ok;
      }
      marker = text_field(*page, "Marker");
    } while (!marker.empty());
    return {};
  }

  ApiResult<void> steps(const std::string& cluster) {
    std::string marker;
    do {
      json::object request{{"ClusterId", cluster}};
      if (!all_) request["StepStates"] = string_array({"PENDING", "CANCEL_PENDING", "RUNNING"});
      if (!marker.empty()) request["Marker"] = marker;
      auto page = api_.emr("ListSteps", request);
      if (!page) {
        if (page.error().kind == ApiError::Kind::kNotFound) return {};
        return std::unexpected(page.error());
      }
      for (const auto& s : array_field(*page, "Steps")) {
        const auto& step = s.as_object();
        const auto& status = object_field(step, "Status");
        rows_.push_back({TrackKind::kStep, text_field(step, "Id"), text_field(step, "Name"), text_field(status, "State"),
                         epoch(object_field(status, "Timeline"), "CreationDateTime"), cluster});
      }
      marker = text_field(*page, "Marker");
    } while (!marker.empty());
    return {};
  }

  ApiResult<void> livy(std::string_view collection) {
    const TrackKind kind = collection == "batches" ? TrackKind::kBatch : TrackKind::kSession;
    constexpr std::int64_t kPage = 500;
    for (std::int64_t from = 0;; from += kPage) {
      auto page = api_.livy(fmt::format("/{}?from={}&size={}", collection, from, kPage));
      if (!page) return std::unexpected(page.error());
      if (!page->is_object()) return {};
      const auto& items = array_field(page->as_object(), "sessions");
      for (const auto& item : items) {
        if (!item.is_object()) continue;
        const auto& o = item.as_object();
        std::string state = text_field(o, "state");
        if (!all_ && outcome_of(kind, state) != Outcome::kRunning) continue;
        TrackId id{kind, text_field(o, "id"), {}};
        std::string detail = text_field(o, "appId");
        rows_.push_back({kind, id.display(), text_field(o, "name"), state, std::nullopt, detail});
      }
      std::int64_t total = 0;
      if (auto* t = page->as_object().if_contains("total"); t && t->is_number()) total = t->to_number<std::int64_t>();
      if (items.empty() || from + kPage >= total) return {};
    }
  }

  ApiResult<void> sfn() {
    std::string token;
    do {
      json::object request{{"maxResults", 1000}};
      if (!token.empty()) request["nextToken"] = token;
      auto page = api_.sfn("ListStateMachines", request);
      if (!page) return std::unexpected(page.error());
      for (const auto& m : array_field(*page, "stateMachines")) {
        const auto& machine = m.as_object();
        if (auto ok = executions(text_field(machine, "stateMachineArn"), text_field(machine, "name")); !ok) return ok;
      }
      token = text_field(*page, "nextToken");
    } while (!token.empty());
    return {};
  }

  ApiResult<void> executions(const std::string& machine_arn, const std::string& machine_name) {
    std::string token;
    do {
      json::object request{{"stateMachineArn", machine_arn}, {"maxResults", 1000}};
      if (!all_) request["statusFilter"] = "RUNNING";
      if (!token.empty()) request["nextToken"] = token;
      auto page = api_.sfn("ListExecutions", request);
      if (!page) {
        if (page.error().kind == ApiError::Kind::kNotFound) return {};
        return std::unexpected(page.error());
      }
      for (const auto& e : array_field(*page, "executions")) {
        const auto& execution = e.as_object();
        rows_.push_back({TrackKind::kExecution, text_field(execution, "executionArn"), text_field(execution, "name"),
                         text_field(execution, "status"), epoch(execution, "startDate"), machine_name});
      }
      token = text_field(*page, "nextToken");
    } while (!token.empty());
    return {};
  }

  ServerApi& api_;
  bool all_;
  std::vector<Row> rows_;
};

}  // namespace

PsCommand::PsCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "ps",
      "List what runs on the server: EMR clusters and steps, Livy batches and sessions, Step Functions executions.\n"
      "IDs are printed as wait and logs take them: j-…, s-…, batch/N, session/N, execution ARNs.\n"
      "Exit: 0 listed; 1 the server refused a request; 5 server unreachable.");
  command_->add_flag("-a,--all", all_, "Everything the APIs list, ended ones too");
  add_client_flags(*command_, flags_);
}

int PsCommand::run() {
  ServerApi api(flags_.resolved_url(), flags_.resolved_region());
  Lister lister(api, all_);
  auto rows = lister.list();
  if (!rows) {
    std::cerr << "jobflow ps: " << rows.error().message << "\n";
    return exit_code_for(rows.error());
  }
  const double now = now_seconds();
  if (flags_.json()) {
    json::array items;
    for (const auto& r : *rows) {
      json::object o{{"kind", kind_name(r.kind)}, {"id", r.id}, {"name", nullptr}, {"state", r.state}};
      if (!r.name.empty()) o["name"] = r.name;
      if (r.created) {
        o["created"] = *r.created;
        o["ageSeconds"] = std::max<std::int64_t>(0, static_cast<std::int64_t>(now - *r.created));
      } else {
        o["created"] = nullptr;
        o["ageSeconds"] = nullptr;
      }
      if (r.kind == TrackKind::kStep) o["clusterId"] = r.detail;
      if (r.kind == TrackKind::kExecution) o["stateMachine"] = r.detail;
      if ((r.kind == TrackKind::kBatch || r.kind == TrackKind::kSession) && !r.detail.empty()) o["appId"] = r.detail;
      items.push_back(std::move(o));
    }
    std::cout << json::serialize(json::object{{"items", std::move(items)}}) << "\n";
    return exit_code::kSucceeded;
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& r : *rows) {
    std::string age = r.created ? format_age(std::max<std::int64_t>(0, static_cast<std::int64_t>(now - *r.created)))
                                : std::string("-");
    table.push_back({std::string(kind_name(r.kind)), r.id, r.name, r.state, age, r.detail});
  }
  std::cout << format_table({"KIND", "ID", "NAME", "STATE", "AGE", "DETAIL"}, table);
  return exit_code::kSucceeded;
}

}  // namespace jobflow::cli
