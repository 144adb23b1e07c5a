print("hello".starts_with("he"), "hello".starts_with("lo"), "hello".starts_with(""))
// expect: true false true
print("hello".ends_with("lo"), "hello".ends_with("he"), "hello".ends_with("hello"))
// expect: true false true
print("hi".starts_with("hiya"), "😀a".starts_with("😀"))
// expect: false true
