// Every type of §6 is known.
struct Other { v: number }
struct T {
  a: string, b: number, c: bool, d: datetime, e: object, f: any, g: nil,
  h: [number], i: optional(string), j: fn(number, string) -> bool, k: Other, l: [[Other]]
}
fn typed(a: string, b: number, c: bool, d: datetime, e: object, f: any, g: nil, h: [number], i: optional(string), j: fn(number) -> string, k: Other) -> any { "ok" }
print("declared")
// expect: declared
