// Node types of the syntax tree. eval() lives in eval.cpp, resolve() in
// resolver.cpp. Internal to src/lang.
#pragma once

#include "lang/ast.h"
#include "lang/lexer.h"

namespace relay::ast {

struct BinaryNode;

// An operand read without a virtual call: a local slot, a number constant, or
// an arithmetic/comparison of two such operands (`n - 1`, `i % 7`, `n < 2`)
// computed inline when both are numbers.
struct Operand {
    enum class Kind : uint8_t { Node, Local, Const, Arith };
    Kind kind = Kind::Node;
    Tok op = Tok::End;  // Kind::Arith: the operator of `node`, a BinaryNode
    int index = 0;
    Value constant;
    const Node* node = nullptr;
    void set(const Node* n);  // after resolution
    bool simple() const { return kind == Kind::Local || kind == Kind::Const; }
    [[gnu::always_inline]] inline Value get(ExecContext& ctx) const;
    // The operand as a number, without side effects or a Value in memory:
    // false (and nothing evaluated) unless it is a number local or constant,
    // or number arithmetic of those.
    [[gnu::always_inline]] inline bool number(ExecContext& ctx, double& out) const;
    // As a condition (an if, a loop test).
    [[gnu::always_inline]] inline bool test(ExecContext& ctx) const;
    // The value without a copy (simple() only).
    [[gnu::always_inline]] const Value& peek(ExecContext& ctx) const { return kind == Kind::Local ? ctx.frame.slots[index] : constant; }
};

struct Literal final : Node {
    Value value;
    Value eval(ExecContext&) const override { return value; }
    void resolve(Resolver&) override {}
};

struct TemplateNode final : Node {
    std::vector<std::string> texts;  // texts.size() == exprs.size() + 1
    std::vector<NodePtr> exprs;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ArrayLit final : Node {
    std::vector<NodePtr> items;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ObjectLit final : Node {
    std::vector<Value> keys;  // strings
    std::vector<NodePtr> values;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct NameNode final : Node {
    std::string name;
    VarRef ref;
    Globals* globals = nullptr;          // ref.mode == Global: the table and
    Globals::Entry* entry = nullptr;     // the entry (stable storage), read without lookups
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct SetNode final : Node {
    enum class Fast : uint8_t { None, Method, Add };  // `set x = x.m(...)`, `set x = x + e`
    std::string name;
    VarRef ref;
    Globals* globals = nullptr;
    Globals::Entry* entry = nullptr;
    NodePtr value;
    bool fn_decl = false;         // `fn name(...) {}`: hoisted declaration
    bool in_server = false;       // setting a global here is an error
    Fast fast = Fast::None;
    Value eval(ExecContext& ctx) const override;
    void exec(ExecContext& ctx) const override;
    void exec_add(ExecContext& ctx) const;  // exec() when fast == Add
    // Performs the assignment; returns the stored value's location when it
    // can be read back without a copy, else stores a copy in `out`.
    const Value* assign(ExecContext& ctx, Value& out) const;
    const Value* add_to(ExecContext& ctx, Value rhs, Value& out) const;
    void check_not_in_server(ExecContext& ctx) const {
        if (in_server && ctx.server) [[unlikely]] raise_in_server(ctx);
    }
    [[noreturn]] void raise_in_server(ExecContext& ctx) const;
    void resolve(Resolver& r) override;
    Value* slot(ExecContext& ctx) const;  // nullptr for shared globals
    void store(ExecContext& ctx, Value v) const;
};

struct Block final : Node {
    std::vector<NodePtr> stmts;
    std::vector<VarInfo*> declared;  // variables declared in this block
    std::vector<int> fresh_cells;    // captured ones: a new cell at each entry
    bool is_global_scope = false;    // the top level: declarations are globals
    Value eval(ExecContext& ctx) const override;
    void exec(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

// A block that only wraps one statement and declares nothing runs as that
// statement (saves a call per if/for/fn body).
const Node* unwrap_block(const Node* n);

struct IfNode final : Node {
    NodePtr cond, then_branch, else_branch;  // else may be null
    Operand cond_fast;
    const Node* then_fast = nullptr;
    const Node* else_fast = nullptr;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ForNode final : Node {
    std::string var_name;
    VarRef ref;
    VarInfo* var = nullptr;
    NodePtr iterable, body;
    const Node* body_fast = nullptr;
    bool body_accumulates = false;  // body_fast is `set x = x + e` (SetNode::Fast::Add)
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
    void bind(ExecContext& ctx, Value v) const;
};

struct FnNode final : Node {
    std::unique_ptr<FnProto> proto;
    std::vector<CaptureDesc> captures;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct CallNode final : Node {
    NodePtr callee;
    std::vector<NodePtr> args;
    std::vector<Operand> fast_args;
    int global_callee = -1;  // callee is this global: read without a copy
    bool self_callee = false;  // callee is the running closure (VarMode::Self)
    Value eval(ExecContext& ctx) const override;
    Value call_without_cells(ExecContext& ctx, const Closure& c) const;
    Value call_native(ExecContext& ctx, const NativeFunction& f) const;
    void resolve(Resolver& r) override;
};

struct MethodNode final : Node {
    NodePtr receiver;
    std::string name;
    MethodId id = MethodId::Unknown;
    std::vector<NodePtr> args;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
    Value call_on(ExecContext& ctx, Value&& receiver) const;
};

struct FieldNode final : Node {
    NodePtr object;
    std::string name;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct IndexNode final : Node {
    NodePtr object, index;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct UnaryNode final : Node {
    Tok op;  // Bang or Minus
    NodePtr operand;
    Value eval(ExecContext& ctx) const override;
    bool test(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct BinaryNode : Node {
    NodePtr left, right;
    Operand lhs, rhs;
    void resolve(Resolver& r) override;
    // The operator of a BinaryOp (Tok::End for the logic operators).
    virtual Tok arith_op() const { return Tok::End; }
};

// The number cases of the binary operators, shared by BinaryOp (inlined with
// a constant `op`) and by Arith operands (the operator read at run time).
// False when `op` is not of that kind, and for / and % by zero: then the
// node decides (and raises).
[[gnu::always_inline]] inline bool number_arith(Tok op, double x, double y, double& out) {
    switch (op) {
        case Tok::Plus: out = x + y; return true;
        case Tok::Minus: out = x - y; return true;
        case Tok::Star: out = x * y; return true;
        case Tok::Slash:
            if (y == 0) return false;
            out = x / y;
            return true;
        case Tok::Percent:
            if (y == 0) return false;
            out = fmod_fast(x, y);
            return true;
        default: return false;
    }
}
[[gnu::always_inline]] inline bool number_compare(Tok op, double x, double y, bool& out) {
    switch (op) {
        case Tok::Lt: out = x < y; return true;
        case Tok::Le: out = x <= y; return true;
        case Tok::Gt: out = x > y; return true;
        case Tok::Ge: out = x >= y; return true;
        case Tok::Eq: out = x == y; return true;
        case Tok::Ne: out = x != y; return true;
        default: return false;
    }
}
// Both, as a Value.
[[gnu::always_inline]] inline bool number_op(Tok op, const Value& a, const Value& b, Value& out) {
    if (!a.is_number() || !b.is_number()) return false;
    double d;
    bool flag;
    if (number_arith(op, a.as_number(), b.as_number(), d)) out = Value::number(d);
    else if (number_compare(op, a.as_number(), b.as_number(), flag)) out = Value::boolean(flag);
    else return false;
    return true;
}

Value Operand::get(ExecContext& ctx) const {
    switch (kind) {
        case Kind::Local: return ctx.frame.slots[index];
        case Kind::Const: return constant;
        case Kind::Arith: {
            const auto* b = static_cast<const BinaryNode*>(node);
            Value out;
            if (number_op(op, b->lhs.peek(ctx), b->rhs.peek(ctx), out)) [[likely]] return out;
            return node->eval(ctx);
        }
        default: return node->eval(ctx);
    }
}

bool Operand::number(ExecContext& ctx, double& out) const {
    switch (kind) {
        case Kind::Local: {
            const Value& v = ctx.frame.slots[index];
            if (!v.is_number()) return false;
            out = v.as_number();
            return true;
        }
        case Kind::Const: out = constant.as_number(); return true;
        case Kind::Arith: {
            const auto* b = static_cast<const BinaryNode*>(node);
            const Value& x = b->lhs.peek(ctx);
            const Value& y = b->rhs.peek(ctx);
            return x.is_number() && y.is_number() && number_arith(op, x.as_number(), y.as_number(), out);
        }
        default: return false;
    }
}

bool Operand::test(ExecContext& ctx) const {
    if (kind == Kind::Arith) {
        const auto* b = static_cast<const BinaryNode*>(node);
        const Value& x = b->lhs.peek(ctx);
        const Value& y = b->rhs.peek(ctx);
        bool result;
        if (x.is_number() && y.is_number() && number_compare(op, x.as_number(), y.as_number(), result)) [[likely]]
            return result;
    }
    return node->test(ctx);  // anything else, arithmetic as a condition included
}

// One class per operator so the number fast path is inlined in eval().
template <Tok Op>
struct BinaryOp final : BinaryNode {
    Value eval(ExecContext& ctx) const override;
    bool test(ExecContext& ctx) const override;
    Tok arith_op() const override { return Op; }
};

struct LogicNode final : BinaryNode {
    Tok op;  // AndAnd, OrOr, Coalesce
    Value eval(ExecContext& ctx) const override;
    bool test(ExecContext& ctx) const override;
};

struct ReturnNode final : Node {
    NodePtr value;  // may be null
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ThrowNode final : Node {
    NodePtr value;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct TryNode final : Node {
    NodePtr body;
    std::string catch_name;  // may be empty
    VarRef ref;
    VarInfo* var = nullptr;
    NodePtr handler;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct DispatchNode final : Node {
    NodePtr value;
    std::vector<Value> keys;
    std::vector<NodePtr> handlers;
    NodePtr default_handler;  // may be null
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ParsedType {
    TypeSpec spec;
    std::vector<std::string> struct_names;  // to check at declaration time
};

struct StructDeclNode final : Node {
    std::string name;
    std::vector<std::pair<std::string, ParsedType>> fields;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct StructLitNode final : Node {
    std::string name;
    std::unique_ptr<ObjectLit> fields;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ProtocolDeclNode final : Node {
    std::string name;
    std::vector<ProtocolMethod> methods;
    std::vector<std::string> type_names_used;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct ServerDeclNode final : Node {
    struct Field {
        std::string name;
        std::optional<ParsedType> type;
        NodePtr initial;  // may be null: nil
        int line = 0;
    };
    std::string name;
    std::string protocol;
    std::vector<Field> state;
    std::vector<std::unique_ptr<SetNode>> functions;  // receive and helper fns (hoisted)
    std::vector<bool> is_receive;
    std::unique_ptr<FnProto> body;  // frame of the server body (its fns are cells in it)
    std::vector<CaptureDesc> captures;
    VarRef ref;  // the server's name is bound to a server value
    Value eval(ExecContext& ctx) const override;
    void build(ExecContext& ctx, ServerSpec& spec) const;  // closures and state
    void resolve(Resolver& r) override;
};

struct ConfigNode final : Node {
    NodePtr object;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct TemplateDeclNode final : Node {
    std::string file;
    NodePtr source;  // parsed and resolved, not evaluated
    Value eval(ExecContext&) const override { return Value(); }
    void resolve(Resolver& r) override;
};

struct StateNode final : Node {
    enum class Op : uint8_t { Get, Set, Has, Keys, Field };
    Op op = Op::Field;
    std::string field;  // Op::Field
    std::vector<NodePtr> args;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

struct SendNamedNode final : Node {
    NodePtr target;
    std::string method;
    NodePtr named;
    Value eval(ExecContext& ctx) const override;
    void resolve(Resolver& r) override;
};

// ---- resolver ---------------------------------------------------------------------

struct SyntaxError {
    std::string message;
    int line = 0, col = 0;
};

class Resolver {
public:
    Resolver(Interpreter::Impl& impl) : impl_(impl) {}
    // Resolves a whole program (the top level as `main`).
    void resolve_program(FnProto& main);

    // Scopes
    void push_function(FnProto& proto, std::vector<CaptureDesc>* captures, bool in_server);
    void pop_function();
    void push_block(Block* block);
    void pop_block();
    VarInfo* declare(const std::string& name);  // in the innermost block of the current function
    void hoist(const std::vector<NodePtr>& stmts);

    VarRef lookup(const std::string& name, int line, int col);
    // `set` target: bound anywhere -> that; else declared here. `writer` (the
    // `set`, `fn` or `server` node) is recorded as an assignment of it.
    VarRef lookup_for_set(const std::string& name, bool& declared_here, const Node* writer);
    void track(VarRef& ref) { if (ref.var) refs_.push_back(&ref); }
    // track() for a name that is read (a candidate for VarMode::Self).
    void track_read(VarRef& ref);
    // The statement of the innermost block about to be resolved (its index).
    void at_statement(const Node* statement, int index);
    // `binding` assigns the function `fn` to `var` (a `fn name` declaration
    // or `set name = fn ...`).
    void note_function_binding(VarInfo* var, FnProto& fn, const Node* binding);
    void track_block(Block* b) { blocks_.push_back(b); }
    void after_resolve(std::function<void()> f) { finishers_.push_back(std::move(f)); }

    bool in_function() const;  // `return` allowed
    bool in_server() const;
    bool in_receive() const;
    bool at_global_scope() const;
    [[noreturn]] void fail(const std::string& msg, int line, int col) { throw SyntaxError{msg, line, col}; }
    Interpreter::Impl& impl() { return impl_; }

private:
    struct Scope {
        std::unordered_map<std::string, VarInfo*> names;
        Block* block = nullptr;
        bool global = false;
        const Node* statement = nullptr;  // of `block`, being resolved
        int statement_index = -1;
    };
    struct FnState {
        FnProto* proto;
        std::vector<CaptureDesc>* captures;
        std::vector<Scope> scopes;
        std::unordered_map<VarInfo*, int> upvalue_of;  // captured var -> upvalue index
        bool in_server;
    };
    std::optional<VarRef> find_local(size_t fn_index, const std::string& name);
    int upvalue_index(size_t fn_index, VarInfo* var, size_t owner_index);
    bool declared_in_current_scope(const VarInfo* var) const;
    void note_write(VarInfo* var, const Node* writer);
    void resolve_self_references();
    void finish();

    // A capture made by upvalue_index: (*captures)[index] of function `fn`,
    // made in the frame of `parent`.
    struct CaptureRecord {
        std::vector<CaptureDesc>* captures;
        size_t index;
        FnProto* fn;
        FnProto* parent;
    };
    struct UpvalueRead {
        VarRef* ref;
        const FnProto* fn;  // the function the name is read in
    };
    // A function bound to a variable by `binding`, statement `statement` of
    // the block that declares the variable.
    struct FunctionBinding {
        FnProto* fn;
        VarInfo* var;
        const Node* binding;
        int statement;
    };

    Interpreter::Impl& impl_;
    std::vector<FnState> fns_;
    std::vector<VarRef*> refs_;
    std::vector<CaptureRecord> captures_;
    std::vector<UpvalueRead> upvalue_reads_;
    std::vector<FunctionBinding> function_bindings_;
    std::vector<Block*> blocks_;
    std::vector<FnProto*> protos_;
    std::vector<std::function<void()>> finishers_;
};

}  // namespace relay::ast
