--[[
  Makes a user's offline list complete: rewrites it as the union of its current msg_ids and the
  given ones, each id once, ascending by id as a 64-bit integer, and sets the completeness marker.
  Ids appended before this ran are kept, so a rebuild never loses a concurrent append.

  Input:
    KEYS[1] offline list       ({prefix}offline:msg:{uid})
    KEYS[2] completeness marker ({prefix}offline:ready:{uid})

    ARGV[1] ttl, ms
    ARGV[2..] msg_ids, canonical decimal

  Output:
    the list's msg_ids, ascending (what a read right after returns)
]]
--- @include "includes/idLess"

local list, ready = KEYS[1], KEYS[2]
local seen, ids = {}, {}

local function add(id)
  if not seen[id] then
    seen[id] = true
    ids[#ids + 1] = id
  end
end

for _, id in ipairs(redis.call('LRANGE', list, 0, -1)) do add(id) end
for i = 2, #ARGV do add(ARGV[i]) end
table.sort(ids, idLess)

redis.call('DEL', list)
-- unpack() is bounded by the Lua stack: push in chunks.
for from = 1, #ids, 1000 do
  redis.call('RPUSH', list, unpack(ids, from, math.min(from + 999, #ids)))
end
if #ids > 0 then redis.call('PEXPIRE', list, ARGV[1]) end
redis.call('SET', ready, '1', 'PX', ARGV[1])
return ids
