#include "cli/wait_command.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/progress_display.h"
#include "cli/server_api.h"
#include "cli/terminal.h"
#include "cli/track/outcome.h"
#include "cli/track/progress_line.h"
#include "cli/track/table.h"
#include "cli/tracker.h"

namespace jobflow::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kFirstInterval = 0.2;  // seconds between polls, growing by half up to kMaxInterval
constexpr double kMaxInterval = 2.0;
constexpr double kUnreachableGrace = 10.0;  // a server gone this long ends the wait (exit 5)
constexpr auto kRedraw = std::chrono::milliseconds(100);

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

WaitCommand::WaitCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "wait",
      "Wait until a cluster, step, Livy batch or session, or Step Functions execution ends.\n"
      "ID: j-… (cluster), s-… or j-…/s-… (step), batch/N, session/N, an execution ARN or a unique execution "
      "name.\n"
      "Exit: 0 succeeded (step COMPLETED, batch/session success, execution SUCCEEDED, cluster TERMINATED); "
      "1 failed (FAILED, CANCELLED, INTERRUPTED, TERMINATED_WITH_ERRORS, dead, killed, error, TIMED_OUT, "
      "ABORTED) or the server refused a request; 2 bad usage or ID; 3 still running when --timeout expired; "
      "4 not found; 5 server unreachable.");
  command_->add_option("id", id_, "What to wait for")->required();
  command_->add_option("--timeout", timeout_, "Give up after this many seconds (exit 3)");
  command_->add_flag("-q,--quiet", quiet_, "No progress display on stderr");
  add_client_flags(*command_, flags_);
}

int WaitCommand::run() {
  auto id = parse_track_id(id_);
  if (!id) {
    std::cerr << fmt::format("jobflow wait: cannot tell what '{}' is: give j-…, s-…, batch/N, session/N, an "
                             "execution ARN or name\n",
                             id_);
    return exit_code::kUsage;
  }
  ServerApi api(flags_.resolved_url(), flags_.resolved_region());
  const auto started = Clock::now();
  auto tracker = Tracker::resolve(api, *id);
  if (!tracker) {
    std::cerr << "jobflow wait: " << tracker.error().message << "\n";
    return exit_code_for(tracker.error());
  }
  const std::string shown_id = tracker->id().display();
  ProgressDisplay display(!quiet_);

  Snapshot snap;
  auto last_ok = Clock::now();
  double interval = kFirstInterval;
  std::string last_key;
  bool have_snapshot = false;
  for (;;) {
    auto polled = tracker->poll();
    if (polled) {
      last_ok = Clock::now();
      snap = std::move(*polled);
      have_snapshot = true;
      std::string key = snap.state + "|" + snap.detail;
      interval = key == last_key ? std::min(kMaxInterval, interval * 1.5) : kFirstInterval;
      last_key = key;
    } else if (polled.error().kind != ApiError::Kind::kUnreachable || !have_snapshot ||
               seconds_since(last_ok) >= kUnreachableGrace) {
      // A server that never answered is not there; one that answered before may be restarting.
      display.clear();
      std::cerr << "jobflow wait: " << polled.error().message << "\n";
      return exit_code_for(polled.error());
    } else {
      interval = kMaxInterval;  // the server may be restarting: keep trying for a while
    }
    const bool ended = have_snapshot && snap.outcome != Outcome::kRunning;
    const bool timed_out = !ended && timeout_ >= 0 && seconds_since(started) >= timeout_;
    if (ended || timed_out) {
      display.clear();
      const double elapsed = seconds_since(started);
      if (!quiet_ && !stderr_is_live_terminal())
        display.show({shown_id, snap.state, elapsed, snap.detail});
      const int code = ended ? exit_code_for(snap.outcome) : exit_code::kStillRunning;
      if (flags_.json()) {
        boost::json::object out{{"id", shown_id},
                                {"kind", kind_name(tracker->id().kind)},
                                {"state", snap.state},
                                {"outcome", outcome_name(snap.outcome)},
                                {"exitCode", code},
                                {"elapsedSeconds", std::round(elapsed * 1000) / 1000}};
        if (!snap.detail.empty()) out["detail"] = snap.detail;
        if (!snap.reason.empty()) out["reason"] = snap.reason;
        if (tracker->id().kind == TrackKind::kStep) out["clusterId"] = tracker->id().cluster;
        std::cout << boost::json::serialize(out) << "\n";
      } else {
        std::string line = fmt::format("{} {}", shown_id, snap.state);
        if (timed_out) line += fmt::format("  (still running after {})", format_elapsed(elapsed));
        if (!snap.reason.empty()) line += "  " + snap.reason;
        std::cout << line << "\n";
      }
      return code;
    }
    // Sleep until the next poll, redrawing the live line (its elapsed time) meanwhile.
    const auto next = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(interval));
    for (;;) {
      if (have_snapshot) display.show({shown_id, snap.state, seconds_since(started), snap.detail});
      auto now = Clock::now();
      if (now >= next) break;
      if (timeout_ >= 0 && seconds_since(started) >= timeout_) break;
      std::this_thread::sleep_for(std::min<Clock::duration>(kRedraw, next - now));
    }
  }
}

}  // namespace jobflow::cli
