#pragma once

#include <string>

#include "base/error.h"
#include "store/store.h"

namespace jobflow::engine::livy {

// LivyConfig::instance_tag: 8 random lowercase hex digits made once per data dir and kept in the
// store's meta table, so job ids stay the same across restarts and differ between data dirs.
Result<std::string> load_instance_tag(store::Store& store);

}  // namespace jobflow::engine::livy
