#include "asl/eval/history_event.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace jobflow::asl {
namespace {

TEST(HistoryEvent, WireFormRoundTrips) {
  HistoryEvent e;
  e.id = 3;
  e.previous_event_id = 2;
  e.timestamp_ms = 1'700'000'000'123;
  e.type = "PassStateExited";
  e.details = boost::json::object{{"name", "A"}, {"output", "{}"}};
  auto wire = to_wire(e);
  EXPECT_EQ(boost::json::serialize(wire),
            R"({"timestamp":1.700000000123E9,"type":"PassStateExited","id":3,"previousEventId":2,)"
            R"("stateExitedEventDetails":{"name":"A","output":"{}"}})");
  auto back = from_wire(wire);
  EXPECT_EQ(back.id, 3);
  EXPECT_EQ(back.previous_event_id, 2);
  EXPECT_EQ(back.timestamp_ms, e.timestamp_ms);
  EXPECT_EQ(back.type, e.type);
  EXPECT_EQ(back.details, e.details);
  EXPECT_FALSE(to_wire(HistoryEvent{4, 3, 0, "MapStateSucceeded", {}}).contains("mapStateSucceededEventDetails"));
}

}  // namespace
}  // namespace jobflow::asl
