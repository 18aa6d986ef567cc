#include "jsonata/format/millis_functions.h"

#include "jsonata/format/date_time_formatter.h"
#include "jsonata/format/date_time_parser.h"
#include "jsonata/format/date_time_picture.h"
#include "jsonata/format/iso_timestamp.h"

namespace jobflow::jsonata::format {

JResult<std::optional<std::string>> from_millis(std::optional<double> millis, std::optional<std::string_view> picture,
                                                std::optional<std::string_view> timezone) {
  if (!millis) return std::optional<std::string>();
  const TimezoneOffset offset = timezone ? parse_timezone(*timezone) : TimezoneOffset{};
  JResult<std::string> text;
  if (picture) {
    auto compiled = DateTimePicture::compile(*picture);
    if (!compiled) return std::unexpected(compiled.error());
    text = format_date_time(*compiled, *millis, offset);
  } else {
    text = format_date_time(DateTimePicture::iso8601(), *millis, offset);
  }
  if (!text) return std::unexpected(text.error());
  return std::optional<std::string>(std::move(*text));
}

JResult<std::optional<double>> to_millis(std::optional<std::string_view> timestamp,
                                         std::optional<std::string_view> picture, double now) {
  if (!timestamp) return std::optional<double>();
  if (!picture) {
    auto millis = parse_iso_timestamp(*timestamp);
    if (!millis) return std::unexpected(millis.error());
    return std::optional<double>(*millis);
  }
  auto compiled = DateTimePicture::compile(*picture);
  if (!compiled) return std::unexpected(compiled.error());
  auto parser = DateTimeParser::compile(*compiled);
  if (!parser) return std::unexpected(parser.error());
  return parser->parse(*timestamp, now);
}

}  // namespace jobflow::jsonata::format
