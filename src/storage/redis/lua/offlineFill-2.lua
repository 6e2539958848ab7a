--[[
  Makes a user's offline list complete: rewrites it as the union of its current entries and the
  given ones, one entry per msg_id, ascending by msg_id, and sets the completeness marker. Entries
  appended before this ran are kept, so a rebuild never loses a concurrent append.

  Input:
    KEYS[1] offline list       ({prefix}offline:msg:{uid})
    KEYS[2] completeness marker ({prefix}offline:ready:{uid})

    ARGV[1] ttl, ms
    ARGV[2..] entries, '<msgId>|<json>'

  Output:
    the number of entries in the list
]]
--- @include "includes/entryId"
--- @include "includes/idLess"

local list, ready = KEYS[1], KEYS[2]
local byId, ids = {}, {}

local function add(entry)
  local id = entryId(entry)
  if not byId[id] then
    byId[id] = entry
    ids[#ids + 1] = id
  end
end

for _, entry in ipairs(redis.call('LRANGE', list, 0, -1)) do add(entry) end
for i = 2, #ARGV do add(ARGV[i]) end
table.sort(ids, idLess)

redis.call('DEL', list)
-- unpack() is bounded by the Lua stack: push in chunks.
for from = 1, #ids, 1000 do
  local chunk = {}
  for i = from, math.min(from + 999, #ids) do chunk[#chunk + 1] = byId[ids[i]] end
  redis.call('RPUSH', list, unpack(chunk))
end
if #ids > 0 then redis.call('PEXPIRE', list, ARGV[1]) end
redis.call('SET', ready, '1', 'PX', ARGV[1])
return #ids
