fn t(x) { if x { "T" } else { "F" } }
print(t(-0), t(0.0), t(0.1), t(" "), t("false"), t([nil]), t([[]]))
// expect: F F T T T T T
print(t(now()), t(fn () { nil }), t(true), t({k: false}))
// expect: T T T T
print(!!nil, !!0, !!"", !![], !!{}, !!false)
// expect: false false false false false false
print(!!"a", !![0], !!{a: 0}, !!-1)
// expect: true true true true
