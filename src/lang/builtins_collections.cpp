// Method dispatch, property and index reads, and the methods of arrays,
// objects and structs. Receivers arrive by value: uniquely owned ones are
// modified in place (see value.h).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "lang/builtins_common.h"
#include "lang/types.h"

namespace relay {

Value call_string_method(Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
Value call_number_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
Value call_datetime_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
Value split_characters(const String& s);
[[noreturn]] void no_such_method(const Value& receiver, std::string_view name);

using namespace detail;

// ---- method names ------------------------------------------------------------------

namespace {
constexpr std::string_view kMethodNames[] = {
    "<unknown>",
#define RELAY_METHOD_NAME(name) #name,
    RELAY_METHODS(RELAY_METHOD_NAME)
#undef RELAY_METHOD_NAME
};
}  // namespace

MethodId method_id(std::string_view name) noexcept {
    for (size_t i = 1; i < std::size(kMethodNames); ++i)
        if (kMethodNames[i] == name) return static_cast<MethodId>(i);
    return MethodId::Unknown;
}

std::string_view method_name(MethodId id) noexcept { return kMethodNames[static_cast<size_t>(id)]; }

// ---- indices -------------------------------------------------------------------------

int64_t to_integer(const Value& v, std::string_view what) {
    if (!v.is_number())
        raise(ErrorKind::TypeError, std::string(what) + " must be a number, got " + describe_type(v));
    double d = v.as_number();
    if (d != std::trunc(d) || std::fabs(d) > 9.0e15)
        raise(ErrorKind::TypeError, std::string(what) + " must be an integer, got " + format_number(d));
    return static_cast<int64_t>(d);
}

namespace {

[[noreturn]] void index_error(int64_t index, size_t length) {
    raise(ErrorKind::IndexError,
          "index " + std::to_string(index) + " out of range (length " + std::to_string(length) + ")");
}

// Index of an existing element: 0 <= i < length, else IndexError.
size_t element_index(const Value& index, size_t length, std::string_view what = "index") {
    int64_t i = to_integer(index, what);
    if (i < 0 || static_cast<size_t>(i) >= length) index_error(i, length);
    return static_cast<size_t>(i);
}

size_t clamp_slice_index(double i, size_t length) {
    if (std::isnan(i)) return 0;
    double n = static_cast<double>(length);
    if (i < 0) i = std::max(0.0, n + std::trunc(i));
    return static_cast<size_t>(std::min(std::trunc(i), n));
}

// Calls fn with (element) or (element, index) according to its arity.
Value call_with_index(CallContext& ctx, const Value& fn, const Value& element, size_t index) {
    if (fn.as_function().arity() >= 2) {
        const Value args[2] = {element, Value::number(static_cast<double>(index))};
        return ctx.call(fn, args);
    }
    return ctx.call(fn, std::span<const Value>(&element, 1));
}

const Value& expect_function(const Where& label, const Value& v) {
    return expect_type(label, v, Type::Function, "callback");
}

// Throws TypeError unless every value is a number, or every one a string, or
// every one a datetime (so the sort comparator itself never throws).
void check_sortable(const Where& label, const std::vector<Value>& values) {
    if (values.empty()) return;
    Type t = values.front().type();
    bool ok = t == Type::Number || t == Type::String || t == Type::Datetime;
    for (const Value& v : values) {
        if (!ok || v.type() != t)
            raise(ErrorKind::TypeError, label.str() +
                                            " can only sort numbers, strings or datetimes of one type (found " +
                                            describe_type(values.front()) + " and " + describe_type(v) + ")");
    }
}

// Strict weak order for sortable values; NaN sorts last.
bool sort_less(const Value& a, const Value& b) {
    if (a.is_number()) {
        double x = a.as_number(), y = b.as_number();
        if (std::isnan(x)) return false;
        if (std::isnan(y)) return true;
        return x < y;
    }
    return compare(a, b) < 0;
}

// ---- arrays --------------------------------------------------------------------------

Value array_method(CallContext& ctx, Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    const auto& items = receiver.as_array().items;
    switch (id) {
        case MethodId::length: expect_args(label, args, 0, 0); return Value::number(static_cast<double>(items.size()));
        case MethodId::is_empty: expect_args(label, args, 0, 0); return Value::boolean(items.empty());
        case MethodId::get: expect_args(label, args, 1, 1); return items[element_index(args[0], items.size())];
        case MethodId::first: expect_args(label, args, 0, 0); return items.empty() ? Value() : items.front();
        case MethodId::last: expect_args(label, args, 0, 0); return items.empty() ? Value() : items.back();
        case MethodId::set: {
            expect_args(label, args, 2, 2);
            size_t i = element_index(args[0], items.size());
            receiver.mut_array().items[i] = std::move(args[1]);
            return std::move(receiver);
        }
        case MethodId::push:
        case MethodId::add:
            expect_args(label, args, 1, 1);
            receiver.mut_array().items.push_back(std::move(args[0]));
            return std::move(receiver);
        case MethodId::append: {
            expect_args(label, args, 1, 1);
            expect_type(label, args[0], Type::Array);
            std::vector<Value> extra = args[0].as_array().items;  // copy: args[0] may alias the receiver
            auto& out = receiver.mut_array().items;
            out.insert(out.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
            return std::move(receiver);
        }
        case MethodId::prepend: {
            expect_args(label, args, 1, 1);
            auto& out = receiver.mut_array().items;
            out.insert(out.begin(), std::move(args[0]));
            return std::move(receiver);
        }
        case MethodId::insert: {
            expect_args(label, args, 2, 2);
            int64_t i = to_integer(args[0], "index");
            if (i < 0 || static_cast<size_t>(i) > items.size()) index_error(i, items.size());
            auto& out = receiver.mut_array().items;
            out.insert(out.begin() + i, std::move(args[1]));
            return std::move(receiver);
        }
        case MethodId::pop: {
            expect_args(label, args, 0, 0);
            if (items.empty()) raise(ErrorKind::IndexError, "pop() of an empty array");
            receiver.mut_array().items.pop_back();
            return std::move(receiver);
        }
        case MethodId::remove_at: {
            expect_args(label, args, 1, 1);
            size_t i = element_index(args[0], items.size());
            auto& out = receiver.mut_array().items;
            out.erase(out.begin() + static_cast<ptrdiff_t>(i));
            return std::move(receiver);
        }
        case MethodId::remove: {
            expect_args(label, args, 1, 1);
            if (std::none_of(items.begin(), items.end(), [&](const Value& v) { return equals(v, args[0]); }))
                return std::move(receiver);
            auto& out = receiver.mut_array().items;
            std::erase_if(out, [&](const Value& v) { return equals(v, args[0]); });
            return std::move(receiver);
        }
        case MethodId::includes:
        case MethodId::contains:
            expect_args(label, args, 1, 1);
            return Value::boolean(std::any_of(items.begin(), items.end(), [&](const Value& v) { return equals(v, args[0]); }));
        case MethodId::index_of: {
            expect_args(label, args, 1, 1);
            for (size_t i = 0; i < items.size(); ++i)
                if (equals(items[i], args[0])) return Value::number(static_cast<double>(i));
            return Value::number(-1);
        }
        case MethodId::replace: {
            expect_args(label, args, 2, 2);
            if (std::none_of(items.begin(), items.end(), [&](const Value& v) { return equals(v, args[0]); }))
                return std::move(receiver);
            for (Value& v : receiver.mut_array().items)
                if (equals(v, args[0])) v = args[1];
            return std::move(receiver);
        }
        // Callbacks run Relay code that may rebind the variable `receiver` refers
        // to, so these work on their own reference (`self`), never on `receiver`.
        case MethodId::map: {
            expect_args(label, args, 1, 1);
            const Value fn = expect_function(label, args[0]);
            const Value self = receiver;
            const auto& elements = self.as_array().items;
            std::vector<Value> out;
            out.reserve(elements.size());
            for (size_t i = 0; i < elements.size(); ++i) out.push_back(call_with_index(ctx, fn, elements[i], i));
            return Value::array(std::move(out));
        }
        case MethodId::filter: {
            expect_args(label, args, 1, 1);
            const Value fn = expect_function(label, args[0]);
            const Value self = receiver;
            const auto& elements = self.as_array().items;
            std::vector<Value> out;
            for (size_t i = 0; i < elements.size(); ++i)
                if (truthy(call_with_index(ctx, fn, elements[i], i))) out.push_back(elements[i]);
            if (out.size() == elements.size()) return self;
            return Value::array(std::move(out));
        }
        case MethodId::find: {
            expect_args(label, args, 1, 1);
            const Value fn = expect_function(label, args[0]);
            const Value self = receiver;
            for (const Value& v : self.as_array().items)
                if (truthy(ctx.call(fn, std::span<const Value>(&v, 1)))) return v;
            return Value();
        }
        case MethodId::reduce: {
            expect_args(label, args, 2, 2);
            const Value fn = expect_function(label, args[0]);
            const Value self = receiver;
            const auto& elements = self.as_array().items;
            bool with_index = fn.as_function().arity() >= 3;
            Value acc = std::move(args[1]);
            for (size_t i = 0; i < elements.size(); ++i) {
                Value call_args[3] = {std::move(acc), elements[i], Value::number(static_cast<double>(i))};
                acc = ctx.call(fn, std::span<const Value>(call_args, with_index ? 3 : 2));
            }
            return acc;
        }
        case MethodId::sort: {
            expect_args(label, args, 0, 0);
            check_sortable(label, items);
            if (std::is_sorted(items.begin(), items.end(), sort_less)) return std::move(receiver);
            auto& out = receiver.mut_array().items;
            std::stable_sort(out.begin(), out.end(), sort_less);
            return std::move(receiver);
        }
        case MethodId::sort_by: {
            expect_args(label, args, 1, 1);
            const Value fn = expect_function(label, args[0]);
            const Value self = receiver;
            const auto& elements = self.as_array().items;
            std::vector<Value> keys;
            keys.reserve(elements.size());
            for (const Value& v : elements) keys.push_back(ctx.call(fn, std::span<const Value>(&v, 1)));
            check_sortable(label, keys);
            std::vector<size_t> order(elements.size());
            std::iota(order.begin(), order.end(), size_t{0});
            std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sort_less(keys[a], keys[b]); });
            std::vector<Value> out;
            out.reserve(elements.size());
            for (size_t i : order) out.push_back(elements[i]);
            return Value::array(std::move(out));
        }
        case MethodId::reverse: {
            expect_args(label, args, 0, 0);
            auto& out = receiver.mut_array().items;
            std::reverse(out.begin(), out.end());
            return std::move(receiver);
        }
        case MethodId::slice: {
            expect_args(label, args, 1, 2);
            size_t begin = clamp_slice_index(expect_number(label, args[0]), items.size());
            size_t end = args.size() == 2 && !args[1].is_nil()
                             ? clamp_slice_index(expect_number(label, args[1]), items.size())
                             : items.size();
            if (end <= begin) return Value::array();
            if (begin == 0 && end == items.size()) return std::move(receiver);
            return Value::array(std::vector<Value>(items.begin() + static_cast<ptrdiff_t>(begin),
                                                   items.begin() + static_cast<ptrdiff_t>(end)));
        }
        case MethodId::join: {
            expect_args(label, args, 0, 1);
            std::string_view sep = args.empty() ? std::string_view(",") : expect_string(label, args[0]);
            std::string out;
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) out += sep;
                display(items[i], out, true);
            }
            return Value::string(std::move(out));
        }
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return Value::string(to_display(receiver));
        default: no_such_method(receiver, name);
    }
}

// ---- objects -------------------------------------------------------------------------

Value keys_of(const Object& o) {
    std::vector<Value> keys;
    keys.reserve(o.size());
    for (const auto& e : o.entries()) keys.push_back(e.key);
    return Value::array(std::move(keys));
}

Value values_of(const Object& o) {
    std::vector<Value> values;
    values.reserve(o.size());
    for (const auto& e : o.entries()) values.push_back(e.value);
    return Value::array(std::move(values));
}

const Value& expect_key(const Where& label, const Value& v) {
    return expect_type(label, v, Type::String, "key");
}

Value object_method(Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    const Object& o = receiver.as_object();
    switch (id) {
        case MethodId::get: {
            expect_args(label, args, 1, 2);  // get(k) or get(k, default)
            const Value* v = o.find(expect_key(label, args[0]).string_view());
            if (v) return *v;
            return args.size() == 2 ? std::move(args[1]) : Value();
        }
        case MethodId::set: {
            expect_args(label, args, 2, 2);
            expect_key(label, args[0]);
            receiver.mut_object().set(args[0], std::move(args[1]));
            return std::move(receiver);
        }
        case MethodId::has:
            expect_args(label, args, 1, 1);
            return Value::boolean(o.contains(expect_key(label, args[0]).string_view()));
        case MethodId::remove: {
            expect_args(label, args, 1, 1);
            std::string_view key = expect_key(label, args[0]).string_view();
            if (!o.contains(key)) return std::move(receiver);
            receiver.mut_object().remove(key);
            return std::move(receiver);
        }
        case MethodId::merge: {
            expect_args(label, args, 1, 1);
            const Value& other = args[0];
            if (other.is_object()) {
                if (other.as_object().empty()) return std::move(receiver);
                Object copy(other.as_object());  // other may alias the receiver
                Object& out = receiver.mut_object();
                for (const auto& e : copy.entries()) out.set(e.key, e.value);
                return std::move(receiver);
            }
            if (other.is_struct()) {
                Struct copy(other.as_struct());
                Object& out = receiver.mut_object();
                for (size_t i = 0; i < copy.fields.size(); ++i) out.set(copy.type->fields[i].name, copy.fields[i]);
                return std::move(receiver);
            }
            raise(ErrorKind::TypeError, label.str() + ": argument must be an object, got " + describe_type(other));
        }
        case MethodId::keys: expect_args(label, args, 0, 0); return keys_of(o);
        case MethodId::values: expect_args(label, args, 0, 0); return values_of(o);
        case MethodId::length: expect_args(label, args, 0, 0); return Value::number(static_cast<double>(o.size()));
        case MethodId::is_empty: expect_args(label, args, 0, 0); return Value::boolean(o.empty());
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return Value::string(to_display(receiver));
        default: no_such_method(receiver, name);
    }
}

// ---- structs -------------------------------------------------------------------------

[[noreturn]] void unknown_field(const Struct& s, std::string_view field) {
    raise(ErrorKind::FieldError, "struct " + s.type_name() + " has no field '" + std::string(field) + "'");
}

Value struct_method(Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    const Struct& s = receiver.as_struct();
    switch (id) {
        case MethodId::get: {
            expect_args(label, args, 1, 1);
            std::string_view field = expect_key(label, args[0]).string_view();
            const Value* v = s.find(field);
            if (!v) unknown_field(s, field);
            return *v;
        }
        case MethodId::set:
            expect_args(label, args, 2, 2);
        {
            std::string_view field = expect_key(label, args[0]).string_view();
            int index = s.type->field_index(field);
            if (index < 0) unknown_field(s, field);
            const StructField& declared = s.type->fields[static_cast<size_t>(index)];
            check_or_raise(declared.type, args[1], "field " + s.type_name() + "." + declared.name);
            receiver.mut_struct().fields[static_cast<size_t>(index)] = std::move(args[1]);
            return std::move(receiver);
        }
        case MethodId::has:
            expect_args(label, args, 1, 1);
            return Value::boolean(s.find(expect_key(label, args[0]).string_view()) != nullptr);
        case MethodId::merge: {
            expect_args(label, args, 1, 1);
            Value other = args[0];
            if (other.is_struct()) {
                Object fields;
                const Struct& o = other.as_struct();
                for (size_t i = 0; i < o.fields.size(); ++i) fields.set(o.type->fields[i].name, o.fields[i]);
                other = Value::object(std::move(fields));
            }
            if (!other.is_object())
                raise(ErrorKind::TypeError, label.str() + ": argument must be an object, got " + describe_type(other));
            // Check every field before changing any, so a failure leaves the receiver as it was.
            const StructType& type = *s.type;
            std::vector<std::pair<size_t, Value>> updates;
            for (const auto& e : other.as_object().entries()) {
                int index = type.field_index(e.key_view());
                if (index < 0) unknown_field(s, e.key_view());
                const StructField& field = type.fields[static_cast<size_t>(index)];
                check_or_raise(field.type, e.value, "field " + type.name + "." + field.name);
                updates.emplace_back(static_cast<size_t>(index), e.value);
            }
            if (updates.empty()) return std::move(receiver);
            Struct& out = receiver.mut_struct();
            for (auto& [index, value] : updates) out.fields[index] = std::move(value);
            return std::move(receiver);
        }
        case MethodId::remove:
            raise(ErrorKind::TypeError, label.str() + ": cannot remove a field from struct " + s.type_name());
        case MethodId::keys: {
            expect_args(label, args, 0, 0);
            std::vector<Value> keys;
            for (const auto& f : s.type->fields) keys.push_back(Value::string(f.name));
            return Value::array(std::move(keys));
        }
        case MethodId::values: expect_args(label, args, 0, 0); return Value::array(s.fields);
        case MethodId::length:
            expect_args(label, args, 0, 0);
            return Value::number(static_cast<double>(s.fields.size()));
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return Value::string(to_display(receiver));
        default: no_such_method(receiver, name);
    }
}

// A function stored in field `name` of an object or struct, if any.
const Value* stored_function(const Value& receiver, std::string_view name) {
    const Value* field = receiver.is_object() ? receiver.as_object().find(name) : receiver.as_struct().find(name);
    return field && field->is_function() ? field : nullptr;
}

}  // namespace

// ---- dispatch --------------------------------------------------------------------------

Value call_method(CallContext& ctx, Value&& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    switch (receiver.type()) {
        case Type::String: return call_string_method(receiver, id, name, args);
        case Type::Number: return call_number_method(receiver, id, name, args);
        case Type::Datetime: return call_datetime_method(receiver, id, name, args);
        case Type::Array: return array_method(ctx, receiver, id, name, args);
        case Type::Object:
        case Type::Struct: {
            if (const Value* fn = stored_function(receiver, name)) {
                Value callee = *fn;  // keep it alive: the receiver may go away
                return ctx.call(callee, std::span<const Value>(args.data(), args.size()));
            }
            if (id == MethodId::Unknown) {
                const Value* field =
                    receiver.is_object() ? receiver.as_object().find(name) : receiver.as_struct().find(name);
                if (field)
                    raise(ErrorKind::TypeError, "field '" + std::string(name) + "' is a " + describe_type(*field) +
                                                    ", not a function");
            }
            if (receiver.is_object()) return object_method(receiver, id, name, args);
            return struct_method(receiver, id, name, args);
        }
        default:
            if (id == MethodId::to_string || id == MethodId::toString) {
                expect_args(method_where(receiver, name), args, 0, 0);
                return Value::string(to_display(receiver));
            }
            no_such_method(receiver, name);
    }
}

Value iteration_array(const Value& collection) {
    switch (collection.type()) {
        case Type::Array: return collection;
        case Type::String: {
            return split_characters(collection.as_string());
        }
        case Type::Object: return keys_of(collection.as_object());
        case Type::Struct: {
            std::vector<Value> names;
            for (const auto& f : collection.as_struct().type->fields) names.push_back(Value::string(f.name));
            return Value::array(std::move(names));
        }
        default: raise(ErrorKind::TypeError, "cannot iterate over " + describe_type(collection));
    }
}

Value get_property(const Value& receiver, std::string_view name) {
    switch (receiver.type()) {
        case Type::Object: {
            const Object& o = receiver.as_object();
            if (const Value* v = o.find(name)) return *v;
            if (name == "length") return Value::number(static_cast<double>(o.size()));
            return Value();
        }
        case Type::Struct: {
            const Struct& s = receiver.as_struct();
            if (const Value* v = s.find(name)) return *v;
            if (name == "length") return Value::number(static_cast<double>(s.fields.size()));
            unknown_field(s, name);
        }
        case Type::String:
            if (name == "length") return Value::number(static_cast<double>(receiver.as_string().length()));
            break;
        case Type::Array:
            if (name == "length") return Value::number(static_cast<double>(receiver.as_array().items.size()));
            break;
        default: break;
    }
    raise(ErrorKind::TypeError, describe_type(receiver) + " has no property '" + std::string(name) + "'");
}

Value get_index(const Value& receiver, const Value& index) {
    switch (receiver.type()) {
        case Type::Array: {
            const auto& items = receiver.as_array().items;
            return items[element_index(index, items.size())];
        }
        case Type::String: {
            const String& s = receiver.as_string();
            size_t i = element_index(index, s.length());
            if (s.is_ascii()) return Value::ascii_char(static_cast<unsigned char>(s.view()[i]));
            return Value::string(s.char_at(i));
        }
        case Type::Object: {
            if (!index.is_string())
                raise(ErrorKind::TypeError, "object key must be a string, got " + describe_type(index));
            const Value* v = receiver.as_object().find(index.string_view());
            return v ? *v : Value();
        }
        case Type::Struct: {
            if (!index.is_string())
                raise(ErrorKind::TypeError, "struct field name must be a string, got " + describe_type(index));
            const Value* v = receiver.as_struct().find(index.string_view());
            if (!v) unknown_field(receiver.as_struct(), index.string_view());
            return *v;
        }
        default:
            raise(ErrorKind::TypeError, "cannot index " + describe_type(receiver));
    }
}

}  // namespace relay
