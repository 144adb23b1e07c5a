// When not running as a node there is no node id.
print(node_id())
// expect: nil
