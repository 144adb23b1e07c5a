// ?? only replaces nil; false, 0, "" and [] are kept.
print(nil ?? "d", 0 ?? "d", false ?? "d", [] ?? "d")
// expect: d 0 false []
print(("" ?? "d").length)
// expect: 0
set o = {a: 1}
print(o.a ?? 0, o.missing ?? 0)
// expect: 1 0
print(nil ?? nil ?? "c", nil ?? false ?? 1)
// expect: c false
