for x in [] { print("never") }
for c in "" { print("never") }
for k in {} { print("never") }
for i in range(0) { print("never") }
print("done")
// expect: done
