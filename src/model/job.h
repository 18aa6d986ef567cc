#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"

namespace jobflow::model {

// What to run: protocol-neutral. An EMR step, a Livy batch and a state-machine task all become one.
struct JobSpec {
  std::string job_id;                  // unique and stable; names the job's run directory
  std::vector<std::string> argv;       // argv[0] is looked up on PATH; no shell is involved
  std::vector<std::pair<std::string, std::string>> env;  // set on top of the server's environment
  std::string working_dir;             // created if missing
  std::string log_dir;                 // stdout, stderr and controller are written here, live
  std::string label = "Job";           // noun used in the controller log ("Step", "Batch")
  // stderr goes to the stdout file, interleaved as written (Livy shows a batch's output merged);
  // then there is no stderr file.
  bool merge_stderr = false;
};

// Enough to find a job again, also from a server restarted after kill -9. Persist it before start().
struct JobHandle {
  std::string executor;   // "local", later "slurm", "spark"
  std::string job_id;
  std::string run_dir;    // executor bookkeeping (pid files, exit status)
  std::string log_dir;
  std::string external_id;  // e.g. a Slurm job id; empty for local jobs
};

struct JobExit {
  enum class Kind {
    kExited,         // the program ran and exited with `code`
    kSignaled,       // killed by `signal`
    kFailedToStart,  // could not be started (no such program, not executable, ...): see message
    kLost,           // the job's supervision was lost (e.g. its supervisor was killed): see message
  };
  Kind kind = Kind::kExited;
  int code = 0;
  int signal = 0;
  std::string message;
  TimestampMs started_ms = 0;
  TimestampMs ended_ms = 0;

  bool succeeded() const { return kind == Kind::kExited && code == 0; }
};

struct JobStatus {
  enum class Phase { kNotStarted, kRunning, kEnded };
  Phase phase = Phase::kNotStarted;
  std::optional<JobExit> exit;       // set when kEnded
  std::optional<std::int64_t> pid;   // of the job's main process while running (local executor)
};

enum class CancelMode {
  kInterrupt,  // SIGTERM to the job's process group (EMR SEND_INTERRUPT)
  kKill,       // SIGKILL to the whole process tree (EMR TERMINATE_PROCESS)
};

}  // namespace jobflow::model
