#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "model/function.h"
#include "store/store.h"

namespace jobflow::engine::functions {

// Where a call comes from: Lambda's ARNs and messages name the caller's region and account.
struct CallerScope {
  std::string region;
  std::string account;
};

struct FunctionPage {
  std::vector<model::FunctionConfig> items;
  std::optional<std::string> next_marker;
};

// Lambda functions: their configuration in the Store (one record each), their code unpacked
// under <data_dir>/functions/<name>/<code digest>. Every change is committed before it is
// answered; a function's code directory is complete before the function points at it.
class FunctionService {
 public:
  static constexpr std::int64_t kDefaultPageSize = 50;
  static constexpr std::int64_t kMaxPageSize = 10'000;

  FunctionService(store::Store& store, const Clock& clock, std::string data_dir, std::string s3_root);

  Status recover();

  Result<model::FunctionConfig> create(model::CreateFunctionRequest request, const CallerScope& scope);
  Result<model::FunctionConfig> get(std::string_view name, const CallerScope& scope) const;
  // In name order; `marker` is the NextMarker of the previous page.
  Result<FunctionPage> list(std::string_view marker, std::optional<std::int64_t> max_items) const;
  Result<model::FunctionConfig> update_code(model::UpdateFunctionCodeRequest request, const CallerScope& scope);
  Result<model::FunctionConfig> update_configuration(model::UpdateFunctionConfigurationRequest request,
                                                     const CallerScope& scope);
  Status remove(std::string_view name, const CallerScope& scope);

  // The unpacked code of a function (its LAMBDA_TASK_ROOT).
  std::string code_dir(const model::FunctionConfig& function) const;

 private:
  struct Entry {
    model::FunctionConfig config;
    std::int64_t version = 0;
    std::int64_t seq = 0;
    std::int64_t created_ms = 0;
  };

  Error not_found(std::string_view name, const CallerScope& scope) const;
  Result<std::string> code_bytes(const model::CodeSource& code) const;
  // Checks and unpacks the code; sets CodeSize and CodeSha256 on `config`.
  Status install_code(const model::CodeSource& code, model::FunctionConfig& config) const;
  Status commit(Entry& entry, model::FunctionConfig next);

  store::Store& store_;
  const Clock& clock_;
  std::string root_;
  std::string s3_root_;
  mutable std::mutex mu_;
  std::map<std::string, Entry, std::less<>> functions_;
};

}  // namespace jobflow::engine::functions
