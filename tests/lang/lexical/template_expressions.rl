// Any expression may appear inside ${}.
fn double(x) { x * 2 }
set items = [1, 2, 3]
print(`double: ${double(21)}`)
// expect: double: 42
print(`count=${items.length} first=${items[0]} mapped=${items.map(double)}`)
// expect: count=3 first=1 mapped=[2, 4, 6]
print(`${if items.length > 2 { "many" } else { "few" }}`)
// expect: many
print(`${"nested " + "concat"}`)
// expect: nested concat
print(`${items.map(fn (x) { x + 1 })}`)
// expect: [2, 3, 4]
