// Lines ending with "(", "[", "{" or "," continue.
print(
  1,
  2
)
// expect: 1 2
set arr = [
  1,
  2,
  3
]
print(arr)
// expect: [1, 2, 3]
set obj = {
  a: 1,
  b: "two"
}
print(obj)
// expect: {a: 1, b: "two"}
print("x",
  "y")
// expect: x y
fn add(a,
       b) {
  a + b
}
print(add(
  2, 3))
// expect: 5
