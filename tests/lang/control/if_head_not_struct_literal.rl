// "Name {" in the head of if/for/dispatch is not a struct constructor.
struct Flag { on: bool }
set Ready = true
if Ready { print("ready") }
// expect: ready
set Items = [1, 2]
for x in Items { print(x) }
// expect: 1
// expect: 2
set Cmd = :go
print(dispatch Cmd { :go: fn (v) { "went" } })
// expect: went
