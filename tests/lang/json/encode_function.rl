// Functions encode as "<fn name>".
fn handler(x) { x }
print(json_encode(handler))
// expect: "<fn handler>"
print(json_encode({cb: handler}))
// expect: {"cb":"<fn handler>"}
