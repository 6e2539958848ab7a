--[[
  Extends the lifetime of live routes that still belong to the given node and session. A route
  that expired, was replaced (another session) or was removed is left alone, never resurrected:
  other nodes may already have acted on its absence.

  Input:
    KEYS[1] presence hash, field = deviceId ({prefix}presence:{uid})

    ARGV[1] ttl, ms
    ARGV[2..] triples: deviceId, nodeId, sessionId

  Output:
    the number of routes extended
]]
--- @include "includes/nowMs"
--- @include "includes/route"

local key = KEYS[1]
local ttl = tonumber(ARGV[1])
local now = nowMs()
local extended = 0

for i = 2, #ARGV, 3 do
  local deviceId, nodeId, sessionId = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local value = redis.call('HGET', key, deviceId)
  if value then
    local n, s, expiresAt = parseRoute(value)
    if n == nodeId and s == sessionId and expiresAt > now then
      redis.call('HSET', key, deviceId, formatRoute(nodeId, sessionId, now + ttl))
      extended = extended + 1
    end
  end
end

if extended > 0 then extendKey(key, ttl) end
return extended
