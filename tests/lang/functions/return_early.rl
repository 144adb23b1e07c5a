fn sign(n) {
  if n < 0 { return "negative" }
  if n == 0 { return "zero" }
  "positive"
}
print(sign(-3), sign(0), sign(8))
// expect: negative zero positive
