#include "engine/sfn/activity_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/sfn/page_token.h"
#include "engine/sfn/seq_page.h"
#include "engine/sfn/sfn_arn.h"
#include "engine/sfn/sfn_names.h"
#include "engine/sfn/sfn_records.h"
#include "engine/sfn/sfn_tags.h"

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kActivitySequence = "sfn.activity";

Error activity_not_found(std::string_view arn) {
  return Error::not_found("activity", fmt::format("Activity Does Not Exist: '{}'", arn));
}

}  // namespace

ActivityService::ActivityService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<std::pair<store::Record, model::Activity>> ActivityService::load(std::string_view arn) const {
  auto parsed = parse_arn_of(arn, {ArnKind::kActivity});
  if (!parsed) return fail(parsed.error());
  auto record = store_.get(kActivityKind, arn);
  if (!record) return fail(record.error());
  if (!*record) return fail(activity_not_found(arn));
  auto activity = decode_activity((*record)->body);
  if (!activity) return fail(activity.error());
  return std::pair{std::move(**record), std::move(*activity)};
}

Result<model::Activity> ActivityService::create(CreateActivityRequest req) {
  if (auto ok = validate_name(req.name); !ok) return fail(ok.error());
  if (auto ok = validate_tags(req.tags); !ok) return fail(ok.error());
  if (req.tags.size() > kMaxTags)
    return fail(Error::limit_exceeded("tags", fmt::format("Too many tags: a resource can have at most {}.", kMaxTags)));
  const std::string arn = activity_arn(req.region, req.account, req.name);
  std::lock_guard lock(write_mu_);
  auto existing = store_.get(kActivityKind, arn);
  if (!existing) return fail(existing.error());
  if (*existing) return decode_activity((*existing)->body);

  store::ListQuery count;
  count.kind = std::string(kActivityKind);
  count.parent = scope_of(req.region, req.account);
  count.limit = static_cast<std::int64_t>(kMaxActivities);
  auto all = store_.list(count);
  if (!all) return fail(all.error());
  if (all->size() >= kMaxActivities)
    return fail(Error::limit_exceeded(
        "activity", fmt::format("Activity limit exceeded: at most {} activities are allowed.", kMaxActivities)));

  auto seq = store_.reserve(kActivitySequence, 1);
  if (!seq) return fail(seq.error());
  model::Activity a;
  a.arn = arn;
  a.name = std::move(req.name);
  a.region = std::move(req.region);
  a.account = std::move(req.account);
  a.encryption = req.encryption.value_or(model::EncryptionConfiguration{});
  a.tags = std::move(req.tags);
  a.created_ms = clock_.now_ms();
  store::Record r;
  r.kind = std::string(kActivityKind);
  r.id = a.arn;
  r.parent = scope_of(a.region, a.account);
  r.seq = *seq;
  r.version = 1;
  r.state = "ACTIVE";
  r.created_ms = a.created_ms;
  r.open = false;
  r.body = encode(a);
  store::WriteBatch batch;
  batch.puts.push_back({std::move(r), 0});
  if (auto ok = store_.write(batch); !ok) return fail(ok.error());
  return a;
}

Result<model::Activity> ActivityService::describe(std::string_view arn) const {
  auto loaded = load(arn);
  if (!loaded) return fail(loaded.error());
  return std::move(loaded->second);
}

Status ActivityService::remove(std::string_view arn) {
  auto parsed = parse_arn_of(arn, {ArnKind::kActivity});
  if (!parsed) return fail(parsed.error());
  std::lock_guard lock(write_mu_);
  store::WriteBatch batch;
  batch.deletes.emplace_back(std::string(kActivityKind), std::string(arn));
  return store_.write(batch);
}

Result<RegistryPage<model::Activity>> ActivityService::list(std::string_view region, std::string_view account,
                                                            std::int64_t max_results,
                                                            std::string_view next_token) const {
  store::ListQuery q;
  q.kind = std::string(kActivityKind);
  q.parent = scope_of(region, account);
  return name_page<model::Activity>(
      store_, q, "ListActivities", max_results, next_token,
      [](const store::Record& r) { return decode_activity(r.body); },
      [](const model::Activity& a) -> const std::string& { return a.name; });
}

Status ActivityService::modify_tags(std::string_view arn,
                                    const std::function<Status(std::vector<model::Tag>&)>& change) {
  std::lock_guard lock(write_mu_);
  auto loaded = load(arn);
  if (!loaded) {
    if (loaded.error().code == ErrorCode::kNotFound)
      return fail(Error::not_found("resource", fmt::format("Resource not found: '{}'", arn)));
    return fail(loaded.error());
  }
  auto& [record, activity] = *loaded;
  if (auto ok = change(activity.tags); !ok) return ok;
  store::Record updated = record;
  updated.version += 1;
  updated.body = encode(activity);
  store::WriteBatch batch;
  batch.puts.push_back({std::move(updated), record.version});
  return store_.write(batch);
}

Status ActivityService::tag(std::string_view arn, const std::vector<model::Tag>& tags) {
  return modify_tags(arn, [&](std::vector<model::Tag>& current) { return merge_tags(current, tags, arn); });
}

Status ActivityService::untag(std::string_view arn, const std::vector<std::string>& keys) {
  return modify_tags(arn, [&](std::vector<model::Tag>& current) -> Status {
    remove_tags(current, keys);
    return {};
  });
}

Result<std::vector<model::Tag>> ActivityService::tags(std::string_view arn) const {
  auto loaded = load(arn);
  if (!loaded) {
    if (loaded.error().code == ErrorCode::kNotFound)
      return fail(Error::not_found("resource", fmt::format("Resource not found: '{}'", arn)));
    return fail(loaded.error());
  }
  return std::move(loaded->second.tags);
}

}  // namespace jobflow::engine::sfn
