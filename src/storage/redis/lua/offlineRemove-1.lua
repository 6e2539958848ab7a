--[[
  Removes the given msg_ids from a user's offline list; ids not in it are ignored. The list's TTL
  and its completeness are left as they are (a complete list emptied this way reads as empty, not
  absent).

  Input:
    KEYS[1] offline list ({prefix}offline:msg:{uid})

    ARGV[1..] msg_ids, canonical decimal

  Output:
    the number of entries removed
]]

local list = KEYS[1]
local wanted = {}
for i = 1, #ARGV do wanted[ARGV[i]] = true end

-- One pass to find which of the ids are there; LREM only those, each once.
local removed = 0
for _, id in ipairs(redis.call('LRANGE', list, 0, -1)) do
  if wanted[id] then
    wanted[id] = nil
    removed = removed + redis.call('LREM', list, 0, id)
  end
end
return removed
