-- common.lua: what every benchmark script shares (loaded with dofile).
-- The environment carries the request's identity, set by bench/run.sh:
--   BENCH_HOST    Host header (selects the municipality)
--   BENCH_COOKIE  "orden_session=..." for a logged-in person, or empty
--   BENCH_TOKEN   an API bearer token, or empty
--   BENCH_NOCACHE set: send Cache-Control: no-cache (recompute each answer)
-- done() prints one line run.sh reads:
--   RESULT requests=N duration_us=N rps=X p50_ms=X p99_ms=X max_ms=X
--          errors=N status_errors=N bytes=N

local function env(name)
   local v = os.getenv(name)
   if v == nil or v == "" then return nil end
   return v
end

function bench_headers()
   local host, cookie, token = env("BENCH_HOST"), env("BENCH_COOKIE"), env("BENCH_TOKEN")
   if host then wrk.headers["Host"] = host end
   if cookie then wrk.headers["Cookie"] = cookie end
   if token then wrk.headers["Authorization"] = "Bearer " .. token end
   -- A hard reload: the server's cache of whole answers is bypassed and
   -- every answer is made afresh (the "uncached" lines).
   if env("BENCH_NOCACHE") then wrk.headers["Cache-Control"] = "no-cache" end
end

function done(summary, latency, requests)
   local e = summary.errors
   local sec = summary.duration / 1e6
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f" ..
      " max_ms=%.3f errors=%d status_errors=%d bytes=%d\n",
      summary.requests, summary.duration, summary.requests / sec,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.connect + e.read + e.write + e.timeout,
      e.status, summary.bytes))
end
