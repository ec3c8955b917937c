-- wrk script (BENCH_ONLY=serve): GET the static files named in WRK_PATHS (space-separated), in turn.
local paths = {}
for p in string.gmatch(os.getenv("WRK_PATHS") or "/", "%S+") do paths[#paths + 1] = p end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("wrk: requests=%d requests_per_s=%.0f non_2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0), summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
