// Braces inside ${} nest, so an object literal can be interpolated.
print(`obj=${ {k: "v"} }`)
// expect: obj={k: "v"}
set o = {a: {b: 1}}
print(`${o.a}`)
// expect: {b: 1}
print(`${o.a.b}}`)
// expect: 1}
