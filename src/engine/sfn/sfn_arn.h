#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::sfn {

// Step Functions ARNs:
//   arn:aws:states:<region>:<account>:stateMachine:<name>            state machine
//   arn:aws:states:<region>:<account>:stateMachine:<name>:<n>        version (n: digits)
//   arn:aws:states:<region>:<account>:stateMachine:<name>:<alias>    alias
//   arn:aws:states:<region>:<account>:activity:<name>                activity
enum class ArnKind { kStateMachine, kVersion, kAlias, kActivity, kOther };

struct SfnArn {
  std::string region;
  std::string account;
  std::string resource_type;  // "stateMachine", "activity", "execution", ...
  std::string name;
  std::string qualifier;      // version number or alias name; empty for an unqualified ARN
  ArnKind kind = ArnKind::kOther;
};

std::string state_machine_arn(std::string_view region, std::string_view account, std::string_view name);
std::string activity_arn(std::string_view region, std::string_view account, std::string_view name);
std::string qualified_arn(std::string_view state_machine_arn, std::string_view qualifier);

// Parses any states ARN. Failures are Error{kInvalidInput, "arn"} with AWS's InvalidArn texts:
// "Invalid Arn: 'Invalid ARN prefix: <arn>'" for anything that is not arn:<partition>:states:...
Result<SfnArn> parse_arn(std::string_view arn);

// parse_arn, then requires one of the kinds; otherwise
// "Invalid Arn: 'Resource type not valid in this context: <type, lower case>'".
Result<SfnArn> parse_arn_of(std::string_view arn, std::initializer_list<ArnKind> accepted);

}  // namespace jobflow::engine::sfn
