-- POST one JSON-RPC request to /rpc, keep-alive. The method comes from the
-- environment so one script serves every case:
--   RPC_METHOD=test_counter.get_count wrk -s bench/wrk/rpc.lua http://127.0.0.1:PORT/rpc
wrk.method = "POST"
wrk.path = "/rpc"
wrk.headers["Content-Type"] = "application/json"
local method = os.getenv("RPC_METHOD") or "test_counter.get_count"
wrk.body = '{"jsonrpc":"2.0","method":"' .. method .. '","id":1}'
