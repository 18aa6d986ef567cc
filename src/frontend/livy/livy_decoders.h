#pragma once

#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "model/livy_request.h"

namespace jobflow::frontend::livy {

// Wire -> model for Livy request bodies, binding them as Livy's Jackson does (see README "JSON
// layer"): strict about syntax, unknown fields and types, lenient where Jackson coerces.
//
// Errors:
//   invalid_input "body": what Jackson would throw; the message is Jackson's text, location and
//     reference chain included. Livy answers 400 with it as a bare JSON string.
//   invalid_input "kind": a statement or completion kind Livy's interpreter rejects
//     ("Invalid kind: x"); answered like Livy's IllegalArgumentExceptions, 400 {"msg": ...}.
//   invalid_input "code": a statement or completion without code (Livy fails later with a 500).
// A session's unknown kind fails inside Jackson (Livy's Kind deserializer), hence "body".
Result<model::BatchRequest> decode_batch_request(std::string_view body);
Result<model::SessionRequest> decode_session_request(std::string_view body);
Result<model::StatementRequest> decode_statement_request(std::string_view body);
Result<model::CompletionRequest> decode_completion_request(std::string_view body);

// A Livy integer query parameter (from, size). Livy parses them with Scala's toInt (Java's
// Integer.parseInt) and answers 500 on failure; jobflow answers invalid_input "query" with the
// JDK's text, e.g. `For input string: "ten"`.
Result<std::int64_t> parse_int_param(std::string_view text);

}  // namespace jobflow::frontend::livy
