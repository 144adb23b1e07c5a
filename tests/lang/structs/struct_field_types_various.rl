struct Everything {
  s: string,
  n: number,
  b: bool,
  d: datetime,
  o: object,
  a: any,
  list: [number],
  maybe: optional(number),
  f: fn(number) -> number
}
set ev = Everything{s: "s", n: 1, b: false, d: now(), o: {k: 1}, a: [nil], list: [1, 2], f: fn (x) { x + 1 }}
print(type_of(ev.d), ev.o, ev.a, ev.list, ev.maybe, ev.f(1))
// expect: datetime {k: 1} [nil] [1, 2] nil 2
print(try { Everything{s: "s", n: 1, b: false, d: "2024", o: {}, a: 1, list: [], f: fn (x) { x }} } catch e { e.kind })
// expect: TypeError
