// Return type annotations are optional and may use any type.
fn a(x: number) -> number { x * 2 }
fn b() -> [string] { ["x"] }
fn c(flag: bool) -> optional(string) { if flag { "s" } }
fn d() -> object { {k: 1} }
print(a(2), b(), c(true), c(false), d())
// expect: 4 ["x"] s nil {k: 1}
