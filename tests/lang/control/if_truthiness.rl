fn t(x) { if x { "T" } else { "F" } }
print(t(nil), t(false), t(0), t(""), t([]), t({}))
// expect: F F F F F F
print(t(true), t(1), t("a"), t([0]), t({a: nil}))
// expect: T T T T T
