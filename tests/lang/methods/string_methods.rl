set s = "Hello, World"
print(s.length, s.length())                        // expect: 12 12
print(s.upper(), s.lower())                        // expect: HELLO, WORLD hello, world
print("  pad  ".trim() + "|")                      // expect: pad|
print("a,b,,c".split(","))                         // expect: ["a", "b", "", "c"]
print(s.contains("World"), s.contains("world"))    // expect: true false
print(s.starts_with("Hell"), s.ends_with("!"))     // expect: true false
print("a-b-c".replace("-", "+"))                   // expect: a+b+c
print(s.slice(0, 5), s.slice(7))                   // expect: Hello World
print(s.index_of("o"), s.index_of("z"))            // expect: 4 -1
print("42".to_number() + 1, "x".to_number())       // expect: 43 nil
print(s[0], "héllo"[1], "héllo".length)            // expect: H é 5
print(s.to_string() == s, s.toString())            // expect: true Hello, World
print(try { s[99] } catch e { e.kind })            // expect: IndexError
