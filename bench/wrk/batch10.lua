-- (c) POST /rpc: a JSON-RPC batch of 10 calls (5 get_count + 5 increment, ids 1..10)
wrk.method = "POST"
wrk.path = "/rpc"
wrk.headers["Content-Type"] = "application/json"
local calls = {}
for i = 1, 10 do
  local m = (i % 2 == 1) and "test_counter.get_count" or "test_counter.increment"
  calls[i] = '{"jsonrpc":"2.0","method":"' .. m .. '","id":' .. i .. '}'
end
wrk.body = "[" .. table.concat(calls, ",") .. "]"
