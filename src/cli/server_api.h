#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "cli/track/api_error.h"
#include "http/client.h"

namespace jobflow::cli {

// The public APIs of a jobflow server, as the tracking commands use them: EMR (AWS JSON 1.1),
// Step Functions (AWS JSON 1.0), Livy REST, and jobflow's own step-log route. The server reads
// no signature: an AWS JSON request needs only its X-Amz-Target; the Authorization header is
// sent only to carry a region (its Credential scope) when one is set, since state machines live
// in a region.
class ServerApi {
 public:
  ServerApi(std::string base_url, std::string region);

  const std::string& base_url() const { return base_url_; }

  ApiResult<boost::json::object> emr(std::string_view operation, const boost::json::object& body);
  // `region` overrides the default one (an execution ARN names its own).
  ApiResult<boost::json::object> sfn(std::string_view operation, const boost::json::object& body,
                                     std::string_view region = {});
  // GET of a Livy path ("/batches/3"): the JSON body.
  ApiResult<boost::json::value> livy(std::string_view path);
  // GET of any path: the raw response (errors only when there is none).
  ApiResult<http::Response> get(std::string_view path);

 private:
  ApiResult<boost::json::object> aws(std::string_view target, std::string_view content_type,
                                     std::string_view service, const boost::json::object& body,
                                     std::string_view region);

  std::string base_url_;
  std::string region_;
  http::Client http_;
};

}  // namespace jobflow::cli
