#pragma once

#include <string>

#include "engine/livy/batch_service.h"
#include "engine/livy/session_service.h"
#include "http/router.h"

namespace jobflow::frontend::livy {

struct LivyApiOptions {
  bool csrf_protection = false;  // livy.server.csrf-protection.enabled
  std::string version = "0.9.0-jobflow";
};

// Adds Livy's REST API (/batches, /sessions, /version) to the router: the routes of
// reference/livy.md §3, each answered by one operation in operations/.
Status register_livy_api(http::Router& router, engine::livy::BatchService& batches,
                         engine::livy::SessionService& sessions, LivyApiOptions options);

}  // namespace jobflow::frontend::livy
