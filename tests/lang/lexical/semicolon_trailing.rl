// decision: a trailing ";" at the end of a line is allowed (as in JavaScript).
print(1);
// expect: 1
set x = 2;
print(x);
// expect: 2
