#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/livy_batch.h"
#include "model/livy_session.h"
#include "model/livy_state.h"

namespace jobflow::frontend::livy {

// Model -> wire: JSON text with exactly the keys Livy's Jackson writes, in its order, every key
// present and null where Livy sends null (see README "JSON layer" for the sources).

// BatchSessionView: {id, name, owner, proxyUser, state, appId, appInfo, log}. `log_tail`: the last
// lines (Livy shows 10).
std::string batch_json(const model::LivyBatch& batch, const std::vector<std::string>& log_tail);

// SessionInfo (HttpMessages): {id, name, appId, owner, proxyUser, state, kind, appInfo, log, ttl,
// idleTimeout, driverMemory, driverCores, executorMemory, executorCores, conf, archives, files,
// heartbeatTimeoutInSecond, jars, numExecutors, pyFiles, queue}. The second form shows `state`
// instead of session.state (the engine's live idle/busy).
std::string session_json(const model::LivySession& session, const std::vector<std::string>& log_tail);
std::string session_json(const model::LivySession& session, model::LivyState state,
                         const std::vector<std::string>& log_tail);

// Statement (rsc/driver/Statement.java): {id, code, state, output, progress, started, completed};
// `output` is output_json as is (@JsonRawValue), null while empty.
std::string statement_json(const model::LivyStatement& statement);

// GET /batches/{id}/state, GET /sessions/{id}/state: {"id":N,"state":"..."}.
std::string state_json(std::int64_t id, model::LivyState state);
std::string batch_state_json(std::int64_t id, model::LivyState state);
std::string session_state_json(std::int64_t id, model::LivyState state);

// GET /batches, GET /sessions: {"from":F,"total":T,"sessions":[...]} — batches too use "sessions".
// `items_json`: the elements, already encoded.
std::string page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json);
std::string batches_page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json);
std::string sessions_page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json);

// GET /sessions/{id}/statements: {"total_statements":N,"statements":[...]}.
std::string statements_json(std::int64_t total_statements, const std::vector<std::string>& items_json);
std::string statements_json(std::int64_t total_statements, const std::vector<model::LivyStatement>& statements);

// GET /batches/{id}/log, GET /sessions/{id}/log: {"id":N,"from":F,"total":T,"log":[...]}.
std::string log_json(std::int64_t id, std::int64_t from, std::int64_t total, const std::vector<std::string>& lines);

// POST /sessions/{id}/completion: {"candidates":[...]}.
std::string completion_json(const std::vector<std::string>& candidates);

// {"msg":"..."}: "deleted", "canceled", "interrupted", and Livy's error messages.
std::string msg_json(std::string_view text);

// A bare JSON string: Livy's body for Jackson errors and "Statement not found".
std::string string_json(std::string_view text);

// GET /version. Livy builds a 6-entry Scala Map, whose iteration (hash) order Jackson writes:
// {"url","branch","revision","version","date","user"}.
std::string version_json(std::string_view version, std::string_view user, std::string_view revision,
                         std::string_view branch, std::string_view date, std::string_view url);

}  // namespace jobflow::frontend::livy
