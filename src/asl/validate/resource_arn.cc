#include "asl/validate/resource_arn.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace jobflow::asl {
namespace {

// The optimized integrations (AWS developer guide, "Integrating optimized services"), by
// service, with the API names they accept. A Resource naming another API of these services
// (e.g. `dynamodb:query`) is rejected at create time [fact: corpus services/test_invalid_integration];
// such calls go through `aws-sdk:<service>:<action>` instead.
struct Service {
  std::string_view name;
  std::initializer_list<std::string_view> apis;
};

const std::array kServices{
    Service{"lambda", {"invoke"}},
    Service{"batch", {"submitJob"}},
    Service{"dynamodb", {"getItem", "putItem", "deleteItem", "updateItem"}},
    Service{"ecs", {"runTask"}},
    Service{"sns", {"publish"}},
    Service{"sqs", {"sendMessage"}},
    Service{"glue", {"startJobRun"}},
    Service{"databrew", {"startJobRun"}},
    Service{"states", {"startExecution"}},
    Service{"events", {"putEvents"}},
    Service{"apigateway", {"invoke"}},
    Service{"http", {"invoke"}},
    Service{"s3", {"getObject", "putObject", "listObjectsV2"}},
    Service{"athena",
            {"startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"}},
    Service{"codebuild",
            {"startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports", "startBuildBatch",
             "stopBuildBatch", "retryBuildBatch", "deleteBuildBatch"}},
    Service{"elasticmapreduce",
            {"createCluster", "terminateCluster", "addStep", "cancelStep",
             "setClusterTerminationProtection", "modifyInstanceFleetByName",
             "modifyInstanceGroupByName"}},
    Service{"emr-containers", {"createVirtualCluster", "deleteVirtualCluster", "startJobRun"}},
    Service{"emr-serverless",
            {"createApplication", "startApplication", "stopApplication", "deleteApplication",
             "startJobRun", "cancelJobRun"}},
    Service{"eks",
            {"createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile",
             "createNodegroup", "deleteNodegroup", "runJob", "call"}},
    Service{"sagemaker",
            {"createEndpoint", "createEndpointConfig", "createHyperParameterTuningJob",
             "createLabelingJob", "createModel", "createProcessingJob", "createTrainingJob",
             "createTransformJob", "updateEndpoint"}},
    Service{"bedrock", {"invokeModel", "createModelCustomizationJob"}},
    Service{"mediaconvert", {"createJob"}},
};

constexpr std::array<std::string_view, 3> kPartitions{"aws", "aws-cn", "aws-us-gov"};

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

// Splits "<api>.sync:2" into the API and the pattern; false for an unknown suffix.
bool split_suffix(std::string_view action, std::string_view& api, ResourceArn::Pattern& pattern) {
  std::size_t dot = action.find('.');
  api = action.substr(0, dot);
  pattern = ResourceArn::Pattern::kRequestResponse;
  if (dot == std::string_view::npos) return !api.empty();
  std::string_view suffix = action.substr(dot);
  if (suffix == ".sync" || suffix == ".sync:2") pattern = ResourceArn::Pattern::kSync;
  else if (suffix == ".waitForTaskToken") pattern = ResourceArn::Pattern::kCallback;
  else return false;
  return !api.empty();
}

bool known_api(std::string_view service, std::string_view api) {
  for (const auto& s : kServices) {
    if (s.name == service) return std::ranges::find(s.apis, api) != s.apis.end();
  }
  return false;
}

}  // namespace

ResourceArn ResourceArn::classify(std::string_view resource) {
  ResourceArn out;
  // "arn:<partition>:<service>:<region>:<account>:<rest...>"
  if (!resource.starts_with("arn:")) return out;
  std::size_t p1 = resource.find(':', 4);
  if (p1 == std::string_view::npos) return out;
  std::string_view partition = resource.substr(4, p1 - 4);
  if (std::ranges::find(kPartitions, partition) == kPartitions.end()) return out;
  std::vector<std::string_view> parts = split(resource.substr(p1 + 1), ':');
  // parts: service, region, account, resource...
  if (parts.size() < 4) return out;
  std::string_view service = parts[0];
  std::string_view region = parts[1];
  std::string_view account = parts[2];
  if (service == "states" && region.empty() && account.empty()) {
    // Service integration: states:::<svc>:<api> or states:::aws-sdk:<svc>:<action>.
    if (parts[3] == "aws-sdk") {
      if (parts.size() != 6 || parts[4].empty()) return out;
      std::string_view api;
      Pattern pattern;
      if (!split_suffix(parts[5], api, pattern) || pattern == Pattern::kSync) return out;
      out.kind_ = Kind::kAwsSdk;
      out.pattern_ = pattern;
      out.service_ = "aws-sdk:" + std::string(parts[4]);
      out.api_ = std::string(api);
      return out;
    }
    // "startExecution.sync:2" contains a ':' of its own.
    std::string action(parts.size() >= 5 ? parts[4] : std::string_view{});
    for (std::size_t i = 5; i < parts.size(); ++i) {
      action += ':';
      action += parts[i];
    }
    if (parts.size() < 5 || (parts.size() > 5 && !action.ends_with(".sync:2"))) return out;
    std::string_view api;
    Pattern pattern;
    if (!split_suffix(action, api, pattern) || !known_api(parts[3], api)) return out;
    out.kind_ = Kind::kIntegration;
    out.pattern_ = pattern;
    out.service_ = std::string(parts[3]);
    out.api_ = std::string(api);
    return out;
  }
  if (region.empty() || account.empty()) return out;
  if (service == "states" && parts.size() == 5 && parts[3] == "activity" && !parts[4].empty()) {
    out.kind_ = Kind::kActivity;
    return out;
  }
  if (service == "lambda" && (parts.size() == 5 || parts.size() == 6) && parts[3] == "function" &&
      !parts[4].empty()) {
    out.kind_ = Kind::kLambdaFunction;
    return out;
  }
  return out;
}

}  // namespace jobflow::asl
