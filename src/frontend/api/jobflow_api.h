#pragma once

#include "base/metrics.h"
#include "engine/emr/emr_service.h"
#include "http/router.h"

namespace jobflow::frontend {

// jobflow's own HTTP API beside the wire-compatible ones: GET /health, GET /metrics (Prometheus
// text), and GET /jobflow/v1/emr/clusters/{cluster}/steps/{step}/logs/{file}?offset=N&size=M
// which the CLI (`jobflow logs`) and the console read. A log answer is the raw bytes, with headers
// x-jobflow-next-offset and x-jobflow-complete (true once the step has ended and all is read).
void register_jobflow_api(http::Router& router, engine::EmrService& emr, Metrics& metrics);

}  // namespace jobflow::frontend
