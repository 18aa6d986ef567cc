#include <gtest/gtest.h>

#include <fmt/format.h>

#include "base/manual_clock.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/asl_definition_checker.h"
#include "engine/sfn/page_token.h"
#include "engine/sfn/sfn_arn.h"
#include "engine/sfn/sfn_names.h"
#include "engine/sfn/state_machine_service.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kPass =
    R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";
constexpr std::string_view kPass2 =
    R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": true}}})";
constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/r";

class StateMachineServiceTest : public ::testing::Test {
 protected:
  CreateStateMachineRequest request(std::string name, std::string_view definition = kPass) {
    CreateStateMachineRequest r;
    r.region = "us-east-1";
    r.account = "123456789012";
    r.name = std::move(name);
    r.definition = std::string(definition);
    r.role_arn = std::string(kRole);
    return r;
  }
  std::string create(std::string name, std::string_view definition = kPass) {
    auto created = service_.create(request(std::move(name), definition));
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->machine.arn : "";
  }
  std::string publish(const std::string& arn, std::optional<std::string> description = std::nullopt) {
    auto v = service_.publish_version(arn, std::nullopt, std::move(description));
    EXPECT_TRUE(v) << v.error().message;
    return v ? v->arn : "";
  }
  void update_definition(const std::string& arn, std::string_view definition) {
    UpdateStateMachineRequest u;
    u.arn = arn;
    u.definition = std::string(definition);
    auto r = service_.update(std::move(u));
    ASSERT_TRUE(r) << r.error().message;
  }

  store::MemoryStore store_;
  ManualClock clock_;
  AslDefinitionChecker checker_;
  StateMachineService service_{store_, clock_, checker_};
};

TEST_F(StateMachineServiceTest, CreateDescribeWithDefaults) {
  clock_.set_ms(1'700'000'000'123);
  const auto arn = create("hello");
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:123456789012:stateMachine:hello");
  auto d = service_.describe(arn);
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->version);
  EXPECT_EQ(d->machine.definition, kPass);  // verbatim
  EXPECT_EQ(d->machine.type, model::StateMachineType::kStandard);
  EXPECT_EQ(d->machine.logging.level, model::LogLevel::kOff);
  EXPECT_FALSE(d->machine.tracing.enabled);
  EXPECT_EQ(d->machine.created_ms, 1'700'000'000'123);
  EXPECT_EQ(d->machine.updated_ms, 0);  // no revisionId shown until the first update
  EXPECT_FALSE(d->machine.revision_id.empty());
}

TEST_F(StateMachineServiceTest, InvalidNamesAndDefinitions) {
  for (std::string bad : std::vector<std::string>{"", "a b", "a/b", "a:b", "x?", "tab\t", std::string(81, 'a'), std::string("c\x7f"),
                          std::string("nbsp\xc2\xa0")}) {
    auto r = service_.create(request(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().resource, "name");
    EXPECT_EQ(r.error().message, "Invalid Name: '" + bad + "'");
  }
  EXPECT_TRUE(service_.create(request(std::string(80, 'a'))));
  EXPECT_TRUE(service_.create(request("ok-name_1.x\xc3\xa9")));

  auto r = service_.create(request("nodef", R"({"StartAt": "A"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().resource, "definition");
  EXPECT_EQ(r.error().message,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
  r = service_.create(request("garbage", "not json"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().resource, "definition");
  EXPECT_TRUE(r.error().message.starts_with("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "));
}

TEST_F(StateMachineServiceTest, CreateIsIdempotentOnlyForTheSameMachine) {
  const auto arn = create("idem");
  auto again = request("idem");
  again.role_arn = "arn:aws:iam::123456789012:role/other";  // ignored, as in AWS
  auto r = service_.create(again);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->machine.arn, arn);
  EXPECT_EQ(r->machine.role_arn, kRole);

  auto different = service_.create(request("idem", kPass2));
  ASSERT_FALSE(different);
  EXPECT_EQ(different.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(different.error().message, "State Machine Already Exists: '" + arn + "'");
  auto express = request("idem");
  express.type = model::StateMachineType::kExpress;
  EXPECT_FALSE(service_.create(express));
}

TEST_F(StateMachineServiceTest, DescribeUnknownAndBadArns) {
  auto r = service_.describe("arn:aws:states:us-east-1:123456789012:stateMachine:nope");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().resource, "state_machine");
  EXPECT_EQ(r.error().message, "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'");
  r = service_.describe("not_a_valid_arn");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().resource, "arn");
  EXPECT_EQ(r.error().message, "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
  r = service_.describe("arn:aws:states:us-east-1:123456789012:activity:a");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Invalid Arn: 'Resource type not valid in this context: activity'");
}

TEST_F(StateMachineServiceTest, UpdateCreatesRevisionsOnlyOnChange) {
  const auto arn = create("upd");
  UpdateStateMachineRequest none;
  none.arn = arn;
  auto missing = service_.update(none);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().resource, "missing_parameter");

  UpdateStateMachineRequest same;
  same.arn = arn;
  same.definition = std::string(kPass);
  auto first = service_.update(same);
  ASSERT_TRUE(first);
  auto second = service_.update(same);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->revision_id, second->revision_id);
  update_definition(arn, kPass2);
  auto d = service_.describe(arn);
  ASSERT_TRUE(d);
  EXPECT_NE(d->machine.revision_id, first->revision_id);
  EXPECT_EQ(d->machine.definition, kPass2);
  EXPECT_NE(d->machine.updated_ms, 0);

  UpdateStateMachineRequest bad;
  bad.arn = arn;
  bad.definition = "{}";
  auto r = service_.update(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'");
}

TEST_F(StateMachineServiceTest, VersionsAreIdempotentNumberedAndNeverReused) {
  const auto arn = create("ver");
  const auto v1 = publish(arn, "first");
  EXPECT_EQ(v1, arn + ":1");
  EXPECT_EQ(publish(arn, "first"), v1);  // same revision: the same version
  auto conflict = service_.publish_version(arn, std::string("not-the-revision"), std::nullopt);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);

  update_definition(arn, kPass2);
  const auto v2 = publish(arn);
  EXPECT_EQ(v2, arn + ":2");
  ASSERT_TRUE(service_.delete_version(v2));
  update_definition(arn, kPass);
  EXPECT_EQ(publish(arn), arn + ":3");

  auto page = service_.list_versions(arn, 1, "");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].arn, arn + ":3");  // newest first
  ASSERT_FALSE(page->next_token.empty());
  auto rest = service_.list_versions(arn, 0, page->next_token);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].arn, v1);
  EXPECT_TRUE(rest->next_token.empty());

  auto described = service_.describe(v1);
  ASSERT_TRUE(described);
  ASSERT_TRUE(described->version);
  EXPECT_EQ(described->version->description, "first");
  EXPECT_EQ(described->version->definition, kPass);

  auto bad_token = service_.list_versions(arn, 0, "garbage");
  ASSERT_FALSE(bad_token);
  EXPECT_EQ(bad_token.error().message, "Invalid Token: 'Invalid token'");
}

TEST_F(StateMachineServiceTest, CreateWithPublish) {
  auto req = request("pub");
  req.publish = true;
  req.version_description = "v";
  auto r = service_.create(req);
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->version);
  EXPECT_EQ(r->version->arn, r->machine.arn + ":1");
  auto again = service_.create(req);
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->version);
  EXPECT_EQ(again->version->arn, r->version->arn);

  auto no_publish = request("pub2");
  no_publish.version_description = "v";
  auto bad = service_.create(no_publish);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "Version description can only be set when publish is true");
}

TEST_F(StateMachineServiceTest, AliasesRouteToVersionsAndProtectThem) {
  const auto arn = create("al");
  const auto v1 = publish(arn);
  update_definition(arn, kPass2);
  const auto v2 = publish(arn);

  auto alias = service_.create_alias("live", "d", {{v1, 100}});
  ASSERT_TRUE(alias) << alias.error().message;
  EXPECT_EQ(alias->arn, arn + ":live");
  auto same = service_.create_alias("live", "d", {{v1, 100}});
  ASSERT_TRUE(same);
  auto different = service_.create_alias("live", "d", {{v2, 100}});
  ASSERT_FALSE(different);
  EXPECT_EQ(different.error().code, ErrorCode::kConflict);

  auto refused = service_.delete_version(v1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message,
            "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this "
            "version: [live]");

  auto updated = service_.update_alias(alias->arn, std::nullopt, std::vector<model::AliasRoute>{{v1, 30}, {v2, 70}});
  ASSERT_TRUE(updated) << updated.error().message;
  auto target = service_.resolve(alias->arn, 50);
  ASSERT_TRUE(target);
  ASSERT_TRUE(target->version);
  EXPECT_EQ(target->version->arn, v2);
  target = service_.resolve(alias->arn, 10);
  ASSERT_TRUE(target);
  EXPECT_EQ(target->version->arn, v1);

  auto sum = service_.create_alias("x", "", {{v1, 70}, {v2, 29}});
  ASSERT_FALSE(sum);
  EXPECT_EQ(sum.error().message, "Sum of routing configuration weights must equal 100. Received: [70, 29]");
  auto dup = service_.create_alias("x", "", {{v1, 50}, {v1, 50}});
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().message.starts_with("Routing configuration must contain distinct"));
  auto not_version = service_.create_alias("x", "", {{arn, 100}});
  ASSERT_FALSE(not_version);
  EXPECT_EQ(not_version.error().message,
            "Routing configuration must contain state machine version ARNs. Received: [" + arn + "]");
  auto bad_name = service_.create_alias("123", "", {{v1, 100}});
  ASSERT_FALSE(bad_name);
  EXPECT_EQ(bad_name.error().resource, "validation");

  auto list = service_.list_aliases(arn, 0, "");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  ASSERT_TRUE(service_.delete_alias(alias->arn));
  EXPECT_TRUE(service_.delete_version(v1));
  auto gone = service_.describe_alias(alias->arn);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().resource, "resource");
}

TEST_F(StateMachineServiceTest, DeleteRemovesVersionsAndAliases) {
  const auto arn = create("del");
  const auto v1 = publish(arn);
  ASSERT_TRUE(service_.create_alias("a", "", {{v1, 100}}));
  ASSERT_TRUE(service_.remove(arn));
  EXPECT_FALSE(service_.describe(arn));
  EXPECT_FALSE(service_.describe(v1));
  EXPECT_FALSE(service_.describe_alias(arn + ":a"));
  EXPECT_TRUE(service_.remove(arn));  // unknown: no-op
  const auto again = create("del");
  EXPECT_EQ(publish(again), again + ":1");
}

TEST_F(StateMachineServiceTest, ListIsByNameWithTokens) {
  for (auto name : {"c", "a", "b", "e", "d"}) create(name);
  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    auto page = service_.list("us-east-1", "123456789012", 2, token);
    ASSERT_TRUE(page);
    for (const auto& m : page->items) names.push_back(m.name);
    token = page->next_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(pages, 3);
  auto other_region = service_.list("eu-west-1", "123456789012", 0, "");
  ASSERT_TRUE(other_region);
  EXPECT_TRUE(other_region->items.empty());
  auto wrong_list_token = service_.list("us-east-1", "123456789012", 0, encode_page_token("ListActivities", "a"));
  ASSERT_FALSE(wrong_list_token);
  EXPECT_EQ(wrong_list_token.error().resource, "token");
}

TEST_F(StateMachineServiceTest, TagsMergeRemoveAndLimit) {
  const auto arn = create("tags");
  ASSERT_TRUE(service_.tag(arn, {{"a", "1"}, {"b", "2"}}));
  ASSERT_TRUE(service_.tag(arn, {{"a", "3"}}));
  ASSERT_TRUE(service_.untag(arn, {"b", "missing"}));
  auto tags = service_.tags(arn);
  ASSERT_TRUE(tags);
  EXPECT_EQ(*tags, (std::vector<model::Tag>{{"a", "3"}}));
  std::vector<model::Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({fmt::format("k{}", i), ""});
  auto too_many = service_.tag(arn, many);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().resource, "tags");
  EXPECT_EQ(too_many.error().code, ErrorCode::kLimitExceeded);
  auto long_key = service_.tag(arn, {{std::string(129, 'k'), ""}});
  ASSERT_FALSE(long_key);
  EXPECT_EQ(long_key.error().resource, "validation");
  auto version_tags = service_.tags(publish(arn));
  ASSERT_FALSE(version_tags);
  EXPECT_EQ(version_tags.error().resource, "resource");
}

TEST_F(StateMachineServiceTest, LoggingNeedsOneDestination) {
  auto req = request("log");
  req.logging = model::LoggingConfiguration{model::LogLevel::kAll, true, {}};
  auto r = service_.create(req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().resource, "logging");
  req.logging->log_group_arns = {"arn:aws:logs:us-east-1:123456789012:log-group:g:*"};
  EXPECT_TRUE(service_.create(req));
}

TEST_F(StateMachineServiceTest, ValidateReportsAndTruncates) {
  auto ok = service_.validate(kPass, model::StateMachineType::kStandard, 0);
  EXPECT_TRUE(ok.diagnostics.empty());
  auto bad = service_.validate("{}", model::StateMachineType::kStandard, 0);
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_EQ(bad.diagnostics[0].location, "/");
  auto two = service_.validate(R"({"StartAt": 1, "States": 2})", model::StateMachineType::kStandard, 1);
  EXPECT_EQ(two.diagnostics.size(), 1u);
  EXPECT_TRUE(two.truncated);
}

TEST_F(StateMachineServiceTest, SurvivesANewServiceOnTheSameStore) {
  const auto arn = create("durable");
  const auto v1 = publish(arn);
  StateMachineService restarted(store_, clock_, checker_);
  auto d = restarted.describe(v1);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->machine.arn, arn);
  update_definition(arn, kPass2);
  auto v = restarted.publish_version(arn, std::nullopt, std::nullopt);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->number, 2);
}

TEST(AslDefinitionCheckerTest, RejectsAMissingTransitionTarget) {
  AslDefinitionChecker checker;
  EXPECT_TRUE(checker.check(kPass, model::StateMachineType::kStandard).empty());
  auto d = checker.check(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}})",
                         model::StateMachineType::kStandard);
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].code, "MISSING_TRANSITION_TARGET");
}

class ActivityServiceTest : public ::testing::Test {
 protected:
  Result<model::Activity> create(std::string name, std::vector<model::Tag> tags = {}) {
    CreateActivityRequest r;
    r.region = "us-east-1";
    r.account = "123456789012";
    r.name = std::move(name);
    r.tags = std::move(tags);
    return service_.create(std::move(r));
  }

  store::MemoryStore store_;
  ManualClock clock_;
  ActivityService service_{store_, clock_};
};

TEST_F(ActivityServiceTest, CrudIdempotencyAndErrors) {
  auto a = create("worker", {{"team", "x"}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->arn, "arn:aws:states:us-east-1:123456789012:activity:worker");
  clock_.advance_ms(5000);
  auto again = create("worker", {{"other", "y"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created_ms, a->created_ms);
  EXPECT_EQ(again->tags, a->tags);

  auto bad = create("a b");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "Invalid Name: 'a b'");

  ASSERT_TRUE(create("another"));
  auto page = service_.list("us-east-1", "123456789012", 1, "");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].name, "another");
  auto rest = service_.list("us-east-1", "123456789012", 1, page->next_token);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].name, "worker");
  EXPECT_TRUE(rest->next_token.empty());

  ASSERT_TRUE(service_.tag(a->arn, {{"k", "v"}}));
  auto tags = service_.tags(a->arn);
  ASSERT_TRUE(tags);
  EXPECT_EQ(tags->size(), 2u);

  ASSERT_TRUE(service_.remove(a->arn));
  ASSERT_TRUE(service_.remove(a->arn));
  auto gone = service_.describe(a->arn);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().resource, "activity");
  EXPECT_EQ(gone.error().message, "Activity Does Not Exist: '" + a->arn + "'");
  auto wrong = service_.describe("arn:aws:states:us-east-1:123456789012:stateMachine:x");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "Invalid Arn: 'Resource type not valid in this context: statemachine'");
}

TEST(SfnNamesTest, AliasNames) {
  EXPECT_TRUE(validate_alias_name("live"));
  EXPECT_TRUE(validate_alias_name("v1.2-prod_x"));
  EXPECT_FALSE(validate_alias_name("123"));
  EXPECT_FALSE(validate_alias_name("INVALID ALIAS"));
  EXPECT_FALSE(validate_alias_name("ALIAS@"));
  EXPECT_FALSE(validate_alias_name(std::string(81, 'a')));
}

TEST(SfnArnTest, Kinds) {
  EXPECT_EQ(parse_arn("arn:aws:states:r:1:stateMachine:m")->kind, ArnKind::kStateMachine);
  EXPECT_EQ(parse_arn("arn:aws:states:r:1:stateMachine:m:12")->kind, ArnKind::kVersion);
  EXPECT_EQ(parse_arn("arn:aws:states:r:1:stateMachine:m:live")->kind, ArnKind::kAlias);
  EXPECT_EQ(parse_arn("arn:aws:states:r:1:activity:a")->kind, ArnKind::kActivity);
  EXPECT_FALSE(parse_arn("arn:aws:states:r:1:stateMachine"));
  EXPECT_FALSE(parse_arn("arn:aws:s3:::bucket"));
}

}  // namespace
}  // namespace jobflow::engine::sfn
