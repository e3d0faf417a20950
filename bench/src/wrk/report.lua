-- Shared by the bench's wrk scripts (require "report"; run-wrk.ts puts this folder on LUA_PATH).
-- Each wrk thread has its own Lua state: the scripts keep their counts in globals of that state
-- (completed, failures, sample, latencies), and done(), in the main state, reads them through the
-- thread handles kept by setup() and prints "bench <key> <value>" lines that run-wrk.ts parses.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local now = ffi.new("bench_timespec")
local threads = {}
local report = {}

-- Monotonic milliseconds (wrk's Lua has no wall clock finer than a second).
function report.ms()
  ffi.C.clock_gettime(1, now)
  return tonumber(now.tv_sec) * 1e3 + tonumber(now.tv_nsec) / 1e6
end

function report.setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

-- The value below which a share q of the sorted values fall, as child-server.ts's quantile().
local function quantile(sorted, q)
  if #sorted == 0 then return 0 end
  return sorted[math.min(#sorted - 1, math.floor(q * #sorted)) + 1]
end

function report.done()
  local completed, failures, all = 0, 0, {}
  for _, thread in ipairs(threads) do
    completed = completed + (thread:get("completed") or 0)
    failures = failures + (thread:get("failures") or 0)
    for _, ms in ipairs(thread:get("latencies") or {}) do all[#all + 1] = ms end
    local sample = thread:get("sample")
    if sample and sample ~= "" then io.write("bench sample ", sample, "\n") end
  end
  io.write(string.format("bench completed %d\nbench failures %d\n", completed, failures))
  if #all > 0 then
    table.sort(all)
    io.write(string.format("bench p50 %.3f\nbench p99 %.3f\n", quantile(all, 0.5), quantile(all, 0.99)))
  end
end

return report
