// In body position "{}" is an empty block, so its value is nil.
print(if true {})
// expect: nil
print(if false { 1 } else {})
// expect: nil
