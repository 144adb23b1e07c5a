print({:sym: 2})
// expect: {sym: 2}
print({k: :v})
// expect: {k: "v"}
print({:a: :b, "c": :d})
// expect: {a: "b", c: "d"}
set key = "dyn"
print({:key: 1})
// expect: {key: 1}
