// decision: print returns nil.
set r = print("hi")
// expect: hi
print(r)
// expect: nil
