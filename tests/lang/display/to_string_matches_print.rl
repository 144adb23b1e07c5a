// to_string and templates use the display form.
set v = {list: [1, "two", nil], n: 0.5, "odd key": true}
print(v)
// expect: {list: [1, "two", nil], n: 0.5, "odd key": true}
print(to_string(v))
// expect: {list: [1, "two", nil], n: 0.5, "odd key": true}
print(`${v}`)
// expect: {list: [1, "two", nil], n: 0.5, "odd key": true}
