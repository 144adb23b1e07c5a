// Built-in methods (LANGUAGE.md §8, §12) and built-in functions (§9).
//
// Method dispatch: the interpreter resolves a method name ONCE (method_id) and
// then calls call_method with the id for every execution.
//
// `o.f(args)` on objects and structs: a field named `f` that holds a FUNCTION
// wins over a built-in method of the same name (so `{get: fn () {1}}.get()` is
// 1); otherwise the built-in method runs. A name that is neither is a
// TypeError ("object has no method 'f'").
//
// Receivers: a uniquely owned receiver is modified in place; a shared one is
// copied (copy-on-write). See call_method for the slot-passing contract.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/value.h"

// GNU dialects predefine `unix` as 1; it is a method name here.
#ifdef unix
#undef unix
#endif

namespace relay {

#define RELAY_METHODS(X)                                                                    \
    X(length) X(upper) X(lower) X(trim) X(split) X(contains) X(starts_with) X(ends_with)    \
    X(replace) X(slice) X(index_of) X(to_number) X(to_string) X(toString) X(floor) X(ceil) \
    X(round) X(abs) X(fixed) X(get) X(set) X(push) X(add) X(append) X(prepend) X(insert)   \
    X(pop) X(remove) X(remove_at) X(includes) X(map) X(filter) X(find) X(reduce) X(sort)   \
    X(sort_by) X(reverse) X(join) X(first) X(last) X(is_empty) X(merge) X(has) X(keys)     \
    X(values) X(iso) X(unix) X(unix_ms) X(format)

enum class MethodId : uint8_t {
    Unknown,  // not a built-in: only a function stored in an object/struct field
#define RELAY_METHOD_ENUM(name) name,
    RELAY_METHODS(RELAY_METHOD_ENUM)
#undef RELAY_METHOD_ENUM
};

// Built-in method id for a name; MethodId::Unknown for any other name.
MethodId method_id(std::string_view name) noexcept;
std::string_view method_name(MethodId id) noexcept;

// receiver.name(args). `name` is needed for stored-function fields and error
// messages; `id` must be method_id(name).
//
// `receiver` is taken by rvalue reference so the interpreter can pass a
// variable's own slot: `call_method(ctx, std::move(slot), ...)` for
// `set xs = xs.push(v)`. Then:
//  * the slot's value is uniquely owned, so the method mutates it in place
//    (copy-on-write copies only when it is shared);
//  * on success the slot may be left moved-from (nil): assign the result to it;
//  * if the call throws, the slot still holds its ORIGINAL value (every
//    built-in validates before it mutates), so `try { set u = u.set("age", "x") }`
//    leaves `u` intact;
//  * callbacks (map, filter, ...) that read or rebind the variable see a valid
//    value: the slot is never empty during the call.
// Pass `Value(v)` (or use the const& overload) to call on a value you keep.
// `args` may be moved from.
Value call_method(CallContext& ctx, Value&& receiver, MethodId id, std::string_view name,
                  std::span<Value> args);
inline Value call_method(CallContext& ctx, const Value& receiver, MethodId id, std::string_view name,
                         std::span<Value> args) {
    return call_method(ctx, Value(receiver), id, name, args);
}

// receiver.name (property read): `length` of strings/arrays/objects/structs;
// object fields (nil when absent; a field named `length` wins over the count);
// struct fields (FieldError when the struct type has no such field; `length`
// is the field count unless declared). Other types: TypeError.
Value get_property(const Value& receiver, std::string_view name);

// receiver[index]: arrays and strings by integer index (IndexError when out
// of range, TypeError when not an integer number); objects by string key (nil
// when absent); structs by field name (FieldError when unknown).
Value get_index(const Value& receiver, const Value& index);

// What `for x in collection` iterates, as an array: arrays themselves (no
// copy), strings -> their characters, objects -> their keys in order, structs
// -> their field names. Anything else is a TypeError ("cannot iterate over number").
Value iteration_array(const Value& collection);

// ---- built-in functions ----------------------------------------------------------

// name -> NativeFunction for print now range type_of to_string to_number
// json_encode json_decode node_id (message/send belong to the interpreter).
const std::vector<std::pair<std::string, Value>>& builtin_functions();

// The id node_id() returns; unset (node_id() is nil) when not running as a node.
void set_node_id(std::string id);

// print() output goes to a process-wide buffer written to stdout when it
// grows large, on flush_output() (call it at exit and before a REPL prompt),
// and after every print when autoflush is on (nodes). One print is one atomic
// line even from several threads.
void write_output(std::string_view text);
void flush_output();
void set_output_autoflush(bool on);
// Tests: send printed text to `sink` instead of stdout (nullptr restores stdout).
void set_output_sink(std::function<void(std::string_view)> sink);

// to_number semantics: the whole string (trimmed) is a decimal number
// ("12", "-3.5", "1e3", ".5", "Infinity"); nullopt otherwise.
std::optional<double> parse_number(std::string_view s) noexcept;

// range(a, b, step) as an array of numbers; zero step -> ArgumentError.
Value make_range(double start, double stop, double step);

// Integer index from a number value ("what" names it in the TypeError).
int64_t to_integer(const Value& v, std::string_view what);

}  // namespace relay
