fn f() {
  try {
    return "from try"
  } catch e {
    "caught"
  }
  "after"
}
print(f())
// expect: from try
