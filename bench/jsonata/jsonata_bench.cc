// jobflow's JSONata engine in-process: compile time and evaluations per second of the expressions
// in bench/jsonata/expressions.json over one input document, as bench/jsonata/jsonata_bench.mjs
// measures the reference implementation. Each expression is compiled once, then evaluated with
// the document as the context and $states bound to {"input": document}, as Step Functions binds
// it. Prints one JSON line per expression: name, compile_us, evals_per_s (median of the rounds),
// rounds, and the result's JSON text (to compare with the peer's).
//   bench_jsonata EXPRESSIONS_JSON INPUT_JSON [--warmup S] [--round S] [--rounds N] [--compile S] [--only NAME]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "base/json_parse.h"
#include "jsonata/api/expression.h"
#include "jsonata/value/json_output.h"

namespace json = boost::json;
using jobflow::jsonata::Expression;
using jobflow::jsonata::Value;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  double warmup_s = 0.5;
  double round_s = 0.3;
  int rounds = 5;
  double compile_s = 0.2;
  std::string only;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

json::value parse_or_die(const std::string& text, const std::string& what) {
  boost::system::error_code ec;
  json::value v = jobflow::parse_json_exact(text, ec);
  if (ec) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), ec.message().c_str());
    std::exit(2);
  }
  return v;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Keeps the optimizer from dropping evaluations whose result is unused.
volatile std::size_t g_sink = 0;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s EXPRESSIONS_JSON INPUT_JSON [--warmup S] [--round S] [--rounds N] [--compile S] "
                 "[--only NAME]\n",
                 argv[0]);
    return 2;
  }
  Options opt;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--warmup") opt.warmup_s = std::atof(argv[i + 1]);
    else if (flag == "--round") opt.round_s = std::atof(argv[i + 1]);
    else if (flag == "--rounds") opt.rounds = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--compile") opt.compile_s = std::atof(argv[i + 1]);
    else if (flag == "--only") opt.only = argv[i + 1];
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }

  const json::value spec = parse_or_die(read_file(argv[1]), argv[1]);
  const json::value document = parse_or_die(read_file(argv[2]), argv[2]);
  const json::value states = json::object{{"input", document}};
  const Value input = Value::borrowed(document);
  const Expression::Bindings bindings{{"states", Value::borrowed(states)}};

  for (const auto& entry : spec.at("expressions").as_array()) {
    const std::string name(entry.at("name").as_string());
    const std::string text(entry.at("expression").as_string());
    if (!opt.only.empty() && name != opt.only) continue;
    json::object line{{"name", name}};

    // Compile: as many times as fit in the budget (at least 10), mean time per compile.
    auto compiled = Expression::compile(text);
    if (!compiled) {
      line["error"] = "compile " + compiled.error().code + ": " + compiled.error().message;
      std::printf("%s\n", json::serialize(line).c_str());
      continue;
    }
    {
      std::size_t n = 0;
      const auto start = Clock::now();
      do {
        auto again = Expression::compile(text);
        g_sink = g_sink + (again ? 1 : 0);
        ++n;
      } while (n < 10 || seconds_since(start) < opt.compile_s);
      line["compile_us"] = seconds_since(start) * 1e6 / static_cast<double>(n);
    }
    const Expression& expression = *compiled;

    // The result, once, as JSON (compared with the peer's by run.sh).
    auto result = expression.evaluate(input, bindings);
    if (!result) {
      line["error"] = "evaluate " + result.error().code + ": " + result.error().message;
      std::printf("%s\n", json::serialize(line).c_str());
      continue;
    }
    const auto out = jobflow::jsonata::to_json(*result);
    line["result"] = out ? json::serialize(*out) : std::string("undefined");

    // Warm-up, which also sizes a batch between two clock reads to about a millisecond.
    std::size_t batch = 1;
    {
      const auto start = Clock::now();
      while (seconds_since(start) < opt.warmup_s) {
        const auto t = Clock::now();
        for (std::size_t i = 0; i < batch; ++i) g_sink = g_sink + expression.evaluate(input, bindings)->size();
        if (seconds_since(t) < 1e-3) batch *= 2;
      }
    }
    std::vector<double> rates;
    for (int r = 0; r < opt.rounds; ++r) {
      std::size_t n = 0;
      const auto start = Clock::now();
      double elapsed = 0;
      do {
        for (std::size_t i = 0; i < batch; ++i) g_sink = g_sink + expression.evaluate(input, bindings)->size();
        n += batch;
        elapsed = seconds_since(start);
      } while (elapsed < opt.round_s);
      rates.push_back(static_cast<double>(n) / elapsed);
    }
    line["evals_per_s"] = median(rates);
    json::array rounds;
    for (double rate : rates) rounds.push_back(rate);
    line["rounds"] = std::move(rounds);
    std::printf("%s\n", json::serialize(line).c_str());
    std::fflush(stdout);
  }
  return 0;
}
