// A program with nothing but comments runs and prints nothing.
/* really nothing */
