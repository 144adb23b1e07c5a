// A config declaration parses and does nothing visible when the program is run as a script.
config { port: 8080, node_id: "blog", peers: ["localhost:8081"] }
print("after config")
// expect: after config
