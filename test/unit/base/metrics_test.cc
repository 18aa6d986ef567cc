#include "base/metrics.h"

#include <gtest/gtest.h>

namespace jobflow {
namespace {

TEST(Metrics, RendersCountersHistogramsAndGauges) {
  Metrics m;
  m.counter("reqs_total", "code=\"200\"").inc(3);
  m.counter("reqs_total", "code=\"400\"").inc();
  auto& h = m.histogram("latency_seconds");
  h.observe(0.0002);
  h.observe(3);
  m.gauge("jobs", "Jobs by state.", [] { return std::vector<std::pair<std::string, double>>{{"state=\"RUNNING\"", 2}}; });
  const auto text = m.render();
  EXPECT_NE(text.find("# TYPE reqs_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("reqs_total{code=\"200\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("reqs_total{code=\"400\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"0.00025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"2.5\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_count 2\n"), std::string::npos);
  EXPECT_NE(text.find("jobs{state=\"RUNNING\"} 2\n"), std::string::npos);
}

TEST(Metrics, SameNameAndLabelsIsTheSameCounter) {
  Metrics m;
  m.counter("x").inc();
  m.counter("x").inc();
  EXPECT_EQ(m.counter("x").value(), 2u);
}

}  // namespace
}  // namespace jobflow
