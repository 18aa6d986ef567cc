#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jobflow::cli {

// The name of the state machine `jobflow run FILE` makes for one run: the file's name without its
// folders and its `.asl.json` / `.json` ending, with every character Step Functions refuses in a
// name replaced by '-', cut to fit, then '-' and the start time in milliseconds ("wordcount-
// 1764000000000"). Unique per run, recognisable in `jobflow ps`, at most 80 characters.
std::string run_machine_name(std::string_view file, std::int64_t start_ms);

}  // namespace jobflow::cli
