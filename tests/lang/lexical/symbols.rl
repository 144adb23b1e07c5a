// :name is the string "name".
print(:name)
// expect: name
print(:name == "name", type_of(:name))
// expect: true string
print([:a, :b_c, :d1])
// expect: ["a", "b_c", "d1"]
print([:x,:y])
// expect: ["x", "y"]
print(:hello.upper(), :abc.length)
// expect: HELLO 3
