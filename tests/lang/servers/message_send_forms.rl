server calc {
    receive fn add(a: number, b: number) -> number { a + b }
    receive fn greet(name: string, punct: optional(string)) { "hi " + name + (punct ?? ".") }
}
print(message("calc", "add", 1, 2))
print(send("calc", "add", 3, 4))
print(send "calc" add {a: 5, b: 6})
print(send "calc" greet {name: "ada"})
print(message(calc, "add", 10, 20))
print(type_of(calc), calc)
// expect: 3
// expect: 7
// expect: 11
// expect: hi ada.
// expect: 30
// expect: server <server calc>
