-- The Redis server's clock in ms: every node reads and writes presence expiry against the same
-- clock as PEXPIRE, so skew between gateway hosts does not matter.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
