struct Slug { value: string.regex("^[a-z]+(-[a-z]+)*$") }
fn check(v) { try { Slug{value: v}; "ok" } catch e { e.kind } }
print(check("hello"), check("hello-world"))
// expect: ok ok
print(check("Hello"), check("hello world"), check("a1"), check(""))
// expect: ValidationError ValidationError ValidationError ValidationError
struct Code { digits: string.regex("^\\d{3}$") }
print(try { Code{digits: "123"}.digits } catch e { e.kind }, try { Code{digits: "12a"} } catch e { e.kind })
// expect: 123 ValidationError
