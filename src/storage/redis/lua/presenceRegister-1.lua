--[[
  Records where one device of a user is connected and returns the live route it replaced. Expired
  routes of the user's other devices are pruned on the way.

  Input:
    KEYS[1] presence hash, field = deviceId ({prefix}presence:{uid})

    ARGV[1] deviceId
    ARGV[2] nodeId (no '|')
    ARGV[3] sessionId
    ARGV[4] ttl, ms

  Output:
    the replaced value 'nodeId|sessionId|expiresAtMs', or nil when there was no live one
]]
--- @include "includes/nowMs"
--- @include "includes/route"

local key, deviceId = KEYS[1], ARGV[1]
local ttl = tonumber(ARGV[4])
local now = nowMs()
local previous = false

local fields = redis.call('HGETALL', key)
for i = 1, #fields, 2 do
  local _, _, expiresAt = parseRoute(fields[i + 1])
  local live = expiresAt ~= nil and expiresAt > now
  if fields[i] == deviceId then
    if live then previous = fields[i + 1] end
  elseif not live then
    redis.call('HDEL', key, fields[i])
  end
end

redis.call('HSET', key, deviceId, formatRoute(ARGV[2], ARGV[3], now + ttl))
extendKey(key, ttl)
return previous
