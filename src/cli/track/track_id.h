#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jobflow::cli {

// What `jobflow wait` / `jobflow logs` / `jobflow ps` name, as the user types it:
//   j-XXXX             an EMR cluster
//   s-XXXX             an EMR step (its cluster is looked up), or j-XXXX/s-XXXX
//   batch/<id>         a Livy batch (Livy ids are small integers, hence the prefix)
//   session/<id>       a Livy session
//   arn:...:execution:MACHINE:NAME   a Step Functions execution
//   anything else      a Step Functions execution name (must be unique on the server)
enum class TrackKind { kCluster, kStep, kBatch, kSession, kExecution, kExecutionName };

struct TrackId {
  TrackKind kind = TrackKind::kCluster;
  std::string id;       // cluster id, step id, Livy id, execution ARN or name
  std::string cluster;  // a step's cluster when given (j-X/s-Y); empty otherwise

  // The form `ps` prints and the commands accept back.
  std::string display() const;
  bool operator==(const TrackId&) const = default;
};

// nullopt for text no form matches (empty, "batch/", a bare number, ...).
std::optional<TrackId> parse_track_id(std::string_view text);

// "cluster", "step", "batch", "session", "execution".
std::string_view kind_name(TrackKind kind);

// The region of an ARN (arn:aws:states:REGION:...), empty when it has none.
std::string arn_region(std::string_view arn);

}  // namespace jobflow::cli
