struct Problem { code: number }
set e = try { throw Problem{code: 404} } catch err { err }
print(type_of(e), e.code, e)
// expect: Problem 404 Problem{code: 404}
