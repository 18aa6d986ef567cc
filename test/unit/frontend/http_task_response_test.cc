// Shaping an HTTP task's response into its result or failure, as a table.
#include <gtest/gtest.h>

#include "frontend/integrations/http_task_response.h"

namespace jobflow::frontend {
namespace {

struct Case {
  HttpTaskResponse response;
  std::string error;     // empty: the task succeeds
  std::string expected;  // the output, or the cause
};

TEST(HttpTaskResponse, Table) {
  using H = std::vector<std::pair<std::string, std::string>>;
  const std::vector<Case> cases = {
      // JSON bodies are parsed; header values are lists in arrival order.
      {{200, "OK", H{{"Content-Type", "application/json"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}}, R"({"id":0,"state":"starting"})"},
       "",
       R"({"Headers":{"Content-Type":["application/json"],"Set-Cookie":["a=1","b=2"]},"ResponseBody":{"id":0,"state":"starting"},"StatusCode":200,"StatusText":"OK"})"},
      {{201, "Created", H{{"content-type", "application/problem+json; charset=utf-8"}}, "[1,2]"},
       "", R"({"Headers":{"content-type":["application/problem+json; charset=utf-8"]},"ResponseBody":[1,2],"StatusCode":201,"StatusText":"Created"})"},
      // Not JSON by its type, or not parseable: the text.
      {{200, "OK", H{{"Content-Type", "text/plain"}}, R"({"a":1})"},
       "", R"({"Headers":{"Content-Type":["text/plain"]},"ResponseBody":"{\"a\":1}","StatusCode":200,"StatusText":"OK"})"},
      {{200, "OK", H{{"Content-Type", "application/json"}}, "not json"},
       "", R"({"Headers":{"Content-Type":["application/json"]},"ResponseBody":"not json","StatusCode":200,"StatusText":"OK"})"},
      {{204, "", H{}, ""}, "", R"({"Headers":{},"ResponseBody":"","StatusCode":204,"StatusText":"No Content"})"},
      {{299, "", H{}, "x"}, "", R"({"Headers":{},"ResponseBody":"x","StatusCode":299,"StatusText":""})"},
      // Outside 2xx: States.Http.StatusCode.<code>, the response object as the cause.
      {{404, "Not Found", H{{"Content-Type", "application/json"}}, R"({"msg":"Session '7' not found."})"},
       "States.Http.StatusCode.404",
       R"({"Headers":{"Content-Type":["application/json"]},"ResponseBody":{"msg":"Session '7' not found."},"StatusCode":404,"StatusText":"Not Found"})"},
      {{500, "Internal Server Error", H{}, "boom"},
       "States.Http.StatusCode.500", R"({"Headers":{},"ResponseBody":"boom","StatusCode":500,"StatusText":"Internal Server Error"})"},
      {{302, "Found", H{{"Location", "/elsewhere"}}, ""},
       "States.Http.StatusCode.302", R"({"Headers":{"Location":["/elsewhere"]},"ResponseBody":"","StatusCode":302,"StatusText":"Found"})"},
      {{199, "", H{}, ""}, "States.Http.StatusCode.199", R"({"Headers":{},"ResponseBody":"","StatusCode":199,"StatusText":""})"},
      // Bodies AWS does not read: States.Runtime.
      {{200, "OK", H{{"Content-Type", "image/png"}}, "x"}, "States.Runtime",
       "The HTTP response has the content type 'image/png', which an HTTP Task does not support."},
      {{200, "OK", H{{"CONTENT-TYPE", "Application/Octet-Stream; q=1"}}, "x"}, "States.Runtime",
       "The HTTP response has the content type 'application/octet-stream', which an HTTP Task does not support."},
      {{200, "OK", H{{"Content-Type", "audio/mpeg"}}, ""}, "States.Runtime",
       "The HTTP response has the content type 'audio/mpeg', which an HTTP Task does not support."},
      {{200, "OK", H{{"Content-Type", "video/mp4"}}, ""}, "States.Runtime",
       "The HTTP response has the content type 'video/mp4', which an HTTP Task does not support."},
      {{200, "OK", H{}, std::string("\xff\xfe", 2)}, "States.Runtime", "The HTTP response body can't be read as a valid UTF-8 string."},
      {{200, "OK", H{}, std::string("\xc0\xaf", 2)}, "States.Runtime", "The HTTP response body can't be read as a valid UTF-8 string."},
      {{200, "OK", H{}, std::string("\xe2\x82", 2)}, "States.Runtime", "The HTTP response body can't be read as a valid UTF-8 string."},
      {{200, "OK", H{}, "h\xc3\xa9 \xf0\x9f\x99\x82"}, "",
       "{\"Headers\":{},\"ResponseBody\":\"h\xc3\xa9 \xf0\x9f\x99\x82\",\"StatusCode\":200,\"StatusText\":\"OK\"}"},
  };
  for (const auto& c : cases) {
    auto output = c.response.to_output();
    if (c.error.empty()) {
      ASSERT_TRUE(output) << c.response.status << " " << output.error().error << " " << output.error().cause;
      EXPECT_EQ(asl::to_text(**output), c.expected);
    } else {
      ASSERT_FALSE(output) << c.response.status;
      EXPECT_EQ(output.error().error, c.error);
      EXPECT_EQ(output.error().cause, c.expected);
    }
  }
}

}  // namespace
}  // namespace jobflow::frontend
