fn anything(x: any) { type_of(x) }
print(anything(1), anything(nil), anything([1]), anything(fn () { 1 }))
// expect: number nil array function
fn only_nil(x: nil) { "nil ok" }
print(only_nil(nil), try { only_nil(0) } catch e { e.kind })
// expect: nil ok TypeError
fn when(t: datetime) { type_of(t) }
print(when(now()), try { when("2024-01-01T00:00:00.000Z") } catch e { e.kind })
// expect: datetime TypeError
