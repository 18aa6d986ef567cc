#pragma once

#include <string>
#include <string_view>

#include "asl/value/json.h"
#include "base/enum_table.h"

namespace jobflow::frontend {

// How arrays are written ({"a": ["x", "y"]}), as the HTTP task's
// Transform.RequestEncodingOptions.ArrayFormat names them (AWS: "Applying URL-encoding on
// request body"; INDICES is the default).
enum class ArrayFormat { kIndices, kRepeat, kCommas, kBrackets };

inline constexpr EnumTable<ArrayFormat, 4> kArrayFormats{{{
    {ArrayFormat::kIndices, "INDICES"},    // a[0]=x&a[1]=y
    {ArrayFormat::kRepeat, "REPEAT"},      // a=x&a=y
    {ArrayFormat::kCommas, "COMMAS"},      // a=x,y
    {ArrayFormat::kBrackets, "BRACKETS"},  // a[]=x&a[]=y
}}};

// Writes a JSON object as application/x-www-form-urlencoded text, the way Step Functions
// URL-encodes an HTTP task's RequestBody (and, jobflow's choice, its QueryParameters object):
//   - keys and values are percent-encoded as RFC 3986 asks (everything but A-Z a-z 0-9 - . _ ~,
//     so a space is %20 and the brackets of nested keys are %5B / %5D, as in AWS's example
//     request `metadata%5Border_details%5D=monthly%20report%20data`);
//   - nested objects become `parent[child]`; arrays follow the ArrayFormat; with COMMAS the
//     separating commas stay literal while commas inside values are encoded;
//   - strings are written as they are, other scalars as their JSON text (1.5, true), null as
//     an empty value (`k=`); empty objects and arrays write nothing.
// An array holding objects or arrays cannot be comma-joined: COMMAS writes it as INDICES.
class FormUrlEncoder {
 public:
  explicit FormUrlEncoder(ArrayFormat format = ArrayFormat::kIndices) : format_(format) {}

  // `object` must be a JSON object (checked by the caller: only objects can be form-encoded).
  std::string encode(const boost::json::object& object) const;

  // RFC 3986 percent-encoding of every byte outside the unreserved set.
  static std::string percent_encode(std::string_view text);

 private:
  void add(std::string& out, const std::string& key, const asl::Json& value) const;
  void add_pair(std::string& out, const std::string& key, std::string_view encoded_value) const;

  ArrayFormat format_;
};

}  // namespace jobflow::frontend
