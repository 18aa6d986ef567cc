#pragma once

#include <string_view>

#include "base/error.h"
#include "model/livy_batch.h"
#include "model/livy_session.h"
#include "store/record.h"

namespace jobflow::engine::livy {

// How Livy's batches, sessions and statements are kept in the store: one record each, body in
// JSON (the engine's own format, not the wire's; fields are added compatibly: missing = default).
// Record ids are the decimal Livy ids; a statement's is "<session>/<statement>" with the session as
// parent. `seq` is the Livy id + 1 (the store's sequences start at 1, Livy's ids at 0).
inline constexpr std::string_view kBatchKind = "livy.batch";
inline constexpr std::string_view kSessionKind = "livy.session";
inline constexpr std::string_view kStatementKind = "livy.statement";

store::Record to_record(const model::LivyBatch& batch);
store::Record to_record(const model::LivySession& session);
store::Record to_record(std::int64_t session_id, const model::LivyStatement& statement);
Result<model::LivyBatch> batch_from_record(const store::Record& record);
Result<model::LivySession> session_from_record(const store::Record& record);
Result<model::LivyStatement> statement_from_record(const store::Record& record);

std::string statement_record_id(std::int64_t session_id, std::int64_t statement_id);

}  // namespace jobflow::engine::livy
