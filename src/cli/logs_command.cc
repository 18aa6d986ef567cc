#include "cli/logs_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include "http/client.h"

namespace jobflow::cli {
namespace {

struct LogStream {
  std::string name;
  std::int64_t offset = 0;
  bool complete = false;
};

std::string header_value(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  return {};
}

}  // namespace

LogsCommand::LogsCommand(CLI::App& app) {
  command_ = app.add_subcommand("logs", "Print the logs of an EMR step (controller, stdout, stderr)");
  command_->add_option("cluster_id", cluster_id_, "Cluster id (j-...)")->required();
  command_->add_option("step_id", step_id_, "Step id (s-...)")->required();
  command_->add_option("--url", url_, "jobflow server")->capture_default_str();
  command_->add_option("--file", file_, "Only this log")->check(CLI::IsMember({"controller", "stdout", "stderr"}));
  command_->add_flag("-f,--follow", follow_, "Keep printing new output until the step ends");
}

int LogsCommand::run() {
  std::vector<LogStream> streams;
  if (file_.empty()) {
    for (const char* f : {"controller", "stdout", "stderr"}) streams.push_back({f});
  } else {
    streams.push_back({file_});
  }
  http::Client client;
  const bool headers = streams.size() > 1;
  std::string last_printed;
  for (;;) {
    bool all_complete = true;
    for (auto& s : streams) {
      if (s.complete) continue;
      for (;;) {
        auto r = client.get(fmt::format("{}/jobflow/v1/emr/clusters/{}/steps/{}/logs/{}?offset={}", url_, cluster_id_,
                                        step_id_, s.name, s.offset));
        if (!r) {
          std::cerr << "jobflow logs: " << r.error().message << "\n";
          return 1;
        }
        if (r->status != 200) {
          std::cerr << "jobflow logs: " << r->body << "\n";
          return 1;
        }
        if (!r->body.empty()) {
          if (headers && last_printed != s.name) {
            std::cout << (last_printed.empty() ? "" : "\n") << "==> " << s.name << " <==\n";
            last_printed = s.name;
          }
          std::cout << r->body << std::flush;
        }
        s.offset = std::stoll(header_value(*r, "x-jobflow-next-offset"));
        s.complete = header_value(*r, "x-jobflow-complete") == "true";
        if (r->body.empty() || s.complete) break;
      }
      if (!s.complete) all_complete = false;
    }
    if (!follow_ || all_complete) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace jobflow::cli
