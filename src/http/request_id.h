#pragma once

#include <string>

namespace jobflow::http {

// A fresh random id in UUID v4 form (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx), the shape AWS uses
// for x-amzn-RequestId. Not cryptographic: it only has to be unique enough to find a request in
// the logs, and it is made on every request, so it must be cheap (a thread-local PRNG).
std::string make_request_id();

}  // namespace jobflow::http
