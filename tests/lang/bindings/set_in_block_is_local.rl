// A set of an unbound name declares it in the current block.
{
  set inner = 1
  print(inner)
}
// expect: 1
print(try { inner } catch e { e.kind })
// expect: NameError
