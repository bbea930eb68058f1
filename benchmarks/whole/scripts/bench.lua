-- Trapdoor's whole-process Lua benchmark (benchmarks/whole/run.sh): recursion, table churn, strings, sorting,
-- closures and a small n-body, each printing a checksum so that two engines can be compared line by line.
-- Usage: lua bench.lua [SCALE]   (SCALE 1 takes milliseconds; run.sh uses a larger one)
local scale = tonumber(arg and arg[1]) or 1

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

-- A deterministic generator, so that every run and every engine sees the same data.
local seed = 42
local function rand(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end

local function tables(n)
  local t, sum = {}, 0
  for i = 1, n do t[i] = i * 3 end
  for _ = 1, n // 3 do table.remove(t) end
  for i = 1, 200 do table.insert(t, 1 + i * 7, i) end
  for _, v in ipairs(t) do sum = sum + v end
  local h = {}
  for i = 1, n do h["k" .. (i % 997)] = (h["k" .. (i % 997)] or 0) + i end
  local keys = 0
  for k, v in pairs(h) do keys = keys + #k + v % 7 end
  return sum + keys
end

local function strings(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = string.format("%d:%x:%s", i, i * 7, ("ab"):rep(i % 5)) end
  local s = table.concat(parts, ",")
  local count = 0
  for word in s:gmatch("%d+:") do count = count + #word end
  local replaced = s:gsub("ab", "c")
  return count + #replaced + (s:find("99:", 1, true) or 0) + #s:upper():lower()
end

local function sorting(n)
  local a = {}
  for i = 1, n do a[i] = rand(1000000) end
  table.sort(a)
  table.sort(a, function(x, y) return x % 1000 < y % 1000 or (x % 1000 == y % 1000 and x < y) end)
  local check = 0
  for i = 1, n, 97 do check = (check * 31 + a[i]) % 1000000007 end
  return check
end

local function closures(n)
  local function counter() local c = 0 return function(d) c = c + d return c end end
  local total = 0
  for i = 1, n do
    local f = counter()
    for j = 1, 10 do total = total + f(j) end
    if i % 100 == 0 then collectgarbage("step") end
  end
  return total
end

local function nbody(steps)
  local pi, days = math.pi, 365.24
  local mass = 4 * pi * pi
  local bodies = {
    { x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0, m = mass },
    { x = 4.84, y = -1.16, z = -0.10, vx = 0.606 * days, vy = 2.81 * days, vz = -0.02 * days, m = 9.5e-4 * mass },
    { x = 8.34, y = 4.12, z = -0.40, vx = -1.01 * days, vy = 1.82 * days, vz = 0.008 * days, m = 2.8e-4 * mass },
    { x = 12.9, y = -15.1, z = -0.22, vx = 1.08 * days, vy = 0.868 * days, vz = -0.01 * days, m = 4.3e-5 * mass },
    { x = 15.4, y = -25.9, z = 0.18, vx = 0.979 * days, vy = 0.594 * days, vz = -0.034 * days, m = 5.1e-5 * mass },
  }
  local dt, n = 0.01, #bodies
  for _ = 1, steps do
    for i = 1, n do
      local bi = bodies[i]
      for j = i + 1, n do
        local bj = bodies[j]
        local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
        local d2 = dx * dx + dy * dy + dz * dz
        local mag = dt / (d2 * math.sqrt(d2))
        bi.vx, bi.vy, bi.vz = bi.vx - dx * bj.m * mag, bi.vy - dy * bj.m * mag, bi.vz - dz * bj.m * mag
        bj.vx, bj.vy, bj.vz = bj.vx + dx * bi.m * mag, bj.vy + dy * bi.m * mag, bj.vz + dz * bi.m * mag
      end
    end
    for i = 1, n do
      local b = bodies[i]
      b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz
    end
  end
  local e = 0
  for i = 1, n do
    local b = bodies[i]
    e = e + 0.5 * b.m * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
  end
  return string.format("%.9e", e)
end

local function coroutines(n)
  local gen = coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i % 1009) end end)
  local sum = 0
  for _ = 1, n do sum = sum + gen() end
  local ok, err = pcall(function() error({ code = sum }) end)
  return (not ok) and err.code or -1
end

local calls = 0
for _ = 1, scale do calls = calls + fib(24) end
print("fib", calls)
print("tables", tables(20000 * scale))
print("strings", strings(5000 * scale))
print("sorting", sorting(10000 * scale))
print("closures", closures(10000 * scale))
print("nbody", nbody(5000 * scale))
print("coroutines", coroutines(10000 * scale))
