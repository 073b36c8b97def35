-- wrk script for bench/node-vs-node-exporter.sh: counts non-200 responses and prints one machine-readable line,
-- "RESULT requests=N errors=E p50_us=X p99_us=Y max_us=Z".
local errors = 0

response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.errors.status + errors, latency:percentile(50), latency:percentile(99),
    latency.max))
end
