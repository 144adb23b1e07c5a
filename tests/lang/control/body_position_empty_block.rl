// In body position "{" always opens a block, so "{}" there is an empty block (nil).
fn f() {}
print(f())
// expect: nil
print((fn (x) {})(1))
// expect: nil
print(try {} catch e {}, try { throw 1 } catch e {})
// expect: nil nil
print(if true {} else {}, if false {} else {})
// expect: nil nil
