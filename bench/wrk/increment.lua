-- (b) POST /rpc test_counter.increment (every request changes the server's state)
wrk.method = "POST"
wrk.path = "/rpc"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jsonrpc":"2.0","method":"test_counter.increment","id":1}'
