#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_table.h"

namespace jobflow::model {

// Step Functions settings shared by state machines, their versions and activities.

enum class StateMachineType { kStandard, kExpress };
inline constexpr EnumTable<StateMachineType, 2> kStateMachineTypes{{{
    {StateMachineType::kStandard, "STANDARD"},
    {StateMachineType::kExpress, "EXPRESS"},
}}};

enum class LogLevel { kAll, kError, kFatal, kOff };
inline constexpr EnumTable<LogLevel, 4> kLogLevels{{{
    {LogLevel::kAll, "ALL"},
    {LogLevel::kError, "ERROR"},
    {LogLevel::kFatal, "FATAL"},
    {LogLevel::kOff, "OFF"},
}}};

// loggingConfiguration; AWS's default is {level: OFF, includeExecutionData: false}.
struct LoggingConfiguration {
  LogLevel level = LogLevel::kOff;
  bool include_execution_data = false;
  std::vector<std::string> log_group_arns;  // destinations[].cloudWatchLogsLogGroup.logGroupArn

  bool operator==(const LoggingConfiguration&) const = default;
};

// tracingConfiguration; AWS's default is {enabled: false}.
struct TracingConfiguration {
  bool enabled = false;

  bool operator==(const TracingConfiguration&) const = default;
};

enum class EncryptionType { kAwsOwnedKey, kCustomerManagedKmsKey };
inline constexpr EnumTable<EncryptionType, 2> kEncryptionTypes{{{
    {EncryptionType::kAwsOwnedKey, "AWS_OWNED_KEY"},
    {EncryptionType::kCustomerManagedKmsKey, "CUSTOMER_MANAGED_KMS_KEY"},
}}};

// encryptionConfiguration; AWS's default is {type: AWS_OWNED_KEY}. Stored and echoed only.
struct EncryptionConfiguration {
  EncryptionType type = EncryptionType::kAwsOwnedKey;
  std::string kms_key_id;
  std::optional<std::int64_t> kms_data_key_reuse_period_seconds;

  bool operator==(const EncryptionConfiguration&) const = default;
};

}  // namespace jobflow::model
