#include "engine/functions/code_package.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

namespace jobflow::engine::functions {
namespace {

namespace fs = std::filesystem;

Error bad_zip(std::string_view why) {
  // Lambda's wording for a Code.ZipFile it cannot unpack.
  return Error::invalid_input("code", fmt::format("Could not unzip uploaded file. Please check your file, then try to upload again. ({})", why));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

Result<ZipPtr> open_zip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  // The source does not own the bytes (freep = 0); they outlive the archive in every caller.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(bad_zip(why));
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(bad_zip(why));
  }
  zip_error_fini(&error);
  return ZipPtr(archive);
}

// The entry's path below the root, or empty if it would escape it.
std::string safe_relative(std::string_view name) {
  if (name.empty() || name.front() == '/') return {};
  fs::path path = fs::path(name).lexically_normal();
  if (path.empty() || path.is_absolute()) return {};
  for (const auto& part : path)
    if (part == "..") return {};
  return path.string();
}

}  // namespace

Result<CodeDigest> CodePackage::inspect(std::string_view zip_bytes) {
  if (static_cast<std::int64_t>(zip_bytes.size()) > kMaxZippedBytes)
    return fail(Error{ErrorCode::kTooLarge, "code",
                      fmt::format("Zipped size must be smaller than {} bytes", kMaxZippedBytes)});
  auto archive = open_zip(zip_bytes);
  if (!archive) return fail(archive.error());
  CodeDigest digest;
  digest.size = static_cast<std::int64_t>(zip_bytes.size());
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(zip_bytes.data()), zip_bytes.size(), hash);
  std::string encoded(4 * ((SHA256_DIGEST_LENGTH + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), hash, SHA256_DIGEST_LENGTH);
  digest.sha256_base64 = std::move(encoded);
  return digest;
}

Status CodePackage::extract(std::string_view zip_bytes, const std::string& dir) {
  auto archive = open_zip(zip_bytes);
  if (!archive) return fail(archive.error());
  std::error_code ec;
  if (fs::exists(dir, ec)) return fail(Error::internal(dir + " exists already"));
  const std::string staging = dir + ".partial";
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot create {}: {}", staging, ec.message())));

  const zip_int64_t entries = zip_get_num_entries(archive->get(), 0);
  std::int64_t total = 0;
  std::vector<char> buffer(1 << 16);
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive->get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      return fail(bad_zip("unreadable entry"));
    const std::string relative = safe_relative(st.name);
    if (relative.empty()) return fail(bad_zip(fmt::format("entry '{}' points outside the archive", st.name)));
    const fs::path target = fs::path(staging) / relative;
    const std::string_view name(st.name);
    if (name.ends_with('/')) {
      fs::create_directories(target, ec);
      continue;
    }
    total += static_cast<std::int64_t>(st.size);
    if (total > kMaxUnzippedBytes)
      return fail(Error{ErrorCode::kTooLarge, "code",
                        fmt::format("Unzipped size must be smaller than {} bytes", kMaxUnzippedBytes)});
    fs::create_directories(target.parent_path(), ec);
    mode_t mode = 0644;
    zip_uint8_t os = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive->get(), static_cast<zip_uint64_t>(i), 0, &os, &attributes) == 0 &&
        os == ZIP_OPSYS_UNIX) {
      const mode_t stored = (attributes >> 16) & 0777;
      if (stored) mode = stored;
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> in(zip_fopen_index(archive->get(), static_cast<zip_uint64_t>(i), 0),
                                                         &zip_fclose);
    if (!in) return fail(bad_zip(fmt::format("cannot read '{}'", st.name)));
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return fail(Error::internal(fmt::format("cannot write {}", target.string())));
    bool ok = true;
    for (zip_int64_t n; (n = zip_fread(in.get(), buffer.data(), buffer.size())) > 0;)
      ok = ok && ::write(fd, buffer.data(), static_cast<std::size_t>(n)) == n;
    ::fchmod(fd, mode);  // the umask must not take the executable bits away
    ::close(fd);
    if (!ok) return fail(Error::internal(fmt::format("cannot write {}", target.string())));
  }
  fs::rename(staging, dir, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot rename {}: {}", staging, ec.message())));
  return {};
}

}  // namespace jobflow::engine::functions
