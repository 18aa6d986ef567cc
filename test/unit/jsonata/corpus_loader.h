#pragma once

// The reference implementation's test cases (../shared/conformance/jsonata), as data for the
// syntax and conformance tests.

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/json_parse.h"

namespace jobflow::jsonata::testing {

struct CorpusCase {
  std::string name;        // "group/case000.json", "#i" appended for files holding several
  std::string expression;
  std::optional<boost::json::value> input;  // nullopt: no input at all
  boost::json::object bindings;
  std::optional<boost::json::value> result;
  bool undefined_result = false;
  std::string code;        // the expected error's code, "" when a result is expected
  bool unordered = false;
  int timelimit_ms = 0;
  int depth = 0;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Two cases hold a lone UTF-16 surrogate (\uD800) in a JSON string, which Boost.JSON refuses. The
// expression is JSONata text, so the escape is handed to JSONata's own lexer instead (as
// "\\uD800"), which decodes it as JavaScript would.
inline std::string escape_lone_surrogates(std::string text) {
  auto hex = [&](std::size_t i) { return i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])); };
  for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
    if (text[i] != '\\' || text[i + 1] != 'u' || (text[i + 2] != 'd' && text[i + 2] != 'D')) continue;
    std::size_t backslashes = 0;
    while (backslashes < i && text[i - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 1 || !hex(i + 3) || !hex(i + 4) || !hex(i + 5)) continue;
    const char third = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 3])));
    const bool high = third >= '8' && third <= 'B';
    const bool low = third >= 'C' && third <= 'F';
    const bool paired = high && i + 9 < text.size() && text[i + 6] == '\\' && text[i + 7] == 'u' &&
                        (text[i + 8] == 'd' || text[i + 8] == 'D') &&
                        std::string_view("CDEFcdef").find(text[i + 9]) != std::string_view::npos;
    if ((high && !paired) || low) {
      text.insert(i, "\\");
      i += 2;
    } else if (paired) {
      i += 6;
    }
  }
  return text;
}

// Numbers read exactly (Boost.JSON 1.81's own parser rounds some 17-digit doubles off).
inline boost::json::value parse_exact(const std::string& text) {
  boost::system::error_code ec;
  auto value = parse_json_exact(text, ec);
  if (ec) throw boost::system::system_error(ec);
  return value;
}

inline std::vector<CorpusCase> load_corpus(const std::filesystem::path& corpus) {
  namespace fs = std::filesystem;
  const fs::path root = corpus / "groups";
  std::map<std::string, boost::json::value> datasets;
  for (const auto& entry : fs::directory_iterator(corpus / "datasets"))
    if (entry.path().extension() == ".json")
      datasets[entry.path().stem().string()] = parse_exact(read_text(entry.path()));

  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  std::vector<CorpusCase> cases;
  for (const auto& file : files) {
    auto value = parse_exact(escape_lone_surrogates(read_text(file)));
    std::vector<boost::json::object> objects;
    if (value.is_array()) {
      for (auto& v : value.as_array()) objects.push_back(v.as_object());
    } else {
      objects.push_back(value.as_object());
    }
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const auto& o = objects[i];
      CorpusCase c;
      c.name = fs::relative(file, root).string() + (objects.size() > 1 ? fmt::format("#{}", i) : std::string());
      if (auto* e = o.if_contains("expr")) {
        c.expression = std::string(e->as_string());
      } else {
        c.expression = read_text(file.parent_path() / std::string(o.at("expr-file").as_string()));
      }
      if (auto* data = o.if_contains("data")) {
        c.input = *data;
      } else if (auto* dataset = o.if_contains("dataset"); dataset && dataset->is_string()) {
        c.input = datasets.at(std::string(dataset->as_string()));
      }
      if (auto* b = o.if_contains("bindings"); b && b->is_object()) c.bindings = b->as_object();
      if (auto* r = o.if_contains("result")) c.result = *r;
      if (auto* u = o.if_contains("undefinedResult"); u && u->is_bool()) c.undefined_result = u->as_bool();
      if (auto* code = o.if_contains("code")) c.code = std::string(code->as_string());
      if (auto* error = o.if_contains("error"); error && error->is_object())
        if (auto* code = error->as_object().if_contains("code")) c.code = std::string(code->as_string());
      if (auto* u = o.if_contains("unordered"); u && u->is_bool()) c.unordered = u->as_bool();
      if (auto* t = o.if_contains("timelimit"); t && t->is_number()) c.timelimit_ms = static_cast<int>(t->to_number<double>());
      if (auto* d = o.if_contains("depth"); d && d->is_number()) c.depth = static_cast<int>(d->to_number<double>());
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

}  // namespace jobflow::jsonata::testing
