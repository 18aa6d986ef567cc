#pragma once

#include <map>
#include <optional>
#include <vector>

#include "base/error.h"
#include "engine/emr/cluster_entry.h"
#include "store/store.h"

namespace jobflow::engine {

// A change to one cluster entry: edits are made on copies, commit() persists them in one store
// write (guarded by the versions they were read at) and only then applies them to the entry.
// Use only while holding entry.write_mu.
class ClusterTxn {
 public:
  explicit ClusterTxn(ClusterEntry& entry) : entry_(entry) {}

  const model::Cluster& cluster() const { return cluster_ ? *cluster_ : entry_.cluster; }
  model::Cluster& edit_cluster();

  std::size_t step_count() const { return entry_.steps.size() + added_.size(); }
  const model::Step& step(std::size_t i) const;
  model::Step& edit_step(std::size_t i);
  void add_step(model::Step step);

  // No step before this index is active: the entry's committed hint (a change can end steps or
  // add them at the end, never make an earlier one active again).
  std::size_t first_active_hint() const { return entry_.first_active; }

  bool dirty() const { return cluster_ || !steps_.empty() || !added_.empty(); }
  Status commit(store::Store& store);

 private:
  ClusterEntry& entry_;
  std::optional<model::Cluster> cluster_;
  std::map<std::size_t, model::Step> steps_;
  std::vector<model::Step> added_;
};

}  // namespace jobflow::engine
