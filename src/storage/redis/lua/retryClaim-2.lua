--[[
  Claims due retry entries of one shard: takes up to `limit` entries due at `now` (earliest
  first), leases each one by moving its due time to `leaseUntil`, and increments its attempt.
  Being one script, two scanners never claim the same entry in the same round.

  Input:
    KEYS[1] retry set, member '<toUserId>:<msgId>', score due ms ({prefix}{retry:N})
    KEYS[2] attempts hash, field = member                        ({prefix}{retry:N}:attempt)

    ARGV[1] now, ms
    ARGV[2] limit
    ARGV[3] leaseUntil, ms (now + lease)

  Output:
    flat array: member1, attempt1, due1, member2, ... (attempts after the increment; due = the
    score before the lease, ms, as a string)
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
local claimed = {}
for i = 1, #due, 2 do
  local member = due[i]
  redis.call('ZADD', KEYS[1], 'XX', ARGV[3], member)
  claimed[#claimed + 1] = member
  claimed[#claimed + 1] = redis.call('HINCRBY', KEYS[2], member, 1)
  claimed[#claimed + 1] = due[i + 1]
end
return claimed
