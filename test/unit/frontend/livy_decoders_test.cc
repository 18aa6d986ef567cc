// Livy request bodies -> model, as tables: body -> request, or body -> the error Livy's Jackson
// would give (message text, location and reference chain included).
#include <gtest/gtest.h>

#include <sstream>

#include "frontend/livy/livy_decoders.h"

namespace jobflow::frontend::livy {
namespace {

std::string at(int line, int column) {
  return "\n at [Source: (org.eclipse.jetty.server.HttpInputOverHTTP); line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}
std::string chain(std::string_view refs) { return " (through reference chain: " + std::string(refs) + ")"; }

constexpr std::string_view kBatch = "org.apache.livy.server.batch.CreateBatchRequest";
constexpr std::string_view kSession = "org.apache.livy.server.interactive.CreateInteractiveRequest";
constexpr std::string_view kList = "com.fasterxml.jackson.module.scala.deser.GenericFactoryDeserializerResolver$BuilderWrapper";
constexpr std::string_view kMap = "com.fasterxml.jackson.module.scala.deser.GenericMapFactoryDeserializerResolver$BuilderWrapper";
const std::string kBatchKnown =
    " (16 known properties: \"executorCores\", \"className\", \"conf\", \"driverMemory\", \"name\", \"driverCores\", "
    "\"pyFiles\", \"archives\", \"executorMemory\", \"files\", \"jars\", \"proxyUser\", \"numExecutors\", \"file\", "
    "\"args\", \"queue\"])";
const std::string kSessionKnown =
    " (17 known properties: \"executorCores\", \"conf\", \"driverMemory\", \"name\", \"driverCores\", \"idleTimeout\", "
    "\"pyFiles\", \"archives\", \"kind\", \"files\", \"jars\", \"proxyUser\", \"numExecutors\", "
    "\"heartbeatTimeoutInSecond\", \"ttl\", \"queue\", \"executorMemory\"])";

std::string field(std::string_view cls, std::string_view name) {
  return std::string(cls) + "[\"" + std::string(name) + "\"]";
}

std::string list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (const auto& s : v) out += (out.size() > 1 ? "," : "") + s;
  return out + "]";
}
template <class T>
std::string opt(const std::optional<T>& v) {
  if (!v) return "-";
  std::ostringstream os;
  os << *v;
  return os.str();
}

std::string describe(const model::LivyJobFields& f) {
  std::string conf;
  for (const auto& [k, v] : f.conf) conf += (conf.empty() ? "" : ",") + k + "=" + v;
  return "proxyUser=" + opt(f.proxy_user) + " jars=" + list(f.jars) + " pyFiles=" + list(f.py_files) +
         " files=" + list(f.files) + " archives=" + list(f.archives) + " driverMemory=" + opt(f.driver_memory) +
         " driverCores=" + opt(f.driver_cores) + " executorMemory=" + opt(f.executor_memory) +
         " executorCores=" + opt(f.executor_cores) + " numExecutors=" + opt(f.num_executors) + " queue=" +
         opt(f.queue) + " name=" + opt(f.name) + " conf={" + conf + "}";
}

std::string describe(const model::BatchRequest& r) {
  return "file=" + r.file + " className=" + opt(r.class_name) + " args=" + list(r.args) + " " + describe(r.fields);
}

std::string describe(const model::SessionRequest& r) {
  return "kind=" + std::string(model::kLivyKinds.name(r.kind)) + " heartbeat=" + std::to_string(r.heartbeat_timeout_s) +
         " ttl=" + opt(r.ttl) + " idleTimeout=" + opt(r.idle_timeout) + " " + describe(r.fields);
}

std::string describe(const model::StatementRequest& r) {
  return "code=" + r.code + " kind=" + (r.kind ? std::string(model::kLivyKinds.name(*r.kind)) : "-");
}
std::string describe(const model::CompletionRequest& r) {
  return "code=" + r.code + " kind=" + std::string(model::kLivyKinds.name(r.kind)) + " cursor=" + std::to_string(r.cursor);
}

const std::string kNoFields = describe(model::LivyJobFields{});

template <class T>
std::string outcome(const Result<T>& r) {
  if (!r) return "error " + r.error().resource + ": " + r.error().message;
  return describe(*r);
}

struct Case {
  const char* name;
  std::string body;
  std::string expected;  // describe(request) or "error <resource>: <message>"
};

std::string body_error(const std::string& message) { return "error body: " + message; }

// ---- batches ----

const Case kBatchCases[] = {
    {"minimal", R"({"file":"local:/opt/job.jar"})", "file=local:/opt/job.jar className=- args=[] " + kNoFields},
    {"empty_object_leaves_file_to_the_engine", "{}", "file= className=- args=[] " + kNoFields},
    {"airflow_strings_and_scalar_conf",
     R"({"file":"/a.py","args":["1","x"],"driverCores":"2","numExecutors":" 3 ","driverMemory":"512m",)"
     R"("conf":{"spark.a":1,"spark.b":true,"spark.c":"s","spark.d":2.50},"name":"n"})",
     "file=/a.py className=- args=[1,x] proxyUser=- jars=[] pyFiles=[] files=[] archives=[] driverMemory=512m "
     "driverCores=2 executorMemory=- executorCores=- numExecutors=3 queue=- name=n "
     "conf={spark.a=1,spark.b=true,spark.c=s,spark.d=2.50}"},
    {"nulls_are_absent",
     R"({"file":"f","className":null,"args":null,"jars":null,"conf":null,"driverCores":null,"name":null})",
     "file=f className=- args=[] " + kNoFields},
    {"scalars_in_lists_become_text", R"({"file":"f","args":[1,-2.5e3,true,false]})",
     "file=f className=- args=[1,-2.5e3,true,false] " + kNoFields},
    {"float_and_empty_integers",
     R"({"file":"f","executorCores":2.9,"numExecutors":"","driverCores":"null"})",
     "file=f className=- args=[] proxyUser=- jars=[] pyFiles=[] files=[] archives=[] driverMemory=- driverCores=- "
     "executorMemory=- executorCores=2 numExecutors=- queue=- name=- conf={}"},
    {"all_fields",
     R"({"file":"f","proxyUser":"u","className":"C","args":["a"],"jars":["j"],"pyFiles":["p"],"files":["x"],)"
     R"("archives":["z"],"driverMemory":"1g","driverCores":1,"executorMemory":"2g","executorCores":2,)"
     R"("numExecutors":3,"queue":"q","name":"n","conf":{"k":"v"}})",
     "file=f className=C args=[a] proxyUser=u jars=[j] pyFiles=[p] files=[x] archives=[z] driverMemory=1g "
     "driverCores=1 executorMemory=2g executorCores=2 numExecutors=3 queue=q name=n conf={k=v}"},
    {"last_duplicate_wins", R"({"file":"a","file":"b","conf":{"a":"1","b":"2","a":"3"}})",
     "file=b className=- args=[] proxyUser=- jars=[] pyFiles=[] files=[] archives=[] driverMemory=- driverCores=- "
     "executorMemory=- executorCores=- numExecutors=- queue=- name=- conf={a=3,b=2}"},
    {"escapes_and_utf8", R"({"file":"caf\u00e9 \ud83d\ude00 \t é"})",
     "file=caf\xC3\xA9 \xF0\x9F\x98\x80 \t \xC3\xA9 className=- args=[] " + kNoFields},
    {"byte_order_mark_and_trailing_text", "\xEF\xBB\xBF{\"file\":\"f\"} and then garbage",
     "file=f className=- args=[] " + kNoFields},

    {"empty_body", "", body_error("No content to map due to end-of-input" + at(1, 0))},
    {"blank_body", " \n ", body_error("No content to map due to end-of-input" + at(1, 0))},
    {"array_body", "[]",
     body_error("Cannot deserialize value of type `org.apache.livy.server.batch.CreateBatchRequest` from Array value "
                "(token `JsonToken.START_ARRAY`)" + at(1, 1))},
    {"string_body", R"("f")",
     body_error("Cannot construct instance of `org.apache.livy.server.batch.CreateBatchRequest` (although at least "
                "one Creator exists): no String-argument constructor/factory method to deserialize from String value "
                "('f')" + at(1, 1))},
    {"number_body", "7",
     body_error("Cannot construct instance of `org.apache.livy.server.batch.CreateBatchRequest` (although at least "
                "one Creator exists): no int/Int-argument constructor/factory method to deserialize from Number value "
                "(7)" + at(1, 1))},
    {"null_body", "null",
     body_error("Cannot deserialize value of type `org.apache.livy.server.batch.CreateBatchRequest` from Null value "
                "(token `JsonToken.VALUE_NULL`)" + at(1, 1))},
    {"unknown_field", R"({"file":"a.py","x":1})",
     body_error("Unrecognized field \"x\" (class org.apache.livy.server.batch.CreateBatchRequest), not marked as "
                "ignorable" + kBatchKnown + at(1, 21) + chain(field(kBatch, "x")))},
    {"unknown_field_string_value", R"({"master":"yarn","file":"f"})",
     body_error("Unrecognized field \"master\" (class org.apache.livy.server.batch.CreateBatchRequest), not marked "
                "as ignorable" + kBatchKnown + at(1, 12) + chain(field(kBatch, "master")))},
    {"unknown_field_multiline", "{\n  \"file\": \"a\",\n  \"x\": 1\n}",
     body_error("Unrecognized field \"x\" (class org.apache.livy.server.batch.CreateBatchRequest), not marked as "
                "ignorable" + kBatchKnown + at(3, 9) + chain(field(kBatch, "x")))},
    {"field_names_are_case_sensitive", R"({"File":"f"})",
     body_error("Unrecognized field \"File\" (class org.apache.livy.server.batch.CreateBatchRequest), not marked as "
                "ignorable" + kBatchKnown + at(1, 10) + chain(field(kBatch, "File")))},
    {"args_as_string", R"({"file":"a","args":"x"})",
     body_error("Cannot deserialize value of type `scala.collection.immutable.List<java.lang.String>` from String "
                "value (token `JsonToken.VALUE_STRING`)" + at(1, 20) + chain(field(kBatch, "args")))},
    {"args_as_empty_string", R"({"file":"a","args":""})",
     body_error("Cannot coerce empty String (\"\") to element of `scala.collection.immutable.List<java.lang.String>` "
                "(but could if coercion was enabled using `CoercionConfig`)" + at(1, 20) + chain(field(kBatch, "args")))},
    {"args_as_number", R"({"file":"a","args":5})",
     body_error("Cannot deserialize value of type `scala.collection.immutable.List<java.lang.String>` from Integer "
                "value (token `JsonToken.VALUE_NUMBER_INT`)" + at(1, 20) + chain(field(kBatch, "args")))},
    {"args_element_object", R"({"file":"a","args":["ok",{}]})",
     body_error("Cannot deserialize value of type `java.lang.String` from Object value (token "
                "`JsonToken.START_OBJECT`)" + at(1, 26) + chain(field(kBatch, "args") + "->" + std::string(kList) + "[1]"))},
    {"args_element_null", R"({"file":"a","args":["ok",null]})",
     body_error("Invalid `null` value encountered for property \"args\"" + at(1, 26) +
                chain(field(kBatch, "args") + "->" + std::string(kList) + "[1]"))},
    {"file_as_object", R"({"file":{}})",
     body_error("Cannot deserialize value of type `java.lang.String` from Object value (token "
                "`JsonToken.START_OBJECT`)" + at(1, 9) + chain(field(kBatch, "file")))},
    {"file_as_array", R"({"file":["a"]})",
     body_error("Cannot deserialize value of type `java.lang.String` from Array value (token "
                "`JsonToken.START_ARRAY`)" + at(1, 9) + chain(field(kBatch, "file")))},
    {"cores_not_a_number", R"({"file":"a","driverCores":"two"})",
     body_error("Cannot deserialize value of type `int` from String \"two\": not a valid `int` value" + at(1, 27) +
                chain(field(kBatch, "driverCores")))},
    {"cores_boolean", R"({"file":"a","driverCores":true})",
     body_error("Cannot deserialize value of type `java.lang.Integer` from Boolean value (token "
                "`JsonToken.VALUE_TRUE`)" + at(1, 27) + chain(field(kBatch, "driverCores")))},
    {"cores_blank", R"({"file":"a","executorCores":" "})",
     body_error("Cannot coerce blank String (all whitespace) to `java.lang.Integer` value (but could if coercion "
                "was enabled using `CoercionConfig`)" + at(1, 29) + chain(field(kBatch, "executorCores")))},
    {"cores_overflow", R"({"file":"a","numExecutors":2147483648})",
     body_error("Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)" + at(1, 38) +
                chain(field(kBatch, "numExecutors")))},
    {"conf_value_object", R"({"file":"a","conf":{"k":{}}})",
     body_error("Cannot deserialize value of type `java.lang.String` from Object value (token "
                "`JsonToken.START_OBJECT`)" + at(1, 25) + chain(field(kBatch, "conf") + "->" + std::string(kMap) + "[\"k\"]"))},
    {"conf_value_null", R"({"file":"a","conf":{"k":null}})",
     body_error("Invalid `null` value encountered for property \"conf\"" + at(1, 25) +
                chain(field(kBatch, "conf") + "->" + std::string(kMap) + "[\"k\"]"))},
    {"conf_as_array", R"({"file":"a","conf":[]})",
     body_error("Cannot deserialize value of type `scala.collection.immutable.Map<java.lang.String,java.lang.String>` "
                "from Array value (token `JsonToken.START_ARRAY`)" + at(1, 20) + chain(field(kBatch, "conf")))},
    {"conf_as_string", R"({"file":"a","conf":" x "})",
     body_error("Cannot construct instance of `scala.collection.immutable.Map` (although at least one Creator "
                "exists): no String-argument constructor/factory method to deserialize from String value ('x')" +
                at(1, 20) + chain(field(kBatch, "conf")))},
    // A syntax error inside a property's value is wrapped with the property; between properties it is not.
    {"bad_string_in_value", "{\"file\":\"a\x01\"}",
     body_error("Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included "
                "in string value" + at(1, 12) + chain(field(kBatch, "file")))},
    {"bad_string_in_conf_value", "{\"conf\":{\"k\":\"\\q\"}}",
     body_error("Unrecognized character escape 'q' (code 113)" + at(1, 17) + chain(field(kBatch, "conf")))},
    {"missing_comma_in_args", R"({"args":["a" "b"]})",
     body_error("Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries" + at(1, 15) +
                chain(field(kBatch, "args")))},
    {"trailing_comma", R"({"file":"a",})",
     body_error("Unexpected character ('}' (code 125)): was expecting double-quote to start field name" + at(1, 14))},
    {"truncated", R"({"file":"a")",
     body_error("Unexpected end-of-input: expected close marker for Object (start marker at [Source: "
                "(org.eclipse.jetty.server.HttpInputOverHTTP); line: 1, column: 1])" + at(1, 12))},
    {"unquoted_value", R"({"file":a.py})",
     body_error("Unrecognized token 'a': was expecting (JSON String, Number, Array, Object or token 'null', 'true' "
                "or 'false')" + at(1, 11))},
    // Jackson reports the first problem it reaches: an unknown field before a later syntax error.
    {"first_problem_wins", R"({"x":1, oops)",
     body_error("Unrecognized field \"x\" (class org.apache.livy.server.batch.CreateBatchRequest), not marked as "
                "ignorable" + kBatchKnown + at(1, 7) + chain(field(kBatch, "x")))},
};

class LivyBatchDecoder : public ::testing::TestWithParam<Case> {};
TEST_P(LivyBatchDecoder, Decodes) { EXPECT_EQ(outcome(decode_batch_request(GetParam().body)), GetParam().expected); }
INSTANTIATE_TEST_SUITE_P(Livy, LivyBatchDecoder, ::testing::ValuesIn(kBatchCases),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- sessions ----

const std::string kDefaultSession = "kind=shared heartbeat=0 ttl=- idleTimeout=- " + kNoFields;

const Case kSessionCases[] = {
    {"empty", "{}", kDefaultSession},
    {"kind_null_is_shared", R"({"kind":null})", kDefaultSession},
    {"kind_alias", R"({"kind":"python"})", "kind=pyspark heartbeat=0 ttl=- idleTimeout=- " + kNoFields},
    {"kind_scala", R"({"kind":"scala"})", "kind=spark heartbeat=0 ttl=- idleTimeout=- " + kNoFields},
    {"kind_r", R"({"kind":"r"})", "kind=sparkr heartbeat=0 ttl=- idleTimeout=- " + kNoFields},
    {"kind_sql", R"({"kind":"sql"})", "kind=sql heartbeat=0 ttl=- idleTimeout=- " + kNoFields},
    {"sparkmagic",
     R"({"kind": "pyspark", "heartbeatTimeoutInSecond": 60, "name": "s", "conf": {"spark.executor.instances": 2}})",
     "kind=pyspark heartbeat=60 ttl=- idleTimeout=- proxyUser=- jars=[] pyFiles=[] files=[] archives=[] "
     "driverMemory=- driverCores=- executorMemory=- executorCores=- numExecutors=- queue=- name=s "
     "conf={spark.executor.instances=2}"},
    {"heartbeat_from_string_and_null", R"({"heartbeatTimeoutInSecond":"30","ttl":"10m","idleTimeout":"5m"})",
     "kind=shared heartbeat=30 ttl=10m idleTimeout=5m " + kNoFields},
    {"heartbeat_null_is_zero", R"({"heartbeatTimeoutInSecond":null})", kDefaultSession},
    {"heartbeat_float_truncates", R"({"heartbeatTimeoutInSecond":59.9})",
     "kind=shared heartbeat=59 ttl=- idleTimeout=- " + kNoFields},

    {"unknown_kind", R"({"kind":"PySpark"})", body_error("Invalid kind: PySpark" + chain(field(kSession, "kind")))},
    {"kind_not_a_string", R"({"kind":1})",
     body_error("requirement failed: Kind should be a string." + chain(field(kSession, "kind")))},
    {"unknown_field", R"({"kind": "spark", "master": "local[*]"})",
     body_error("Unrecognized field \"master\" (class org.apache.livy.server.interactive.CreateInteractiveRequest), "
                "not marked as ignorable" + kSessionKnown + at(1, 30) + chain(field(kSession, "master")))},
    {"heartbeat_not_a_number", R"({"heartbeatTimeoutInSecond":"1m"})",
     body_error("Cannot deserialize value of type `int` from String \"1m\": not a valid `int` value" + at(1, 29) +
                chain(field(kSession, "heartbeatTimeoutInSecond")))},
    {"heartbeat_string_overflow", R"({"heartbeatTimeoutInSecond":"3000000000"})",
     body_error("Cannot deserialize value of type `int` from String \"3000000000\": Overflow: numeric value "
                "(3000000000) out of range of int (-2147483648 -2147483647)" + at(1, 29) +
                chain(field(kSession, "heartbeatTimeoutInSecond")))},
    {"heartbeat_overflow", R"({"heartbeatTimeoutInSecond":3000000000})",
     body_error("Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)" + at(1, 39) +
                chain(field(kSession, "heartbeatTimeoutInSecond")))},
    {"heartbeat_boolean", R"({"heartbeatTimeoutInSecond":false})",
     body_error("Cannot deserialize value of type `int` from Boolean value (token `JsonToken.VALUE_FALSE`)" +
                at(1, 29) + chain(field(kSession, "heartbeatTimeoutInSecond")))},
    {"heartbeat_blank", R"({"heartbeatTimeoutInSecond":"  "})",
     body_error("Cannot coerce blank String (all whitespace) to `int` value (but could if coercion was enabled using "
                "`CoercionConfig`)" + at(1, 29) + chain(field(kSession, "heartbeatTimeoutInSecond")))},
    {"file_is_batch_only", R"({"file":"x.py"})",
     body_error("Unrecognized field \"file\" (class org.apache.livy.server.interactive.CreateInteractiveRequest), "
                "not marked as ignorable" + kSessionKnown + at(1, 10) + chain(field(kSession, "file")))},
    {"jars_as_string", R"({"jars":"a.jar"})",
     body_error("Cannot deserialize value of type `scala.collection.immutable.List<java.lang.String>` from String "
                "value (token `JsonToken.VALUE_STRING`)" + at(1, 9) + chain(field(kSession, "jars")))},
};

class LivySessionDecoder : public ::testing::TestWithParam<Case> {};
TEST_P(LivySessionDecoder, Decodes) { EXPECT_EQ(outcome(decode_session_request(GetParam().body)), GetParam().expected); }
INSTANTIATE_TEST_SUITE_P(Livy, LivySessionDecoder, ::testing::ValuesIn(kSessionCases),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- statements and completions ----

const std::string kKnownStatement = " (3 known properties: \"msg_type\", \"kind\", \"code\"])";

const Case kStatementCases[] = {
    {"code_only", R"({"code":"1+1"})", "code=1+1 kind=-"},
    {"with_kind", R"({"code":"1+1","kind":"pyspark"})", "code=1+1 kind=pyspark"},
    {"kind_alias", R"({"kind":"scala","code":"val x = 1"})", "code=val x = 1 kind=spark"},
    {"kind_null", R"({"code":"x","kind":null})", "code=x kind=-"},
    {"code_coerced", R"({"code":12})", "code=12 kind=-"},
    {"msg_type_null_is_allowed", R"({"code":"x","msg_type":null})", "code=x kind=-"},

    {"unknown_kind", R"({"code":"x","kind":"java"})", "error kind: Invalid kind: java"},
    {"missing_code", R"({"kind":"spark"})", "error code: requirement failed: Code is required."},
    {"null_code", R"({"code":null})", "error code: requirement failed: Code is required."},
    // A case class binds through its constructor: unknown fields are reported once it is built,
    // at the end of the object or when all its parameters were seen.
    {"unknown_field_reported_at_end", R"({"code":"x","foo":1})",
     body_error("Unrecognized field \"foo\" (class org.apache.livy.ExecuteRequest), not marked as ignorable" +
                kKnownStatement + at(1, 21) + chain("org.apache.livy.ExecuteRequest[\"foo\"]"))},
    {"unknown_field_reported_when_built", R"({"foo":1,"code":"x","kind":"spark","bar":2})",
     body_error("Unrecognized field \"foo\" (class org.apache.livy.ExecuteRequest), not marked as ignorable" +
                kKnownStatement + at(1, 43) + chain("org.apache.livy.ExecuteRequest[\"foo\"]"))},
    {"unknown_field_after_built", R"({"code":"x","kind":"spark","bar":2})",
     body_error("Unrecognized field \"bar\" (class org.apache.livy.ExecuteRequest), not marked as ignorable" +
                kKnownStatement + at(1, 35) + chain("org.apache.livy.ExecuteRequest[\"bar\"]"))},
    {"code_as_object", R"({"code":{}})",
     body_error("Cannot deserialize value of type `java.lang.String` from Object value (token "
                "`JsonToken.START_OBJECT`)" + at(1, 9) + chain("org.apache.livy.ExecuteRequest[\"code\"]"))},
    {"msg_type_value", R"({"code":"x","msg_type":"y"})",
     body_error("Cannot construct instance of `org.apache.livy.MsgType` (no Creators, like default constructor, "
                "exist): abstract types either need to be mapped to concrete types, have custom deserializer, or "
                "contain additional type information" + at(1, 24) + chain("org.apache.livy.ExecuteRequest[\"msg_type\"]"))},
    {"array_body", "[]",
     body_error("Cannot deserialize value of type `org.apache.livy.ExecuteRequest` from Array value (token "
                "`JsonToken.START_ARRAY`)" + at(1, 1))},
};

class LivyStatementDecoder : public ::testing::TestWithParam<Case> {};
TEST_P(LivyStatementDecoder, Decodes) {
  EXPECT_EQ(outcome(decode_statement_request(GetParam().body)), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(Livy, LivyStatementDecoder, ::testing::ValuesIn(kStatementCases),
                         [](const auto& info) { return std::string(info.param.name); });

const Case kCompletionCases[] = {
    {"full", R"({"code":"sp","kind":"pyspark","cursor":2})", "code=sp kind=pyspark cursor=2"},
    {"cursor_string", R"({"code":"sp","kind":"python","cursor":"2"})", "code=sp kind=pyspark cursor=2"},
    {"cursor_absent", R"({"code":"sp","kind":"spark"})", "code=sp kind=spark cursor=0"},
    {"kind_absent", R"({"code":"sp","cursor":2})", "error kind: Invalid kind: null"},
    {"unknown_kind", R"({"code":"sp","kind":"go","cursor":2})", "error kind: Invalid kind: go"},
    {"unknown_field", R"({"code":"sp","kind":"spark","cursor":1,"x":0})",
     body_error("Unrecognized field \"x\" (class org.apache.livy.CompletionRequest), not marked as ignorable (3 known "
                "properties: \"kind\", \"code\", \"cursor\"])" + at(1, 45) +
                chain("org.apache.livy.CompletionRequest[\"x\"]"))},
    {"cursor_not_a_number", R"({"code":"sp","kind":"spark","cursor":"end"})",
     body_error("Cannot deserialize value of type `int` from String \"end\": not a valid `int` value" + at(1, 38) +
                chain("org.apache.livy.CompletionRequest[\"cursor\"]"))},
};

class LivyCompletionDecoder : public ::testing::TestWithParam<Case> {};
TEST_P(LivyCompletionDecoder, Decodes) {
  EXPECT_EQ(outcome(decode_completion_request(GetParam().body)), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(Livy, LivyCompletionDecoder, ::testing::ValuesIn(kCompletionCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(LivyQueryParam, ParsesLikeIntegerParseInt) {
  EXPECT_EQ(parse_int_param("100").value(), 100);
  EXPECT_EQ(parse_int_param("-1").value(), -1);
  EXPECT_EQ(parse_int_param("+5").value(), 5);
  for (std::string_view bad : {"", "ten", "1.5", " 1", "2147483648"}) {
    auto r = parse_int_param(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().resource, "query");
    EXPECT_EQ(r.error().message, "For input string: \"" + std::string(bad) + "\"");
  }
}

TEST(LivyDecoders, ErrorsAreInvalidInputOfTheBody) {
  auto r = decode_batch_request("{");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().resource, "body");
}

}  // namespace
}  // namespace jobflow::frontend::livy
