-- wrk script: StartExecution (AWS JSON 1.0) of one Standard state machine, each request with a
-- new execution name (thread id + counter), so that every request starts a new execution.
-- Env: ARN (the state machine), RUN (a name prefix, new for each run), INPUT (JSON text, default "{}").
-- Prints: RESULT requests=... rps=... p50_ms=... p99_ms=... errors=...
local arn = os.getenv("ARN")
local input = os.getenv("INPUT") or "{}"
local run = os.getenv("RUN") or "r"  -- distinct per wrk run: names must not repeat across runs
local threads = {}
local next_id = 1

setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

init = function(args)
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartExecution"
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0"
end

request = function()
  counter = counter + 1
  local body = string.format('{"stateMachineArn":"%s","name":"%s-%d-%d","input":%q}', arn, run, tid, counter, input)
  return wrk.format(nil, "/", nil, body)
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
