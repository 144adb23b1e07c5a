struct Doc { title: string, pages: number, draft: bool, tags: [string] }
fn kind(f) { try { f(); "ok" } catch e { e.kind } }
print(kind(fn () { Doc{title: 5, pages: 1, draft: true, tags: []} }))
// expect: TypeError
print(kind(fn () { Doc{title: "t", pages: "1", draft: true, tags: []} }))
// expect: TypeError
print(kind(fn () { Doc{title: "t", pages: 1, draft: "yes", tags: []} }))
// expect: TypeError
print(kind(fn () { Doc{title: "t", pages: 1, draft: true, tags: [1]} }))
// expect: TypeError
print(kind(fn () { Doc{title: "t", pages: 1, draft: true, tags: ["a", "b"]} }))
// expect: ok
