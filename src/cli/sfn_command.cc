#include "cli/sfn_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/sfn_definition_check.h"
#include "cli/track/outcome.h"

namespace jobflow::cli {

SfnCommand::SfnCommand(CLI::App& app) {
  command_ = app.add_subcommand("sfn", "Step Functions: validate or run a state machine definition");
  command_->require_subcommand(1);

  validate_ = command_->add_subcommand("validate", "Check a definition as CreateStateMachine does; "
                                                    "prints every problem with its JSON location");
  validate_->add_option("file", file_, "Definition (Amazon States Language JSON)")->required();
  validate_->add_option("--type", type_, "STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}))
      ->capture_default_str();
  validate_
      ->add_option("-o,--output", output_,
                   "text, or json: ValidateStateMachineDefinition's {result, diagnostics[{severity, code, message, "
                   "location}], truncated}")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  run_ = std::make_unique<RunCommand>(*command_, "run");
}

int SfnCommand::run() {
  if (validate_->parsed()) return validate();
  if (run_->selected()) return run_->run();
  return exit_code::kUsage;
}

int SfnCommand::validate() {
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("jobflow sfn validate: cannot read {}\n", file_);
    return exit_code::kUsage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto diagnostics = check_definition(text.str(), type_);
  if (output_ == "json") {
    boost::json::array items;
    for (const auto& d : diagnostics)
      items.push_back({{"severity", "ERROR"}, {"code", d.code}, {"message", d.message}, {"location", d.location}});
    boost::json::object out{{"result", diagnostics.empty() ? "OK" : "FAIL"}, {"diagnostics", std::move(items)},
                            {"truncated", false}};
    std::cout << boost::json::serialize(out) << "\n";
    return diagnostics.empty() ? exit_code::kSucceeded : exit_code::kFailed;
  }
  if (diagnostics.empty()) {
    std::cout << "OK\n";
    return exit_code::kSucceeded;
  }
  for (const auto& d : diagnostics) std::cout << d.to_string() << "\n";
  return exit_code::kFailed;
}

}  // namespace jobflow::cli
