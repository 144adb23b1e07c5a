print("Hello World 42".upper(), "Hello World 42".lower())
// expect: HELLO WORLD 42 hello world 42
print("".upper() == "", "ABC".lower(), "abc".upper())
// expect: true abc ABC
