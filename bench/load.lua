-- wrk script for bench/run.py: each connection walks the paths listed in a file (one per line),
-- starting at a different place, and the run ends by printing one JSON line of figures.
-- Usage: wrk -t1 -c4 -d10s -s bench/load.lua http://127.0.0.1:8765 -- paths.txt

local paths = {}
local position = 0
local hits = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  position = math.random(#paths)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then
    hits = hits + 1
    wrk.thread:set("hits", hits)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local cached = 0
  for _, thread in ipairs(threads) do
    cached = cached + (thread:get("hits") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, ' ..
    '"socket_errors": %d, "cache_hits": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout, cached,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
