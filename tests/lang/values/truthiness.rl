fn t(x) { if x { "T" } else { "F" } }
print(t(nil), t(false), t(0), t(""), t([]), t({}))   // expect: F F F F F F
print(t(1), t("0"), t([0]), t({a: nil}), t(-1))      // expect: T T T T T
