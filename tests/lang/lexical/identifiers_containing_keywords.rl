// Keywords are whole words only; longer names that contain them are identifiers.
set iffy = 1
set format = 2
set nil_count = 3
set true_value = 4
set settings = 5
set returned = 6
set fnx = 7
set info = 8
print(iffy + format + nil_count + true_value + settings + returned + fnx + info)
// expect: 36
