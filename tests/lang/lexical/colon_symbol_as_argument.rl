fn show(x) { x }
print(show(:arg), show( :spaced ), show(:a) == "a")
// expect: arg spaced true
print(type_of(:x), [1, :y])
// expect: string [1, "y"]
