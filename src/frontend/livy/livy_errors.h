#pragma once

#include "base/error.h"
#include "http/response.h"

namespace jobflow::frontend::livy {

// Where an error happened: Livy words IllegalArgumentExceptions differently on create.
enum class LivyCall { kCreate, kOther };

// The one table from core errors to Livy's wire errors (reference/livy.md §7):
//   invalid_input "body" (JSON binding)     400, the message as a bare JSON string
//   invalid_input / invalid_state, create   400 {"msg":"Rejected, Reason: <message>"}
//   invalid_input / invalid_state, other    400 {"msg":"<message>"}
//   not_found "statement"                   404 "Statement not found" (a bare JSON string)
//   not_found                               404 {"msg":"Session 'N' not found."}
//   limit_exceeded                          400 {"msg":"Rejected, too many sessions are being created!"}
//   unsupported                             400 {"msg":...}  (jobflow cannot run this here)
//   conflict 409, too_large 413, internal 500: {"msg":...}
http::Response to_wire(const Error& error, LivyCall call = LivyCall::kOther);

}  // namespace jobflow::frontend::livy
