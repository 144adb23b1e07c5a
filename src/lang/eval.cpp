// The evaluator: eval() of every node. Hot paths (numbers, locals, calls of
// closures) avoid allocation and virtual dispatch beyond one call per node.
// `return` unwinds with ExecContext::returning (no exceptions); runtime errors
// are RelayError exceptions, annotated with the line of the node that saw them.
#include <cmath>

#include "lang/nodes.h"
#include "lang/ops.h"

namespace relay::ast {
namespace {

inline Globals& global_table(ExecContext& ctx) { return ctx.interp.impl().globals; }

[[noreturn]] void raise_at(ErrorKind kind, std::string msg, int line) {
    RelayError e(kind, std::move(msg));
    e.line = line;
    throw e;
}

void annotate(RelayError& e, int line) {
    if (e.line == 0) e.line = line;
}

// Runs `f`; a RelayError leaving it gets `line` unless it already has one.
template <class F>
[[gnu::always_inline]] inline auto at_line(int line, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
}

// Cells may be shared between server threads once servers exist.
Value read_cell(ExecContext& ctx, const Cell* c) {
    Globals& g = global_table(ctx);
    if (!g.shared()) return c->value;
    SpinGuard lock(g.lock_for(c));
    return c->value;
}

void write_cell(ExecContext& ctx, Cell* c, Value v) {
    Globals& g = global_table(ctx);
    if (!g.shared()) {
        c->value = std::move(v);
        return;
    }
    Value old;
    {
        SpinGuard lock(g.lock_for(c));
        old = std::exchange(c->value, std::move(v));
    }
}

Cell* new_cell(Value v = Value()) {
    Cell* c = new Cell();
    c->value = std::move(v);
    return c;
}

void replace_cell(Cell*& slot, Value v = Value()) {
    if (slot) slot->release();
    slot = new_cell(std::move(v));
}

[[gnu::always_inline]] inline Cell* upvalue(ExecContext& ctx, int index) {
    return ctx.frame.closure->upvalues[static_cast<size_t>(index)];
}

// The running closure as a value (VarMode::Self).
Value running_closure(ExecContext& ctx) {
    const Closure* c = ctx.frame.closure;
    c->retain();
    return Value::function(const_cast<Closure*>(c));  // adopts the reference just taken
}

// The cells a closure (or a server body) captures, from the current frame:
// the frame's own cells or its upvalues. Borrowed references; null for an
// unused capture.
std::vector<Cell*> collect_upvalues(ExecContext& ctx, const std::vector<CaptureDesc>& captures) {
    std::vector<Cell*> up;
    up.reserve(captures.size());
    for (const CaptureDesc& c : captures) {
        switch (c.source) {
            case CaptureDesc::Source::ParentUpvalue: up.push_back(upvalue(ctx, c.index)); break;
            case CaptureDesc::Source::ParentCell: {
                Cell*& cell = ctx.frame.cells[c.index];
                if (!cell) cell = new_cell();
                up.push_back(cell);
                break;
            }
            case CaptureDesc::Source::ParentSelf: {
                Cell*& cell = ctx.frame.cells[c.index];
                if (!cell) cell = new_cell(running_closure(ctx));
                up.push_back(cell);
                break;
            }
            case CaptureDesc::Source::Unused: up.push_back(nullptr); break;
        }
    }
    return up;
}

// Arguments of a native call: on the C++ stack for the common small counts
// (raw storage: only the arguments actually passed are constructed).
class ArgBuffer {
public:
    explicit ArgBuffer(size_t n) : n_(n) {
        if (n > kInline) heap_.resize(n);
        else
            for (size_t i = 0; i < n; ++i) new (&inline_values()[i]) Value();
    }
    ~ArgBuffer() {
        if (n_ <= kInline)
            for (size_t i = 0; i < n_; ++i) inline_values()[i].~Value();
    }
    ArgBuffer(const ArgBuffer&) = delete;
    ArgBuffer& operator=(const ArgBuffer&) = delete;
    Value& operator[](size_t i) { return n_ > kInline ? heap_[i] : inline_values()[i]; }
    std::span<Value> span() { return n_ > kInline ? std::span<Value>(heap_) : std::span<Value>(inline_values(), n_); }

private:
    static constexpr size_t kInline = 6;
    Value* inline_values() { return reinterpret_cast<Value*>(storage_); }
    size_t n_;
    alignas(Value) unsigned char storage_[kInline * sizeof(Value)];
    std::vector<Value> heap_;
};

std::string param_error(const FnProto& p, size_t i, const std::string& reason) {
    std::string who = p.name.empty() ? std::string("anonymous fn") : "fn " + p.name;
    return "invalid params: " + who + ": parameter '" + p.param_names[i] + "' " + reason;
}

[[gnu::noinline]] void check_params(const FnProto& p, const Value* slots, Cell* const* cells) {
    for (size_t i = 0; i < p.param_types.size(); ++i) {
        if (!p.param_types[i]) continue;
        const VarRef& ref = p.param_refs[i];
        const Value& v = ref.mode == VarMode::Local ? slots[ref.index] : cells[ref.index]->value;
        if (auto failure = check_detailed(*p.param_types[i], v)) raise(failure->kind, param_error(p, i, failure->reason));
    }
}

[[noreturn]] void arity_error(const FnProto& p, size_t got) {
    size_t want = p.param_names.size();
    raise(ErrorKind::ArgumentError, (p.name.empty() ? std::string("anonymous fn") : p.name) + "() takes " +
                                        std::to_string(want) + " argument" + (want == 1 ? "" : "s") + ", got " +
                                        std::to_string(got));
}

[[noreturn]] void stack_overflow() {
    raise(ErrorKind::StackOverflowError, "stack overflow: more than " + std::to_string(kMaxDepth) + " nested calls");
}

// A callee's frame on the context's stacks: allocated on entry, and on any
// exit the values released, the stacks and the caller's frame restored.
// CallFrame<false> is for functions without captured variables (no cells):
// the common case, kept free of the cell bookkeeping.
template <bool kCells>
class CallFrame {
public:
    CallFrame(ExecContext& ctx, const FnProto& p)
        : ctx_(ctx), stack_(ctx.stack()), saved_(ctx.frame), n_slots_(static_cast<uint32_t>(p.num_slots)),
          n_cells_(kCells ? static_cast<uint32_t>(p.num_cells) : 0) {
        vchunk_ = stack_.values.chunk();
        vtop_ = stack_.values.top();
        slots_ = stack_.values.alloc(n_slots_);
        if (kCells && n_cells_) {
            cchunk_ = stack_.cells.chunk();
            ctop_ = stack_.cells.top();
            cells_ = stack_.cells.alloc(n_cells_);
        }
    }
    [[gnu::always_inline]] ~CallFrame() {
        ctx_.frame = saved_;
        for (uint32_t i = 0; i < n_slots_; ++i) slots_[i] = Value();
        stack_.values.reset_to(vchunk_, vtop_);
        if (kCells && n_cells_) {
            for (uint32_t i = 0; i < n_cells_; ++i) {
                if (cells_[i]) cells_[i]->release();
                cells_[i] = nullptr;
            }
            stack_.cells.reset_to(cchunk_, ctop_);
        }
    }
    CallFrame(const CallFrame&) = delete;
    CallFrame& operator=(const CallFrame&) = delete;

    // Parameter i gets `v` (its slot or cell is fresh).
    void bind(const FnProto& p, size_t i, Value v) {
        if constexpr (!kCells) {
            // Without cells parameter i is slot i: parameters are declared first
            // (resolve_function) and numbered in declaration order (pop_function).
            new (&slots_[i]) Value(std::move(v));
        } else {
            const VarRef& ref = p.param_refs[i];
            if (ref.mode == VarMode::Local) new (&slots_[ref.index]) Value(std::move(v));
            else replace_cell(cells_[ref.index], std::move(v));
        }
    }

    // Runs the body of `c` on this frame, already filled with its arguments.
    [[gnu::always_inline]] Value run(const Closure& c) {
        enter(c);
        try {
            Value result = c.proto->body_fast->eval(ctx_);
            leave(*c.proto, result);
            return result;
        } catch (RelayError& e) {
            unwind(*c.proto, &e);
            throw;
        } catch (...) {
            unwind(*c.proto, nullptr);
            throw;
        }
    }

    // run() in three steps, for a caller that handles the errors itself.
    // enter: checks the arguments, the depth and cancellation, then makes
    // this frame the current one.
    [[gnu::always_inline]] void enter(const Closure& c) {
        const FnProto& p = *c.proto;
        if (p.any_param_typed) [[unlikely]] check_params(p, slots_, cells_);
        if (ctx_.depth >= kMaxDepth) [[unlikely]] stack_overflow();
        ctx_.check_cancel();
        ++ctx_.depth;
        ctx_.frame = ExecContext::Frame{slots_, cells_, &c};
    }
    // leave: `result`, the body's value, becomes the call's (a `return`'s
    // value instead when there was one), checked.
    [[gnu::always_inline]] void leave(const FnProto& p, Value& result) {
        --ctx_.depth;
        if (ctx_.returning) {
            result = std::move(ctx_.return_value);
            ctx_.returning = false;
        }
        if (p.result_type) [[unlikely]] check_result(p, result);
    }
    // unwind: an exception left the body (`e`: a Relay error, else nullptr).
    void unwind(const FnProto& p, RelayError* e) {
        --ctx_.depth;
        ctx_.returning = false;
        if (e && e->trace.size() < 40) e->trace.push_back(p.name.empty() ? "anonymous fn" : p.name);
    }

private:
    [[gnu::noinline]] static void check_result(const FnProto& p, const Value& result) {
        if (auto failure = check_detailed(*p.result_type, result))
            raise(failure->kind,
                  (p.name.empty() ? std::string("anonymous fn") : "fn " + p.name) + ": return value " + failure->reason);
    }

    ExecContext& ctx_;
    ExecContext::Stack& stack_;
    ExecContext::Frame saved_;
    uint32_t n_slots_, n_cells_;
    uint32_t vchunk_ = 0, vtop_ = 0, cchunk_ = 0, ctop_ = 0;
    Value* slots_ = nullptr;
    Cell** cells_ = nullptr;
};

// Calls `c` with arguments evaluated by `arg(i)` straight into its frame.
template <bool kCells, class Arg>
[[gnu::always_inline]] inline Value call_in_frame(ExecContext& ctx, const Closure& c, size_t n, Arg&& arg) {
    const FnProto& p = *c.proto;
    if (n != p.param_names.size()) [[unlikely]] arity_error(p, n);
    CallFrame<kCells> frame(ctx, p);
    for (size_t i = 0; i < n; ++i) frame.bind(p, i, arg(i));
    return frame.run(c);
}

}  // namespace

Value call_closure(ExecContext& ctx, const Closure& c, std::span<Value> args) {
    auto arg = [&](size_t i) { return std::move(args[i]); };
    if (c.proto->num_cells == 0) return call_in_frame<false>(ctx, c, args.size(), arg);
    return call_in_frame<true>(ctx, c, args.size(), arg);
}

std::string callable_name(const Value& fn) {
    if (!fn.is_function()) return describe_type(fn);
    std::string_view n = fn.as_function().name();
    return n.empty() ? "anonymous fn" : std::string(n);
}

Value call_value(ExecContext& ctx, const Value& fn, std::span<Value> args, int line) {
    if (!fn.is_function()) raise_at(ErrorKind::TypeError, "cannot call " + describe_type(fn) + " (not a function)", line);
    const Function& f = fn.as_function();
    if (f.kind() == FunctionKind::Closure) return call_closure(ctx, static_cast<const Closure&>(f), args);
    return static_cast<const NativeFunction&>(f).invoke(ctx, args);
}

// ---- literals and names -----------------------------------------------------------

Value TemplateNode::eval(ExecContext& ctx) const {
    std::string out = texts[0];
    for (size_t i = 0; i < exprs.size(); ++i) {
        display(exprs[i]->eval(ctx), out, true);
        out += texts[i + 1];
    }
    return Value::string(std::move(out));
}

Value ArrayLit::eval(ExecContext& ctx) const {
    std::vector<Value> v;
    v.reserve(items.size());
    for (const auto& item : items) v.push_back(item->eval(ctx));
    return Value::array(std::move(v));
}

Value ObjectLit::eval(ExecContext& ctx) const {
    Object o;
    o.reserve(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) o.set(keys[i], values[i]->eval(ctx));
    return Value::object(std::move(o));
}

Value NameNode::eval(ExecContext& ctx) const {
    switch (ref.mode) {
        case VarMode::Local: return ctx.frame.slots[ref.index];
        case VarMode::Cell: return read_cell(ctx, ctx.frame.cells[ref.index]);
        case VarMode::Upval: return read_cell(ctx, upvalue(ctx, ref.index));
        case VarMode::Self: return running_closure(ctx);
        case VarMode::Global: break;
    }
    if (!globals->shared() && entry->defined) [[likely]] return entry->value;
    return globals->get_slow(ref.index, line);
}

// ---- set ----------------------------------------------------------------------------

// The storage of the variable when it can be updated in place (not a shared cell/global).
[[gnu::always_inline]] inline Value* SetNode::slot(ExecContext& ctx) const {
    switch (ref.mode) {
        case VarMode::Local: return &ctx.frame.slots[ref.index];
        case VarMode::Cell: return global_table(ctx).shared() ? nullptr : &ctx.frame.cells[ref.index]->value;
        case VarMode::Upval: return global_table(ctx).shared() ? nullptr : &upvalue(ctx, ref.index)->value;
        case VarMode::Global:
            if (globals->shared() || !entry->defined) return nullptr;
            return &entry->value;
        case VarMode::Self: break;  // never assigned (Resolver::resolve_self_references)
    }
    return nullptr;
}

void SetNode::store(ExecContext& ctx, Value v) const {
    switch (ref.mode) {
        case VarMode::Local: ctx.frame.slots[ref.index] = std::move(v); return;
        case VarMode::Cell: write_cell(ctx, ctx.frame.cells[ref.index], std::move(v)); return;
        case VarMode::Upval: write_cell(ctx, upvalue(ctx, ref.index), std::move(v)); return;
        case VarMode::Global: global_table(ctx).set(ref.index, std::move(v)); return;
        case VarMode::Self: return;  // never assigned (Resolver::resolve_self_references)
    }
}

void SetNode::raise_in_server(ExecContext& ctx) const {
    raise_at(ErrorKind::TypeError,
             "cannot set global '" + name + "' inside server '" + ctx.server->name + "': use state instead", line);
}

// `set x = x + e` once e is evaluated: in place when x has local storage.
const Value* SetNode::add_to(ExecContext& ctx, Value rhs, Value& out) const {
    auto* add_node = static_cast<const BinaryOp<Tok::Plus>*>(value.get());
    if (Value* s = slot(ctx)) {
        if (s->is_number() && rhs.is_number()) {
            *s = Value::number(s->as_number() + rhs.as_number());
            return s;
        }
        at_line(add_node->line, [&] { *s = add(std::move(*s), rhs); });
        return s;
    }
    Value lhs = add_node->left->eval(ctx);
    out = at_line(add_node->line, [&] { return add(std::move(lhs), rhs); });
    store(ctx, out);
    return nullptr;
}

const Value* SetNode::assign(ExecContext& ctx, Value& out) const {
    check_not_in_server(ctx);
    if (fast == Fast::Add) return add_to(ctx, static_cast<const BinaryNode*>(value.get())->rhs.get(ctx), out);
    if (fast == Fast::Method) {
        if (Value* s = slot(ctx)) {
            Value r = static_cast<const MethodNode*>(value.get())->call_on(ctx, std::move(*s));
            if (Value* again = slot(ctx)) {  // a callback may have changed the storage
                *again = std::move(r);
                return slot(ctx);
            }
            out = r;
            store(ctx, std::move(r));
            return nullptr;
        }
    }
    out = value->eval(ctx);
    store(ctx, out);
    return nullptr;
}

Value SetNode::eval(ExecContext& ctx) const {
    Value out;
    const Value* stored = assign(ctx, out);
    return stored ? *stored : out;
}

// `set x = x + e` as a statement (a loop's accumulator): the number case
// without a call.
[[gnu::always_inline]] inline void SetNode::exec_add(ExecContext& ctx) const {
    check_not_in_server(ctx);
    const Operand& operand = static_cast<const BinaryNode*>(value.get())->rhs;
    double n;
    if (operand.number(ctx, n)) {  // no Value in memory on the accumulator's path
        Value* s = slot(ctx);
        if (s && s->is_number()) [[likely]] {
            *s = Value::number(s->as_number() + n);
            return;
        }
    }
    Value out;
    (void)add_to(ctx, operand.get(ctx), out);
}

void SetNode::exec(ExecContext& ctx) const {
    if (fast == Fast::Add) return exec_add(ctx);
    Value out;
    (void)assign(ctx, out);
}

// ---- blocks and control flow ----------------------------------------------------------

Value Block::eval(ExecContext& ctx) const {
    for (int c : fresh_cells) replace_cell(ctx.frame.cells[c]);
    size_t n = stmts.size();
    if (n == 0) return Value();
    // Earlier statements' values are dropped at once so `set xs = xs.push(v)`
    // sees a uniquely owned array on the next line.
    for (size_t i = 0; i + 1 < n; ++i) {
        stmts[i]->exec(ctx);
        if (ctx.returning) return Value();
    }
    return stmts[n - 1]->eval(ctx);
}

void Block::exec(ExecContext& ctx) const {
    for (int c : fresh_cells) replace_cell(ctx.frame.cells[c]);
    for (const auto& stmt : stmts) {
        stmt->exec(ctx);
        if (ctx.returning) return;
    }
}

Value IfNode::eval(ExecContext& ctx) const {
    if (cond_fast.test(ctx)) return then_fast->eval(ctx);
    if (else_fast) return else_fast->eval(ctx);
    return Value();
}

void ForNode::bind(ExecContext& ctx, Value v) const {
    if (ref.mode == VarMode::Local) ctx.frame.slots[ref.index] = std::move(v);
    else replace_cell(ctx.frame.cells[ref.index], std::move(v));  // a fresh binding per iteration
}

Value ForNode::eval(ExecContext& ctx) const {
    // `for i in range(...)`: count without building the array.
    if (auto* call = dynamic_cast<const CallNode*>(iterable.get()); call && call->args.size() >= 1 && call->args.size() <= 3) {
        Value callee = call->callee->eval(ctx);
        if (callee.is_function() && callee.heap() == ctx.interp.impl().range_builtin.heap()) {
            double a[3] = {0, 0, 1};
            for (size_t i = 0; i < call->args.size(); ++i) {
                Value v = call->args[i]->eval(ctx);
                if (!v.is_number())
                    raise_at(ErrorKind::TypeError, "range(): argument must be number, got " + describe_type(v), line);
                a[i] = v.as_number();
            }
            double start = call->args.size() == 1 ? 0 : a[0];
            double stop = call->args.size() == 1 ? a[0] : a[1];
            double step = call->args.size() == 3 ? a[2] : 1;
            if (step == 0) raise_at(ErrorKind::ArgumentError, "range() step must not be zero", line);
            if (!std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step))
                raise_at(ErrorKind::ArgumentError, "range() arguments must be finite numbers", line);
            double count = std::ceil((stop - start) / step);
            if (count > 1e15) raise_at(ErrorKind::ArgumentError, "range() is too large", line);
            if (ref.mode == VarMode::Local) {  // the common case, without a call per iteration
                Value& var = ctx.frame.slots[ref.index];
                for (double i = 0; i < count; ++i) {
                    ctx.check_cancel();
                    var = Value::number(start + i * step);
                    if (body_accumulates) static_cast<const SetNode*>(body_fast)->exec_add(ctx);
                    else body_fast->exec(ctx);
                    if (ctx.returning) return Value();
                }
                return Value();
            }
            for (double i = 0; i < count; ++i) {
                ctx.check_cancel();
                bind(ctx, Value::number(start + i * step));
                body_fast->exec(ctx);
                if (ctx.returning) return Value();
            }
            return Value();
        }
    }
    Value collection = iterable->eval(ctx);
    Value items;
    try {
        items = iteration_array(collection);
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
    const auto& vec = items.as_array().items;
    for (size_t i = 0; i < vec.size(); ++i) {
        ctx.check_cancel();
        bind(ctx, vec[i]);
        body_fast->exec(ctx);
        if (ctx.returning) return Value();
    }
    return Value();
}

Value ReturnNode::eval(ExecContext& ctx) const {
    Value v = value ? value->eval(ctx) : Value();
    ctx.return_value = std::move(v);
    ctx.returning = true;
    return Value();
}

Value ThrowNode::eval(ExecContext& ctx) const {
    RelayError e = RelayError::thrown(value->eval(ctx));
    e.line = line;
    throw e;
}

Value TryNode::eval(ExecContext& ctx) const {
    Value caught;
    try {
        return body->eval(ctx);
    } catch (RelayError& e) {
        annotate(e, line);
        caught = error_to_value(e);
    }
    ctx.returning = false;
    if (!catch_name.empty()) {
        if (ref.mode == VarMode::Local) ctx.frame.slots[ref.index] = std::move(caught);
        else replace_cell(ctx.frame.cells[ref.index], std::move(caught));
    }
    return handler->eval(ctx);
}

Value DispatchNode::eval(ExecContext& ctx) const {
    Value v = value->eval(ctx);
    const Node* chosen = default_handler.get();
    for (size_t i = 0; i < keys.size(); ++i) {
        if (equals(keys[i], v)) {
            chosen = handlers[i].get();
            break;
        }
    }
    if (!chosen) raise_at(ErrorKind::ArgumentError, "dispatch: no case matches " + to_display(v) + " and there is no default", line);
    Value handler = chosen->eval(ctx);
    if (!handler.is_function()) return handler;  // a plain value as the case's result
    try {
        if (handler.as_function().arity() == 0) return call_value(ctx, handler, {}, line);
        Value arg[1] = {v};
        return call_value(ctx, handler, arg, line);
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
}

// ---- functions and calls ------------------------------------------------------------------

Value FnNode::eval(ExecContext& ctx) const {
    if (!proto->type_names_used.empty() && !proto->types_checked.load(std::memory_order_relaxed)) {
        auto& impl = ctx.interp.impl();
        for (const auto& t : proto->type_names_used)
            if (!impl.find_struct(t) && !impl.declared_structs.count(t))
                raise_at(ErrorKind::TypeError, "unknown type '" + t + "'", line);
        proto->types_checked.store(true, std::memory_order_relaxed);
    }
    std::vector<Cell*> up = collect_upvalues(ctx, captures);
    for (Cell* cell : up)
        if (cell) cell->retain();  // the closure owns a reference to each
    return Value::function(new Closure(proto.get(), std::move(up)));
}

namespace {

[[noreturn, gnu::noinline]] void not_callable(const Value& v, int line) {
    raise_at(ErrorKind::TypeError, "cannot call " + describe_type(v) + " (not a function)", line);
}

// The function a call's callee value holds, or a TypeError.
[[gnu::always_inline]] inline const Function* function_to_call(const Value& v, int line) {
    if (!v.is_function()) [[unlikely]] not_callable(v, line);
    return &v.as_function();
}

// What a call adds to an error raised in the callee: the callee's name in the
// trace, with the line of the call.
void note_call_site(RelayError& e, int line, bool closure) {
    annotate(e, line);
    if (closure && !e.trace.empty() && e.trace.back().find(" line ") == std::string::npos)
        e.trace.back() += " (called at line " + std::to_string(line) + ")";
}

}  // namespace

// A call of a closure without cells (the common case): the arguments read
// through Operands straight into its slots, and one handler for the errors
// of the call and of the body (CallFrame::run's steps, flattened: this is
// the hottest path of the interpreter).
[[gnu::always_inline]] inline Value CallNode::call_without_cells(ExecContext& ctx, const Closure& c) const {
    const FnProto& p = *c.proto;
    CallFrame<false> frame(ctx, p);
    try {
        const size_t n = fast_args.size();
        if (n != p.param_names.size()) [[unlikely]] arity_error(p, n);
        for (size_t i = 0; i < n; ++i) frame.bind(p, i, fast_args[i].get(ctx));
        frame.enter(c);
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
    try {
        Value result = p.body_fast->eval(ctx);
        frame.leave(p, result);
        return result;
    } catch (RelayError& e) {
        frame.unwind(p, &e);
        note_call_site(e, line, true);
        throw;
    } catch (...) {
        frame.unwind(p, nullptr);
        throw;
    }
}

Value CallNode::eval(ExecContext& ctx) const {
    Value held;
    const Function* callee_fn;
    if (const Value* global = global_callee >= 0 ? global_table(ctx).peek(global_callee) : nullptr) {
        callee_fn = function_to_call(*global, line);
    } else if (self_callee) {
        // A function calling itself by its name: the running closure, without
        // a reference of our own (its caller holds one for the whole call).
        callee_fn = ctx.frame.closure;
    } else {
        held = callee->eval(ctx);
        callee_fn = function_to_call(held, line);
    }
    const Function& f = *callee_fn;
    const bool closure = f.kind() == FunctionKind::Closure;
    if (closure && static_cast<const Closure&>(f).proto->num_cells == 0) [[likely]]
        return call_without_cells(ctx, static_cast<const Closure&>(f));
    try {
        if (closure)
            return call_in_frame<true>(ctx, static_cast<const Closure&>(f), fast_args.size(),
                                       [&](size_t i) { return fast_args[i].get(ctx); });
        return call_native(ctx, static_cast<const NativeFunction&>(f));
    } catch (RelayError& e) {
        note_call_site(e, line, closure);
        throw;
    }
}

// Out of line: keeps the argument buffer out of eval()'s frame.
[[gnu::noinline]] Value CallNode::call_native(ExecContext& ctx, const NativeFunction& f) const {
    ArgBuffer buf(args.size());
    for (size_t i = 0; i < args.size(); ++i) buf[i] = fast_args[i].get(ctx);
    return f.invoke(ctx, buf.span());
}

Value MethodNode::call_on(ExecContext& ctx, Value&& recv) const {
    ArgBuffer buf(args.size());
    for (size_t i = 0; i < args.size(); ++i) buf[i] = args[i]->eval(ctx);
    return at_line(line, [&] { return call_method(ctx, std::move(recv), id, name, buf.span()); });
}

Value MethodNode::eval(ExecContext& ctx) const {
    Value recv = receiver->eval(ctx);
    return call_on(ctx, std::move(recv));
}

Value FieldNode::eval(ExecContext& ctx) const {
    Value obj = object->eval(ctx);
    return at_line(line, [&] { return get_property(obj, name); });
}

Value IndexNode::eval(ExecContext& ctx) const {
    Value obj = object->eval(ctx);
    Value idx = index->eval(ctx);
    return at_line(line, [&] { return get_index(obj, idx); });
}

// ---- operators ----------------------------------------------------------------------------

bool UnaryNode::test(ExecContext& ctx) const {
    if (op == Tok::Bang) return !operand->test(ctx);
    return truthy(eval(ctx));
}

Value UnaryNode::eval(ExecContext& ctx) const {
    Value v = operand->eval(ctx);
    if (op == Tok::Bang) return Value::boolean(!truthy(v));
    if (v.is_number()) return Value::number(-v.as_number());
    return at_line(line, [&] { return negate(v); });
}

template <Tok Op>
Value BinaryOp<Op>::eval(ExecContext& ctx) const {
    Value out;
    if (lhs.simple() && rhs.simple()) {
        if (number_op(Op, lhs.peek(ctx), rhs.peek(ctx), out)) return out;
    }
    Value a = lhs.get(ctx);
    Value b = rhs.get(ctx);
    if (number_op(Op, a, b, out)) [[likely]] return out;
    try {
        if constexpr (Op == Tok::Plus) return add(std::move(a), b);
        if constexpr (Op == Tok::Minus) return sub(a, b);
        if constexpr (Op == Tok::Star) return mul(a, b);
        if constexpr (Op == Tok::Slash) return div(a, b);
        if constexpr (Op == Tok::Percent) return mod(a, b);
        if constexpr (Op == Tok::Lt) return Value::boolean(less(a, b));
        if constexpr (Op == Tok::Le) return Value::boolean(less_equal(a, b));
        if constexpr (Op == Tok::Gt) return Value::boolean(greater(a, b));
        if constexpr (Op == Tok::Ge) return Value::boolean(greater_equal(a, b));
        if constexpr (Op == Tok::Eq) return Value::boolean(equals(a, b));
        if constexpr (Op == Tok::Ne) return Value::boolean(!equals(a, b));
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
    return Value();
}

template <Tok Op>
bool BinaryOp<Op>::test(ExecContext& ctx) const {
    if constexpr (Op == Tok::Lt || Op == Tok::Le || Op == Tok::Gt || Op == Tok::Ge || Op == Tok::Eq || Op == Tok::Ne) {
        bool result;
        if (lhs.simple() && rhs.simple()) {
            const Value& a = lhs.peek(ctx);
            const Value& b = rhs.peek(ctx);
            if (a.is_number() && b.is_number() && number_compare(Op, a.as_number(), b.as_number(), result)) [[likely]]
                return result;
        }
        Value a = lhs.get(ctx);
        Value b = rhs.get(ctx);
        if (a.is_number() && b.is_number() && number_compare(Op, a.as_number(), b.as_number(), result)) [[likely]]
            return result;
        if constexpr (Op == Tok::Eq) return equals(a, b);
        if constexpr (Op == Tok::Ne) return !equals(a, b);
        try {
            if constexpr (Op == Tok::Lt) return less(a, b);
            if constexpr (Op == Tok::Le) return less_equal(a, b);
            if constexpr (Op == Tok::Gt) return greater(a, b);
            if constexpr (Op == Tok::Ge) return greater_equal(a, b);
        } catch (RelayError& e) {
            annotate(e, line);
            throw;
        }
    }
    return truthy(eval(ctx));
}

template struct BinaryOp<Tok::Plus>;
template struct BinaryOp<Tok::Minus>;
template struct BinaryOp<Tok::Star>;
template struct BinaryOp<Tok::Slash>;
template struct BinaryOp<Tok::Percent>;
template struct BinaryOp<Tok::Lt>;
template struct BinaryOp<Tok::Le>;
template struct BinaryOp<Tok::Gt>;
template struct BinaryOp<Tok::Ge>;
template struct BinaryOp<Tok::Eq>;
template struct BinaryOp<Tok::Ne>;

bool LogicNode::test(ExecContext& ctx) const {
    switch (op) {
        case Tok::AndAnd: return left->test(ctx) && right->test(ctx);
        case Tok::OrOr: return left->test(ctx) || right->test(ctx);
        default: return truthy(eval(ctx));
    }
}

Value LogicNode::eval(ExecContext& ctx) const {
    Value a = left->eval(ctx);
    switch (op) {
        case Tok::AndAnd: return Value::boolean(truthy(a) && right->test(ctx));
        case Tok::OrOr: return Value::boolean(truthy(a) || right->test(ctx));
        default: return a.is_nil() ? right->eval(ctx) : a;
    }
}

// ---- declarations ----------------------------------------------------------------------------

namespace {
void check_type_names(ExecContext& ctx, const std::vector<std::string>& names, const std::string& self, int line) {
    auto& impl = ctx.interp.impl();
    for (const auto& t : names)
        if (t != self && !impl.find_struct(t) && !impl.declared_structs.count(t))
            raise_at(ErrorKind::TypeError, "unknown type '" + t + "'", line);
}
}  // namespace

Value StructDeclNode::eval(ExecContext& ctx) const {
    auto type = std::make_shared<StructType>();
    type->name = name;
    for (const auto& [fname, ptype] : fields) {
        check_type_names(ctx, ptype.struct_names, name, line);
        type->fields.push_back(StructField{fname, ptype.spec});
    }
    auto& impl = ctx.interp.impl();
    std::lock_guard lock(impl.tables_mutex);
    impl.structs[name] = std::move(type);
    return Value();
}

Value StructLitNode::eval(ExecContext& ctx) const {
    auto type = ctx.interp.impl().find_struct(name);
    if (!type) raise_at(ErrorKind::NameError, "unknown struct '" + name + "'", line);
    Value obj = fields->eval(ctx);
    return at_line(line, [&] { return make_struct(std::move(type), obj.as_object()); });
}

Value ProtocolDeclNode::eval(ExecContext& ctx) const {
    check_type_names(ctx, type_names_used, "", line);
    auto& impl = ctx.interp.impl();
    std::lock_guard lock(impl.tables_mutex);
    impl.protocols[name] = methods;
    return Value();
}

Value ConfigNode::eval(ExecContext& ctx) const {
    Value v = object->eval(ctx);
    ctx.interp.impl().config = v;
    return v;
}

// ---- state and messaging ----------------------------------------------------------------------

namespace {
int state_index(ExecContext& ctx, std::string_view field, int line) {
    int i = ctx.server->field_index(field);
    if (i < 0)
        raise_at(ErrorKind::FieldError,
                 "server '" + ctx.server->name + "' has no state field '" + std::string(field) + "'", line);
    return i;
}

int state_index(ExecContext& ctx, const Value& field, int line) {
    if (!field.is_string()) raise_at(ErrorKind::TypeError, "state field name must be a string, got " + describe_type(field), line);
    return state_index(ctx, field.string_view(), line);
}
}  // namespace

Value StateNode::eval(ExecContext& ctx) const {
    if (!ctx.server || !ctx.state)
        raise_at(ErrorKind::MessageError, "'state' is only available while a server handles a message", line);
    auto& fields = *ctx.state;
    switch (op) {
        case Op::Field: return fields[static_cast<size_t>(state_index(ctx, std::string_view(field), line))];
        case Op::Get: return fields[static_cast<size_t>(state_index(ctx, args[0]->eval(ctx), line))];
        case Op::Has: {
            Value f = args[0]->eval(ctx);
            return Value::boolean(f.is_string() && ctx.server->field_index(f.string_view()) >= 0);
        }
        case Op::Keys: {
            std::vector<Value> keys;
            for (const auto& f : ctx.server->state) keys.push_back(Value::string(f.name));
            return Value::array(std::move(keys));
        }
        case Op::Set: {
            size_t i = static_cast<size_t>(state_index(ctx, args[0]->eval(ctx), line));
            Value v = args[1]->eval(ctx);
            const StateField& f = ctx.server->state[i];
            if (f.type) {
                if (auto failure = check_detailed(*f.type, v))
                    raise_at(failure->kind, "state." + f.name + ": " + failure->reason, line);
            }
            fields[i] = v;
            return v;
        }
    }
    return Value();
}

namespace {
std::string target_name(const Value& t, int line) {
    if (t.is_string()) return std::string(t.string_view());
    if (t.is_server()) return t.as_server().name();
    raise_at(ErrorKind::TypeError, "message target must be a server name, got " + describe_type(t), line);
}
}  // namespace

Value SendNamedNode::eval(ExecContext& ctx) const {
    std::string target_str = target_name(target->eval(ctx), line);
    Value args = named->eval(ctx);
    ServerHost* host = ctx.interp.host();
    if (!host) raise_at(ErrorKind::MessageError, "no server runtime: cannot send messages", line);
    return at_line(line, [&] { return host->call(ctx, target_str, method, {}, &args.as_object()); });
}

Value message_builtin(CallContext& call_ctx, std::span<Value> args) {
    auto& ctx = static_cast<ExecContext&>(call_ctx);
    if (args.size() < 2) raise(ErrorKind::ArgumentError, "message() takes a target, a method name and arguments");
    std::string target = target_name(args[0], 0);
    if (!args[1].is_string()) raise(ErrorKind::TypeError, "message(): method name must be a string, got " + describe_type(args[1]));
    ServerHost* host = ctx.interp.host();
    if (!host) raise(ErrorKind::MessageError, "no server runtime: cannot send messages");
    std::vector<Value> rest(std::make_move_iterator(args.begin() + 2), std::make_move_iterator(args.end()));
    return host->call(ctx, target, args[1].string_view(), std::move(rest), nullptr);
}

// ---- servers ----------------------------------------------------------------------------------

namespace {

// The server's state fields: defaults evaluated once, type-checked, data only.
std::vector<StateField> evaluate_state(ExecContext& ctx, const ServerDeclNode& decl) {
    std::vector<StateField> fields;
    for (const auto& f : decl.state) {
        StateField field{f.name, std::nullopt, f.initial ? f.initial->eval(ctx) : Value()};
        std::string what = "server " + decl.name + ": state field '" + f.name + "'";
        if (f.type) {
            field.type = f.type->spec;
            if (auto failure = check_detailed(*field.type, field.initial))
                raise_at(failure->kind, what + ": " + failure->reason, f.line);
        }
        if (!is_data(field.initial)) raise_at(ErrorKind::TypeError, what + " must hold data, not a function", f.line);
        fields.push_back(std::move(field));
    }
    return fields;
}

// `implements P`: every method of P with the same parameter count, or an error listing what is missing.
void check_protocol(ExecContext& ctx, const ServerSpec& spec, int line) {
    auto& impl = ctx.interp.impl();
    std::vector<ProtocolMethod> wanted;
    {
        std::lock_guard lock(impl.tables_mutex);
        auto it = impl.protocols.find(spec.protocol);
        if (it == impl.protocols.end()) raise_at(ErrorKind::NameError, "unknown protocol '" + spec.protocol + "'", line);
        wanted = it->second;
    }
    std::string missing;
    for (const auto& pm : wanted) {
        const ReceiveMethod* m = spec.find_method(pm.name);
        if (m && m->param_names.size() == pm.param_count) continue;
        if (!missing.empty()) missing += ", ";
        missing += pm.signature;
        if (m) missing += " (has " + std::to_string(m->param_names.size()) + " parameters)";
    }
    if (!missing.empty())
        raise_at(ErrorKind::TypeError,
                 "server " + spec.name + " does not implement " + spec.protocol + ": missing " + missing, line);
}

}  // namespace

// The server body is a frame of its own: its functions are closures over it
// (so receive fns can call each other directly), and state defaults are
// evaluated in it.
void ServerDeclNode::build(ExecContext& ctx, ServerSpec& spec) const {
    // The body runs as a closure of its own (its frame reads upvalues through it).
    std::vector<Cell*> up = collect_upvalues(ctx, captures);
    for (Cell* cell : up)
        if (cell) cell->retain();
    Value body_closure = Value::function(new Closure(body.get(), std::move(up)));
    FrameRestore restore{ctx, ctx.frame, ctx.mark()};
    Value* slots = ctx.alloc_slots(static_cast<size_t>(body->num_slots));
    Cell** cells = ctx.alloc_cells(static_cast<size_t>(body->num_cells));
    ctx.frame = ExecContext::Frame{slots, cells, &static_cast<const Closure&>(body_closure.as_function())};
    for (int c : static_cast<const Block*>(body->body.get())->fresh_cells) replace_cell(cells[c]);
    std::vector<Value> fns;
    for (const auto& f : functions) fns.push_back(f->eval(ctx));
    spec.state = evaluate_state(ctx, *this);
    for (size_t i = 0; i < functions.size(); ++i) {
        if (!is_receive[i]) continue;
        const FnProto& p = *static_cast<const FnNode*>(functions[i]->value.get())->proto;
        spec.methods.push_back(ReceiveMethod{p.name, p.param_names, p.param_types, p.result_type, fns[i], p.line});
    }
}

Value ServerDeclNode::eval(ExecContext& ctx) const {
    ServerHost* host = ctx.interp.host();
    if (!host) raise_at(ErrorKind::MessageError, "no server runtime: cannot declare server '" + name + "'", line);
    for (const auto& f : state)
        if (f.type) check_type_names(ctx, f.type->struct_names, "", f.line);
    auto spec = std::make_shared<ServerSpec>();
    spec->name = name;
    spec->protocol = protocol;
    spec->line = line;
    build(ctx, *spec);
    if (!protocol.empty()) check_protocol(ctx, *spec, line);
    try {
        host->create_server(spec);
    } catch (RelayError& e) {
        annotate(e, line);
        throw;
    }
    Value ref_value = make_server_ref(name);
    SetNode setter;  // reuse the store logic for the server's name binding
    setter.ref = ref;
    setter.store(ctx, ref_value);
    return ref_value;
}

}  // namespace relay::ast
