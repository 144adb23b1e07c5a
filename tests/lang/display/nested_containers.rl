print({a: [1, {b: "c"}], d: {e: [nil, true]}})
// expect: {a: [1, {b: "c"}], d: {e: [nil, true]}}
print([[], {}, [[]], {x: {}}])
// expect: [[], {}, [[]], {x: {}}]
print([nil, true, false], {n: nil})
// expect: [nil, true, false] {n: nil}
