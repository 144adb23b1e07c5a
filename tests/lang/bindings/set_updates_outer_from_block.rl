// A set of a name bound in an enclosing scope assigns to it.
set total = 0
if true { set total = 10 }
print(total)
// expect: 10
{
  set total = total + 1
}
print(total)
// expect: 11
for i in range(3) { set total = total + i }
print(total)
// expect: 14
