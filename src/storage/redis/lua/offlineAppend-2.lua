--[[
  Appends one message to a user's offline list, trims the list to its newest `cap` entries and
  refreshes the TTL of the list and of its completeness marker. Appending never marks the list
  complete; an entry already in the list (byte for byte) is not appended twice.

  Input:
    KEYS[1] offline list       ({prefix}offline:msg:{uid})
    KEYS[2] completeness marker ({prefix}offline:ready:{uid})

    ARGV[1] entry, '<msgId>|<json>'
    ARGV[2] cap, >= 1
    ARGV[3] ttl, ms

  Output:
    the msg_ids trimmed away, oldest first (empty when none)
]]
--- @include "includes/entryId"

local list, ready = KEYS[1], KEYS[2]
local cap = tonumber(ARGV[2])
local trimmed = {}

if not redis.call('LPOS', list, ARGV[1]) then
  local n = redis.call('RPUSH', list, ARGV[1])
  if n > cap then
    local gone = redis.call('LRANGE', list, 0, n - cap - 1)
    redis.call('LTRIM', list, n - cap, -1)
    for i, entry in ipairs(gone) do
      trimmed[i] = entryId(entry)
    end
  end
end

redis.call('PEXPIRE', list, ARGV[3])
redis.call('PEXPIRE', ready, ARGV[3])
return trimmed
