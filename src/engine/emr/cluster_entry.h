#pragma once

#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/task_queue.h"
#include "model/cluster.h"
#include "model/step.h"

namespace jobflow::engine {

// One cluster and its steps as the engine holds them in memory (the store has the same, durably).
// Writers take write_mu for the whole change: compute, persist, apply, act. Readers take data_mu
// shared and never wait for a commit: a writer holds data_mu only while swapping in what it committed.
struct ClusterEntry {
  std::mutex write_mu;
  mutable std::shared_mutex data_mu;
  model::Cluster cluster;
  std::vector<model::Step> steps;  // oldest first (seq order)
  std::unordered_map<std::string, std::size_t> step_pos;
  std::size_t first_active = 0;  // no active step lies before this index (speeds up scheduling)
  TaskQueue::TimerId idle_timer = 0;
  TaskQueue::TimerId kill_timer = 0;
  // Called by ClusterTxn after every committed change (EmrService::add_listener).
  const std::function<void(const std::string& cluster_id)>* on_commit = nullptr;
};

}  // namespace jobflow::engine
