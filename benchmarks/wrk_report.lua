-- wrk's own summary has no 95th percentile and mixes failures in: print both on one line.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "DCG requests=%d seconds=%f p95_us=%d failed=%d\n",
    summary.requests,
    summary.duration / 1e6,
    latency:percentile(95),
    errors.status + errors.connect + errors.read + errors.write + errors.timeout
  ))
end
