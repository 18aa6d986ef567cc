#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "base/error.h"

namespace jobflow::frontend {

// Which hosts an HTTP task (arn:aws:states:::http:invoke) may reach: `jobflow server
// --http-task-allow`. Loopback (127.0.0.0/8 and ::1) is always allowed, so that a state machine
// can call jobflow's own APIs (Livy, functions) and local services; nothing else is unless
// listed. Entries:
//   *                 any host
//   example.com       that name (case-insensitive, a trailing dot ignored)
//   *.example.com     any name below example.com (not example.com itself)
//   10.0.0.5, ::1     that address (IPv6 with or without brackets)
//   10.0.0.0/8        any address in that network (IPv4 or IPv6 CIDR)
// The decision is taken per resolved address, just before connecting: an address is allowed
// when the URL's host matched a name entry (listing a name trusts what it resolves to) or the
// address itself is listed. So `localhost`, or any name resolving to loopback, works by
// default, while a name that is not listed can never reach an address that is not (no DNS
// trick reaches the network when only loopback is allowed). IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d) are judged as the IPv4 address they carry.
class HttpHostAllowList {
 public:
  // Only loopback.
  HttpHostAllowList();

  // Entries as given on the command line: each may hold several, comma-separated. An entry
  // that is none of the forms above is an invalid_input error naming it.
  static Result<HttpHostAllowList> parse(const std::vector<std::string>& entries);

  bool allows_any_host() const { return any_host_; }
  // The URL's host (a name, or an address literal without brackets) matches a name entry.
  bool allows_name(std::string_view host) const;
  bool allows_address(const boost::asio::ip::address& address) const;
  // The decision for connecting to `address` as the resolution of `host`.
  bool allows(std::string_view host, const boost::asio::ip::address& address) const {
    return any_host_ || allows_name(host) || allows_address(address);
  }
  // What is allowed, for error messages: "127.0.0.0/8, ::1, *.example.com".
  std::string describe() const;

 private:
  struct Network {
    boost::asio::ip::address base;  // masked to `prefix` bits
    unsigned prefix = 0;
  };
  bool add(std::string_view entry);

  bool any_host_ = false;
  std::vector<std::string> names_;     // exact names, lower case
  std::vector<std::string> suffixes_;  // "*.example.com" kept as ".example.com"
  std::vector<Network> networks_;      // addresses are networks with a full prefix
  std::vector<std::string> described_;
};

}  // namespace jobflow::frontend
