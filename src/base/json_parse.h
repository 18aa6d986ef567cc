#pragma once

#include <string_view>

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

namespace jobflow {

// JSON text → boost::json::value, as boost::json::parse does (same syntax, same errors, the last
// of duplicate keys wins), except that every number with a fraction or an exponent is read with
// std::from_chars: correctly rounded, as Java's and JavaScript's parsers read it. Boost.JSON
// 1.81 has no precise mode: it reads about a third of all 17-digit doubles one or two units in
// the last place off, so a number passed through a state machine or a JSONata expression could
// come out changed.
boost::json::value parse_json_exact(std::string_view text, boost::system::error_code& ec);

}  // namespace jobflow
