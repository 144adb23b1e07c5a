print(!nil, !false, !0, !"", ![], !{})
// expect: true true true true true true
print(!true, !1, !"a", ![0], !{a: 1}, !-1)
// expect: false false false false false false
print(type_of(!"x"), !!"x")
// expect: bool true
