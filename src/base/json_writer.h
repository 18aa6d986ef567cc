#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobflow {

// Writes JSON text straight into a string, without building a document first: for hot responses
// (ListSteps pages) where a DOM costs more than the rest of the request. Commas are placed by the
// writer; keys and strings are escaped.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& number(std::int64_t n);
  JsonWriter& number(double d);
  JsonWriter& boolean(bool b);
  // Epoch seconds from milliseconds: an integer when whole, else with the fraction (1700000000.123).
  JsonWriter& epoch_seconds(std::int64_t ms);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void value_prefix();
  void escaped(std::string_view s);

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace jobflow
