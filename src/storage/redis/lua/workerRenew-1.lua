--[[
  Extends a node's worker id lease while the key still names that node. A key that expired is
  claimed again: nobody else holds the id. A key naming another node is left alone: that node
  claimed the id after our lease expired, and only it may keep using it.

  Input:
    KEYS[1] worker key ({prefix}worker:<id>)

    ARGV[1] nodeId
    ARGV[2] ttl, ms

  Output:
    1 extended, 2 had expired and was claimed again, 0 held by another node
]]
local key, nodeId, ttl = KEYS[1], ARGV[1], ARGV[2]
local holder = redis.call('GET', key)

if holder == nodeId then
  redis.call('PEXPIRE', key, ttl)
  return 1
end
if not holder then
  redis.call('SET', key, nodeId, 'PX', ttl)
  return 2
end
return 0
