// Peer-to-peer registry demo (docs/REGISTRY.md, NODE_API.md §2-§4).
//
//   relay examples/test_p2p_registry.rl -server -port 8080 -node-id node1
//   relay examples/test_p2p_registry.rl -server -port 8081 -node-id node2
//   curl -X POST http://localhost:8081/registry/peers/add \
//        -H 'Content-Type: application/json' \
//        -d '{"node_id": "node1", "address": "localhost:8080"}'
//   curl http://localhost:8081/registry
//   curl -X POST http://localhost:8081/rpc -H 'Content-Type: application/json' \
//        -d '{"jsonrpc": "2.0", "method": "node1.test_counter.increment", "id": 1}'

server test_counter {
    state {
        count: number = 0,
        started: datetime = now()
    }

    receive fn increment() -> number {
        state.set("count", state.count + 1)
    }

    receive fn get_count() -> number {
        state.count
    }

    // Where this counter lives: which node answered is visible to callers
    // that were routed here from another node.
    receive fn get_info() -> object {
        {
            server: "test_counter",
            node_id: node_id(),
            count: state.count,
            started: state.started
        }
    }

    receive fn reset() -> number {
        state.set("count", 0)
    }
}

server discovery_test {
    state {
        discovered: [string] = [],
        events: number = 0
    }

    // Records a peer (by node id) once; returns how many distinct peers are known.
    receive fn peer_discovered(peer_id: string) -> number {
        state.set("events", state.events + 1)
        if !state.discovered.includes(peer_id) {
            state.set("discovered", state.discovered.push(peer_id))
        }
        state.discovered.length
    }

    receive fn get_discovery_stats() -> object {
        {
            node_id: node_id(),
            peers: state.discovered,
            peer_count: state.discovered.length,
            events: state.events
        }
    }

    // Calls test_counter on another node through the registry's routing.
    receive fn increment_remote(peer_id: string) -> number {
        message(peer_id + ".test_counter", "increment")
    }
}
