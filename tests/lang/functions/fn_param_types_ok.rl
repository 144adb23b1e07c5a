fn f(n: number, s: string, b: bool, xs: [number], o: object, a: any, opt: optional(string)) {
  [n, s, b, xs, o, a, opt]
}
print(f(1, "s", true, [1, 2], {k: 1}, nil, nil))
// expect: [1, "s", true, [1, 2], {k: 1}, nil, nil]
print(f(0, "", false, [], {}, [1], "given"))
// expect: [0, "", false, [], {}, [1], "given"]
