// Relay values: a 16-byte tagged union plus reference-counted heap objects.
//
// Ownership contract
// ------------------
// * Copying a Value retains its heap object, moving steals it, destroying
//   releases it. Reference counts are atomic because values are shared between
//   server threads (only immutable data crosses between servers).
// * Arrays, objects, structs and strings are immutable TO THE PROGRAM. C++ code
//   may mutate a heap object in place only while it is uniquely owned
//   (`Value::unique()`); otherwise it must copy first. The `mut_*()` helpers
//   below do exactly that (copy-on-write) and return a mutable reference.
// * "Modifying" built-ins (push, set, insert, ...) mutate their receiver in
//   place when it is uniquely owned. The interpreter passes a variable's own
//   slot for `set xs = xs.push(v)` (see call_method in builtins.h), so the
//   count is 1 and appending N items is amortised O(N).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relay {

enum class Type : uint8_t {
    Nil, Bool, Number, Datetime,                        // immediate
    String, Array, Object, Struct, Function, Server     // heap (>= String)
};

// "nil" "bool" "number" "datetime" "string" "array" "object" "struct" "function" "server"
std::string_view type_name(Type t);

class HeapObject {
public:
    HeapObject() = default;
    HeapObject(const HeapObject&) : refs_(1) {}
    HeapObject& operator=(const HeapObject&) { return *this; }
    virtual ~HeapObject() = default;

    void retain() const noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
    // Last owner deletes; acq_rel so every write of other owners happens-before delete.
    [[gnu::always_inline]] void release() const noexcept {
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) [[unlikely]] destroy();
    }
    // Out of line so that every inlined release() stays small.
    [[gnu::noinline]] void destroy() const noexcept { delete this; }
    // The copy-on-write test: true when the caller holds the only reference.
    bool unique() const noexcept { return refs_.load(std::memory_order_acquire) == 1; }
    uint32_t ref_count() const noexcept { return refs_.load(std::memory_order_relaxed); }

private:
    mutable std::atomic<uint32_t> refs_{1};  // a new object is owned by its creator
};

class String;
class Array;
class Object;
class Struct;
class Function;
class ServerRef;
struct StructType;  // types.h

class Value {
public:
    Value() noexcept : type_(Type::Nil) { u_.ptr = nullptr; }
    [[gnu::always_inline]] ~Value() { if (is_heap()) u_.ptr->release(); }
    [[gnu::always_inline]] Value(const Value& o) noexcept : type_(o.type_), u_(o.u_) { if (is_heap()) u_.ptr->retain(); }
    [[gnu::always_inline]] Value(Value&& o) noexcept : type_(o.type_), u_(o.u_) { o.type_ = Type::Nil; o.u_.ptr = nullptr; }
    [[gnu::always_inline]] Value& operator=(const Value& o) noexcept {
        if (o.is_heap()) o.u_.ptr->retain();
        if (is_heap()) u_.ptr->release();
        type_ = o.type_; u_ = o.u_;
        return *this;
    }
    [[gnu::always_inline]] Value& operator=(Value&& o) noexcept {
        if (this != &o) {
            if (is_heap()) u_.ptr->release();
            type_ = o.type_; u_ = o.u_;
            o.type_ = Type::Nil; o.u_.ptr = nullptr;
        }
        return *this;
    }

    // ---- construction -------------------------------------------------------
    static Value nil() noexcept { return Value(); }
    static Value boolean(bool b) noexcept { Value v; v.type_ = Type::Bool; v.u_.b = b; return v; }
    static Value number(double d) noexcept { Value v; v.type_ = Type::Number; v.u_.d = d; return v; }
    static Value datetime(int64_t ms_since_epoch) noexcept {
        Value v; v.type_ = Type::Datetime; v.u_.ms = ms_since_epoch; return v;
    }
    static Value string(std::string s);
    static Value string(std::string_view s) { return string(std::string(s)); }
    static Value string(const char* s) { return string(std::string(s)); }
    // Shared single-character string for an ASCII byte (no allocation).
    static Value ascii_char(unsigned char c);
    static Value array(std::vector<Value> items = {});
    static Value object();               // empty object
    static Value object(Object&& o);
    // Takes ownership of a freshly created heap object (its count is already 1).
    static Value adopt(HeapObject* obj, Type t) noexcept { Value v; v.type_ = t; v.u_.ptr = obj; return v; }
    static Value function(Function* f) noexcept;  // adopts
    static Value server(ServerRef* s) noexcept;    // adopts

    // ---- inspection ---------------------------------------------------------
    Type type() const noexcept { return type_; }
    bool is_heap() const noexcept { return type_ >= Type::String; }
    bool is_nil() const noexcept { return type_ == Type::Nil; }
    bool is_bool() const noexcept { return type_ == Type::Bool; }
    bool is_number() const noexcept { return type_ == Type::Number; }
    bool is_datetime() const noexcept { return type_ == Type::Datetime; }
    bool is_string() const noexcept { return type_ == Type::String; }
    bool is_array() const noexcept { return type_ == Type::Array; }
    bool is_object() const noexcept { return type_ == Type::Object; }
    bool is_struct() const noexcept { return type_ == Type::Struct; }
    bool is_function() const noexcept { return type_ == Type::Function; }
    bool is_server() const noexcept { return type_ == Type::Server; }

    // Unchecked accessors: the caller has tested the type.
    bool as_bool() const noexcept { return u_.b; }
    double as_number() const noexcept { return u_.d; }
    int64_t as_datetime() const noexcept { return u_.ms; }
    HeapObject* heap() const noexcept { return u_.ptr; }
    const String& as_string() const noexcept;
    std::string_view string_view() const noexcept;  // requires is_string()
    const Array& as_array() const noexcept;
    const Object& as_object() const noexcept;
    const Struct& as_struct() const noexcept;
    const Function& as_function() const noexcept;
    const ServerRef& as_server() const noexcept;

    // True for immediates and for heap objects with a single owner.
    bool unique() const noexcept { return !is_heap() || u_.ptr->unique(); }

    // Copy-on-write: make this value the sole owner of its heap object (copying
    // it when shared) and return it mutable. Precondition: the matching type.
    String& mut_string();
    Array& mut_array();
    Object& mut_object();
    Struct& mut_struct();

private:
    Type type_;
    union {
        bool b;
        double d;
        int64_t ms;
        HeapObject* ptr;
    } u_;
};
static_assert(sizeof(Value) == 16);

// ---- strings ------------------------------------------------------------------

// UTF-8 text. length/index/slice count code points; ASCII strings (the common
// case) index in O(1).
class String final : public HeapObject {
public:
    explicit String(std::string s) : data_(std::move(s)) { measure(); }
    String(const String& o) : HeapObject(o), data_(o.data_), length_(o.length_), ascii_(o.ascii_) {}

    const std::string& str() const noexcept { return data_; }
    std::string_view view() const noexcept { return data_; }
    size_t length() const noexcept { return length_; }   // code points
    size_t byte_size() const noexcept { return data_.size(); }
    bool is_ascii() const noexcept { return ascii_; }
    size_t hash() const noexcept {
        size_t h = hash_.load(std::memory_order_relaxed);
        if (h == 0) { h = std::hash<std::string_view>{}(data_) | 1; hash_.store(h, std::memory_order_relaxed); }
        return h;
    }
    // Byte offset of code point `index` (index <= length()).
    size_t byte_offset(size_t index) const noexcept;
    // The code point at `index` (< length()) as a string view.
    std::string_view char_at(size_t index) const noexcept;

    // Mutation: only through Value::mut_string() (unique owner).
    void append(std::string_view more);

    // Byte length of the UTF-8 sequence starting with lead byte `c` (1 for invalid bytes).
    static size_t sequence_length(unsigned char c) noexcept {
        if (c < 0x80) return 1;
        if ((c & 0xE0) == 0xC0) return 2;
        if ((c & 0xF0) == 0xE0) return 3;
        if ((c & 0xF8) == 0xF0) return 4;
        return 1;
    }
    static size_t count_code_points(std::string_view s) noexcept;

private:
    void measure() noexcept;
    std::string data_;
    size_t length_ = 0;
    bool ascii_ = true;
    mutable std::atomic<size_t> hash_{0};
};


// Containers release uniquely owned nested containers iteratively (not by
// recursion), so dropping a 1,000,000-deep nested list cannot overflow the stack.
void release_children_iteratively(std::vector<Value>& children) noexcept;

// ---- arrays -------------------------------------------------------------------

class Array final : public HeapObject {
public:
    Array() = default;
    explicit Array(std::vector<Value> v) : items(std::move(v)) {}
    Array(const Array&) = default;
    ~Array() override;
    std::vector<Value> items;
};

// ---- objects ------------------------------------------------------------------

// String-keyed map that keeps insertion order. Small objects are scanned
// linearly; past kIndexThreshold keys a hash index (hash -> position) is
// built and kept up to date, so set/get are O(1) amortised.
class Object final : public HeapObject {
public:
    struct Entry {
        Value key;    // always a string
        Value value;
        std::string_view key_view() const noexcept { return key.string_view(); }
    };
    static constexpr size_t kIndexThreshold = 8;

    Object() = default;
    Object(const Object& o);
    Object(Object&& o) noexcept;
    Object& operator=(const Object&) = delete;
    ~Object() override;

    size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    const std::vector<Entry>& entries() const noexcept { return entries_; }
    void reserve(size_t n) { entries_.reserve(n); }

    // Position of `key`, or -1.
    long find_index(std::string_view key) const noexcept;
    const Value* find(std::string_view key) const noexcept {
        long i = find_index(key);
        return i < 0 ? nullptr : &entries_[static_cast<size_t>(i)].value;
    }
    Value* find(std::string_view key) noexcept {
        long i = find_index(key);
        return i < 0 ? nullptr : &entries_[static_cast<size_t>(i)].value;
    }
    bool contains(std::string_view key) const noexcept { return find_index(key) >= 0; }
    // Insert or overwrite (an existing key keeps its position).
    void set(std::string_view key, Value v);
    void set(const Value& string_key, Value v);  // reuses the key's String (no allocation)
    // Mutable access to the value at `key`, inserting nil when absent.
    Value& slot(const Value& string_key);
    bool remove(std::string_view key);

private:
    // Open-addressing index (linear probing, load <= 1/2). `pos` is the entry
    // position + 1 (0 = empty slot); `hash` is the low half of the key's hash,
    // compared before the key so most probes never touch the key's String.
    struct Slot {
        uint32_t hash;
        uint32_t pos;
    };
    static size_t hash_key(std::string_view key) noexcept { return std::hash<std::string_view>{}(key); }
    void append_entry(Value key, Value v, size_t hash);
    void index_insert(uint32_t pos, size_t hash) noexcept;
    void rebuild_index();
    std::vector<Entry> entries_;
    std::vector<Slot> index_;  // empty while the object is small
};

// ---- structs ------------------------------------------------------------------

// A value tagged with a declared struct type; fields in declaration order.
class Struct final : public HeapObject {
public:
    Struct(std::shared_ptr<const StructType> t, std::vector<Value> f) : type(std::move(t)), fields(std::move(f)) {}
    Struct(const Struct&) = default;
    ~Struct() override;
    std::shared_ptr<const StructType> type;
    std::vector<Value> fields;
    const std::string& type_name() const noexcept;
    // Field value by name, or nullptr when the struct type has no such field.
    const Value* find(std::string_view field) const noexcept;
};

// ---- functions ----------------------------------------------------------------

// Built-ins call back into Relay code (map, filter, sort_by, o.f(args), ...)
// through this interface; the interpreter implements it.
class CallContext {
public:
    virtual Value call(const Value& fn, std::span<const Value> args) = 0;
protected:
    ~CallContext() = default;
};

enum class FunctionKind : uint8_t { Native, Closure, Other };

class Function : public HeapObject {
public:
    explicit Function(FunctionKind k) : kind_(k) {}
    FunctionKind kind() const noexcept { return kind_; }
    virtual std::string_view name() const = 0;  // "" for anonymous functions
    virtual int arity() const = 0;              // -1: variadic
private:
    FunctionKind kind_;
};

class NativeFunction final : public Function {
public:
    // args are mutable so an implementation may move out of them.
    using Impl = std::function<Value(CallContext&, std::span<Value> args)>;
    NativeFunction(std::string name, int arity, Impl impl)
        : Function(FunctionKind::Native), name_(std::move(name)), arity_(arity), impl_(std::move(impl)) {}
    std::string_view name() const override { return name_; }
    int arity() const override { return arity_; }
    // Checks the argument count (ArgumentError) and runs the implementation.
    Value invoke(CallContext& ctx, std::span<Value> args) const;
private:
    std::string name_;
    int arity_;
    Impl impl_;
};

Value make_native(std::string name, int arity, NativeFunction::Impl impl);

// ---- servers ------------------------------------------------------------------

// A reference to a server by name (displays `<server name>`). The actor
// runtime may derive from it to carry a direct handle.
class ServerRef : public HeapObject {
public:
    explicit ServerRef(std::string name) : name_(std::move(name)) {}
    const std::string& name() const noexcept { return name_; }
private:
    std::string name_;
};

Value make_server_ref(std::string name);

// ---- inline accessors (need the complete classes) ------------------------------

inline const String& Value::as_string() const noexcept { return *static_cast<const String*>(u_.ptr); }
inline std::string_view Value::string_view() const noexcept { return as_string().view(); }
inline const Array& Value::as_array() const noexcept { return *static_cast<const Array*>(u_.ptr); }
inline const Object& Value::as_object() const noexcept { return *static_cast<const Object*>(u_.ptr); }
inline const Struct& Value::as_struct() const noexcept { return *static_cast<const Struct*>(u_.ptr); }
inline const Function& Value::as_function() const noexcept { return *static_cast<const Function*>(u_.ptr); }
inline const ServerRef& Value::as_server() const noexcept { return *static_cast<const ServerRef*>(u_.ptr); }
inline Value Value::function(Function* f) noexcept { return adopt(f, Type::Function); }
inline Value Value::server(ServerRef* s) noexcept { return adopt(s, Type::Server); }

// True when `v` is pure data (nil, bool, number, datetime, string, and arrays,
// objects, structs of those): what may cross between servers. Functions and
// server refs anywhere inside make it false.
bool is_data(const Value& v);

// type_of(x): the type name, or the struct's declared name.
std::string type_of(const Value& v);

}  // namespace relay
