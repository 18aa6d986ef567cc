// Model -> Livy JSON: exact text (keys, order, nulls, number formats) for each shape.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

#include "frontend/livy/livy_shapes.h"

namespace jobflow::frontend::livy {
namespace {

constexpr std::string_view kNoAppInfo = R"({"driverLogUrl":null,"sparkUiUrl":null,"executorLogUrls":null})";

TEST(LivyShapes, BatchWithEveryKeyAndNulls) {
  model::LivyBatch b;
  b.id = 3;
  b.state = model::LivyState::kRunning;
  EXPECT_EQ(batch_json(b, {}),
            R"({"id":3,"name":null,"owner":null,"proxyUser":null,"state":"running","appId":null,"appInfo":)" +
                std::string(kNoAppInfo) + R"(,"log":[]})");
}

TEST(LivyShapes, BatchWithValues) {
  model::LivyBatch b;
  b.id = 12;
  b.request.file = "/jobs/etl.py";
  b.request.fields.name = "etl";
  b.request.fields.proxy_user = "alice";  // shown: jobflow keeps what was asked (README)
  b.owner = "bob";
  b.app_id = "local-1700000000000";
  b.state = model::LivyState::kSuccess;
  EXPECT_EQ(batch_json(b, {"stdout: ", "said \"hi\"\tand\\left", "\nstderr: "}),
            R"({"id":12,"name":"etl","owner":"bob","proxyUser":"alice","state":"success",)"
            R"("appId":"local-1700000000000","appInfo":)" +
                std::string(kNoAppInfo) + R"(,"log":["stdout: ","said \"hi\"\tand\\left","\nstderr: "]})");
}

TEST(LivyShapes, SessionDefaults) {
  model::LivySession s;
  s.id = 0;
  s.request.kind = model::LivyKind::kShared;
  s.state = model::LivyState::kStarting;
  EXPECT_EQ(session_json(s, {}),
            R"({"id":0,"name":null,"appId":null,"owner":null,"proxyUser":null,"state":"starting","kind":"shared",)"
            R"("appInfo":)" + std::string(kNoAppInfo) +
                R"(,"log":[],"ttl":null,"idleTimeout":null,"driverMemory":null,"driverCores":0,)"
                R"("executorMemory":null,"executorCores":0,"conf":{},"archives":[],"files":[],)"
                R"("heartbeatTimeoutInSecond":0,"jars":[],"numExecutors":0,"pyFiles":[],"queue":null})");
}

TEST(LivyShapes, SessionWithValuesAndLiveState) {
  model::LivySession s;
  s.id = 7;
  s.owner = "bob";
  s.state = model::LivyState::kIdle;
  auto& r = s.request;
  r.kind = model::LivyKind::kPyspark;
  r.heartbeat_timeout_s = 60;
  r.ttl = "1h";
  r.idle_timeout = "10m";
  r.fields.name = "nb";
  r.fields.proxy_user = "alice";
  r.fields.driver_memory = "1g";
  r.fields.driver_cores = 2;
  r.fields.executor_memory = "2g";
  r.fields.executor_cores = 3;
  r.fields.num_executors = 4;
  r.fields.queue = "default";
  r.fields.jars = {"a.jar"};
  r.fields.py_files = {"b.py", "c.zip"};
  r.fields.files = {"d.txt"};
  r.fields.archives = {"e.tgz"};
  r.fields.conf = {{"spark.z", "1"}, {"spark.a", "x"}};
  EXPECT_EQ(session_json(s, model::LivyState::kBusy, {"line"}),
            R"({"id":7,"name":"nb","appId":null,"owner":"bob","proxyUser":"alice","state":"busy","kind":"pyspark",)"
            R"("appInfo":)" + std::string(kNoAppInfo) +
                R"(,"log":["line"],"ttl":"1h","idleTimeout":"10m","driverMemory":"1g","driverCores":2,)"
                R"("executorMemory":"2g","executorCores":3,"conf":{"spark.z":"1","spark.a":"x"},"archives":["e.tgz"],)"
                R"("files":["d.txt"],"heartbeatTimeoutInSecond":60,"jars":["a.jar"],"numExecutors":4,)"
                R"("pyFiles":["b.py","c.zip"],"queue":"default"})");
  EXPECT_NE(session_json(s, {}).find(R"("state":"idle")"), std::string::npos);
}

TEST(LivyShapes, StatementWaitingAndAvailable) {
  model::LivyStatement st;
  st.id = 0;
  st.code = "1+1";
  EXPECT_EQ(statement_json(st),
            R"({"id":0,"code":"1+1","state":"waiting","output":null,"progress":0.0,"started":0,"completed":0})");

  st.state = model::LivyStatementState::kAvailable;
  st.output_json = R"({"status":"ok","execution_count":0,"data":{"text/plain":"2"}})";
  st.progress = 1.0;
  st.started_ms = 1700000000123;
  st.completed_ms = 1700000000456;
  EXPECT_EQ(statement_json(st),
            R"({"id":0,"code":"1+1","state":"available","output":{"status":"ok","execution_count":0,)"
            R"("data":{"text/plain":"2"}},"progress":1.0,"started":1700000000123,"completed":1700000000456})");
}

TEST(LivyShapes, ProgressIsWrittenAsJavaDoubles) {
  const std::pair<double, const char*> cases[] = {
      {0.0, "0.0"}, {0.5, "0.5"}, {1.0 / 3, "0.3333333333333333"}, {0.0001, "1.0E-4"},
      {std::numeric_limits<double>::quiet_NaN(), "\"NaN\""},
  };
  for (const auto& [p, text] : cases) {
    model::LivyStatement st;
    st.progress = p;
    const std::string json = statement_json(st);
    EXPECT_NE(json.find(std::string("\"progress\":") + text + ","), std::string::npos) << json;
  }
}

TEST(LivyShapes, SmallObjects) {
  EXPECT_EQ(state_json(4, model::LivyState::kDead), R"({"id":4,"state":"dead"})");
  EXPECT_EQ(batch_state_json(1, model::LivyState::kStarting), R"({"id":1,"state":"starting"})");
  EXPECT_EQ(session_state_json(2, model::LivyState::kShuttingDown), R"({"id":2,"state":"shutting_down"})");
  EXPECT_EQ(page_json(0, 2, {"{}", "{\"id\":1}"}), R"({"from":0,"total":2,"sessions":[{},{"id":1}]})");
  EXPECT_EQ(batches_page_json(5, 3, {}), R"({"from":5,"total":3,"sessions":[]})");
  EXPECT_EQ(sessions_page_json(0, 0, {}), R"({"from":0,"total":0,"sessions":[]})");
  EXPECT_EQ(statements_json(1, std::vector<std::string>{"{}"}), R"({"total_statements":1,"statements":[{}]})");
  EXPECT_EQ(log_json(3, 10, 12, {"a", "b"}), R"({"id":3,"from":10,"total":12,"log":["a","b"]})");
  EXPECT_EQ(completion_json({"spark", "sparkContext"}), R"({"candidates":["spark","sparkContext"]})");
  EXPECT_EQ(completion_json({}), R"({"candidates":[]})");
  EXPECT_EQ(msg_json("deleted"), R"({"msg":"deleted"})");
  EXPECT_EQ(string_json("Statement not found"), R"("Statement not found")");
  EXPECT_EQ(version_json("0.9.0-jobflow", "jobflow", "abc123", "main", "2026-01-02", "https://example.org/jobflow"),
            R"({"url":"https://example.org/jobflow","branch":"main","revision":"abc123","version":"0.9.0-jobflow",)"
            R"("date":"2026-01-02","user":"jobflow"})");
}

TEST(LivyShapes, StatementListEncodesStatements) {
  model::LivyStatement a, b;
  b.id = 1;
  b.code = "x";
  EXPECT_EQ(statements_json(2, std::vector<model::LivyStatement>{a, b}),
            R"({"total_statements":2,"statements":[{"id":0,"code":"","state":"waiting","output":null,"progress":0.0,)"
            R"("started":0,"completed":0},{"id":1,"code":"x","state":"waiting","output":null,"progress":0.0,)"
            R"("started":0,"completed":0}]})");
}

TEST(LivyShapes, AnyTextStaysValidJson) {
  const std::string nasty = std::string("ctl\x01\x1f end \x7f \xC3\xA9 \xF0\x9F\x98\x80 </script> \"q\" \\", 40);
  const std::string json = log_json(1, 0, 1, {nasty, std::string("nul\0byte", 8)});
  EXPECT_NE(json.find(R"(ctl\u0001\u001F end)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"(nul\u0000byte)"), std::string::npos) << json;
  const auto parsed = boost::json::parse(json);
  EXPECT_EQ(parsed.at("log").as_array()[0].as_string(), nasty);
  // Invalid UTF-8 should have been replaced before; it passes through without harm.
  EXPECT_NO_THROW(log_json(1, 0, 1, {"bad \xFF\xFE bytes"}));
}

}  // namespace
}  // namespace jobflow::frontend::livy
