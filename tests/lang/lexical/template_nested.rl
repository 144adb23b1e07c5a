// decision: as in JavaScript, a template string may be nested inside ${}.
print(`${`inner ${1 + 1}`} outer`)
// expect: inner 2 outer
