print("42".to_number(), "-1.5".to_number(), "1e2".to_number())
// expect: 42 -1.5 100
print("abc".to_number(), "4x".to_number())
// expect: nil nil
print("10".to_number() + 5)
// expect: 15
