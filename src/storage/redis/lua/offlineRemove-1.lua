--[[
  Removes every entry of the given msg_ids from a user's offline list. The list's TTL and its
  completeness are left as they are (a complete list emptied this way reads as empty, not absent).

  Input:
    KEYS[1] offline list ({prefix}offline:msg:{uid})

    ARGV[1..] msg_ids

  Output:
    the number of entries removed
]]
--- @include "includes/entryId"

local list = KEYS[1]
local wanted, seen = {}, {}
for i = 1, #ARGV do wanted[ARGV[i]] = true end

local removed = 0
for _, entry in ipairs(redis.call('LRANGE', list, 0, -1)) do
  if wanted[entryId(entry)] and not seen[entry] then
    seen[entry] = true
    removed = removed + redis.call('LREM', list, 0, entry)
  end
end
return removed
