-- Orders canonical decimal ids (no sign, no leading zeros) as integers. Lua numbers are doubles
-- and would merge ids above 2^53, so compare by length first, then by digits.
local function idLess(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end
