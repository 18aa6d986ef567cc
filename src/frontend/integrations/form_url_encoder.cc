#include "frontend/integrations/form_url_encoder.h"

namespace jobflow::frontend {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool is_scalar(const asl::Json& value) { return !value.is_object() && !value.is_array(); }

// A scalar's text before encoding: strings as they are, null as nothing, numbers and booleans
// as Step Functions (Java) prints them.
std::string scalar_text(const asl::Json& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_null()) return {};
  return asl::to_text(value);
}

}  // namespace

std::string FormUrlEncoder::percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string FormUrlEncoder::encode(const boost::json::object& object) const {
  std::string out;
  for (const auto& [key, value] : object) add(out, std::string(key), value);
  return out;
}

void FormUrlEncoder::add_pair(std::string& out, const std::string& key, std::string_view encoded_value) const {
  if (!out.empty()) out.push_back('&');
  out += percent_encode(key);
  out.push_back('=');
  out += encoded_value;
}

void FormUrlEncoder::add(std::string& out, const std::string& key, const asl::Json& value) const {
  if (value.is_object()) {
    for (const auto& [child, child_value] : value.get_object()) add(out, key + "[" + std::string(child) + "]", child_value);
    return;
  }
  if (!value.is_array()) return add_pair(out, key, percent_encode(scalar_text(value)));
  const auto& items = value.get_array();
  if (items.empty()) return;
  ArrayFormat format = format_;
  if (format == ArrayFormat::kCommas) {
    bool all_scalars = true;
    for (const auto& item : items) all_scalars = all_scalars && is_scalar(item);
    if (!all_scalars) format = ArrayFormat::kIndices;
  }
  switch (format) {
    case ArrayFormat::kCommas: {
      std::string joined;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) joined.push_back(',');
        joined += percent_encode(scalar_text(items[i]));
      }
      return add_pair(out, key, joined);
    }
    case ArrayFormat::kIndices:
      for (std::size_t i = 0; i < items.size(); ++i) add(out, key + "[" + std::to_string(i) + "]", items[i]);
      return;
    case ArrayFormat::kBrackets:
      for (const auto& item : items) add(out, key + "[]", item);
      return;
    case ArrayFormat::kRepeat:
      for (const auto& item : items) add(out, key, item);
      return;
  }
}

}  // namespace jobflow::frontend
