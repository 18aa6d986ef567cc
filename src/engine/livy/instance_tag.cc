#include "engine/livy/instance_tag.h"

#include <fmt/format.h>

#include <random>

namespace jobflow::engine::livy {

Result<std::string> load_instance_tag(store::Store& store) {
  constexpr std::string_view kKey = "livy.instance_tag";
  auto existing = store.get_meta(kKey);
  if (!existing) return fail(existing.error());
  if (*existing) return **existing;
  std::random_device random;
  std::string tag = fmt::format("{:08x}", random());
  if (auto ok = store.put_meta(kKey, tag); !ok) return fail(ok.error());
  return tag;
}

}  // namespace jobflow::engine::livy
