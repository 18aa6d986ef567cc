#pragma once

#include "engine/emr/emr_service.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend::emr {

// Fills an AwsJsonService (target prefix ElasticMapReduce, JSON 1.1) with EMR's operations.
void register_operations(AwsJsonService& service, engine::EmrService& emr);

}  // namespace jobflow::frontend::emr
