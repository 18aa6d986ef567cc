#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/format/date_time_picture.h"
#include "jsonata/format/timestamp_pattern.h"

// Parsing a timestamp with a date/time picture: the reference's parseDateTime (datetime.js), used
// by $toMillis(timestamp, picture).
namespace jobflow::jsonata::format {

class DateTimeParser {
 public:
  // D3133 for a name on a component that has none (only months, days and am/pm do), D3130 for a
  // number written as an unsupported sequence.
  static JResult<DateTimeParser> compile(const DateTimePicture& picture);

  // Millis since the epoch; nullopt when the timestamp does not match the picture or the picture
  // has no markers. The date must be one of {Y, M, D} or {Y, d}; the time one of {H, m, s, f}
  // or {P, h, m, s, f}; components left of the first given one default to their value at `now`
  // (millis), those right of the last given one to their minimum, and a gap between given ones
  // is D3136, as are the ISO week date forms {X, x, w, F} and {X, W, F} the reference does not
  // parse. A component that reads as no number (say a roman numeral in the wrong case) gives NaN,
  // like the reference.
  JResult<std::optional<double>> parse(std::string_view timestamp, double now) const;

 private:
  // How to read the text one piece matched.
  struct Reader {
    enum class Kind { kNone, kInteger, kName, kAmPm, kFraction, kTimezone };
    Kind kind = Kind::kNone;
    char32_t component = 0;
    std::optional<IntegerPicture> integer;  // kInteger; kTimezone (for its separator)
    std::optional<int> name_width;          // kName: names are matched cut to this many letters
    bool gmt_prefix = false;                // kTimezone
    std::optional<std::u16string> separator;  // kTimezone
  };

  std::optional<double> read(const Reader& reader, const std::u16string& text) const;

  std::vector<PatternPiece> pieces_;
  std::vector<Reader> readers_;
};

}  // namespace jobflow::jsonata::format
