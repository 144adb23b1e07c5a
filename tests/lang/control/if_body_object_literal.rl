// Inside a body block, "{" followed by "}" or "key:" starts an object literal.
print(if true { {} } else { 1 })
// expect: {}
print(if true { {a: 1} })
// expect: {a: 1}
print(if false { 1 } else { {"k": [1]} })
// expect: {k: [1]}
