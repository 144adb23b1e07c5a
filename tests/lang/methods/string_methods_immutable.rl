set s = " Mixed Case "
set results = [s.upper(), s.lower(), s.trim(), s.replace(" ", "_"), s.slice(1, 6)]
print(results)
// expect: [" MIXED CASE ", " mixed case ", "Mixed Case", "_Mixed_Case_", "Mixed"]
print("[" + s + "]")
// expect: [ Mixed Case ]
