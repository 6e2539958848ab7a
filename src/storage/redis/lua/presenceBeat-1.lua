--[[
  Renews a node's lease and lists the nodes whose lease ran out. Leases are a ZSET scored by
  expiry on the Redis server's clock; a lease that lapsed more than forgetAfter ago is removed
  (its node's routes have expired by then).

  Input:
    KEYS[1] node leases ZSET ({prefix}nodes)

    ARGV[1] nodeId
    ARGV[2] ttl, ms
    ARGV[3] forgetAfter, ms

  Output:
    flat array: 1 or 0 (whether the node's lease was live when it beat), then the lapsed nodeIds
]]
--- @include "includes/nowMs"

local key, nodeId = KEYS[1], ARGV[1]
local now = nowMs()

local previous = redis.call('ZSCORE', key, nodeId)
local wasLive = previous and tonumber(previous) > now
redis.call('ZADD', key, string.format('%d', now + tonumber(ARGV[2])), nodeId)
redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. string.format('%d', now - tonumber(ARGV[3])))

local out = { wasLive and 1 or 0 }
for _, lapsed in ipairs(redis.call('ZRANGE', key, '-inf', string.format('%d', now), 'BYSCORE')) do
  out[#out + 1] = lapsed
end
return out
