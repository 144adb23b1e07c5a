fn f(a, b) {
  if a {
    if b { "both" } else { "a only" }
  } else {
    if b { "b only" } else { "neither" }
  }
}
print(f(true, true), f(true, false), f(false, true), f(false, false))
// expect: both a only b only neither
