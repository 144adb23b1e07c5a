server s { receive fn a() { 1 } }
print("declared once")
server s { receive fn b() { 2 } }
print("never")
// expect: declared once
// expect-exit: 1
// expect-stderr: already
