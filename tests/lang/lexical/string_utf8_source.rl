// Source is UTF-8: ñ, 日本, 😀 in comments are fine.
print("héllo wörld")
// expect: héllo wörld
print("日本語".length, "日本語"[1])
// expect: 3 本
print("a😀b".length, "a😀b"[1])
// expect: 3 😀
