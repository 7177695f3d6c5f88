-- submit.lua: "Meld avvik": POST /deviations as a logged-in employee, with
-- the session's form token (BENCH_CSRF) and the unit (BENCH_UNIT), each
-- request a report of its own. The answer is 303 to the receipt once the
-- report is committed (durable: WAL, synchronous=FULL). With BENCH_UNIT_IDS (unit
-- ids, comma-separated) the reports go to those units in turn, as a
-- municipality's arrive, instead of all to BENCH_UNIT.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
bench_headers()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local csrf = os.getenv("BENCH_CSRF") or ""
local unit = os.getenv("BENCH_UNIT") or ""
local units = {}
for u in string.gmatch(os.getenv("BENCH_UNIT_IDS") or "", "[^,]+") do
   units[#units + 1] = u
end
local n = 0
-- Titles differ between threads too (a global set in each thread's state).
local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("me", tostring(threads))
end

function request()
   n = n + 1
   local to = unit
   if #units > 0 then
      -- A stride prime to the count, offset per thread: every unit in turn.
      to = units[((37 * n + 11 * tonumber(me or "0")) % #units) + 1]
   end
   local body = "csrf=" .. csrf .. "&kind=deviation" ..
      "&title=Beboer+falt+i+gangen+" .. (me or "0") .. "-" .. n ..
      "&description=Beboer+falt+p%C3%A5+vei+til+spisesalen.+Ingen+synlige+skader%2C+lege+kontaktet." ..
      "&unit_id=" .. to .. "&category=fall&severity=2" ..
      "&immediate_action=Beboer+observert."
   return wrk.format(nil, "/deviations", nil, body)
end
