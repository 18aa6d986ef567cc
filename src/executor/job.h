#pragma once

#include "model/job.h"

namespace jobflow::executor {

// The job types are model types (protocol-neutral values); the executor uses them by these names.
using model::CancelMode;
using model::JobExit;
using model::JobHandle;
using model::JobSpec;
using model::JobStatus;

}  // namespace jobflow::executor
