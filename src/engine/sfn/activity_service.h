#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/state_machine_service.h"
#include "model/activity.h"
#include "store/store.h"

namespace jobflow::engine::sfn {

struct CreateActivityRequest {
  std::string region;
  std::string account;
  std::string name;
  std::vector<model::Tag> tags;
  std::optional<model::EncryptionConfiguration> encryption;
};

// The activity registry (CreateActivity, DescribeActivity, ListActivities, DeleteActivity and the
// tag calls on activity ARNs), one store record per activity. The worker side (GetActivityTask,
// SendTask*) belongs to the execution engine. Errors: "arn" InvalidArn, "name" InvalidName,
// "activity" ActivityDoesNotExist / ActivityLimitExceeded, "resource" ResourceNotFound, "tags" TooManyTags.
class ActivityService {
 public:
  static constexpr std::size_t kMaxActivities = 100'000;

  ActivityService(store::Store& store, const Clock& clock);

  // Idempotent by name: an existing activity is returned as it is (different tags are ignored).
  Result<model::Activity> create(CreateActivityRequest request);
  Result<model::Activity> describe(std::string_view arn) const;
  Status remove(std::string_view arn);  // an unknown (well-formed) ARN is a no-op
  // Ordered by name.
  Result<RegistryPage<model::Activity>> list(std::string_view region, std::string_view account, std::int64_t max_results,
                                             std::string_view next_token) const;

  Status tag(std::string_view arn, const std::vector<model::Tag>& tags);
  Status untag(std::string_view arn, const std::vector<std::string>& keys);
  Result<std::vector<model::Tag>> tags(std::string_view arn) const;

 private:
  Result<std::pair<store::Record, model::Activity>> load(std::string_view arn) const;
  Status modify_tags(std::string_view arn, const std::function<Status(std::vector<model::Tag>&)>& change);

  store::Store& store_;
  const Clock& clock_;
  std::mutex write_mu_;
};

}  // namespace jobflow::engine::sfn
