set name = "World"
print(`Hello, ${name}!`)
// expect: Hello, World!
print(`${1 + 2} is three`)
// expect: 3 is three
print(`no interpolation`)
// expect: no interpolation
print(`${name}${name}`)
// expect: WorldWorld
print(`upper: ${name.upper()}, len: ${name.length}`)
// expect: upper: WORLD, len: 5
print(``)
// expect:
