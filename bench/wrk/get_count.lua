-- (a) POST /rpc test_counter.get_count
wrk.method = "POST"
wrk.path = "/rpc"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jsonrpc":"2.0","method":"test_counter.get_count","id":1}'
