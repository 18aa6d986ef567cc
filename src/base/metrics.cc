#include "base/metrics.h"

#include <fmt/format.h>

namespace jobflow {

void Metrics::Histogram::observe(double seconds) {
  std::size_t i = 0;
  while (i < kBuckets && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

Metrics::Counter& Metrics::counter(const std::string& name, const std::string& labels) {
  std::lock_guard lock(mu_);
  auto& slot = counters_[{name, labels}];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Metrics::Histogram& Metrics::histogram(const std::string& name, const std::string& labels) {
  std::lock_guard lock(mu_);
  auto& slot = histograms_[{name, labels}];
  if (!slot) slot = std::make_unique<Histogram>();
  return *slot;
}

void Metrics::gauge(const std::string& name, std::string help, GaugeFn fn) {
  std::lock_guard lock(mu_);
  gauges_[name] = {std::move(help), std::move(fn)};
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  std::string last;
  for (const auto& [key, counter] : counters_) {
    if (key.first != last) {
      out += fmt::format("# TYPE {} counter\n", key.first);
      last = key.first;
    }
    out += key.second.empty() ? fmt::format("{} {}\n", key.first, counter->value())
                              : fmt::format("{}{{{}}} {}\n", key.first, key.second, counter->value());
  }
  last.clear();
  for (const auto& [key, h] : histograms_) {
    if (key.first != last) {
      out += fmt::format("# TYPE {} histogram\n", key.first);
      last = key.first;
    }
    const std::string sep = key.second.empty() ? "" : ",";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= Histogram::kBuckets; ++i) {
      cumulative += h->buckets_[i].load(std::memory_order_relaxed);
      const std::string le = i < Histogram::kBuckets ? fmt::format("{}", Histogram::kBounds[i]) : "+Inf";
      out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", key.first, key.second, sep, le, cumulative);
    }
    const std::string labels = key.second.empty() ? "" : "{" + key.second + "}";
    out += fmt::format("{}_sum{} {}\n", key.first, labels,
                       static_cast<double>(h->sum_micros_.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("{}_count{} {}\n", key.first, labels, h->count_.load(std::memory_order_relaxed));
  }
  for (const auto& [name, entry] : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, entry.first, name);
    for (const auto& [labels, value] : entry.second()) {
      out += labels.empty() ? fmt::format("{} {}\n", name, value)
                            : fmt::format("{}{{{}}} {}\n", name, labels, value);
    }
  }
  return out;
}

}  // namespace jobflow
