-- get.lua: GET the URL given to wrk, as the person (or token) in the
-- environment (common.lua).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
bench_headers()
