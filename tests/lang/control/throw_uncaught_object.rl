// expect-exit: 1
throw {code: 1}
