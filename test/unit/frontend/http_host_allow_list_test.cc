// The HTTP task allow list (--http-task-allow) as a table: (entries, URL host, resolved
// address) -> allowed?
#include <gtest/gtest.h>

#include "frontend/integrations/http_host_allow_list.h"

namespace jobflow::frontend {
namespace {

struct Case {
  std::vector<std::string> entries;
  std::string host;
  std::string address;
  bool allowed;
};

TEST(HttpHostAllowList, Decisions) {
  const std::vector<Case> cases = {
      // Default: loopback only, judged by address, so names resolving there are fine.
      {{}, "127.0.0.1", "127.0.0.1", true},
      {{}, "127.8.9.10", "127.8.9.10", true},
      {{}, "localhost", "127.0.0.1", true},
      {{}, "localhost", "::1", true},
      {{}, "::1", "::1", true},
      {{}, "myhost.internal", "127.0.1.1", true},
      {{}, "::ffff:127.0.0.1", "::ffff:127.0.0.1", true},  // IPv4-mapped loopback
      {{}, "192.0.2.1", "192.0.2.1", false},
      {{}, "10.0.0.5", "10.0.0.5", false},
      {{}, "::2", "::2", false},
      {{}, "::ffff:192.0.2.1", "::ffff:192.0.2.1", false},
      // A DNS trick: a name that is not listed never reaches an address that is not.
      {{}, "localhost.evil.example", "192.0.2.1", false},
      {{}, "localhost", "10.1.2.3", false},
      // Exact names (case-insensitive, trailing dot ignored) trust their resolution.
      {{"example.com"}, "example.com", "93.184.216.34", true},
      {{"example.com"}, "EXAMPLE.com.", "93.184.216.34", true},
      {{"example.com"}, "api.example.com", "93.184.216.34", false},
      {{"example.com"}, "example.com.evil.net", "203.0.113.9", false},
      // *.suffix: names below it, not the suffix itself.
      {{"*.example.com"}, "api.example.com", "203.0.113.9", true},
      {{"*.example.com"}, "a.b.example.com", "203.0.113.9", true},
      {{"*.example.com"}, "example.com", "203.0.113.9", false},
      {{"*.example.com"}, "badexample.com", "203.0.113.9", false},
      // Addresses and networks, checked against what the host resolved to.
      {{"10.0.0.5"}, "10.0.0.5", "10.0.0.5", true},
      {{"10.0.0.5"}, "db.internal", "10.0.0.5", true},
      {{"10.0.0.5"}, "10.0.0.6", "10.0.0.6", false},
      {{"10.0.0.0/8"}, "10.200.1.1", "10.200.1.1", true},
      {{"10.0.0.0/8"}, "11.0.0.1", "11.0.0.1", false},
      {{"10.1.2.3/16"}, "10.1.200.1", "10.1.200.1", true},  // host bits in the entry are ignored
      {{"192.0.2.1/32"}, "192.0.2.1", "192.0.2.1", true},
      {{"0.0.0.0/0"}, "198.51.100.7", "198.51.100.7", true},
      {{"0.0.0.0/0"}, "2001:db8::1", "2001:db8::1", false},  // an IPv4 network holds no IPv6 address
      {{"2001:db8::/32"}, "2001:db8::1", "2001:db8::1", true},
      {{"[2001:db8::1]"}, "2001:db8::1", "2001:db8::1", true},
      {{"fd00::/8"}, "fe80::1", "fe80::1", false},
      // Comma lists and repeated options add up; loopback stays allowed.
      {{"a.example, 10.0.0.0/8", "b.example"}, "b.example", "203.0.113.1", true},
      {{"a.example, 10.0.0.0/8", "b.example"}, "x.example", "10.9.9.9", true},
      {{"a.example"}, "localhost", "127.0.0.1", true},
      // Anything.
      {{"*"}, "anything.example", "198.51.100.7", true},
  };
  for (const auto& c : cases) {
    auto list = HttpHostAllowList::parse(c.entries);
    ASSERT_TRUE(list) << list.error().message;
    EXPECT_EQ(list->allows(c.host, boost::asio::ip::make_address(c.address)), c.allowed)
        << "entries=" << list->describe() << " host=" << c.host << " address=" << c.address;
  }
}

TEST(HttpHostAllowList, InvalidEntriesAreNamed) {
  for (const std::string entry : {"", "*.", "a b", "10.0.0.0/33", "::/129", "10.0.0.0/x", "http://example.com",
                                  "example.com:80", "*.*.example.com", "10.0.0.0/"}) {
    auto list = HttpHostAllowList::parse({entry});
    ASSERT_FALSE(list) << "'" << entry << "' was accepted";
    EXPECT_NE(list.error().message.find("invalid --http-task-allow entry '"), std::string::npos) << list.error().message;
  }
  EXPECT_FALSE(HttpHostAllowList::parse({"example.com,,other.com"}));
}

TEST(HttpHostAllowList, Describe) {
  EXPECT_EQ(HttpHostAllowList().describe(), "127.0.0.0/8, ::1");
  EXPECT_EQ(HttpHostAllowList::parse({"*.example.com,10.0.0.0/8"})->describe(), "127.0.0.0/8, ::1, *.example.com, 10.0.0.0/8");
}

}  // namespace
}  // namespace jobflow::frontend
