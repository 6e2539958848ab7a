--[[
  Takes `cost` tokens from a token bucket shared by every node (one per user): refilled at `rate`
  per second up to `burst`, on the Redis server's clock.

  Input:
    KEYS[1] bucket hash ({prefix}rate:{uid}): fields t (tokens), at (ms of the last update)

    ARGV[1] rate, tokens per second
    ARGV[2] burst
    ARGV[3] cost

  Output:
    1 when taken, 0 when the bucket holds too few tokens (nothing taken)
]]
--- @include "includes/nowMs"

local key = KEYS[1]
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now = nowMs()
local state = redis.call('HMGET', key, 't', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local taken = 0
if tokens >= cost then
  tokens = tokens - cost
  taken = 1
end
redis.call('HSET', key, 't', tostring(tokens), 'at', now)
-- A full bucket is the same as none: let it go once it would have refilled.
redis.call('PEXPIRE', key, math.ceil((burst - tokens) * 1000 / rate) + 1000)
return taken
