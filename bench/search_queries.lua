-- wrk script (make bench): /api/search with a rotating list of citizen queries and communes.
local queries = {
  "dang+ky+khai+sinh", "lam+so+do+o+dau", "khai+tu+cho+ong+noi+thi+bao+lau+co+ket+qua+vay",
  "cap+lai+giay+xac+nhan+khuyet+tat", "CCCD", "dangw+kys+thuong+tru", "xac+nhan+tinh+trang+hon+nhan",
  "chung+thuc+ban+sao", "1.001193", "ho+ngheo", "dang+ky+ket+hon", "giay+phep+xay+dung",
}
local units = { "", "24373", "22015", "24184" }
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local u = units[(math.floor(n / #queries) % #units) + 1]
  local path = "/api/search?q=" .. q
  if u ~= "" then path = path .. "&unit=" .. u end
  return wrk.format("GET", path)
end
local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("wrk: requests=%d requests_per_s=%.0f non_2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0), summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
