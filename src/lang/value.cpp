#include "lang/value.h"

#include "lang/error.h"
#include "lang/types.h"

namespace relay {

std::string_view type_name(Type t) {
    switch (t) {
        case Type::Nil: return "nil";
        case Type::Bool: return "bool";
        case Type::Number: return "number";
        case Type::Datetime: return "datetime";
        case Type::String: return "string";
        case Type::Array: return "array";
        case Type::Object: return "object";
        case Type::Struct: return "struct";
        case Type::Function: return "function";
        case Type::Server: return "server";
    }
    return "unknown";
}

std::string type_of(const Value& v) {
    if (v.is_struct()) return v.as_struct().type_name();
    return std::string(type_name(v.type()));
}

bool is_data(const Value& v) {
    switch (v.type()) {
        case Type::Function:
        case Type::Server: return false;
        case Type::Array:
            for (const Value& item : v.as_array().items)
                if (!is_data(item)) return false;
            return true;
        case Type::Object:
            for (const auto& e : v.as_object().entries())
                if (!is_data(e.value)) return false;
            return true;
        case Type::Struct:
            for (const Value& f : v.as_struct().fields)
                if (!is_data(f)) return false;
            return true;
        default: return true;
    }
}

// ---- Value construction and copy-on-write --------------------------------------

Value Value::string(std::string s) { return adopt(new String(std::move(s)), Type::String); }

Value Value::ascii_char(unsigned char c) {
    // Leaked on purpose: shared by all threads until exit, never destroyed
    // while some static Value might still refer to it.
    static const Value* table = [] {
        auto* t = new Value[128];
        for (int i = 0; i < 128; ++i) t[i] = Value::string(std::string(1, static_cast<char>(i)));
        return t;
    }();
    if (c < 128) return table[c];
    return string(std::string(1, static_cast<char>(c)));
}

Value Value::array(std::vector<Value> items) { return adopt(new Array(std::move(items)), Type::Array); }
Value Value::object() { return adopt(new Object(), Type::Object); }
Value Value::object(Object&& o) { return adopt(new Object(std::move(o)), Type::Object); }

String& Value::mut_string() {
    if (!u_.ptr->unique()) *this = adopt(new String(as_string()), Type::String);
    return *static_cast<String*>(u_.ptr);
}
Array& Value::mut_array() {
    if (!u_.ptr->unique()) *this = adopt(new Array(as_array()), Type::Array);
    return *static_cast<Array*>(u_.ptr);
}
Object& Value::mut_object() {
    if (!u_.ptr->unique()) *this = adopt(new Object(as_object()), Type::Object);
    return *static_cast<Object*>(u_.ptr);
}
Struct& Value::mut_struct() {
    if (!u_.ptr->unique()) *this = adopt(new Struct(as_struct()), Type::Struct);
    return *static_cast<Struct*>(u_.ptr);
}

// ---- String ---------------------------------------------------------------------

size_t String::count_code_points(std::string_view s) noexcept {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count non-continuation bytes
    return n;
}

void String::measure() noexcept {
    ascii_ = true;
    for (unsigned char c : data_) {
        if (c >= 0x80) { ascii_ = false; break; }
    }
    length_ = ascii_ ? data_.size() : count_code_points(data_);
}

size_t String::byte_offset(size_t index) const noexcept {
    if (ascii_) return index;
    size_t pos = 0, seen = 0;
    while (pos < data_.size() && seen < index) {
        pos += sequence_length(static_cast<unsigned char>(data_[pos]));
        while (pos < data_.size() && (static_cast<unsigned char>(data_[pos]) & 0xC0) == 0x80) ++pos;
        ++seen;
    }
    return std::min(pos, data_.size());
}

std::string_view String::char_at(size_t index) const noexcept {
    if (ascii_) return std::string_view(data_).substr(index, 1);
    size_t start = byte_offset(index);
    size_t end = byte_offset(index + 1);
    return std::string_view(data_).substr(start, end - start);
}

void String::append(std::string_view more) {
    data_.append(more);
    bool more_ascii = true;
    for (unsigned char c : more) {
        if (c >= 0x80) { more_ascii = false; break; }
    }
    length_ += more_ascii ? more.size() : count_code_points(more);
    ascii_ = ascii_ && more_ascii;
    hash_.store(0, std::memory_order_relaxed);
}

// ---- iterative destruction -----------------------------------------------------------

namespace {

bool is_container(const Value& v) noexcept { return v.is_array() || v.is_object() || v.is_struct(); }

// Trivial thread-locals (no destructor), safe to read at any time.
thread_local bool draining = false;
thread_local bool deferred_list_gone = false;

struct DeferredList {
    std::vector<Value> items;
    ~DeferredList() { deferred_list_gone = true; }
};
thread_local DeferredList deferred;

// Queues `child` when destroying it would recurse into a nested container.
void defer(Value& child) {
    if (is_container(child) && child.unique() && !deferred_list_gone) deferred.items.push_back(std::move(child));
}

void drain() noexcept {
    if (draining || deferred_list_gone) return;  // an outer call on this thread drains the list
    draining = true;
    auto& items = deferred.items;
    while (!items.empty()) {
        Value last = std::move(items.back());
        items.pop_back();
        // `last` is destroyed here; its destructor defers its own children.
    }
    draining = false;
}

bool has_unique_container(const std::vector<Value>& values) noexcept {
    for (const Value& v : values)
        if (is_container(v) && v.unique()) return true;
    return false;
}

}  // namespace

void release_children_iteratively(std::vector<Value>& children) noexcept {
    if (!has_unique_container(children)) return;  // the common flat case touches no thread-local
    for (Value& child : children) defer(child);
    drain();
}

Array::~Array() { release_children_iteratively(items); }

Struct::~Struct() { release_children_iteratively(fields); }

Object::~Object() {
    bool nested = false;
    for (const Entry& e : entries_) nested = nested || (is_container(e.value) && e.value.unique());
    if (!nested) return;
    for (Entry& e : entries_) defer(e.value);
    drain();
}

// ---- Object ---------------------------------------------------------------------

Object::Object(const Object& o) : HeapObject(o), entries_(o.entries_), index_(o.index_) {}

Object::Object(Object&& o) noexcept : HeapObject(), entries_(std::move(o.entries_)), index_(std::move(o.index_)) {}

long Object::find_index(std::string_view key) const noexcept {
    if (index_.empty()) {
        for (size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].key_view() == key) return static_cast<long>(i);
        return -1;
    }
    const size_t hash = hash_key(key);
    const size_t mask = index_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = index_[i];
        if (slot.pos == 0) return -1;
        if (slot.hash == static_cast<uint32_t>(hash) && entries_[slot.pos - 1].key_view() == key)
            return static_cast<long>(slot.pos - 1);
    }
}

void Object::index_insert(uint32_t pos, size_t hash) noexcept {
    const size_t mask = index_.size() - 1;
    size_t i = hash & mask;
    while (index_[i].pos != 0) i = (i + 1) & mask;
    index_[i] = Slot{static_cast<uint32_t>(hash), pos + 1};
}

void Object::rebuild_index() {
    size_t capacity = 16;
    while (capacity < entries_.size() * 2 + 2) capacity *= 2;
    index_.assign(capacity, Slot{0, 0});
    for (size_t i = 0; i < entries_.size(); ++i)
        index_insert(static_cast<uint32_t>(i), hash_key(entries_[i].key_view()));
}

void Object::append_entry(Value key, Value v, size_t hash) {
    entries_.push_back(Entry{std::move(key), std::move(v)});
    if (!index_.empty()) {
        if (entries_.size() * 2 > index_.size()) rebuild_index();
        else index_insert(static_cast<uint32_t>(entries_.size() - 1), hash);
    } else if (entries_.size() > kIndexThreshold) {
        rebuild_index();
    }
}

void Object::set(std::string_view key, Value v) {
    if (Value* existing = find(key)) {
        *existing = std::move(v);
        return;
    }
    append_entry(Value::string(key), std::move(v), index_.empty() ? 0 : hash_key(key));
}

void Object::set(const Value& string_key, Value v) {
    std::string_view key = string_key.string_view();
    if (index_.empty()) {
        if (Value* existing = find(key)) {
            *existing = std::move(v);
            return;
        }
        append_entry(string_key, std::move(v), 0);
        return;
    }
    const size_t hash = hash_key(key);  // once for the lookup and the insertion
    const size_t mask = index_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = index_[i];
        if (slot.pos == 0) break;
        if (slot.hash == static_cast<uint32_t>(hash) && entries_[slot.pos - 1].key_view() == key) {
            entries_[slot.pos - 1].value = std::move(v);
            return;
        }
    }
    append_entry(string_key, std::move(v), hash);
}

Value& Object::slot(const Value& string_key) {
    std::string_view key = string_key.string_view();
    long i = find_index(key);
    if (i >= 0) return entries_[static_cast<size_t>(i)].value;
    append_entry(string_key, Value(), index_.empty() ? 0 : hash_key(key));
    return entries_.back().value;
}

bool Object::remove(std::string_view key) {
    long i = find_index(key);
    if (i < 0) return false;
    entries_.erase(entries_.begin() + i);
    if (entries_.size() > kIndexThreshold) rebuild_index();
    else index_.clear();
    return true;
}

// ---- Struct -----------------------------------------------------------------------

const std::string& Struct::type_name() const noexcept { return type->name; }

const Value* Struct::find(std::string_view field) const noexcept {
    int i = type->field_index(field);
    return i < 0 ? nullptr : &fields[static_cast<size_t>(i)];
}

// ---- functions and servers ----------------------------------------------------

Value NativeFunction::invoke(CallContext& ctx, std::span<Value> args) const {
    if (arity_ >= 0 && args.size() != static_cast<size_t>(arity_)) {
        raise(ErrorKind::ArgumentError, name_ + "() takes " + std::to_string(arity_) + " argument" +
                                            (arity_ == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
    }
    return impl_(ctx, args);
}

Value make_native(std::string name, int arity, NativeFunction::Impl impl) {
    return Value::function(new NativeFunction(std::move(name), arity, std::move(impl)));
}

Value make_server_ref(std::string name) { return Value::server(new ServerRef(std::move(name))); }

}  // namespace relay
