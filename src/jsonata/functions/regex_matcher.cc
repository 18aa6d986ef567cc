#include "jsonata/functions/regex_matcher.h"

#include <mutex>
#include <unordered_map>

#include <boost/regex.hpp>

#include "jsonata/format/js_number.h"
#include "jsonata/format/unicode_text.h"
#include "jsonata/functions/js_regex_translator.h"
#include "jsonata/functions/wtf8_text.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {

struct RegexMatcher::Compiled {
  boost::wregex regex;
};

namespace {

// Compiled patterns by flags and pattern, shared by every evaluation (a regex literal makes a
// new value each time it is evaluated). Bounded: emptied when it fills up.
class CompiledPatterns {
 public:
  std::shared_ptr<const RegexMatcher> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = patterns_.find(key);
    return it == patterns_.end() ? nullptr : it->second;
  }
  void add(std::string key, std::shared_ptr<const RegexMatcher> matcher) {
    std::lock_guard lock(mutex_);
    if (patterns_.size() >= kCapacity) patterns_.clear();
    patterns_.emplace(std::move(key), std::move(matcher));
  }

 private:
  static constexpr std::size_t kCapacity = 1024;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const RegexMatcher>> patterns_;
};

CompiledPatterns& compiled_patterns() {
  static CompiledPatterns patterns;
  return patterns;
}

std::wstring to_units(std::string_view text) {
  const std::u16string utf16 = format::to_utf16(text);
  return std::wstring(utf16.begin(), utf16.end());
}

std::string from_units(std::wstring_view units) {
  std::u16string utf16;
  utf16.reserve(units.size());
  for (wchar_t unit : units) utf16.push_back(static_cast<char16_t>(unit));
  return wtf8_from_utf16(utf16);
}

// JavaScript's String(value), for what exec() is given when it is not a string.
std::string js_to_string(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kUndefined: return "undefined";
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBoolean: return value.as_boolean() ? "true" : "false";
    case Value::Kind::kNumber: return format::number_to_string(value.as_number());
    case Value::Kind::kString: return std::string(value.as_string());
    case Value::Kind::kArray: {
      std::string out;
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out += ',';
        const Value item = value.at(i);
        if (!item.is_undefined() && !item.is_null()) out += js_to_string(item);
      }
      return out;
    }
    case Value::Kind::kObject: return "[object Object]";
    case Value::Kind::kFunction: return "function";
  }
  return {};
}

// A match as the reference's closure gives it, with next() to continue from its end.
Value match_object(std::shared_ptr<const RegexMatcher> matcher, std::shared_ptr<const std::wstring> text,
                   const RegexMatcher::Match& match) {
  const std::wstring_view units(*text);
  auto groups = std::make_shared<ArrayData>();
  for (const auto& group : match.groups)
    groups->items.push_back(group ? Value::string(from_units(units.substr(group->first, group->second - group->first)))
                                  : Value());
  auto next = std::make_shared<FunctionData>();
  next->kind = FunctionData::Kind::kNative;
  next->name = "next";
  // exec() leaves lastIndex at the match's end (an empty match does not move it on).
  next->implementation = [matcher, text, last_index = match.end](NativeCall&, std::span<const Value>) -> Value {
    if (last_index >= text->size()) return {};
    auto following = matcher->exec(*text, last_index);
    if (!following) return {};
    if (following->start == following->end)
      throw error("D1004", {ErrorInsert::text("value", matcher->pattern())});
    return match_object(matcher, text, *following);
  };
  auto object = std::make_shared<ObjectData>();
  object->set("match", Value::string(from_units(units.substr(match.start, match.end - match.start))));
  object->set("start", Value::number(static_cast<double>(match.start)));
  object->set("end", Value::number(static_cast<double>(match.end)));
  object->set("groups", Value::array(std::move(groups)));
  object->set("next", Value::function(std::move(next)));
  return Value::object(std::move(object));
}

}  // namespace

RegexMatcher::RegexMatcher(std::string pattern, std::unique_ptr<Compiled> compiled)
    : pattern_(std::move(pattern)), compiled_(std::move(compiled)) {}

RegexMatcher::~RegexMatcher() = default;

std::shared_ptr<const RegexMatcher> RegexMatcher::compile(std::string_view pattern, std::string_view flags) {
  std::string key = std::string(flags) + '/' + std::string(pattern);
  if (auto known = compiled_patterns().find(key)) return known;
  auto translated = translate_js_regex(pattern, flags);
  if (!translated) throw translated.error();
  auto compiled = std::make_unique<Compiled>();
  try {
    boost::regex_constants::syntax_option_type syntax = boost::regex_constants::ECMAScript;
    if (translated->ignore_case) syntax = syntax | boost::regex_constants::icase;
    compiled->regex.assign(translated->pattern, syntax);
  } catch (const boost::regex_error& e) {
    JsonataError failure;
    failure.code = "S0303";
    failure.message = "Invalid regular expression: /" + std::string(pattern) + "/: " + e.what();
    failure.value = std::string(pattern);
    throw failure;
  }
  std::shared_ptr<const RegexMatcher> matcher(new RegexMatcher(std::string(pattern), std::move(compiled)));
  compiled_patterns().add(std::move(key), matcher);
  return matcher;
}

std::shared_ptr<const RegexMatcher> RegexMatcher::of(const FunctionData& regex) {
  return std::static_pointer_cast<const RegexMatcher>(
      regex.compiled_regex.get([&] { return std::static_pointer_cast<const void>(compile(regex.pattern, regex.flags)); }));
}

std::optional<RegexMatcher::Match> RegexMatcher::exec(std::wstring_view text, std::size_t from) const {
  if (from > text.size()) return std::nullopt;
  const wchar_t* base = text.data();
  boost::match_results<const wchar_t*> found;
  try {
    if (!boost::regex_search(base + from, base + text.size(), found, compiled_->regex, boost::match_default, base))
      return std::nullopt;
  } catch (const std::runtime_error& e) {
    // Boost gives up on a match whose backtracking grows too large (JavaScript would carry on).
    JsonataError failure;
    failure.code = "U1001";
    failure.message = "Regular expression too complex to match: /" + pattern_ + "/: " + e.what();
    failure.value = pattern_;
    throw failure;
  }
  Match match;
  match.start = static_cast<std::size_t>(found[0].first - base);
  match.end = static_cast<std::size_t>(found[0].second - base);
  for (std::size_t g = 1; g < found.size(); ++g) {
    if (found[g].matched) {
      match.groups.emplace_back(std::pair<std::size_t, std::size_t>(found[g].first - base, found[g].second - base));
    } else {
      match.groups.emplace_back(std::nullopt);
    }
  }
  return match;
}

Value apply_regex(NativeCall&, const FunctionData& regex, std::span<const Value> args) {
  auto matcher = RegexMatcher::of(regex);
  const Value subject = args.empty() ? Value() : args[0];
  auto text = std::make_shared<const std::wstring>(to_units(js_to_string(subject)));
  // re.lastIndex = fromIndex || 0
  std::size_t from = 0;
  if (args.size() > 1 && args[1].is_number()) {
    const double index = args[1].as_number();
    if (index > static_cast<double>(text->size())) return {};
    if (index >= 1) from = static_cast<std::size_t>(index);
  }
  auto match = matcher->exec(*text, from);
  if (!match) return {};
  return match_object(std::move(matcher), std::move(text), *match);
}

}  // namespace jobflow::jsonata
