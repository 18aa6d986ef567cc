#include "engine/functions/function_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/functions/code_package.h"
#include "engine/functions/function_names.h"
#include "engine/functions/function_records.h"

namespace jobflow::engine::functions {
namespace {

// A directory name for a digest: base64 without '/' and '+'.
std::string digest_dir(std::string digest) {
  for (char& c : digest) {
    if (c == '/') c = '_';
    if (c == '+') c = '-';
    if (c == '=') c = '.';
  }
  return digest;
}

}  // namespace

FunctionService::FunctionService(store::Store& store, const Clock& clock, std::string data_dir, std::string s3_root)
    : store_(store), clock_(clock), root_(std::move(data_dir) + "/functions"), s3_root_(std::move(s3_root)) {}

Status FunctionService::recover() {
  store::ListQuery query;
  query.kind = std::string(kFunctionKind);
  query.newest_first = false;
  auto records = store_.list(query);
  if (!records) return fail(records.error());
  std::lock_guard lock(mu_);
  for (const auto& record : *records) {
    auto config = function_from_record(record);
    if (!config) return fail(config.error());
    const std::string name = config->function_name;  // the right side is evaluated first and moves it
    functions_[name] = Entry{std::move(*config), record.version, record.seq, record.created_ms};
  }
  return {};
}

Error FunctionService::not_found(std::string_view name, const CallerScope& scope) const {
  return Error::not_found("function", function_not_found_message(function_arn(scope.region, scope.account, name)));
}

Result<std::string> FunctionService::code_bytes(const model::CodeSource& code) const {
  if (!code.from_s3()) return code.zip_file;
  // jobflow's S3 is a local directory (the same root EMR's s3:// paths map to).
  const std::string path = s3_root_ + "/" + code.s3_bucket + "/" + code.s3_key;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(Error::invalid_input(
        "code", fmt::format("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The "
                            "specified key does not exist. (s3://{}/{})",
                            code.s3_bucket, code.s3_key)));
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Status FunctionService::install_code(const model::CodeSource& code, model::FunctionConfig& config) const {
  auto bytes = code_bytes(code);
  if (!bytes) return fail(bytes.error());
  auto digest = CodePackage::inspect(*bytes);
  if (!digest) return fail(digest.error());
  config.code_sha256 = digest->sha256_base64;
  config.code_size = digest->size;
  const std::string dir = code_dir(config);
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) return {};  // the same code, unpacked before
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path(), ec);
  {
    // Kept beside the unpacked code: GetFunction's Code.Location serves it.
    std::ofstream zip(dir + ".zip", std::ios::binary | std::ios::trunc);
    zip.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!zip) return fail(Error::internal("cannot write " + dir + ".zip"));
  }
  return CodePackage::extract(*bytes, dir);
}

std::string FunctionService::code_dir(const model::FunctionConfig& function) const {
  return root_ + "/" + function.function_name + "/" + digest_dir(function.code_sha256);
}

Result<model::FunctionConfig> FunctionService::create(model::CreateFunctionRequest request, const CallerScope& scope) {
  model::FunctionConfig config;
  config.function_name = request.function_name;
  config.function_arn = function_arn(scope.region, scope.account, request.function_name);
  config.runtime = request.runtime;
  config.role = request.role;
  config.handler = request.handler;
  config.description = request.description;
  config.timeout = request.timeout;
  config.memory_size = request.memory_size;
  config.environment = request.environment;
  config.ephemeral_storage = request.ephemeral_storage;
  config.tracing_mode = request.tracing_mode;
  config.log_format = request.log_format;
  config.log_group = request.log_group;
  config.tags = request.tags;
  {
    std::lock_guard lock(mu_);
    if (functions_.contains(config.function_name))
      return fail(Error{ErrorCode::kAlreadyExists, "function", function_exists_message(config.function_name)});
  }
  // The code is unpacked before the function exists, so an Active function always has its code.
  if (auto ok = install_code(request.code, config); !ok) return fail(ok.error());
  config.state = model::FunctionState::kActive;
  config.last_update_status = model::LastUpdateStatus::kSuccessful;
  const TimestampMs now = clock_.now_ms();
  config.last_modified = format_last_modified(now);
  config.revision_id = random_uuid();

  auto seq = store_.reserve(kFunctionKind, 1);
  if (!seq) return fail(seq.error());
  std::lock_guard lock(mu_);
  if (functions_.contains(config.function_name))  // created meanwhile by a concurrent call
    return fail(Error{ErrorCode::kAlreadyExists, "function", function_exists_message(config.function_name)});
  Entry entry{config, 0, *seq, now};
  if (auto ok = commit(entry, config); !ok) return fail(ok.error());
  functions_[config.function_name] = std::move(entry);
  return config;
}

Result<model::FunctionConfig> FunctionService::get(std::string_view name, const CallerScope& scope) const {
  std::lock_guard lock(mu_);
  auto it = functions_.find(name);
  if (it == functions_.end()) return fail(not_found(name, scope));
  return it->second.config;
}

Result<FunctionPage> FunctionService::list(std::string_view marker, std::optional<std::int64_t> max_items) const {
  const std::int64_t size = std::clamp<std::int64_t>(max_items.value_or(kDefaultPageSize), 1, kMaxPageSize);
  FunctionPage page;
  std::lock_guard lock(mu_);
  auto it = marker.empty() ? functions_.begin() : functions_.upper_bound(marker);
  for (; it != functions_.end(); ++it) {
    if (static_cast<std::int64_t>(page.items.size()) == size) {
      page.next_marker = page.items.back().function_name;
      break;
    }
    page.items.push_back(it->second.config);
  }
  return page;
}

Result<model::FunctionConfig> FunctionService::update_code(model::UpdateFunctionCodeRequest request,
                                                           const CallerScope& scope) {
  model::FunctionConfig next;
  {
    std::lock_guard lock(mu_);
    auto it = functions_.find(request.function_name);
    if (it == functions_.end()) return fail(not_found(request.function_name, scope));
    if (!request.revision_id.empty() && request.revision_id != it->second.config.revision_id)
      return fail(Error::conflict("revision", "The Revision Id provided does not match the latest Revision Id. "
                                              "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"));
    next = it->second.config;
  }
  if (auto ok = install_code(request.code, next); !ok) return fail(ok.error());
  if (request.dry_run) return next;
  next.last_modified = format_last_modified(clock_.now_ms());
  next.revision_id = random_uuid();
  next.last_update_status = model::LastUpdateStatus::kSuccessful;
  std::lock_guard lock(mu_);
  auto it = functions_.find(request.function_name);
  if (it == functions_.end()) return fail(not_found(request.function_name, scope));
  if (auto ok = commit(it->second, next); !ok) return fail(ok.error());
  return next;
}

Result<model::FunctionConfig> FunctionService::update_configuration(model::UpdateFunctionConfigurationRequest request,
                                                                    const CallerScope& scope) {
  std::lock_guard lock(mu_);
  auto it = functions_.find(request.function_name);
  if (it == functions_.end()) return fail(not_found(request.function_name, scope));
  model::FunctionConfig next = it->second.config;
  if (request.role) next.role = *request.role;
  if (request.handler) next.handler = *request.handler;
  if (request.description) next.description = *request.description;
  if (request.timeout) next.timeout = *request.timeout;
  if (request.memory_size) next.memory_size = *request.memory_size;
  if (request.environment) next.environment = *request.environment;
  if (request.runtime) next.runtime = *request.runtime;
  if (request.ephemeral_storage) next.ephemeral_storage = *request.ephemeral_storage;
  if (request.tracing_mode) next.tracing_mode = *request.tracing_mode;
  if (request.log_format) next.log_format = *request.log_format;
  if (request.log_group) next.log_group = *request.log_group;
  next.last_modified = format_last_modified(clock_.now_ms());
  next.revision_id = random_uuid();
  next.last_update_status = model::LastUpdateStatus::kSuccessful;
  if (auto ok = commit(it->second, next); !ok) return fail(ok.error());
  return next;
}

Status FunctionService::remove(std::string_view name, const CallerScope& scope) {
  std::lock_guard lock(mu_);
  auto it = functions_.find(name);
  if (it == functions_.end()) return fail(not_found(name, scope));
  store::WriteBatch batch;
  batch.deletes.emplace_back(std::string(kFunctionKind), it->first);
  if (auto ok = store_.write(batch); !ok) return ok;
  std::error_code ec;
  std::filesystem::remove_all(root_ + "/" + it->first, ec);
  functions_.erase(it);
  return {};
}

// With mu_ held.
Status FunctionService::commit(Entry& entry, model::FunctionConfig next) {
  store::WriteBatch batch;
  store::Record record = to_record(next, entry.seq, entry.created_ms);
  record.version = entry.version + 1;
  batch.puts.push_back({std::move(record), entry.version});
  if (auto ok = store_.write(batch); !ok) return ok;
  entry.version += 1;
  entry.config = std::move(next);
  return {};
}

}  // namespace jobflow::engine::functions
