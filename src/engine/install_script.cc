#include "engine/install_script.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

namespace jobflow::engine {

Result<std::string> install_script(const std::string& dir, std::string_view stem, std::string_view extension,
                                   std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: stable across builds, unlike std::hash
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  const std::string path = fmt::format("{}/{}-{:016x}{}", dir, stem, hash, extension);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return path;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot create {}: {}", dir, ec.message())));
  const std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return fail(Error::internal("cannot write " + tmp));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot rename {}: {}", tmp, ec.message())));
  return path;
}

}  // namespace jobflow::engine
