// The value inside ${} is converted as by to_string.
print(`s=${"raw"} n=${2.5} b=${true} z=${nil}`)
// expect: s=raw n=2.5 b=true z=nil
print(`arr=${[1, "two", nil]}`)
// expect: arr=[1, "two", nil]
print(`sum=${0.1 + 0.2}`)
// expect: sum=0.30000000000000004
print(`big=${1e21} small=${1e-7} negzero=${-0}`)
// expect: big=1e+21 small=1e-7 negzero=0
print(`${[1, "a"]}` == to_string([1, "a"]))
// expect: true
