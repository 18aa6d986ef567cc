#include "base/json_writer.h"

#include "base/json_string.h"

#include <fmt/format.h>

namespace jobflow {

void JsonWriter::value_prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

void JsonWriter::escaped(std::string_view s) { append_json_string(out_, s); }

JsonWriter& JsonWriter::begin_object() {
  value_prefix();
  out_ += '{';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  value_prefix();
  out_ += '[';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
  value_prefix();
  escaped(k);
  out_ += ':';
  after_key_ = true;
  return *this;
}
JsonWriter& JsonWriter::string(std::string_view s) {
  value_prefix();
  escaped(s);
  return *this;
}
JsonWriter& JsonWriter::number(std::int64_t n) {
  value_prefix();
  fmt::format_to(std::back_inserter(out_), "{}", n);
  return *this;
}
JsonWriter& JsonWriter::number(double d) {
  value_prefix();
  fmt::format_to(std::back_inserter(out_), "{}", d);
  return *this;
}
JsonWriter& JsonWriter::boolean(bool b) {
  value_prefix();
  out_ += b ? "true" : "false";
  return *this;
}
JsonWriter& JsonWriter::epoch_seconds(std::int64_t ms) {
  if (ms % 1000 == 0) return number(ms / 1000);
  return number(static_cast<double>(ms) / 1000.0);
}

}  // namespace jobflow
