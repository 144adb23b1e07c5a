struct Card { rank: number }
print(type_of(nil), type_of(false), type_of(0), type_of(""), type_of(now()))
// expect: nil bool number string datetime
print(type_of([]), type_of({}), type_of(type_of), type_of(fn () {}), type_of(Card{rank: 1}))
// expect: array object function function Card
print(type_of(type_of(1)))
// expect: string
