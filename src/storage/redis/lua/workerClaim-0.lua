--[[
  Claims a free snowflake worker id for a node: tries ids first, first+1, ... (wrapping at
  `count`) and takes the first whose key does not exist. Being one script, two nodes starting at
  the same time never claim the same id.

  The keys are built here from the prefix rather than passed in KEYS, since which one is free is
  only known while scanning. That is fine on the single Redis the gateway uses; a Redis Cluster
  would need them under one hash tag.

  Input:
    ARGV[1] worker key prefix; the key of id N is prefix .. N ({prefix}worker:)
    ARGV[2] nodeId, the value of the claimed key
    ARGV[3] ttl, ms
    ARGV[4] first id to try, 0 <= first < count
    ARGV[5] count: ids are 0 .. count - 1

  Output:
    the claimed id, or -1 when every id is taken
]]
local prefix, nodeId, ttl = ARGV[1], ARGV[2], ARGV[3]
local first, count = tonumber(ARGV[4]), tonumber(ARGV[5])

for i = 0, count - 1 do
  local id = (first + i) % count
  if redis.call('SET', prefix .. id, nodeId, 'NX', 'PX', ttl) then
    return id
  end
end
return -1
