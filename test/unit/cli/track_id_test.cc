#include "cli/track/track_id.h"

#include <gtest/gtest.h>

namespace jobflow::cli {
namespace {

TEST(TrackIdTest, EmrIds) {
  EXPECT_EQ(parse_track_id("j-2AXXXXXXGAPLF"), (TrackId{TrackKind::kCluster, "j-2AXXXXXXGAPLF", {}}));
  EXPECT_EQ(parse_track_id("s-1ABC"), (TrackId{TrackKind::kStep, "s-1ABC", {}}));
  EXPECT_EQ(parse_track_id("j-C1/s-S1"), (TrackId{TrackKind::kStep, "s-S1", "j-C1"}));
  EXPECT_EQ(parse_track_id("  s-1ABC\n"), (TrackId{TrackKind::kStep, "s-1ABC", {}}));
}

TEST(TrackIdTest, LivyIdsNeedTheirPrefix) {
  EXPECT_EQ(parse_track_id("batch/3"), (TrackId{TrackKind::kBatch, "3", {}}));
  EXPECT_EQ(parse_track_id("session/12"), (TrackId{TrackKind::kSession, "12", {}}));
  EXPECT_EQ(parse_track_id("batch/3")->display(), "batch/3");
  EXPECT_EQ(parse_track_id("session/12")->display(), "session/12");
  EXPECT_FALSE(parse_track_id("3"));  // a bare number: a batch or a session?
  EXPECT_FALSE(parse_track_id("batch/"));
  EXPECT_FALSE(parse_track_id("session/1/2"));
}

TEST(TrackIdTest, Executions) {
  const std::string arn = "arn:aws:states:eu-west-1:123456789012:execution:machine:run-1";
  EXPECT_EQ(parse_track_id(arn), (TrackId{TrackKind::kExecution, arn, {}}));
  EXPECT_EQ(parse_track_id(arn)->display(), arn);
  EXPECT_EQ(arn_region(arn), "eu-west-1");
  EXPECT_EQ(arn_region("arn:aws"), "");
  EXPECT_FALSE(parse_track_id("arn:aws:states:us-east-1:123456789012:stateMachine:machine"));
  EXPECT_EQ(parse_track_id("nightly-run"), (TrackId{TrackKind::kExecutionName, "nightly-run", {}}));
  EXPECT_FALSE(parse_track_id("two words"));
  EXPECT_FALSE(parse_track_id(""));
  EXPECT_FALSE(parse_track_id("j-C1/x"));
}

TEST(TrackIdTest, KindNames) {
  EXPECT_EQ(kind_name(TrackKind::kCluster), "cluster");
  EXPECT_EQ(kind_name(TrackKind::kStep), "step");
  EXPECT_EQ(kind_name(TrackKind::kBatch), "batch");
  EXPECT_EQ(kind_name(TrackKind::kSession), "session");
  EXPECT_EQ(kind_name(TrackKind::kExecution), "execution");
  EXPECT_EQ(kind_name(TrackKind::kExecutionName), "execution");
}

}  // namespace
}  // namespace jobflow::cli
