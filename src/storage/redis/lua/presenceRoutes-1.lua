--[[
  Lists the live routes of a user (expiry is kept in the values, Redis 7.0 has no field TTL).

  Input:
    KEYS[1] presence hash, field = deviceId ({prefix}presence:{uid})

  Output:
    flat array: deviceId1, value1, deviceId2, value2, ... ('nodeId|sessionId|expiresAtMs')
]]
--- @include "includes/nowMs"
--- @include "includes/route"

local now = nowMs()
local fields = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #fields, 2 do
  local _, _, expiresAt = parseRoute(fields[i + 1])
  if expiresAt ~= nil and expiresAt > now then
    live[#live + 1] = fields[i]
    live[#live + 1] = fields[i + 1]
  end
end
return live
