// The resolver: binds every name to a frame slot, a captured cell, an upvalue
// or a global index before anything runs (no name lookups at run time).
//
// Scoping (LANGUAGE.md §4): `set` assigns to the innermost existing binding
// and otherwise declares in the current block; `fn name` declarations are
// hoisted to the top of their block (so functions can call each other); at
// the top level every `set`, `fn` and `server` name is a global, hoisted too.
// A variable captured by a closure lives in a cell (captured by reference);
// a block makes fresh cells for its captured variables each time it runs, so
// closures made in different loop iterations do not share them.
//
// A function's reference to the name it is bound to (`fn go(k) { go(k - 1) }`
// in a function body) reads the running closure instead of a captured cell
// when the binding is the variable's final value (resolve_self_references):
// otherwise the closure would hold its own cell, which holds the closure, a
// cycle that reference counting never frees.
#include <algorithm>

#include "lang/nodes.h"

namespace relay::ast {

// ---- scopes -------------------------------------------------------------------------

void Resolver::push_function(FnProto& proto, std::vector<CaptureDesc>* captures, bool in_server) {
    bool inherited = !fns_.empty() && fns_.back().in_server;
    fns_.push_back(FnState{&proto, captures, {}, {}, in_server || inherited});
    protos_.push_back(&proto);
}

void Resolver::pop_function() {
    FnProto& proto = *fns_.back().proto;
    for (auto& var : proto.vars) var->index = var->captured ? proto.num_cells++ : proto.num_slots++;
    fns_.pop_back();
}

void Resolver::push_block(Block* block) {
    Scope s;
    s.block = block;
    s.global = block && block->is_global_scope && fns_.size() == 1;
    fns_.back().scopes.push_back(std::move(s));
}

void Resolver::pop_block() { fns_.back().scopes.pop_back(); }

VarInfo* Resolver::declare(const std::string& name) {
    FnState& fn = fns_.back();
    Scope& scope = fn.scopes.back();
    if (scope.global) {
        int g = impl_.globals.intern(name);
        impl_.globals.at(g).declared = true;
        return nullptr;
    }
    if (auto it = scope.names.find(name); it != scope.names.end()) return it->second;
    fn.proto->vars.push_back(std::make_unique<VarInfo>());
    VarInfo* var = fn.proto->vars.back().get();
    var->name = name;
    scope.names.emplace(name, var);
    if (scope.block) scope.block->declared.push_back(var);
    return var;
}

void Resolver::hoist(const std::vector<NodePtr>& stmts) {
    bool global = fns_.back().scopes.back().global;
    for (const NodePtr& stmt : stmts) {
        if (auto* set = dynamic_cast<SetNode*>(stmt.get())) {
            if (set->fn_decl || global) declare(set->name);
        } else if (auto* server = dynamic_cast<ServerDeclNode*>(stmt.get())) {
            if (global) declare(server->name);
        }
    }
}

std::optional<VarRef> Resolver::find_local(size_t fn_index, const std::string& name) {
    auto& scopes = fns_[fn_index].scopes;
    for (size_t i = scopes.size(); i-- > 0;) {
        if (scopes[i].global) continue;
        if (auto it = scopes[i].names.find(name); it != scopes[i].names.end())
            return VarRef{VarMode::Local, 0, it->second};
    }
    return std::nullopt;
}

// The upvalue index of `var` (declared in function `owner`) inside function
// `fn_index`, threading it through every function in between.
int Resolver::upvalue_index(size_t fn_index, VarInfo* var, size_t owner) {
    FnState& fn = fns_[fn_index];
    if (auto it = fn.upvalue_of.find(var); it != fn.upvalue_of.end()) return it->second;
    CaptureDesc desc;
    desc.var = var;
    if (fn_index == owner + 1) {
        desc.source = CaptureDesc::Source::ParentCell;
    } else {
        desc.source = CaptureDesc::Source::ParentUpvalue;
        desc.index = upvalue_index(fn_index - 1, var, owner);
    }
    fn.captures->push_back(desc);
    int index = static_cast<int>(fn.captures->size() - 1);
    fn.upvalue_of.emplace(var, index);
    captures_.push_back(CaptureRecord{fn.captures, fn.captures->size() - 1, fn.proto, fns_[fn_index - 1].proto});
    return index;
}

VarRef Resolver::lookup(const std::string& name, int, int) {
    size_t current = fns_.size() - 1;
    for (size_t fi = fns_.size(); fi-- > 0;) {
        auto found = find_local(fi, name);
        if (!found) continue;
        if (fi == current) return *found;
        found->var->captured = true;
        return VarRef{VarMode::Upval, upvalue_index(current, found->var, fi), nullptr};
    }
    return VarRef{VarMode::Global, impl_.globals.intern(name), nullptr};
}

VarRef Resolver::lookup_for_set(const std::string& name, bool& declared_here, const Node* writer) {
    declared_here = false;
    for (size_t fi = fns_.size(); fi-- > 0;) {
        if (auto found = find_local(fi, name)) {
            note_write(found->var, writer);
            return lookup(name, 0, 0);
        }
    }
    if (auto g = impl_.globals.find(name); g && impl_.globals.at(*g).declared) return VarRef{VarMode::Global, *g, nullptr};
    declared_here = true;
    VarInfo* var = declare(name);
    if (!var) return VarRef{VarMode::Global, *impl_.globals.find(name), nullptr};
    note_write(var, writer);
    return VarRef{VarMode::Local, 0, var};
}

bool Resolver::declared_in_current_scope(const VarInfo* var) const {
    const Scope& scope = fns_.back().scopes.back();
    auto it = scope.names.find(var->name);
    return it != scope.names.end() && it->second == var;
}

void Resolver::note_write(VarInfo* var, const Node* writer) {
    const Scope& scope = fns_.back().scopes.back();
    bool statement_of_its_block = writer && writer == scope.statement && declared_in_current_scope(var);
    var->writes.push_back(VarInfo::Write{writer, statement_of_its_block ? scope.statement_index : -1});
}

void Resolver::track_read(VarRef& ref) {
    track(ref);
    if (ref.mode == VarMode::Upval) upvalue_reads_.push_back(UpvalueRead{&ref, fns_.back().proto});
}

void Resolver::at_statement(const Node* statement, int index) {
    Scope& scope = fns_.back().scopes.back();
    scope.statement = statement;
    scope.statement_index = index;
}

void Resolver::note_function_binding(VarInfo* var, FnProto& fn, const Node* binding) {
    const Scope& scope = fns_.back().scopes.back();
    // Bound from a nested block, or the variable of a parameter/loop/catch
    // scope: the binding may run again while the variable's cell lives.
    if (!scope.block || !declared_in_current_scope(var)) return;
    function_bindings_.push_back(FunctionBinding{&fn, var, binding, scope.statement_index});
}

bool Resolver::in_server() const { return fns_.back().in_server; }
bool Resolver::in_function() const { return fns_.size() > 1; }
bool Resolver::in_receive() const { return fns_.back().proto->is_receive; }
bool Resolver::at_global_scope() const { return fns_.back().scopes.back().global; }

void Resolver::resolve_program(FnProto& main) {
    push_function(main, nullptr, false);
    push_block(nullptr);  // scope of the (absent) parameters
    main.body->resolve(*this);
    main.body_fast = main.body.get();
    pop_block();
    pop_function();
    finish();
}

// A function bound to a variable whose every other assignment is an earlier
// statement of the block declaring the variable holds, in that variable, its
// final value: the block gives the variable a fresh cell each time it runs and
// runs each statement once, so from the moment the closure exists until the
// cell dies the cell holds that very closure. Then, in that function:
// - its reads of the name read the running closure (VarMode::Self), and its
//   capture of the variable is dropped (Source::Unused: indices of its other
//   upvalues are already in resolved nodes), so the closure no longer holds
//   the cell that holds it;
// - closures made in it that refer to the name capture a cell of its frame
//   that holds the running closure (Source::ParentSelf), created when the
//   first of them is made: a cycle only if such a closure is stored where the
//   function can reach it.
// The variable itself keeps its cell (reads of it outside the function, and
// a fresh nil at each run of the block, behave as before).
void Resolver::resolve_self_references() {
    std::unordered_map<const FnProto*, const VarInfo*> bound_to;  // functions whose binding is final
    for (const FunctionBinding& b : function_bindings_) {
        bool final_value = std::all_of(b.var->writes.begin(), b.var->writes.end(), [&](const VarInfo::Write& w) {
            return w.writer == b.binding || (w.statement >= 0 && w.statement < b.statement);
        });
        if (final_value) bound_to.emplace(b.fn, b.var);
    }
    if (bound_to.empty()) return;
    std::unordered_map<const FnProto*, int> own_upvalue;  // a bound function's capture of its variable
    for (const CaptureRecord& r : captures_) {
        CaptureDesc& c = (*r.captures)[r.index];
        auto it = bound_to.find(r.fn);
        if (it == bound_to.end() || c.var != it->second) continue;
        c.source = CaptureDesc::Source::Unused;
        own_upvalue.emplace(r.fn, static_cast<int>(r.index));
    }
    for (const CaptureRecord& r : captures_) {
        CaptureDesc& c = (*r.captures)[r.index];
        auto it = own_upvalue.find(r.parent);
        if (c.source != CaptureDesc::Source::ParentUpvalue || it == own_upvalue.end() || c.index != it->second) continue;
        if (r.parent->self_cell < 0) r.parent->self_cell = r.parent->num_cells++;
        c.source = CaptureDesc::Source::ParentSelf;
        c.index = r.parent->self_cell;
    }
    for (const UpvalueRead& read : upvalue_reads_) {
        auto it = own_upvalue.find(read.fn);
        if (it == own_upvalue.end() || read.ref->index != it->second) continue;
        read.ref->mode = VarMode::Self;
        read.ref->index = 0;
    }
}

void Resolver::finish() {
    resolve_self_references();  // first: it may give functions a cell
    for (VarRef* ref : refs_) {
        if (ref->mode != VarMode::Local || !ref->var) continue;
        ref->mode = ref->var->captured ? VarMode::Cell : VarMode::Local;
        ref->index = ref->var->index;
    }
    for (const CaptureRecord& r : captures_) {
        CaptureDesc& c = (*r.captures)[r.index];
        if (c.source == CaptureDesc::Source::ParentCell) c.index = c.var->index;
    }
    for (Block* b : blocks_) {
        b->fresh_cells.clear();
        for (VarInfo* v : b->declared)
            if (v->captured) b->fresh_cells.push_back(v->index);
    }
    for (FnProto* p : protos_) {
        for (auto& ref : p->param_refs) {
            ref.mode = ref.var->captured ? VarMode::Cell : VarMode::Local;
            ref.index = ref.var->index;
        }
    }
    for (auto& f : finishers_) f();
}

const Node* unwrap_block(const Node* n) {
    auto* b = dynamic_cast<const Block*>(n);
    if (b && b->stmts.size() == 1 && b->fresh_cells.empty()) return unwrap_block(b->stmts[0].get());
    return n;
}

void Operand::set(const Node* n) {
    node = n;
    kind = Kind::Node;
    if (auto* name = dynamic_cast<const NameNode*>(n); name && name->ref.mode == VarMode::Local) {
        kind = Kind::Local;
        index = name->ref.index;
    } else if (auto* lit = dynamic_cast<const Literal*>(n); lit && lit->value.is_number()) {
        kind = Kind::Const;
        constant = lit->value;
    } else if (auto* bin = dynamic_cast<const BinaryNode*>(n); bin && bin->lhs.simple() && bin->rhs.simple()) {
        // A division or modulo by zero falls back to the node, which raises.
        Tok t = bin->arith_op();
        if (t != Tok::End) {
            kind = Kind::Arith;
            op = t;
        }
    }
}

// ---- node resolution ------------------------------------------------------------------

namespace {
void resolve_all(std::vector<NodePtr>& nodes, Resolver& r) {
    for (auto& n : nodes) n->resolve(r);
}

void resolve_function(FnProto& proto, std::vector<CaptureDesc>& captures, Resolver& r, bool server_body) {
    r.push_function(proto, &captures, server_body);
    r.push_block(nullptr);
    proto.param_refs.clear();
    for (const std::string& p : proto.param_names) proto.param_refs.push_back(VarRef{VarMode::Local, 0, r.declare(p)});
    proto.body->resolve(r);
    r.pop_block();
    r.pop_function();
    r.after_resolve([&proto] { proto.body_fast = unwrap_block(proto.body.get()); });
}
}  // namespace

void TemplateNode::resolve(Resolver& r) { resolve_all(exprs, r); }
void ArrayLit::resolve(Resolver& r) { resolve_all(items, r); }
void ObjectLit::resolve(Resolver& r) { resolve_all(values, r); }

void NameNode::resolve(Resolver& r) {
    ref = r.lookup(name, line, col);
    r.track_read(ref);
    if (ref.mode == VarMode::Global) {
        globals = &r.impl().globals;
        entry = &globals->at(ref.index);
    }
}

void SetNode::resolve(Resolver& r) {
    if (!fn_decl) value->resolve(r);
    bool declared_here = false;
    ref = r.lookup_for_set(name, declared_here, this);
    r.track(ref);
    in_server = r.in_server() && ref.mode == VarMode::Global;
    if (ref.mode == VarMode::Global) {
        globals = &r.impl().globals;
        entry = &globals->at(ref.index);
    }
    if (fn_decl) value->resolve(r);
    if (auto* fn = dynamic_cast<FnNode*>(value.get()); fn && ref.var) r.note_function_binding(ref.var, *fn->proto, this);
    if (declared_here || fn_decl) return;
    auto same_var = [&](const Node* n) {
        auto* nm = dynamic_cast<const NameNode*>(n);
        return nm && nm->name == name;
    };
    if (auto* m = dynamic_cast<MethodNode*>(value.get()); m && m->id != MethodId::Unknown && same_var(m->receiver.get()))
        fast = Fast::Method;
    else if (auto* add = dynamic_cast<BinaryOp<Tok::Plus>*>(value.get()); add && same_var(add->left.get()))
        fast = Fast::Add;
}

void Block::resolve(Resolver& r) {
    r.push_block(this);
    r.track_block(this);
    r.hoist(stmts);
    for (size_t i = 0; i < stmts.size(); ++i) {
        r.at_statement(stmts[i].get(), static_cast<int>(i));
        stmts[i]->resolve(r);
    }
    r.pop_block();
}

void IfNode::resolve(Resolver& r) {
    cond->resolve(r);
    then_branch->resolve(r);
    if (else_branch) else_branch->resolve(r);
    r.after_resolve([this] {
        cond_fast.set(cond.get());
        then_fast = unwrap_block(then_branch.get());
        else_fast = else_branch ? unwrap_block(else_branch.get()) : nullptr;
    });
}

void ForNode::resolve(Resolver& r) {
    iterable->resolve(r);
    r.push_block(nullptr);
    var = r.declare(var_name);
    ref = VarRef{VarMode::Local, 0, var};
    r.track(ref);
    body->resolve(r);
    r.pop_block();
    r.after_resolve([this] {
        body_fast = unwrap_block(body.get());
        auto* set = dynamic_cast<const SetNode*>(body_fast);
        body_accumulates = set && set->fast == SetNode::Fast::Add;
    });
}

void FnNode::resolve(Resolver& r) { resolve_function(*proto, captures, r, false); }

void CallNode::resolve(Resolver& r) {
    callee->resolve(r);
    resolve_all(args, r);
    r.after_resolve([this] {
        fast_args.resize(args.size());
        for (size_t i = 0; i < args.size(); ++i) fast_args[i].set(args[i].get());
        if (auto* name = dynamic_cast<const NameNode*>(callee.get())) {
            if (name->ref.mode == VarMode::Global) global_callee = name->ref.index;
            self_callee = name->ref.mode == VarMode::Self;
        }
    });
}

void MethodNode::resolve(Resolver& r) {
    receiver->resolve(r);
    resolve_all(args, r);
}

void FieldNode::resolve(Resolver& r) { object->resolve(r); }

void IndexNode::resolve(Resolver& r) {
    object->resolve(r);
    index->resolve(r);
}

void UnaryNode::resolve(Resolver& r) { operand->resolve(r); }

void BinaryNode::resolve(Resolver& r) {
    left->resolve(r);
    right->resolve(r);
    r.after_resolve([this] {
        lhs.set(left.get());
        rhs.set(right.get());
    });
}

void ReturnNode::resolve(Resolver& r) {
    if (value) value->resolve(r);
}

void ThrowNode::resolve(Resolver& r) { value->resolve(r); }

void TryNode::resolve(Resolver& r) {
    body->resolve(r);
    if (catch_name.empty()) {
        handler->resolve(r);
        return;
    }
    r.push_block(nullptr);
    var = r.declare(catch_name);
    ref = VarRef{VarMode::Local, 0, var};
    r.track(ref);
    handler->resolve(r);
    r.pop_block();
}

void DispatchNode::resolve(Resolver& r) {
    value->resolve(r);
    resolve_all(handlers, r);
    if (default_handler) default_handler->resolve(r);
}

void StructDeclNode::resolve(Resolver& r) { r.impl().declared_structs.insert(name); }
void StructLitNode::resolve(Resolver& r) { fields->resolve(r); }
void ProtocolDeclNode::resolve(Resolver&) {}

void ServerDeclNode::resolve(Resolver& r) {
    bool declared_here = false;
    ref = r.lookup_for_set(name, declared_here, this);
    r.track(ref);
    r.push_function(*body, &captures, true);
    auto* block = static_cast<Block*>(body->body.get());
    r.push_block(block);
    r.track_block(block);
    for (auto& f : functions) r.declare(f->name);
    // The functions run first, in order, as the statements of the body (build()).
    for (size_t i = 0; i < functions.size(); ++i) {
        r.at_statement(functions[i].get(), static_cast<int>(i));
        functions[i]->resolve(r);
    }
    r.at_statement(nullptr, -1);
    for (auto& field : state)
        if (field.initial) field.initial->resolve(r);
    r.pop_block();
    r.pop_function();
}

void ConfigNode::resolve(Resolver& r) { object->resolve(r); }
void TemplateDeclNode::resolve(Resolver& r) { source->resolve(r); }

void StateNode::resolve(Resolver& r) {
    if (!r.in_server()) r.fail("'state' is only available inside a server", line, col);
    resolve_all(args, r);
}

void SendNamedNode::resolve(Resolver& r) {
    target->resolve(r);
    named->resolve(r);
}

}  // namespace relay::ast
