-- A presence field value is 'nodeId|sessionId|expiresAtMs'. nodeId holds no '|'; sessionId may.
local function parseRoute(value)
  local nodeId, sessionId, expiresAt = string.match(value, '^([^|]*)|(.*)|(%d+)$')
  return nodeId, sessionId, tonumber(expiresAt)
end

local function formatRoute(nodeId, sessionId, expiresAt)
  return nodeId .. '|' .. sessionId .. '|' .. string.format('%d', expiresAt)
end

-- The hash lives as long as its longest-lived field: never shorten its TTL.
local function extendKey(key, ttl)
  if redis.call('PTTL', key) < ttl then
    redis.call('PEXPIRE', key, ttl)
  end
end
