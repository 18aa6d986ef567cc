#include "cli/client_flags.h"

#include <cstdlib>

namespace jobflow::cli {
namespace {

std::string& global_url() {
  static std::string url;
  return url;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

std::string ClientFlags::resolved_url() const {
  if (!url.empty()) return url;
  if (!global_url().empty()) return global_url();
  if (auto v = env("JOBFLOW_URL"); !v.empty()) return v;
  return kDefaultUrl;
}

std::string ClientFlags::resolved_region() const {
  if (!region.empty()) return region;
  if (auto v = env("AWS_REGION"); !v.empty()) return v;
  return env("AWS_DEFAULT_REGION");
}

void add_client_flags(CLI::App& command, ClientFlags& flags, bool with_output) {
  command.add_option("--url", flags.url, "jobflow server (default: $JOBFLOW_URL, else http://127.0.0.1:8998)");
  command.add_option("--region", flags.region,
                     "Step Functions region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else the server's)");
  if (with_output)
    command.add_option("-o,--output", flags.output, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
}

void add_global_client_flags(CLI::App& app) {
  app.add_option("--url", global_url(), "jobflow server for the client commands (default: $JOBFLOW_URL, else "
                                        "http://127.0.0.1:8998)");
}

}  // namespace jobflow::cli
