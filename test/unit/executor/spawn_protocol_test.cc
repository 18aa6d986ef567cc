#include "executor/local/spawn_protocol.h"

#include <gtest/gtest.h>

namespace jobflow::executor {
namespace {

TEST(SpawnProtocol, RequestRoundTrips) {
  // std::string(...) rather than assigning the literals: GCC 12 warns falsely (-Wmaybe-uninitialized
  // at -O3) about assigning a short literal to a fresh member.
  SpawnRequest request;
  request.job_id = std::string("s-1");
  request.run_dir = std::string("/r");
  request.log_dir = std::string("/l");
  request.working_dir = std::string("/w");
  request.label = std::string("Step");
  request.cgroup_root = std::string("/sys/fs/cgroup/unified/jobflow");
  request.argv = {"spark-submit", "", "--conf", "a=b c"};
  request.env = {{"A", "1"}, {"B", ""}};
  request.merge_stderr = true;
  auto decoded = decode_request(encode(request));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->job_id, request.job_id);
  EXPECT_EQ(decoded->working_dir, request.working_dir);
  EXPECT_EQ(decoded->cgroup_root, request.cgroup_root);
  EXPECT_EQ(decoded->argv, request.argv);
  EXPECT_EQ(decoded->env, request.env);
  EXPECT_TRUE(decoded->merge_stderr);
}

TEST(SpawnProtocol, RejectsTruncatedMessages) {
  SpawnRequest request;
  request.argv = {"true"};
  std::string bytes = encode(request);
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_FALSE(decode_request(std::string_view(bytes).substr(0, size))) << size;
  }
  EXPECT_FALSE(decode_reply(bytes));
  auto reply = decode_reply(encode(SpawnReply{true, 42, "ok"}));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->ok);
  EXPECT_EQ(reply->supervisor_pid, 42);
  EXPECT_EQ(reply->message, "ok");
}

}  // namespace
}  // namespace jobflow::executor
