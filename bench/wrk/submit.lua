-- submit.lua: "Meld avvik": POST /deviations as a logged-in employee, with
-- the session's form token (BENCH_CSRF) and the unit (BENCH_UNIT), each
-- request a report of its own. The answer is 303 to the receipt once the
-- report is committed (durable: WAL, synchronous=FULL).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
bench_headers()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local csrf = os.getenv("BENCH_CSRF") or ""
local unit = os.getenv("BENCH_UNIT") or ""
local n = 0
-- Titles differ between threads too (a global set in each thread's state).
local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("me", tostring(threads))
end

function request()
   n = n + 1
   local body = "csrf=" .. csrf .. "&kind=deviation" ..
      "&title=Beboer+falt+i+gangen+" .. (me or "0") .. "-" .. n ..
      "&description=Beboer+falt+p%C3%A5+vei+til+spisesalen.+Ingen+synlige+skader%2C+lege+kontaktet." ..
      "&unit_id=" .. unit .. "&category=fall&severity=2" ..
      "&immediate_action=Beboer+observert."
   return wrk.format(nil, "/deviations", nil, body)
end
