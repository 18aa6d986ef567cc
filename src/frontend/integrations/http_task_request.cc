#include "frontend/integrations/http_task_request.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <fmt/format.h>

#include "frontend/integrations/form_url_encoder.h"

namespace jobflow::frontend {
namespace {

constexpr std::array<std::string_view, 7> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};

constexpr std::array<std::string_view, 8> kFields{"ApiEndpoint", "Method",          "Authentication", "InvocationConfig",
                                                  "Headers",     "QueryParameters", "RequestBody",    "Transform"};

// AWS's list of headers an HTTP task may not set ("You can't use the following headers in your
// HTTP Task definition. If you use these headers, the HTTP Task fails with the States.Runtime
// error"), lower case, without Authorization: AWS refuses it because the EventBridge connection
// supplies credentials, and jobflow, which has no connections, lets the definition send them.
constexpr std::array<std::string_view, 32> kForbiddenHeaders{
    "a-im",          "accept-charset",     "accept-datetime", "accept-encoding",   "cache-control",
    "connection",    "content-encoding",   "content-md5",     "date",              "expect",
    "forwarded",     "from",               "host",            "http2-settings",    "if-match",
    "if-modified-since", "if-none-match",  "if-range",        "if-unmodified-since", "max-forwards",
    "origin",        "pragma",             "proxy-authorization", "referer",       "server",
    "te",            "trailer",            "transfer-encoding", "upgrade",         "via",
    "warning",       "content-length"};
constexpr std::array<std::string_view, 3> kForbiddenHeaderPrefixes{"x-forwarded-", "x-amz-", "x-amzn-"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool forbidden_header(std::string_view name) {
  const std::string l = lower(name);
  if (std::find(kForbiddenHeaders.begin(), kForbiddenHeaders.end(), l) != kForbiddenHeaders.end()) return true;
  return std::any_of(kForbiddenHeaderPrefixes.begin(), kForbiddenHeaderPrefixes.end(),
                     [&](std::string_view prefix) { return l.starts_with(prefix); });
}

// RFC 7230 token characters: what a header name may hold.
bool is_token(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

bool has_line_break(std::string_view value) { return value.find_first_of("\r\n") != std::string_view::npos; }

// The text of a header value or a query string given as a scalar.
std::optional<std::string> scalar_text(const asl::Json& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_number() || value.is_bool()) return asl::to_text(value);
  return std::nullopt;
}

// Step Functions' run-time wording for parameters it cannot use (States.Runtime).
class Rejection {
 public:
  explicit Rejection(const asl::Json& parameters) : parameters_(parameters) {}
  std::unexpected<asl::Failure> operator()(std::string_view detail) const {
    return asl::raise(asl::Failure::runtime(fmt::format("The Parameters '{}' could not be used to start the Task: [{}]",
                                                        asl::to_text(parameters_), detail)));
  }

 private:
  const asl::Json& parameters_;
};

std::string wrong_type(std::string_view field, std::string_view expected) {
  return fmt::format("The value of the field '{}' must be {}", field, expected);
}

// ARNs of EventBridge connections: arn:<partition>:events:<region>:<account>:connection/<name>[/<id>].
bool is_connection_arn(std::string_view arn) {
  std::array<std::string_view, 6> parts;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return false;
    parts[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  parts[5] = arn;
  return parts[0] == "arn" && parts[1].starts_with("aws") && parts[2] == "events" && !parts[3].empty() &&
         parts[4].size() == 12 && std::all_of(parts[4].begin(), parts[4].end(), [](unsigned char c) { return std::isdigit(c); }) &&
         parts[5].starts_with("connection/") && parts[5].size() > std::string_view("connection/").size();
}

bool has_header(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return lower(h.first) == name; });
}

}  // namespace

std::string HttpTaskRequest::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  std::string out = ipv6 ? fmt::format("[{}]", host) : host;
  if (port != (https ? 443 : 80)) out += fmt::format(":{}", port);
  return out;
}

asl::Outcome<HttpTaskRequest> HttpTaskRequest::decode(const asl::Json& given, std::string_view region) {
  static const asl::Json kEmpty = boost::json::object();
  const asl::Json& parameters = given.is_null() ? kEmpty : given;
  const Rejection reject(parameters);
  if (!parameters.is_object()) return reject(wrong_type("Parameters", "an object"));
  const auto& p = parameters.get_object();
  for (const auto& [key, value] : p) {
    if (std::find(kFields.begin(), kFields.end(), std::string_view(key)) == kFields.end()) {
      return reject(fmt::format("The field '{}' is not supported by Step Functions", std::string_view(key)));
    }
  }
  HttpTaskRequest request;

  // ApiEndpoint: an absolute http(s) URL. Plain http is jobflow's addition (AWS calls HTTPS
  // APIs only) so that loopback services such as jobflow's own Livy API can be reached.
  const auto* endpoint = p.if_contains("ApiEndpoint");
  if (endpoint == nullptr) return reject("The field 'ApiEndpoint' is required but was missing");
  if (!endpoint->is_string()) return reject(wrong_type("ApiEndpoint", "a string"));
  const std::string_view endpoint_text = endpoint->get_string();
  auto url = boost::urls::parse_uri(endpoint_text);
  if (!url) return reject(fmt::format("The value of the field 'ApiEndpoint' is not a valid URL: '{}'", endpoint_text));
  const std::string scheme = lower(url->scheme());
  if (scheme != "http" && scheme != "https") {
    return reject(fmt::format("The value of the field 'ApiEndpoint' must be an https:// or http:// URL: '{}'", endpoint_text));
  }
  request.https = scheme == "https";
  if (!url->has_authority() || url->encoded_host().empty()) {
    return reject(fmt::format("The value of the field 'ApiEndpoint' has no host: '{}'", endpoint_text));
  }
  if (url->has_userinfo()) {
    return reject("The value of the field 'ApiEndpoint' must not hold credentials (user:password@); "
                  "send an Authorization header in 'Headers' instead");
  }
  if (url->host_type() == boost::urls::host_type::ipv6) {
    request.host = url->host_ipv6_address().to_string();
  } else if (url->host_type() == boost::urls::host_type::ipv4) {
    request.host = url->host_ipv4_address().to_string();
  } else {
    request.host = url->host();
  }
  if (url->has_port()) {
    if (url->port().empty() || url->port_number() == 0) {
      return reject(fmt::format("The value of the field 'ApiEndpoint' has an invalid port: '{}'", endpoint_text));
    }
    request.port = url->port_number();
  } else {
    request.port = request.https ? 443 : 80;
  }
  request.target = url->encoded_path().empty() ? "/" : std::string(url->encoded_path());
  if (url->has_query()) {
    request.target += '?';
    request.target += std::string_view(url->encoded_query());
  }

  const auto* method = p.if_contains("Method");
  if (method == nullptr) return reject("The field 'Method' is required but was missing");
  if (!method->is_string() ||
      std::find(kMethods.begin(), kMethods.end(), std::string_view(method->get_string())) == kMethods.end()) {
    return reject("The field 'Method' should have one of these values: [GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD]");
  }
  request.method = std::string(method->get_string());

  // Authentication (AWS's older name) or InvocationConfig: {"ConnectionArn": ...}.
  for (std::string_view field : {"Authentication", "InvocationConfig"}) {
    const auto* config = p.if_contains(field);
    if (config == nullptr) continue;
    if (!config->is_object()) return reject(wrong_type(field, "an object"));
    const auto* arn = config->get_object().if_contains("ConnectionArn");
    if (arn == nullptr) return reject(fmt::format("The field '{}.ConnectionArn' is required but was missing", field));
    if (!arn->is_string() || !is_connection_arn(arn->get_string())) {
      return reject(fmt::format("The value of the field '{}.ConnectionArn' must be an EventBridge connection ARN "
                                "(arn:aws:events:<region>:<account>:connection/<name>/<id>)",
                                field));
    }
    request.connection_arn = std::string(arn->get_string());
  }

  // Transform: how RequestBody (and a QueryParameters object) is encoded.
  bool url_encoded = false;
  ArrayFormat array_format = ArrayFormat::kIndices;
  if (const auto* transform = p.if_contains("Transform")) {
    if (!transform->is_object()) return reject(wrong_type("Transform", "an object"));
    const auto& t = transform->get_object();
    if (const auto* encoding = t.if_contains("RequestBodyEncoding")) {
      if (!encoding->is_string() || (encoding->get_string() != "NONE" && encoding->get_string() != "URL_ENCODED")) {
        return reject("The field 'RequestBodyEncoding' should have one of these values: [NONE, URL_ENCODED]");
      }
      url_encoded = encoding->get_string() == "URL_ENCODED";
    }
    if (const auto* options = t.if_contains("RequestEncodingOptions")) {
      if (!options->is_object()) return reject(wrong_type("RequestEncodingOptions", "an object"));
      if (const auto* format = options->get_object().if_contains("ArrayFormat")) {
        auto parsed = format->is_string() ? kArrayFormats.parse(format->get_string()) : std::nullopt;
        if (!parsed) return reject("The field 'ArrayFormat' should have one of these values: [BRACKETS, COMMAS, INDICES, REPEAT]");
        array_format = *parsed;
      }
    }
  }
  const FormUrlEncoder encoder(array_format);

  // QueryParameters: an object (URL-encoded like a form body) or a ready query string.
  if (const auto* query = p.if_contains("QueryParameters"); query && !query->is_null()) {
    std::string encoded;
    if (query->is_object()) {
      encoded = encoder.encode(query->get_object());
    } else if (query->is_string()) {
      encoded = std::string(query->get_string());
      if (encoded.starts_with("?")) encoded.erase(0, 1);
      if (encoded.find_first_of(" #\r\n") != std::string::npos) {
        return reject("The value of the field 'QueryParameters' is not a valid query string");
      }
    } else {
      return reject(wrong_type("QueryParameters", "an object or a string"));
    }
    if (!encoded.empty()) request.target += (request.target.find('?') == std::string::npos ? "?" : "&") + encoded;
  }

  // Headers: an object; a value is a string, number or boolean, or an array of those (one
  // header line each).
  if (const auto* headers = p.if_contains("Headers"); headers && !headers->is_null()) {
    if (!headers->is_object()) return reject("The value of the field 'Headers' has an invalid format");
    std::vector<std::string> unsupported;
    for (const auto& [name, value] : headers->get_object()) {
      if (!is_token(name)) return reject("The value of the field 'Headers' has an invalid format");
      if (forbidden_header(name)) {
        unsupported.push_back(lower(name));
        continue;
      }
      // Step Functions sets these itself (below); the definition's are replaced.
      if (const std::string l = lower(name); l == "user-agent" || l == "range") continue;
      std::vector<const asl::Json*> values;
      if (value.is_array()) {
        for (const auto& item : value.get_array()) values.push_back(&item);
      } else {
        values.push_back(&value);
      }
      for (const auto* item : values) {
        auto text = scalar_text(*item);
        if (!text || has_line_break(*text)) return reject("The value of the field 'Headers' has an invalid format");
        request.headers.emplace_back(std::string(name), std::move(*text));
      }
    }
    if (!unsupported.empty()) {
      std::string list;
      for (const auto& name : unsupported) list += (list.empty() ? "" : ", ") + name;
      return reject(fmt::format("The 'Headers' field contains unsupported values: [{}]", list));
    }
  }

  // RequestBody: JSON (serialized compactly) or, with URL_ENCODED, a form of an object; a
  // string is sent as it is.
  std::string_view default_type;
  if (const auto* body = p.if_contains("RequestBody"); body && !body->is_null()) {
    request.has_body = true;
    if (body->is_string()) {
      request.body = std::string(body->get_string());
      default_type = url_encoded ? "application/x-www-form-urlencoded" : "text/plain; charset=UTF-8";
    } else if (url_encoded) {
      if (!body->is_object()) return reject("The value of the field 'RequestBody' must be an object or a string to be URL-encoded");
      request.body = encoder.encode(body->get_object());
      default_type = "application/x-www-form-urlencoded";
    } else {
      request.body = asl::to_text(*body);
      default_type = "application/json; charset=UTF-8";
    }
  }
  request.headers.emplace_back("User-Agent", fmt::format("Amazon|StepFunctions|HttpInvoke|{}", region));
  request.headers.emplace_back("Range", "bytes=0-262144");
  if (request.has_body && !has_header(request.headers, "content-type")) {
    request.headers.emplace_back("Content-Type", std::string(default_type));
  }
  return request;
}

}  // namespace jobflow::frontend
