-- An offline entry is '<msgId>|<json>': its msg_id is read without decoding the JSON.
local function entryId(entry)
  return string.match(entry, '^[^|]*')
end
