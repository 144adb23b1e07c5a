set m = [[1, 2], [3, [4, 5]]]
print(m[0][1], m[1][1][0], m[1][1])
// expect: 2 4 [4, 5]
set i = 1
print(m[i][i - 1], m[i + 0][0])
// expect: 3 3
