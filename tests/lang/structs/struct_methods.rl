struct User { name: string, age: number }
set u = User{age: 30, name: "Ann"}
print(u.get("name"), u.has("age"), u.has("zzz"))
// expect: Ann true false
// decision: keys() and values() follow declaration order, as display does.
print(u.keys(), u.values())
// expect: ["name", "age"] ["Ann", 30]
print(u.length)
// expect: 2
