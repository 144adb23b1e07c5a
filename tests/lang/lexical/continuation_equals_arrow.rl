// Lines ending with "=" or "->" continue.
set answer =
  42
print(answer)
// expect: 42
fn twice(n: number) ->
  number {
  n * 2
}
print(twice(4))
// expect: 8
