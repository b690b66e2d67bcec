-- sco-bench load: requests at a fixed rate through wrk's delay() hook.
-- wrk -s paced.lua URL -- <requests per second per thread> <METHOD> <bodies file or -> [token ...]
-- Each thread keeps a schedule (one slot every 1000/rate ms); delay() holds a connection until the
-- next free slot, so the rate does not fall when responses slow down (an open-loop load) as long
-- as the thread has idle connections. Bodies (one per line) and tokens are used in turn.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } sco_timeval;
int gettimeofday(sco_timeval *tv, void *tz);
]]
local tv = ffi.new("sco_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local interval_ms = 10
local method = "GET"
local bodies = {}
local tokens = {}
local next_slot = 0
local n = 0

function init(args)
  interval_ms = 1000 / tonumber(args[1])
  method = args[2]
  if args[3] ~= nil and args[3] ~= "-" then
    for line in io.lines(args[3]) do
      if line ~= "" then bodies[#bodies + 1] = line end
    end
  end
  for i = 4, #args do tokens[#tokens + 1] = args[i] end
end

function delay()
  local now = now_ms()
  if next_slot < now then next_slot = now end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  return math.floor(wait)
end

function request()
  n = n + 1
  local headers = {}
  local body = nil
  if #bodies > 0 then
    body = bodies[(n % #bodies) + 1]
    headers["Content-Type"] = "application/json"
  end
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1]
  end
  return wrk.format(method, nil, headers, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"mean_us":%.1f,"max_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
