--[[
  Re-asserts the routes of sessions the given node holds: each is extended, or recorded again
  when it is missing (Redis lost it, it expired while the node stalled, or another node dropped it
  as stale), so that routing recovers within one refresh period without a reconnect. A device now
  routed to another session (a newer login) is left alone.

  Input:
    KEYS[1] presence hash, field = deviceId ({prefix}presence:{uid})

    ARGV[1] ttl, ms
    ARGV[2..] triples: deviceId, nodeId, sessionId

  Output:
    the number of routes extended or recorded
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
  local ours = not value
  if value then
    local n, s, expiresAt = parseRoute(value)
    ours = (n == nodeId and s == sessionId) or expiresAt == nil or expiresAt <= now
  end
  if ours then
    redis.call('HSET', key, deviceId, formatRoute(nodeId, sessionId, now + ttl))
    extended = extended + 1
  end
end

if extended > 0 then extendKey(key, ttl) end
return extended
