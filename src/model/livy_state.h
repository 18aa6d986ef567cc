#pragma once

#include "base/enum_table.h"

namespace jobflow::model {

// Livy's session states; batches use a subset (starting, running, success, dead, killed, recovering).
enum class LivyState {
  kNotStarted, kStarting, kRecovering, kIdle, kRunning, kBusy, kShuttingDown, kError, kDead, kKilled, kSuccess
};

inline constexpr EnumTable<LivyState, 11> kLivyStates{{{
    {LivyState::kNotStarted, "not_started"},
    {LivyState::kStarting, "starting"},
    {LivyState::kRecovering, "recovering"},
    {LivyState::kIdle, "idle"},
    {LivyState::kRunning, "running"},
    {LivyState::kBusy, "busy"},
    {LivyState::kShuttingDown, "shutting_down"},
    {LivyState::kError, "error"},
    {LivyState::kDead, "dead"},
    {LivyState::kKilled, "killed"},
    {LivyState::kSuccess, "success"},
}}};

// Final: nothing runs any more. (Livy marks `error` active; a jobflow session in `error` has lost
// its interpreter, so nothing runs either.)
inline bool is_final(LivyState s) {
  return s == LivyState::kDead || s == LivyState::kKilled || s == LivyState::kSuccess || s == LivyState::kError;
}

enum class LivyStatementState { kWaiting, kRunning, kAvailable, kError, kCancelling, kCancelled };

inline constexpr EnumTable<LivyStatementState, 6> kLivyStatementStates{{{
    {LivyStatementState::kWaiting, "waiting"},
    {LivyStatementState::kRunning, "running"},
    {LivyStatementState::kAvailable, "available"},
    {LivyStatementState::kError, "error"},
    {LivyStatementState::kCancelling, "cancelling"},
    {LivyStatementState::kCancelled, "cancelled"},
}}};

inline bool is_final(LivyStatementState s) {
  return s == LivyStatementState::kAvailable || s == LivyStatementState::kError ||
         s == LivyStatementState::kCancelled;
}

// Session kinds as the wire shows them; requests may also say scala, python, r (aliases below).
enum class LivyKind { kSpark, kPyspark, kSparkr, kSql, kShared };

inline constexpr EnumTable<LivyKind, 5> kLivyKinds{{{
    {LivyKind::kSpark, "spark"},
    {LivyKind::kPyspark, "pyspark"},
    {LivyKind::kSparkr, "sparkr"},
    {LivyKind::kSql, "sql"},
    {LivyKind::kShared, "shared"},
}}};

inline constexpr EnumTable<LivyKind, 8> kLivyKindInputs{{{
    {LivyKind::kSpark, "spark"},
    {LivyKind::kSpark, "scala"},
    {LivyKind::kPyspark, "pyspark"},
    {LivyKind::kPyspark, "python"},
    {LivyKind::kSparkr, "sparkr"},
    {LivyKind::kSparkr, "r"},
    {LivyKind::kSql, "sql"},
    {LivyKind::kShared, "shared"},
}}};

}  // namespace jobflow::model
