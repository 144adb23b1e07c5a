// decision: a "$" that is not followed by "{" is an ordinary character.
print(`cost: $5`)
// expect: cost: $5
print(`$`)
// expect: $
print(`{braces} alone`)
// expect: {braces} alone
