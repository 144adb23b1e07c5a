// The syntax tree, which is also what runs: the parser builds nodes, the
// resolver binds every name to a slot (frame slot, captured cell, upvalue or
// global index), and eval() walks the resolved tree. Internal to src/lang.
#pragma once

#include <atomic>
#include <stdexcept>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lang/builtins.h"
#include "lang/ops.h"
#include "lang/error.h"
#include "lang/interp.h"
#include "lang/types.h"
#include "lang/value.h"

namespace relay {

// A heap box for a variable captured by a closure (closures capture by
// reference). Reference counted like values.
struct Cell {
    std::atomic<uint32_t> refs{1};
    Value value;
    void retain() { refs.fetch_add(1, std::memory_order_relaxed); }
    void release() {
        if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }
};

// ---- the frame stack (inline: it is on every call's path) ------------------------------------------------------------------

// A stack of T in fixed chunks: pointers into it stay valid while it grows.
template <class T>
class ChunkStack {
public:
    static constexpr size_t kChunk = 1 << 14;
    [[gnu::always_inline]] T* alloc(size_t n) {
        if (top_ + n <= kChunk && !chunks_.empty()) [[likely]] {
            T* p = chunks_[chunk_].get() + top_;
            top_ += n;
            return p;
        }
        return alloc_slow(n);
    }
    T* alloc_slow(size_t n) {
        if (n > kChunk) throw std::length_error("function frame too large");
        if (chunks_.empty()) {
            chunks_.push_back(std::make_unique<T[]>(kChunk));
            used_.push_back(0);
        }
        if (top_ + n > kChunk) {
            used_[chunk_] = top_;  // where to resume when we come back
            ++chunk_;
            top_ = 0;
            if (chunk_ == chunks_.size()) {
                chunks_.push_back(std::make_unique<T[]>(kChunk));
                used_.push_back(0);
            }
        }
        T* p = chunks_[chunk_].get() + top_;
        top_ += n;
        return p;
    }
    // Back to a position taken before alloc(), after the caller reset what it used.
    void reset_to(uint32_t chunk, uint32_t top) {
        chunk_ = chunk;
        top_ = top;
    }
    uint32_t chunk() const { return static_cast<uint32_t>(chunk_); }
    uint32_t top() const { return static_cast<uint32_t>(top_); }
    // Resets everything above (chunk, top) with `reset`.
    template <class F>
    void release_to(uint32_t chunk, uint32_t top, F reset) {
        while (chunk_ > chunk) {
            T* base = chunks_[chunk_].get();
            for (size_t i = 0; i < top_; ++i) reset(base[i]);
            --chunk_;
            top_ = used_[chunk_];
        }
        if (chunks_.empty()) return;
        T* base = chunks_[chunk_].get();
        for (size_t i = top; i < top_; ++i) reset(base[i]);
        top_ = top;
    }

private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::vector<size_t> used_;
    size_t chunk_ = 0;
    size_t top_ = 0;
};

// Puts back the caller's frame and frees what was allocated after `mark`,
// however the scope is left.
struct FrameRestore {
    ExecContext& ctx;
    ExecContext::Frame saved;
    ExecContext::Mark mark;
    ~FrameRestore() {
        ctx.frame = saved;
        ctx.release_to(mark);
        ctx.returning = false;
    }
};

struct ExecContext::Stack {
    ChunkStack<Value> values;
    ChunkStack<Cell*> cells;
};


inline ExecContext::Mark ExecContext::mark() const {
    return Mark{stack_->values.chunk(), stack_->values.top(), stack_->cells.chunk(), stack_->cells.top()};
}

inline Value* ExecContext::alloc_slots(std::size_t n) { return stack_->values.alloc(n); }
inline Cell** ExecContext::alloc_cells(std::size_t n) { return stack_->cells.alloc(n); }

inline void ExecContext::release_to(const Mark& m) {
    stack_->values.release_to(m.value_chunk, m.value_top, [](Value& v) { v = Value(); });
    stack_->cells.release_to(m.cell_chunk, m.cell_top, [](Cell*& c) {
        if (c) c->release();
        c = nullptr;
    });
}


namespace ast {

class Resolver;
struct FnProto;
struct Node;

struct VarInfo {
    std::string name;
    bool captured = false;
    int index = -1;  // slot or cell index, assigned when its function is finished
    // Every assignment (`set`, `fn name`, `server name`), so the resolver can
    // tell whether a function bound to the variable is its final value
    // (Resolver::resolve_self_references). `statement`: the index of the
    // writer in the block that declares the variable when the writer is one
    // of that block's statements itself, else -1.
    struct Write {
        const Node* writer;
        int statement;
    };
    std::vector<Write> writes;
};

// Self: the closure whose body is running (a function's reference to the
// name it is bound to, see Resolver::resolve_self_references); never assigned.
enum class VarMode : uint8_t { Local, Cell, Upval, Global, Self };

struct VarRef {
    VarMode mode = VarMode::Global;
    int index = 0;
    VarInfo* var = nullptr;  // Local/Cell: patched into mode/index at the end of compile
};

struct Node {
    int line = 0;
    int col = 0;
    virtual ~Node() = default;
    virtual Value eval(ExecContext& ctx) const = 0;
    // As a condition: skips building a bool Value where a node can.
    virtual bool test(ExecContext& ctx) const { return truthy(eval(ctx)); }
    // As a statement whose value nobody reads.
    virtual void exec(ExecContext& ctx) const { (void)eval(ctx); }
    virtual void resolve(Resolver& r) = 0;
};
using NodePtr = std::unique_ptr<Node>;

// ---- globals ------------------------------------------------------------------

// Stable storage (chunks never move), so server threads can read while the
// main thread adds globals (REPL). Synchronised once shared (see ARCHITECTURE.md).
class Globals {
public:
    struct Entry {
        Value value;
        bool defined = false;
        bool declared = false;  // a top-level `set`/fn/server/built-in names it
        std::string name;
    };
    Globals();
    int intern(const std::string& name);  // compile time (main thread)
    std::optional<int> find(const std::string& name) const;
    Entry& at(int i) { return chunks_[static_cast<size_t>(i) >> kShift][static_cast<size_t>(i) & kMask]; }
    const Entry& at(int i) const { return chunks_[static_cast<size_t>(i) >> kShift][static_cast<size_t>(i) & kMask]; }

    Value get(int i, int line) const {  // NameError when undefined
        if (!shared()) [[likely]] {
            const Entry& e = at(i);
            if (e.defined) [[likely]] return e.value;
        }
        return get_slow(i, line);
    }
    // The entry's value without a copy, when no other thread can touch it.
    const Value* peek(int i) const {
        if (shared()) return nullptr;
        const Entry& e = at(i);
        return e.defined ? &e.value : nullptr;
    }
    Value get_slow(int i, int line) const;
    void set(int i, Value v);
    bool shared() const { return shared_.load(std::memory_order_relaxed); }
    void share() { shared_.store(true, std::memory_order_seq_cst); }
    std::atomic_flag& lock_for(const void* p) const {
        return locks_[(reinterpret_cast<uintptr_t>(p) >> 4) % kLocks];
    }

private:
    static constexpr size_t kShift = 8, kMask = 255, kMaxChunks = 4096;
    std::unique_ptr<std::unique_ptr<Entry[]>[]> chunks_;
    size_t size_ = 0;
    std::unordered_map<std::string, int> index_;
    std::atomic<bool> shared_{false};
public:
    // Functions replaced in a global are kept alive until the interpreter
    // ends, so a call that read the callee without a reference-count bump
    // (CallNode's fast path) can never see it freed mid-call.
    std::vector<Value> retired_functions;
private:
    static constexpr size_t kLocks = 64;
    mutable std::atomic_flag locks_[kLocks] = {};
};

class SpinGuard {
public:
    explicit SpinGuard(std::atomic_flag& f) : f_(f) {
        while (f_.test_and_set(std::memory_order_acquire)) {
        }
    }
    ~SpinGuard() { f_.clear(std::memory_order_release); }

private:
    std::atomic_flag& f_;
};

// ---- functions -------------------------------------------------------------------

// Where a closure's upvalue comes from when the closure is made, in the
// frame of the function that makes it (the parent).
struct CaptureDesc {
    enum class Source : uint8_t {
        ParentCell,     // the parent's cell `index` (patched to var->index)
        ParentUpvalue,  // the parent's upvalue `index`
        ParentSelf,     // the parent's cell `index` == FnProto::self_cell, holding the parent's running closure
        Unused,         // was the function's capture of its own name, now read as VarMode::Self: a null upvalue
    };
    Source source = Source::ParentCell;
    VarInfo* var = nullptr;  // the captured variable
    int index = 0;
};

struct FnProto {
    std::string name;  // "" for anonymous
    int line = 0;
    std::vector<std::string> param_names;
    std::vector<std::optional<TypeSpec>> param_types;
    std::optional<TypeSpec> result_type;
    std::vector<VarRef> param_refs;  // Local or Cell
    std::vector<std::unique_ptr<VarInfo>> vars;
    std::vector<std::string> type_names_used;  // struct names in annotations (checked at declaration)
    int num_slots = 0;
    int num_cells = 0;
    // A cell of this function's frame for closures made in it that refer to
    // the function's own name (CaptureDesc::Source::ParentSelf); -1 if none.
    int self_cell = -1;
    NodePtr body;  // a Block
    const Node* body_fast = nullptr;  // the body, or its only statement
    bool is_receive = false;
    bool any_param_typed = false;
    mutable std::atomic<bool> types_checked{false};
};

class Closure final : public Function {
public:
    Closure(const FnProto* p, std::vector<Cell*> up) : Function(FunctionKind::Closure), proto(p), upvalues(std::move(up)) {}
    ~Closure() override {
        for (Cell* c : upvalues)
            if (c) c->release();  // null: CaptureDesc::Source::Unused
    }
    std::string_view name() const override { return proto->name; }
    int arity() const override { return static_cast<int>(proto->param_names.size()); }
    const FnProto* proto;
    std::vector<Cell*> upvalues;
};

// ---- the interpreter's shared tables ------------------------------------------------

struct ProtocolMethod {
    std::string name;
    size_t param_count = 0;
    std::string signature;  // "increment(by)"
};

}  // namespace ast

struct Program {
    std::unique_ptr<ast::FnProto> main;  // the top level, run as a function
    bool ends_with_binding = false;      // last statement is a set or a declaration (the REPL does not echo it)
    std::string file_name;
    std::shared_ptr<const std::string> source;
};

struct Interpreter::Impl {
    ast::Globals globals;
    std::mutex tables_mutex;  // structs and protocols (declarations may run on any thread)
    std::unordered_map<std::string, std::shared_ptr<const StructType>> structs;
    std::unordered_map<std::string, std::vector<ast::ProtocolMethod>> protocols;
    std::unordered_set<std::string> declared_structs;  // by any compiled program (forward references)
    std::vector<std::shared_ptr<Program>> programs;  // kept alive: closures point into them
    Value config;
    Value range_builtin;  // `for x in range(...)` iterates without building the array
    std::shared_ptr<const StructType> find_struct(const std::string& name);
};

namespace ast {

// Calls a closure with arguments already evaluated.
Value call_closure(ExecContext& ctx, const Closure& c, std::span<Value> args);
Value call_value(ExecContext& ctx, const Value& fn, std::span<Value> args, int line);
std::string callable_name(const Value& fn);
// message(target, method, args...) and send(...).
Value message_builtin(CallContext& ctx, std::span<Value> args);

}  // namespace ast
}  // namespace relay
