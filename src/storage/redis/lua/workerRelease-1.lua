--[[
  Gives a worker id back, but only while the key still names the node: a node whose lease
  expired must not free the id for the node that took it over.

  Input:
    KEYS[1] worker key ({prefix}worker:<id>)

    ARGV[1] nodeId

  Output:
    1 when released, 0 when the key was missing or named another node
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
