--[[
  Reads a user's offline list if it is complete: the marker and the entries at the same instant,
  in one command (a MULTI of EXISTS and LRANGE would be four, and its own pipeline per read).

  Input:
    KEYS[1] offline list       ({prefix}offline:msg:{uid})
    KEYS[2] completeness marker ({prefix}offline:ready:{uid})

  Output:
    the list's entries in list order, or nil when the list is not complete
]]

if redis.call('EXISTS', KEYS[2]) == 0 then return false end
return redis.call('LRANGE', KEYS[1], 0, -1)
