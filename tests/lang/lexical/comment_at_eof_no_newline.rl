// The file ends in a comment without a final newline.
// expect: 1
print(1) // last line