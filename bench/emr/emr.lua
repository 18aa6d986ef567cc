-- wrk script: POST one AWS JSON 1.1 body to an EMR-compatible endpoint, over and over.
-- Env: TARGET (e.g. DescribeCluster), BODY (JSON string).
-- Same request shape as /work/shared/peers/emr-moto/emr.lua (the moto peer benchmark), so the
-- figures compare; SigV4 is not verified by either server, so the signature is a dummy.
-- Prints one line:
--   RESULT target=... requests=... rps=... p50_ms=... p90_ms=... p99_ms=... max_ms=... errors=... bytes=...
local target = os.getenv("TARGET") or "DescribeCluster"
local body = os.getenv("BODY") or "{}"
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "ElasticMapReduce." .. target
wrk.headers["X-Amz-Date"] = "20260101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/elasticmapreduce/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  -- summary.errors.status counts responses with a status > 399
  io.write(string.format(
    "RESULT target=%s requests=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d bytes=%d\n",
    target, summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.bytes))
end
