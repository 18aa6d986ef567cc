#include "cli/logs_command.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include "cli/track/history_line.h"
#include "cli/track/livy_log_cursor.h"
#include "cli/track/outcome.h"
#include "cli/track/track_id.h"
#include "cli/tracker.h"

namespace jobflow::cli {
namespace json = boost::json;
namespace {

// Polling for --follow: 0.2 s after new output, growing by half up to 2 s while nothing comes.
class Backoff {
 public:
  void wait(bool progressed) {
    interval_ = progressed ? 0.2 : std::min(2.0, interval_ * 1.5);
    std::this_thread::sleep_for(std::chrono::duration<double>(interval_));
  }

 private:
  double interval_ = 0.2;
};

struct LogStream {
  std::string name;
  std::int64_t offset = 0;
  bool complete = false;
  std::string partial;  // --output json: the start of a line not yet ended
};

std::string header_value(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  return {};
}

void print_json_line(const json::object& o) { std::cout << json::serialize(o) << "\n" << std::flush; }

}  // namespace

LogsCommand::LogsCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "logs",
      "Print the logs of an EMR step, a Livy batch or session, or the history of a Step Functions execution.\n"
      "ID: s-… or j-…/s-… (or CLUSTER_ID STEP_ID), batch/N, session/N, an execution ARN or a unique "
      "execution name.\n"
      "Exit: 0 printed (with --follow: once it ended); 1 the server refused a request; 2 bad usage or ID; "
      "4 not found; 5 server unreachable.");
  command_->add_option("id", ids_, "What to print the logs of (or CLUSTER_ID STEP_ID)")->required()->expected(1, 2);
  command_->add_option("--file", file_, "A step's log: only this one")
      ->check(CLI::IsMember({"controller", "stdout", "stderr"}));
  command_->add_flag("-f,--follow", follow_, "Keep printing until it ends");
  add_client_flags(*command_, flags_);
}

int LogsCommand::run() {
  ServerApi api(flags_.resolved_url(), flags_.resolved_region());
  std::optional<TrackId> id;
  if (ids_.size() == 2) {
    id = TrackId{TrackKind::kStep, ids_[1], ids_[0]};
  } else {
    id = parse_track_id(ids_[0]);
  }
  if (!id) {
    std::cerr << fmt::format("jobflow logs: cannot tell what '{}' is: give s-…, batch/N, session/N, an execution "
                             "ARN or name\n",
                             ids_[0]);
    return exit_code::kUsage;
  }
  if (id->kind == TrackKind::kCluster) {
    std::cerr << "jobflow logs: a cluster has no log of its own; give one of its steps (jobflow ps --all lists "
                 "them)\n";
    return exit_code::kUsage;
  }
  if (id->kind == TrackKind::kStep || id->kind == TrackKind::kExecutionName) {
    auto tracker = Tracker::resolve(api, *id);
    if (!tracker) {
      std::cerr << "jobflow logs: " << tracker.error().message << "\n";
      return exit_code_for(tracker.error());
    }
    id = tracker->id();
  }
  switch (id->kind) {
    case TrackKind::kStep: return step_logs(api, id->cluster, id->id);
    case TrackKind::kBatch: return livy_logs(api, "batches", id->id);
    case TrackKind::kSession: return livy_logs(api, "sessions", id->id);
    default: return execution_logs(api, id->id);
  }
}

int LogsCommand::step_logs(ServerApi& api, const std::string& cluster, const std::string& step) {
  std::vector<LogStream> streams;
  if (file_.empty()) {
    for (const char* f : {"controller", "stdout", "stderr"}) streams.push_back({f});
  } else {
    streams.push_back({file_});
  }
  const bool headers = streams.size() > 1 && !flags_.json();
  std::string last_printed;
  Backoff backoff;
  for (;;) {
    bool all_complete = true;
    bool progressed = false;
    for (auto& s : streams) {
      if (s.complete) continue;
      for (;;) {
        auto r = api.get(fmt::format("/jobflow/v1/emr/clusters/{}/steps/{}/logs/{}?offset={}", cluster, step, s.name,
                                     s.offset));
        if (!r) {
          std::cerr << "jobflow logs: " << r.error().message << "\n";
          return exit_code::kUnreachable;
        }
        if (r->status != 200) {
          std::cerr << "jobflow logs: " << r->body << "\n";
          return r->status == 404 ? exit_code::kNotFound : exit_code::kFailed;
        }
        s.complete = header_value(*r, "x-jobflow-complete") == "true";
        if (!r->body.empty()) {
          progressed = true;
          if (flags_.json()) {
            s.partial += r->body;
            std::size_t start = 0;
            for (std::size_t nl; (nl = s.partial.find('\n', start)) != std::string::npos; start = nl + 1)
              print_json_line({{"step", step}, {"file", s.name}, {"line", s.partial.substr(start, nl - start)}});
            s.partial.erase(0, start);
          } else {
            if (headers && last_printed != s.name) {
              std::cout << (last_printed.empty() ? "" : "\n") << "==> " << s.name << " <==\n";
              last_printed = s.name;
            }
            std::cout << r->body << std::flush;
          }
        }
        if (flags_.json() && s.complete && !s.partial.empty()) {
          print_json_line({{"step", step}, {"file", s.name}, {"line", s.partial}});
          s.partial.clear();
        }
        try {
          s.offset = std::stoll(header_value(*r, "x-jobflow-next-offset"));
        } catch (const std::exception&) {
          std::cerr << "jobflow logs: the server sent no x-jobflow-next-offset\n";
          return exit_code::kFailed;
        }
        if (r->body.empty() || s.complete) break;
      }
      if (!s.complete) all_complete = false;
    }
    if (!follow_ || all_complete) return exit_code::kSucceeded;
    backoff.wait(progressed);
  }
}

int LogsCommand::livy_logs(ServerApi& api, const std::string& collection, const std::string& id) {
  LivyLogCursor cursor;
  Backoff backoff;
  const std::string shown = (collection == "batches" ? "batch/" : "session/") + id;
  for (;;) {
    // The state first: when it is final before this read of the log, the log is complete.
    bool ended = true;
    if (follow_) {
      auto state = api.livy(fmt::format("/{}/{}/state", collection, id));
      if (!state) {
        std::cerr << "jobflow logs: " << state.error().message << "\n";
        return exit_code_for(state.error());
      }
      std::string s = state->is_object() && state->as_object().contains("state") &&
                              state->as_object().at("state").is_string()
                          ? std::string(state->as_object().at("state").get_string())
                          : std::string();
      ended = outcome_of(TrackKind::kBatch, s) != Outcome::kRunning;
    }
    auto page = api.livy(fmt::format("/{}/{}/log?from={}&size=-1", collection, id, cursor.from()));
    if (!page) {
      std::cerr << "jobflow logs: " << page.error().message << "\n";
      return exit_code_for(page.error());
    }
    std::vector<std::string> lines;
    std::int64_t from = cursor.from();
    if (page->is_object()) {
      const auto& o = page->as_object();
      if (auto* f = o.if_contains("from"); f && f->is_number()) from = f->to_number<std::int64_t>();
      if (auto* l = o.if_contains("log"); l && l->is_array())
        for (const auto& line : l->get_array())
          if (line.is_string()) lines.emplace_back(line.get_string());
    }
    auto fresh = cursor.take(from, lines);
    for (const auto& line : fresh) {
      if (flags_.json()) {
        print_json_line({{"id", shown}, {"stream", line.stderr_line ? "stderr" : "stdout"}, {"line", line.text}});
      } else {
        (line.stderr_line ? std::cerr : std::cout) << line.text << "\n";
      }
    }
    std::cout << std::flush;
    if (!follow_ || ended) return exit_code::kSucceeded;
    backoff.wait(!fresh.empty());
  }
}

int LogsCommand::execution_logs(ServerApi& api, const std::string& arn) {
  const std::string region = arn_region(arn);
  std::int64_t shown = 0;
  Backoff backoff;
  for (;;) {
    bool ended = false;
    bool progressed = false;
    std::string token;
    do {
      json::object request{{"executionArn", arn}, {"maxResults", 1000}};
      if (!token.empty()) request["nextToken"] = token;
      auto page = api.sfn("GetExecutionHistory", request, region);
      if (!page) {
        std::cerr << "jobflow logs: " << page.error().message << "\n";
        return exit_code_for(page.error());
      }
      if (auto* events = page->if_contains("events"); events && events->is_array()) {
        for (const auto& e : events->get_array()) {
          if (!e.is_object()) continue;
          const auto& event = e.get_object();
          std::int64_t event_id = 0;
          if (auto* v = event.if_contains("id"); v && v->is_number()) event_id = v->to_number<std::int64_t>();
          auto* type = event.if_contains("type");
          if (type && type->is_string() && is_final_history_event(type->get_string())) ended = true;
          if (event_id <= shown) continue;
          shown = event_id;
          progressed = true;
          if (flags_.json()) {
            print_json_line(event);
          } else {
            std::cout << history_event_line(event) << "\n" << std::flush;
          }
        }
      }
      auto* next = page->if_contains("nextToken");
      token = next && next->is_string() ? std::string(next->get_string()) : std::string();
    } while (!token.empty());
    if (!follow_ || ended) return exit_code::kSucceeded;
    backoff.wait(progressed);
  }
}

}  // namespace jobflow::cli
