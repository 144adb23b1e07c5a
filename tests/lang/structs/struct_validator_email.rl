struct Contact { email: string.email() }
fn check(v) { try { Contact{email: v}; "ok" } catch e { e.kind } }
print(check("ann@example.com"), check("a.b+c@mail.example.org"))
// expect: ok ok
print(check("not an email"), check("missing-at.example.com"), check(""))
// expect: ValidationError ValidationError ValidationError
