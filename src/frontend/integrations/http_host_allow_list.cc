#include "frontend/integrations/http_host_allow_list.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <fmt/format.h>

namespace jobflow::frontend {
namespace ip = boost::asio::ip;
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// A name as compared: lower case, without the root's trailing dot.
std::string normal_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return lower(host);
}

// IPv4-mapped IPv6 addresses are the IPv4 address they carry.
ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::optional<ip::address> parse_address(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return unmapped(address);
}

// The address with every bit past `prefix` cleared.
ip::address masked(const ip::address& address, unsigned prefix) {
  if (address.is_v4()) {
    auto bytes = address.to_v4().to_bytes();
    for (unsigned i = 0; i < bytes.size(); ++i) {
      const unsigned keep = prefix > i * 8 ? std::min(8u, prefix - i * 8) : 0;
      bytes[i] &= static_cast<unsigned char>(keep == 0 ? 0 : 0xFF << (8 - keep));
    }
    return ip::address_v4(bytes);
  }
  auto bytes = address.to_v6().to_bytes();
  for (unsigned i = 0; i < bytes.size(); ++i) {
    const unsigned keep = prefix > i * 8 ? std::min(8u, prefix - i * 8) : 0;
    bytes[i] &= static_cast<unsigned char>(keep == 0 ? 0 : 0xFF << (8 - keep));
  }
  return ip::address_v6(bytes);
}

// A DNS name: labels of letters, digits, '-' and '_' separated by dots.
bool is_host_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      ++label;
    } else {
      return false;
    }
  }
  return label > 0;
}

}  // namespace

HttpHostAllowList::HttpHostAllowList() {
  add("127.0.0.0/8");
  add("::1");
}

Result<HttpHostAllowList> HttpHostAllowList::parse(const std::vector<std::string>& entries) {
  HttpHostAllowList list;
  for (const auto& given : entries) {
    std::string_view rest = given;
    while (true) {
      const auto comma = rest.find(',');
      const std::string_view entry = trim(rest.substr(0, comma));
      if (!list.add(entry)) {
        return fail(Error::invalid_input(
            "http_task_allow",
            fmt::format("invalid --http-task-allow entry '{}': expected *, a host name (example.com), *.example.com, "
                        "an IP address or a CIDR network (10.0.0.0/8)",
                        entry)));
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return list;
}

bool HttpHostAllowList::add(std::string_view entry) {
  if (entry.empty()) return false;
  if (entry == "*") {
    any_host_ = true;
    described_.emplace_back("*");
    return true;
  }
  if (auto slash = entry.find('/'); slash != std::string_view::npos) {
    auto base = parse_address(entry.substr(0, slash));
    const std::string_view bits = entry.substr(slash + 1);
    unsigned prefix = 0;
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (!base || bits.empty() || ec != std::errc() || end != bits.data() + bits.size()) return false;
    if (prefix > (base->is_v4() ? 32u : 128u)) return false;
    networks_.push_back({masked(*base, prefix), prefix});
    described_.emplace_back(entry);
    return true;
  }
  if (auto address = parse_address(entry)) {
    networks_.push_back({*address, address->is_v4() ? 32u : 128u});
    described_.emplace_back(entry);
    return true;
  }
  if (entry.starts_with("*.")) {
    const std::string suffix = normal_name(entry.substr(2));
    if (!is_host_name(suffix)) return false;
    suffixes_.push_back("." + suffix);
    described_.emplace_back(entry);
    return true;
  }
  const std::string name = normal_name(entry);
  if (!is_host_name(name)) return false;
  names_.push_back(name);
  described_.emplace_back(entry);
  return true;
}

bool HttpHostAllowList::allows_name(std::string_view host) const {
  const std::string name = normal_name(host);
  if (std::find(names_.begin(), names_.end(), name) != names_.end()) return true;
  return std::any_of(suffixes_.begin(), suffixes_.end(), [&](const std::string& suffix) {
    return name.size() > suffix.size() && name.ends_with(suffix);
  });
}

bool HttpHostAllowList::allows_address(const ip::address& given) const {
  const ip::address address = unmapped(given);
  return std::any_of(networks_.begin(), networks_.end(), [&](const Network& network) {
    return network.base.is_v4() == address.is_v4() && masked(address, network.prefix) == network.base;
  });
}

std::string HttpHostAllowList::describe() const {
  std::string out;
  for (const auto& entry : described_) {
    if (!out.empty()) out += ", ";
    out += entry;
  }
  return out;
}

}  // namespace jobflow::frontend
