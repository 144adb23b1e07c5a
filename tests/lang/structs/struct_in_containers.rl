struct P { x: number }
print([P{x: 1}, P{x: 2}])
// expect: [P{x: 1}, P{x: 2}]
print({origin: P{x: 0}})
// expect: {origin: P{x: 0}}
print("as string: " + P{x: 3})
// expect: as string: P{x: 3}
