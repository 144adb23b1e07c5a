// iso() equals the display form.
set t = now()
print(t.iso() == to_string(t), `${t}` == t.iso(), "" + t == t.iso())
// expect: true true true
print(t.iso().ends_with("Z"), t.iso().length, type_of(t.iso()))
// expect: true 24 string
