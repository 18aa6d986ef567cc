#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/aws_json/wire_error.h"

namespace jobflow::frontend {

// Reads members of an AWS JSON request with their model types, and keeps the first problem:
// a wrong JSON type is a SerializationException (what AWS answers for an undecodable body), a
// missing required member or a value out of the model's range a ValidationException in AWS's
// "1 validation error detected: ..." wording.
class InputReader {
 public:
  explicit InputReader(const boost::json::object& object, std::string path = {})
      : object_(object), path_(std::move(path)) {}

  std::optional<std::string> string(std::string_view name, bool required = false, std::size_t max_len = 0);
  std::optional<bool> boolean(std::string_view name, bool required = false);
  std::optional<std::int64_t> integer(std::string_view name, bool required = false);
  // Any JSON number (timestamps): epoch seconds, returned as milliseconds.
  std::optional<std::int64_t> timestamp_ms(std::string_view name);
  std::optional<std::vector<std::string>> strings(std::string_view name, bool required = false);
  const boost::json::object* object(std::string_view name, bool required = false);
  const boost::json::array* array(std::string_view name, bool required = false);

  // A constraint of the model that the value breaks (enum, range): records a ValidationException.
  void invalid(std::string_view name, const std::string& value, std::string_view constraint);

  bool ok() const { return !error_; }
  const std::optional<WireError>& error() const { return error_; }
  void set_error(WireError e) {
    if (!error_) error_ = std::move(e);
  }
  const boost::json::object& raw() const { return object_; }
  std::string member_path(std::string_view name) const;

 private:
  const boost::json::value* member(std::string_view name, bool required);
  void wrong_type(std::string_view name, std::string_view expected);

  const boost::json::object& object_;
  std::string path_;
  std::optional<WireError> error_;
};

}  // namespace jobflow::frontend
