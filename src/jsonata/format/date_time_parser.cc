#include "jsonata/format/date_time_parser.h"

#include <array>
#include <cmath>
#include <map>

#include "jsonata/format/date_time_fields.h"
#include "jsonata/format/english_words.h"
#include "jsonata/format/js_date.h"
#include "jsonata/format/js_number.h"
#include "jsonata/format/js_string.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",
                                                      "May",     "June",     "July",      "August",
                                                      "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

// The combinations of components that fix a date or a time, as bit masks over the components in
// the order "YXMxWwdD" (date) and "PHhmsf" (time), most significant first.
constexpr std::u32string_view kDateMaskOrder = U"YXMxWwdD";
constexpr std::u32string_view kTimeMaskOrder = U"PHhmsf";
constexpr unsigned kDateYMD = 0b10100001;   // Y M D
constexpr unsigned kDateYd = 0b10000010;    // Y d
constexpr unsigned kDateXxwF = 0b01010100;  // X x w (+F)
constexpr unsigned kDateXWF = 0b01001000;   // X W (+F)
constexpr unsigned kTimeHmsf = 0b010111;    // H m s f
constexpr unsigned kTimePhmsf = 0b101111;   // P h m s f

std::u16string upper_letters() {
  std::u16string out;
  for (char16_t c = u'A'; c <= u'Z'; ++c) out.push_back(c);
  return out;
}

JResult<PatternPiece> integer_piece(const IntegerPicture& integer) {
  PatternPiece piece;
  switch (integer.style) {
    case IntegerStyle::kLetters:
      piece.kind = PatternPiece::Kind::kCharClass;
      piece.text = upper_letters();  // [A-Z] or [a-z], the same under the case-insensitive flag
      break;
    case IntegerStyle::kRoman:
      piece.kind = PatternPiece::Kind::kCharClass;
      piece.text = u"MDCLXVI";
      break;
    case IntegerStyle::kWords:
      piece.kind = PatternPiece::Kind::kWords;
      for (const auto& word : number_words()) piece.words.push_back(to_utf16(word));
      break;
    case IntegerStyle::kDecimal:
      // Only ASCII digits and no separators, whatever the pattern says, as in the reference.
      piece.kind = PatternPiece::Kind::kDigits;
      piece.exact_digits = integer.parse_width;
      piece.ordinal_suffix = integer.ordinal;
      break;
    case IntegerStyle::kSequence:
      return std::unexpected(integer.sequence_error());
  }
  return piece;
}

// Truthiness in JavaScript: the reference decides which components it was given with it, so a
// component read as 0 (hour 0, "am") or NaN counts as not given there.
bool truthy(const std::optional<double>& value) { return value && *value != 0 && !std::isnan(*value); }

}  // namespace

JResult<DateTimeParser> DateTimeParser::compile(const DateTimePicture& picture) {
  DateTimeParser out;
  for (const auto& part : picture.parts()) {
    PatternPiece piece;
    Reader reader;
    if (const auto* literal = std::get_if<std::string>(&part)) {
      piece.text = to_utf16(*literal);
      out.pieces_.push_back(std::move(piece));
      out.readers_.push_back(reader);
      continue;
    }
    const auto& marker = std::get<DateTimeMarker>(part);
    reader.component = marker.component;
    if (marker.component == U'Z' || marker.component == U'z') {
      reader.kind = Reader::Kind::kTimezone;
      reader.gmt_prefix = marker.component == U'z';
      if (marker.integer_format->regular) {
        reader.separator = to_utf16(from_code_points(std::u32string(1, marker.integer_format->grouping[0].character)));
      }
      piece.kind = PatternPiece::Kind::kTimezone;
      piece.gmt_prefix = reader.gmt_prefix;
      piece.separator = reader.separator;
    } else if (marker.component == U'f') {
      reader.kind = Reader::Kind::kFraction;
      piece.kind = PatternPiece::Kind::kDigits;
    } else if (marker.integer_format) {
      auto integer = integer_piece(*marker.integer_format);
      if (!integer) return std::unexpected(integer.error());
      piece = std::move(*integer);
      reader.kind = Reader::Kind::kInteger;
      reader.integer = marker.integer_format;
    } else {
      // A name: months, days, or am/pm.
      if (marker.component == U'M' || marker.component == U'x' || marker.component == U'F') {
        reader.kind = Reader::Kind::kName;
        if (marker.max_width && *marker.max_width != 0) reader.name_width = marker.max_width;
      } else if (marker.component == U'P') {
        reader.kind = Reader::Kind::kAmPm;
      } else {
        std::string component;
        append_code_point(component, marker.component);
        return fail("D3133", {ErrorInsert::text("value", component)});
      }
      piece.kind = PatternPiece::Kind::kCharClass;
      piece.text = upper_letters();
    }
    out.pieces_.push_back(std::move(piece));
    out.readers_.push_back(std::move(reader));
  }
  return out;
}

std::optional<double> DateTimeParser::read(const Reader& reader, const std::u16string& text) const {
  switch (reader.kind) {
    case Reader::Kind::kNone:
      return std::nullopt;
    case Reader::Kind::kInteger:
      return reader.integer->parse(from_utf16(text)).value_or(std::nan(""));
    case Reader::Kind::kName: {
      // The reference looks names up exactly (case-sensitively), full or cut to the width; when
      // cut names collide the later one wins.
      const std::string name = from_utf16(text);
      std::optional<double> found;
      auto consider = [&](std::string_view candidate, double value) {
        if (reader.name_width) candidate = candidate.substr(0, static_cast<std::size_t>(std::max(*reader.name_width, 0)));
        if (candidate == name) found = value;
      };
      if (reader.component == U'F') {
        for (std::size_t i = 0; i < kDays.size(); ++i) consider(kDays[i], static_cast<double>(i + 1));
      } else {
        for (std::size_t i = 0; i < kMonths.size(); ++i) consider(kMonths[i], static_cast<double>(i + 1));
      }
      return found;
    }
    case Reader::Kind::kAmPm:
      if (text == u"am" || text == u"AM") return 0;
      if (text == u"pm" || text == u"PM") return 1;
      return std::nullopt;
    case Reader::Kind::kFraction:
      // Milliseconds from the first three digits: "01987" is 19 ms.
      return parse_float("0." + from_utf16(js::substring(text, 0, 3))) * 1000;
    case Reader::Kind::kTimezone: {
      std::u16string value = reader.gmt_prefix ? js::substring(text, 3) : text;
      double hours = 0;
      double minutes = 0;
      // The reference reads a signed hour and an unsigned minute, so "-05:30" is -5 h + 30 min.
      if (reader.separator) {
        const long at = js::index_of(value, *reader.separator);
        hours = parse_int(from_utf16(js::substring(value, 0, at)));
        minutes = parse_int(from_utf16(js::substring(value, at + static_cast<long>(reader.separator->size()))));
      } else if (value.size() - 1 <= 2) {
        hours = parse_int(from_utf16(value));
      } else {
        hours = parse_int(from_utf16(js::substring(value, 0, 3)));
        minutes = parse_int(from_utf16(js::substring(value, 3)));
      }
      return hours * 60 + minutes;
    }
  }
  return std::nullopt;
}

JResult<std::optional<double>> DateTimeParser::parse(std::string_view timestamp, double now) const {
  const auto captures = match_pattern(pieces_, to_utf16(timestamp));
  if (!captures) return std::optional<double>();

  std::map<char32_t, std::optional<double>> components;
  bool any_marker = false;
  for (std::size_t i = 0; i < readers_.size(); ++i) {
    if (readers_[i].kind == Reader::Kind::kNone) continue;
    any_marker = true;
    components[readers_[i].component] = read(readers_[i], (*captures)[i]);
  }
  if (!any_marker) return std::optional<double>();
  auto get = [&components](char32_t c) -> std::optional<double> {
    const auto it = components.find(c);
    return it == components.end() ? std::nullopt : it->second;
  };

  auto mask_of = [&](std::u32string_view order) {
    unsigned mask = 0;
    for (char32_t c : order) mask = (mask << 1) | (truthy(get(c)) ? 1U : 0U);
    return mask;
  };
  // Nothing outside the combination, and at least one of it.
  auto is_type = [](unsigned mask, unsigned type) { return (~type & mask) == 0 && (type & mask) != 0; };

  const unsigned date_mask = mask_of(kDateMaskOrder);
  const bool date_ymd = is_type(date_mask, kDateYMD);
  const bool date_yd = !date_ymd && is_type(date_mask, kDateYd);
  const bool date_xxwf = is_type(date_mask, kDateXxwF);
  const bool date_xwf = !date_xxwf && is_type(date_mask, kDateXWF);
  const unsigned time_mask = mask_of(kTimeMaskOrder);
  const bool time_hmsf = is_type(time_mask, kTimeHmsf);
  const bool time_phmsf = !time_hmsf && is_type(time_mask, kTimePhmsf);

  // Sic "YD" for {Y, d}: the reference lines up D there, and derives month and day from d below.
  const std::u32string_view date_components = date_yd ? U"YD" : date_xxwf ? U"XxwF" : date_xwf ? U"XWF" : U"YMD";
  const std::u32string_view time_components = time_phmsf ? U"Phmsf" : U"Hmsf";
  std::u32string ordered(date_components);
  ordered += time_components;

  // Left of the first given component: now's value; right of the last: the minimum; a gap: D3136.
  bool start_specified = false;
  bool end_specified = false;
  for (char32_t c : ordered) {
    if (!get(c)) {
      if (start_specified) {
        components[c] = (c == U'M' || c == U'D' || c == U'd') ? 1 : 0;
        end_specified = true;
      } else {
        // am/pm at `now` is a string in the reference, which is never the 1 that means pm below.
        components[c] = c == U'P' ? std::nan("") : date_time_field(now, c).value_or(std::nan(""));
      }
    } else {
      start_specified = true;
      if (end_specified) return fail("D3136");
    }
  }

  double month = get(U'M').value_or(0);
  month = month > 0 ? month - 1 : 0;  // Date.UTC counts months from 0
  double day = get(U'D').value_or(std::nan(""));
  if (date_yd) {
    const double first_of_january = js::date_utc(*get(U'Y'), 0);
    const auto derived = js::utc_fields(js::time_clip(first_of_january + (*get(U'd') - 1) * js::kMillisPerDay));
    month = derived.month;
    day = derived.day;
  }
  if (date_xxwf || date_xwf) return fail("D3136");  // ISO week dates: not parsed by the reference

  double hours = get(U'H').value_or(std::nan(""));
  if (time_phmsf) {
    const double h = *get(U'h');
    hours = h == 12 ? 0 : h;
    if (get(U'P') == 1.0) hours += 12;
  }

  double millis = js::date_utc(get(U'Y').value_or(std::nan("")), month, day, hours, get(U'm').value_or(std::nan("")),
                               get(U's').value_or(std::nan("")), get(U'f').value_or(std::nan("")));
  const std::optional<double> zone = truthy(get(U'Z')) ? get(U'Z') : get(U'z');
  if (truthy(zone)) millis -= *zone * 60 * 1000;
  return std::optional<double>(millis);
}

}  // namespace jobflow::jsonata::format
