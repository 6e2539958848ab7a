--[[
  Appends one msg_id to a user's offline list, trims the list to its newest `cap` entries and
  refreshes the TTL of the list and of its completeness marker. Appending never marks the list
  complete; an id already in the list is not appended twice (and nothing is trimmed for it).

  Input:
    KEYS[1] offline list       ({prefix}offline:msg:{uid})
    KEYS[2] completeness marker ({prefix}offline:ready:{uid})

    ARGV[1] msg_id, canonical decimal
    ARGV[2] cap, >= 1
    ARGV[3] ttl, ms

  Output:
    the msg_ids trimmed away, oldest first (empty when none)
]]

local list, ready = KEYS[1], KEYS[2]
local cap = tonumber(ARGV[2])
local trimmed = {}

-- Canonical ids: equal as integers exactly when equal as strings.
if not redis.call('LPOS', list, ARGV[1]) then
  local n = redis.call('RPUSH', list, ARGV[1])
  if n > cap then
    trimmed = redis.call('LRANGE', list, 0, n - cap - 1)
    redis.call('LTRIM', list, n - cap, -1)
  end
end

redis.call('PEXPIRE', list, ARGV[3])
redis.call('PEXPIRE', ready, ARGV[3])
return trimmed
