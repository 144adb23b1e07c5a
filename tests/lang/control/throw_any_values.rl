// Any value can be thrown and arrives unchanged in the catch block.
print(try { throw 42 } catch e { e })
// expect: 42
print(try { throw "message" } catch e { e })
// expect: message
print(try { throw {code: 7, why: "bad"} } catch e { e })
// expect: {code: 7, why: "bad"}
print(try { throw [1, 2] } catch e { e })
// expect: [1, 2]
print(try { throw nil } catch e { type_of(e) })
// expect: nil
print(try { throw false } catch e { e == false })
// expect: true
