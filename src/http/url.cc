#include "http/url.h"

#include <charconv>

namespace jobflow::http {
namespace {

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

Error bad_url(std::string_view text, std::string_view why) {
  return Error::invalid_input("url", "invalid URL '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

std::string Url::authority() const {
  std::string out;
  if (host.find(':') != std::string::npos) {
    out.append(1, '[').append(host).append(1, ']');
  } else {
    out.append(host);
  }
  if (port != 80) out.append(1, ':').append(std::to_string(port));
  return out;
}

Result<Url> Url::parse(std::string_view text) {
  std::string_view rest = text;
  if (starts_with_icase(rest, "https://")) return fail(bad_url(text, "https is not supported"));
  if (starts_with_icase(rest, "http://")) {
    rest.remove_prefix(7);
  } else if (rest.find("://") != std::string_view::npos) {
    return fail(bad_url(text, "only http:// URLs are supported"));
  }
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);

  const std::size_t end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, end);
  std::string_view target = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) return fail(bad_url(text, "user info is not supported"));

  Url url;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail(bad_url(text, "unclosed '[' in host"));
    url.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail(bad_url(text, "unexpected text after ']'"));
      port_text = after.substr(1);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return fail(bad_url(text, "no host"));
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return fail(bad_url(text, "bad port"));
    }
    url.port = static_cast<std::uint16_t>(value);
  }
  url.target.clear();
  if (target.empty() || target.front() == '?') url.target.push_back('/');
  url.target.append(target);
  return url;
}

}  // namespace jobflow::http
