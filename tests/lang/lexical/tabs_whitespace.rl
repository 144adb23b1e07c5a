// Tabs are white space.
set	x	=	1
	print(x	+	1)
// expect: 2
