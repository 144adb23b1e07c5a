fn classify(n) {
  if n < 0 {
    "negative"
  } else if n == 0 {
    "zero"
  } else if n < 10 {
    "small"
  } else {
    "large"
  }
}
print(classify(-5), classify(0), classify(7), classify(100))
// expect: negative zero small large
