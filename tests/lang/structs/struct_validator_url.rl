struct Link { href: string.url() }
fn check(v) { try { Link{href: v}; "ok" } catch e { e.kind } }
print(check("https://example.com"), check("http://example.com/a/b?q=1"))
// expect: ok ok
print(check("not a url"), check("example"), check(""))
// expect: ValidationError ValidationError ValidationError
