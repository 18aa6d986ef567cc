#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jobflow::cli {

inline constexpr const char* kDefaultUrl = "http://127.0.0.1:8998";

// The options every client command shares: --url, --region and --output text|json.
// `jobflow --url URL CMD` (before the command) works too: see add_global_client_flags.
struct ClientFlags {
  std::string url;
  std::string region;
  std::string output = "text";

  bool json() const { return output == "json"; }
  // --url on the command, else --url before it, else $JOBFLOW_URL, else http://127.0.0.1:8998.
  std::string resolved_url() const;
  // --region, else $AWS_REGION, else $AWS_DEFAULT_REGION, else "" (the server's default region).
  std::string resolved_region() const;
};

void add_client_flags(CLI::App& command, ClientFlags& flags, bool with_output = true);

// `jobflow --url URL ...`: the server for every client command.
void add_global_client_flags(CLI::App& app);

}  // namespace jobflow::cli
