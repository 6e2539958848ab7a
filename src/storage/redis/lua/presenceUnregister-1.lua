--[[
  Removes a device's route, but only while it still belongs to the given session: a late
  unregister of an old session must not remove the route of the session that replaced it.

  Input:
    KEYS[1] presence hash, field = deviceId ({prefix}presence:{uid})

    ARGV[1] deviceId
    ARGV[2] sessionId

  Output:
    1 when removed, 0 when the field was missing or held another session
]]
--- @include "includes/route"

local value = redis.call('HGET', KEYS[1], ARGV[1])
if not value then return 0 end
local _, sessionId = parseRoute(value)
if sessionId ~= ARGV[2] then return 0 end
return redis.call('HDEL', KEYS[1], ARGV[1])
