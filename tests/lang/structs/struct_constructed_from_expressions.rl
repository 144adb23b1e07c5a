struct Item { name: string, price: number, total: number }
set qty = 3
set price = 2.5
set item = Item{name: "pen" + "cil", price: price, total: price * qty}
print(item)
// expect: Item{name: "pencil", price: 2.5, total: 7.5}
