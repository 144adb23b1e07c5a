struct User { name: string, age: number }
set u = User{name: "Ann", age: 30}
print(u)
// expect: User{name: "Ann", age: 30}
print(u.name, u.age)
// expect: Ann 30
