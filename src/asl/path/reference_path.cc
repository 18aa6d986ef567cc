#include "asl/path/reference_path.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace jobflow::asl {

namespace {

// One step of a Reference Path: a property name or an array index.
struct ReferenceStep {
  bool is_index = false;
  std::string name;
  std::size_t index = 0;
};

}  // namespace

struct ReferencePath::Compiled {
  std::string text;
  std::vector<ReferenceStep> steps;
};

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::expected<std::vector<ReferenceStep>, std::string> parse_steps(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  if (text.empty() || text.front() != '$') return std::unexpected("must start with '$'");
  std::vector<ReferenceStep> steps;
  std::size_t pos = 1;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '.') {
      ++pos;
      std::size_t start = pos;
      while (pos < text.size() && text[pos] != '.' && text[pos] != '[') {
        char d = text[pos];
        if (is_blank(d) || d == '*' || d == '(' || d == ')' || d == '?' || d == '@' ||
            d == ']' || d == '\'' || d == '"' || d == ',' || d == ':' || d == '$') {
          return std::unexpected("bad character in a property name");
        }
        ++pos;
      }
      if (pos == start) return std::unexpected("empty property name");
      steps.push_back({false, std::string(text.substr(start, pos - start)), 0});
    } else if (c == '[') {
      ++pos;
      if (pos < text.size() && (text[pos] == '\'' || text[pos] == '"')) {
        char quote = text[pos++];
        std::string name;
        bool closed = false;
        while (pos < text.size()) {
          char d = text[pos++];
          if (d == '\\' && pos < text.size() && (text[pos] == quote || text[pos] == '\\')) {
            name += text[pos++];
          } else if (d == quote) {
            closed = true;
            break;
          } else {
            name += d;
          }
        }
        if (!closed) return std::unexpected("unterminated name");
        steps.push_back({false, std::move(name), 0});
      } else {
        std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        std::uint32_t index = 0;
        auto [end, ec] = std::from_chars(text.data() + start, text.data() + pos, index);
        if (pos == start || ec != std::errc() || end != text.data() + pos ||
            index > static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max())) {
          return std::unexpected("bad index");
        }
        steps.push_back({true, {}, index});
      }
      if (pos >= text.size() || text[pos] != ']') return std::unexpected("expected ']'");
      ++pos;
    } else {
      return std::unexpected("unexpected character");
    }
  }
  return steps;
}

// Whether `steps` can be set in `root`: each step's parent exists with the right type, or is
// missing and only properties follow (missing objects are created).
bool applicable(const std::vector<ReferenceStep>& steps, const Json& root) {
  const Json* cur = &root;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const ReferenceStep& step = steps[i];
    if (step.is_index) {
      const boost::json::array* arr = cur->if_array();
      if (!arr || step.index >= arr->size()) return false;
      cur = &(*arr)[step.index];
      continue;
    }
    const boost::json::object* obj = cur->if_object();
    if (!obj) return false;
    const Json* child = obj->if_contains(step.name);
    if (!child) {
      for (std::size_t j = i + 1; j < steps.size(); ++j) {
        if (steps[j].is_index) return false;
      }
      return true;
    }
    cur = child;
  }
  return true;
}

}  // namespace

Parsed<ReferencePath> ReferencePath::parse(std::string_view text, std::string_view field,
                                           std::string_view location) {
  auto steps = parse_steps(text);
  if (!steps) {
    return std::unexpected(Diagnostic{
        "SCHEMA_VALIDATION_FAILED",
        "The value for the field '" + std::string(field) + "' must be a valid ReferencePath",
        std::string(location)});
  }
  auto compiled = std::make_shared<Compiled>();
  compiled->text = std::string(text);
  compiled->steps = std::move(*steps);
  ReferencePath out;
  out.compiled_ = std::move(compiled);
  return out;
}

const std::string& ReferencePath::text() const { return compiled_->text; }

Outcome<JsonPtr> ReferencePath::apply(const JsonPtr& input, const JsonPtr& result) const {
  const Compiled& c = *compiled_;
  const JsonPtr& value = result ? result : json_null();
  if (c.steps.empty()) return value;
  const Json& root = input ? *input : *json_null();
  if (!applicable(c.steps, root)) {
    // AWS (2024): "Unable to apply ReferencePath $.partitioned to input \"...\"" (aws-cdk#29473);
    // error name States.ReferencePathConflict (cdklabs/construct-hub#459).
    return raise(Failure{"States.ReferencePathConflict",
                         "Unable to apply ReferencePath " + c.text + " to input " + to_text(root)});
  }
  // boost::json values own their children, so the copy cannot share untouched subtrees: this
  // costs one deep copy of the input plus one of the result, then an in-place set.
  Json out = root;
  Json* cur = &out;
  const std::size_t n = c.steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const ReferenceStep& step = c.steps[i];
    const bool leaf = i + 1 == n;
    if (step.is_index) {
      Json& slot = cur->get_array()[step.index];
      if (leaf) {
        slot = *value;
        return make_json(std::move(out));
      }
      cur = &slot;
      continue;
    }
    boost::json::object& obj = cur->get_object();
    if (leaf) {
      obj[step.name] = *value;
      return make_json(std::move(out));
    }
    auto it = obj.find(step.name);
    if (it == obj.end()) {
      cur = &obj.emplace(step.name, boost::json::object()).first->value();
    } else {
      cur = &it->value();
    }
  }
  return make_json(std::move(out));
}

}  // namespace jobflow::asl
