#include "engine/emr/cluster_txn.h"

#include "engine/emr/record_codec.h"

namespace jobflow::engine {

model::Cluster& ClusterTxn::edit_cluster() {
  if (!cluster_) cluster_ = entry_.cluster;
  return *cluster_;
}

const model::Step& ClusterTxn::step(std::size_t i) const {
  if (i >= entry_.steps.size()) return added_[i - entry_.steps.size()];
  auto it = steps_.find(i);
  return it != steps_.end() ? it->second : entry_.steps[i];
}

model::Step& ClusterTxn::edit_step(std::size_t i) {
  if (i >= entry_.steps.size()) return added_[i - entry_.steps.size()];
  auto it = steps_.find(i);
  if (it == steps_.end()) it = steps_.emplace(i, entry_.steps[i]).first;
  return it->second;
}

void ClusterTxn::add_step(model::Step step) { added_.push_back(std::move(step)); }

Status ClusterTxn::commit(store::Store& store) {
  if (!dirty()) return {};
  store::WriteBatch batch;
  if (cluster_) {
    const auto expected = entry_.cluster.id.empty() ? 0 : entry_.cluster.version;
    cluster_->version = expected + 1;
    batch.puts.push_back({to_record(*cluster_), expected});
  }
  for (auto& [i, st] : steps_) {
    st.version = entry_.steps[i].version + 1;
    batch.puts.push_back({to_record(st), entry_.steps[i].version});
  }
  for (auto& st : added_) {
    st.version = 1;
    batch.puts.push_back({to_record(st), 0});
  }
  if (auto written = store.write(batch); !written) return written;

  std::unique_lock lock(entry_.data_mu);
  if (cluster_) entry_.cluster = std::move(*cluster_);
  for (auto& [i, st] : steps_) entry_.steps[i] = std::move(st);
  for (auto& st : added_) {
    entry_.step_pos.emplace(st.id, entry_.steps.size());
    entry_.steps.push_back(std::move(st));
  }
  cluster_.reset();
  steps_.clear();
  added_.clear();
  if (entry_.on_commit != nullptr && *entry_.on_commit) (*entry_.on_commit)(entry_.cluster.id);
  return {};
}

}  // namespace jobflow::engine
