#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/format/integer_picture.h"

// A date/time picture string of fn:format-dateTime (XPath F&O 3.1 §9.8.4) analysed the way the
// reference does it (datetime.js analyseDateTimePicture): literal text and variable markers such
// as [Y0001], [MNn,3-3], [D1o], [Z01:01t]. Compiled once, then used to format (DateTimeFormatter)
// and to parse (DateTimeParser).
namespace jobflow::jsonata::format {

// One variable marker.
struct DateTimeMarker {
  // Y M D d F W w X x H h P m s f Z z C E; a marker with any other letter and an explicit
  // presentation ("[q1]") compiles too, as in the reference, and formats as "undefined".
  char32_t component = 0;
  std::u32string presentation;           // the first presentation modifier ("0001", "Nn", "w", "I")
  std::optional<char32_t> presentation2;  // a trailing 'a', 't', 'c' or 'o'
  bool ordinal = false;                   // presentation2 'o'
  std::optional<LetterCase> names;        // N, n, Nn: the component as a name
  // The width modifier ",min-max"; '*' or absence leaves a bound unset.
  std::optional<int> min_width;
  std::optional<int> max_width;
  // How the number is written, for Y M D d F W w X x H h m s f (unless written as a name) and for
  // the timezones Z z.
  std::optional<IntegerPicture> integer_format;
  // Y only: the year is taken modulo 10^year_digits; -1 keeps all digits.
  int year_digits = -1;
};

// Literal text (UTF-8, with "[[" and "]]" already reduced) or a marker.
using DateTimePart = std::variant<std::string, DateTimeMarker>;

class DateTimePicture {
 public:
  // D3135 for a '[' without its ']', D3132 for a marker whose component has no default
  // presentation and none given, D3131 for a number pattern mixing digit families.
  static JResult<DateTimePicture> compile(std::string_view picture);

  // The default of $fromMillis: [Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t].
  static const DateTimePicture& iso8601();

  const std::vector<DateTimePart>& parts() const { return parts_; }

 private:
  std::vector<DateTimePart> parts_;
};

}  // namespace jobflow::jsonata::format
