-- A few milliseconds of Lua for WholeProcessLuaTest: every path of our WASI glue (errors and pcall through Wasm
-- exceptions, coroutines, the missing os/io functions) and a little of everything else, compared with node's output.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(18))
print("error", pcall(error, "plain"))
print("nested", pcall(function() local ok, e = pcall(error, { 7 }); error(e[1] * 6, 0) end))
print("runtime", pcall(function() return {} < {} end))
print("xpcall", xpcall(function() error("deep") end, function(m) return "handled: " .. m end))
local co = coroutine.wrap(function(a) for i = 1, 3 do a = a + coroutine.yield(a * i) end return "done " .. a end)
print("coroutine", co(1), co(10), co(100), co(1000))
local dead = coroutine.create(function() error("in coroutine") end)
print("coroutine error", coroutine.resume(dead))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w:upper() end
table.sort(words)
print("strings", table.concat(words, " "), ("%5.2f|%x|%q"):format(math.pi, 48879, "a\nb"), ("abc"):rep(3, "-"))
print("numbers", 7 // 2, 7 % -3, 2^53 + 1, math.tointeger(3.0), 1e300 * 1e10, -0.0, math.maxinteger + 1)
print("os", os.execute(), pcall(os.tmpname), io.tmpfile())
print("clock", type(os.clock()), os.getenv("HOME"))
-- Enough errors for the tiered mode to compile the throwing path (luaD_throw and its callers): compiled throws once
-- returned from the throw there.
local caught = 0
for i = 1, 20000 do
  local ok, e = pcall(error, { code = i })
  if not ok then caught = caught + e.code end
end
print("pcall loop", caught)
