// The catch variable name is optional.
print(try { throw 1 } catch { "handled" })
// expect: handled
print(try { 1 / 0 } catch { "also handled" })
// expect: also handled
