struct Address { city: string }
struct Person { name: string, home: Address, past: [Address], next: optional(Address) }
set p = Person{name: "A", home: Address{city: "X"}, past: []}
print(p)
// expect: Person{name: "A", home: Address{city: "X"}, past: [], next: nil}
