#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <functional>
#include <vector>

namespace jobflow {

// Process-wide metrics, rendered in the Prometheus text format by GET /metrics.
// Counters and histograms are created once (under a lock) and then updated lock-free.
class Metrics {
 public:
  class Counter {
   public:
    void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

   private:
    std::atomic<std::uint64_t> value_{0};
  };

  // Fixed latency buckets in seconds (Prometheus' default set, tightened at the low end).
  class Histogram {
   public:
    static constexpr double kBounds[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                         0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5, 5, 10};
    static constexpr std::size_t kBuckets = sizeof(kBounds) / sizeof(kBounds[0]);
    void observe(double seconds);

   private:
    friend class Metrics;
    std::atomic<std::uint64_t> buckets_[kBuckets + 1] = {};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_micros_{0};
  };

  // name: metric family; labels: already formatted, e.g. `op="DescribeStep",code="200"`.
  Counter& counter(const std::string& name, const std::string& labels = {});
  Histogram& histogram(const std::string& name, const std::string& labels = {});
  // A gauge computed when scraped (e.g. jobs by state).
  using GaugeFn = std::function<std::vector<std::pair<std::string, double>>()>;
  void gauge(const std::string& name, std::string help, GaugeFn fn);

  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Counter>> counters_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Histogram>> histograms_;
  std::map<std::string, std::pair<std::string, GaugeFn>> gauges_;
};

}  // namespace jobflow
