#include "lang/parser.h"

#include <utility>

#include "lang/types.h"

namespace relay::ast {
namespace {

template <class T>
std::unique_ptr<T> make(const Token& at) {
    auto n = std::make_unique<T>();
    n->line = at.line;
    n->col = at.col;
    return n;
}

int precedence(Tok t) {
    switch (t) {
        case Tok::Coalesce: return 1;
        case Tok::OrOr: return 2;
        case Tok::AndAnd: return 3;
        case Tok::Eq: case Tok::Ne: return 4;
        case Tok::Lt: case Tok::Le: case Tok::Gt: case Tok::Ge: return 5;
        case Tok::Plus: case Tok::Minus: return 6;
        case Tok::Star: case Tok::Slash: case Tok::Percent: return 7;
        default: return 0;
    }
}

std::unique_ptr<BinaryNode> make_binary(Tok op) {
    switch (op) {
        case Tok::Plus: return std::make_unique<BinaryOp<Tok::Plus>>();
        case Tok::Minus: return std::make_unique<BinaryOp<Tok::Minus>>();
        case Tok::Star: return std::make_unique<BinaryOp<Tok::Star>>();
        case Tok::Slash: return std::make_unique<BinaryOp<Tok::Slash>>();
        case Tok::Percent: return std::make_unique<BinaryOp<Tok::Percent>>();
        case Tok::Eq: return std::make_unique<BinaryOp<Tok::Eq>>();
        case Tok::Ne: return std::make_unique<BinaryOp<Tok::Ne>>();
        case Tok::Lt: return std::make_unique<BinaryOp<Tok::Lt>>();
        case Tok::Le: return std::make_unique<BinaryOp<Tok::Le>>();
        case Tok::Gt: return std::make_unique<BinaryOp<Tok::Gt>>();
        case Tok::Ge: return std::make_unique<BinaryOp<Tok::Ge>>();
        default: {
            auto n = std::make_unique<LogicNode>();
            n->op = op;
            return n;
        }
    }
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

    std::unique_ptr<FnProto> program() {
        auto proto = std::make_unique<FnProto>();
        proto->name = "<main>";
        auto block = make<Block>(cur());
        block->is_global_scope = true;
        while (!at(Tok::End)) {
            if (at(Tok::RBrace)) fail_here("unexpected '}' (no block is open)");
            statement_into(block->stmts);
        }
        proto->body = std::move(block);
        return proto;
    }

    // A template's `${...}`: one expression, then the end.
    NodePtr lone_expression() {
        NodePtr e = expression();
        if (!at(Tok::End)) fail_here("unexpected " + describe(cur()) + " in ${...}");
        return e;
    }

private:
    // ---- token helpers ------------------------------------------------------------
    const Token& cur() const { return toks_[pos_]; }
    const Token& peek(size_t n = 1) const { return toks_[std::min(pos_ + n, toks_.size() - 1)]; }
    bool at(Tok k) const { return cur().kind == k; }
    const Token& next() {
        const Token& t = toks_[pos_];
        if (pos_ + 1 < toks_.size()) ++pos_;
        return t;
    }
    bool accept(Tok k) {
        if (!at(k)) return false;
        next();
        return true;
    }
    const Token& expect(Tok k, const char* context) {
        if (!at(k)) fail_here("expected " + token_name(k) + " " + context + ", found " + describe(cur()));
        return next();
    }
    [[noreturn]] void fail(const std::string& msg, const Token& t) { throw SyntaxError{msg, t.line, t.col}; }
    [[noreturn]] void fail_here(const std::string& msg) { fail(msg, cur()); }

    // A name: identifiers, and keywords where a name is unambiguous (after `.`, object keys).
    bool at_name() const { return at(Tok::Ident) || is_keyword(cur().kind); }
    std::string name(const char* context) {
        if (!at_name()) fail_here(std::string("expected a name ") + context + ", found " + describe(cur()));
        const Token& t = next();
        return t.text;
    }
    std::string ident(const char* context) {
        if (!at(Tok::Ident)) fail_here(std::string("expected a name ") + context + ", found " + describe(cur()));
        return next().text;
    }

    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) {
            if (++p.depth_ > kMaxNesting) p.fail_here("expression nested too deeply");
        }
        ~DepthGuard() { --p.depth_; }
    };

    // ---- statements -----------------------------------------------------------------
    void skip_semicolons() {
        while (accept(Tok::Semicolon)) {
        }
    }

    void statement_into(std::vector<NodePtr>& out) {
        skip_semicolons();
        if (at(Tok::End) || at(Tok::RBrace)) return;
        out.push_back(expression());
        if (at(Tok::Semicolon)) {
            skip_semicolons();
            return;
        }
        if (at(Tok::End) || at(Tok::RBrace) || cur().nl_before) return;
        fail_here("expected a newline or ';' before " + describe(cur()));
    }

    // `{ stmts }` in body position.
    std::unique_ptr<Block> block(const char* context) {
        DepthGuard guard(*this);
        const Token& open = expect(Tok::LBrace, context);
        auto b = make<Block>(open);
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail(std::string("unclosed '{' ") + context, open);
            statement_into(b->stmts);
        }
        next();
        return b;
    }

    // ---- expressions ----------------------------------------------------------------
    NodePtr expression(int min_prec = 1) {
        DepthGuard guard(*this);
        NodePtr left = unary();
        for (;;) {
            Tok op = cur().kind;
            int prec = precedence(op);
            if (prec < min_prec || prec == 0) break;
            // A line that starts with an operator is a new expression, except ?? && ||.
            if (cur().nl_before && op != Tok::Coalesce && op != Tok::AndAnd && op != Tok::OrOr) break;
            const Token& op_tok = next();
            NodePtr right = expression(prec + 1);
            auto bin = make_binary(op);
            bin->line = op_tok.line;
            bin->col = op_tok.col;
            bin->left = std::move(left);
            bin->right = std::move(right);
            left = std::move(bin);
        }
        return left;
    }

    NodePtr unary() {
        if (at(Tok::Bang) || at(Tok::Minus)) {
            DepthGuard guard(*this);
            const Token& op = next();
            NodePtr operand = unary();
            if (op.kind == Tok::Minus) {
                if (auto* lit = dynamic_cast<Literal*>(operand.get()); lit && lit->value.is_number()) {
                    lit->value = Value::number(-lit->value.as_number());
                    return operand;
                }
            }
            auto n = make<UnaryNode>(op);
            n->op = op.kind;
            n->operand = std::move(operand);
            return n;
        }
        return postfix(primary());
    }

    NodePtr postfix(NodePtr e) {
        for (;;) {
            if (at(Tok::LParen) && !cur().nl_before) {
                auto call = make<CallNode>(cur());
                next();
                call->args = arguments(Tok::RParen);
                call->callee = std::move(e);
                e = std::move(call);
            } else if (at(Tok::LBracket) && !cur().nl_before) {
                auto idx = make<IndexNode>(cur());
                next();
                idx->index = expression();
                expect(Tok::RBracket, "to close the index");
                idx->object = std::move(e);
                e = std::move(idx);
            } else if (at(Tok::Dot)) {
                const Token& dot = next();
                std::string member = name("after '.'");
                if (at(Tok::LParen) && !cur().nl_before) {
                    next();
                    auto m = make<MethodNode>(dot);
                    m->receiver = std::move(e);
                    m->name = member;
                    m->id = method_id(member);
                    m->args = arguments(Tok::RParen);
                    e = std::move(m);
                } else {
                    auto f = make<FieldNode>(dot);
                    f->object = std::move(e);
                    f->name = member;
                    e = std::move(f);
                }
            } else {
                return e;
            }
        }
    }

    // After the opening token: `a, b, c` then `close` (trailing comma allowed).
    std::vector<NodePtr> arguments(Tok close) {
        std::vector<NodePtr> args;
        while (!at(close)) {
            if (at(Tok::End)) fail_here("expected " + token_name(close) + ", found end of input");
            args.push_back(expression());
            if (!accept(Tok::Comma)) break;
        }
        expect(close, "to close the list");
        return args;
    }

    // `{` starts an object literal when followed by `}` or by a key and `:`.
    bool object_ahead() const {
        if (!at(Tok::LBrace)) return false;
        const Token& a = peek(1);
        if (a.kind == Tok::RBrace) return true;
        bool key = a.kind == Tok::Ident || is_keyword(a.kind) || a.kind == Tok::String || a.kind == Tok::Symbol;
        return key && peek(2).kind == Tok::Colon;
    }

    NodePtr primary() {
        DepthGuard guard(*this);
        const Token& t = cur();
        switch (t.kind) {
            case Tok::Number: {
                auto n = make<Literal>(t);
                n->value = Value::number(t.number);
                next();
                return n;
            }
            case Tok::String:
            case Tok::Symbol: {
                auto n = make<Literal>(t);
                n->value = Value::string(t.text);
                next();
                return n;
            }
            case Tok::Template: return template_string();
            case Tok::KwTrue:
            case Tok::KwFalse: {
                auto n = make<Literal>(t);
                n->value = Value::boolean(t.kind == Tok::KwTrue);
                next();
                return n;
            }
            case Tok::KwNil: {
                auto n = make<Literal>(t);
                next();
                return n;
            }
            case Tok::Ident: return identifier();
            case Tok::LParen: {
                next();
                bool saved = no_struct_;
                no_struct_ = false;
                NodePtr e = expression();
                no_struct_ = saved;
                expect(Tok::RParen, "to close '('");
                return e;
            }
            case Tok::LBracket: {
                auto a = make<ArrayLit>(t);
                next();
                a->items = arguments(Tok::RBracket);
                return a;
            }
            case Tok::LBrace:
                if (object_ahead()) return object_literal();
                return block("");
            case Tok::KwFn: return function();
            case Tok::KwSet: return set_statement();
            case Tok::KwIf: return if_expression();
            case Tok::KwFor: return for_loop();
            case Tok::KwReturn: return return_expression();
            case Tok::KwThrow: {
                auto n = make<ThrowNode>(t);
                next();
                n->value = expression();
                return n;
            }
            case Tok::KwTry: return try_expression();
            case Tok::KwDispatch: return dispatch();
            case Tok::KwStruct: return struct_declaration();
            case Tok::KwProtocol: return protocol_declaration();
            case Tok::KwServer: return server_declaration();
            case Tok::KwConfig: {
                auto n = make<ConfigNode>(t);
                next();
                if (!at(Tok::LBrace)) fail_here("expected '{' after 'config'");
                n->object = object_literal();
                return n;
            }
            case Tok::KwTemplate: {
                auto n = make<TemplateDeclNode>(t);
                next();
                if (!at(Tok::String)) fail_here("expected a file name string after 'template'");
                n->file = next().text;
                expect(Tok::KwFrom, "after the template file name");
                n->source = expression();
                return n;
            }
            case Tok::KwState: return state_expression();
            case Tok::KwSend: return send_expression();
            case Tok::End: fail_here("unexpected end of input: expected an expression");
            default: fail_here("expected an expression, found " + describe(t));
        }
    }

    NodePtr identifier() {
        const Token& t = next();
        // `Name{...}` constructs a struct (not in the head of if/for/dispatch).
        if (!no_struct_ && at(Tok::LBrace) && !cur().nl_before && object_ahead()) {
            auto s = make<StructLitNode>(t);
            s->name = t.text;
            s->fields = object_literal();
            return s;
        }
        auto n = make<NameNode>(t);
        n->name = t.text;
        return n;
    }

    std::unique_ptr<ObjectLit> object_literal() {
        const Token& open = expect(Tok::LBrace, "to open an object");
        auto o = make<ObjectLit>(open);
        bool saved = no_struct_;
        no_struct_ = false;
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail("unclosed '{' of this object", open);
            std::string key;
            if (at(Tok::String) || at(Tok::Symbol) || at_name()) {
                key = next().text;
            } else {
                fail_here("expected an object key, found " + describe(cur()));
            }
            expect(Tok::Colon, "after the object key");
            o->keys.push_back(Value::string(key));
            o->values.push_back(expression());
            if (!accept(Tok::Comma)) break;
        }
        no_struct_ = saved;
        expect(Tok::RBrace, "to close the object");
        return o;
    }

    NodePtr template_string() {
        const Token& t = next();
        auto n = make<TemplateNode>(t);
        for (const TemplatePart& part : t.parts) {
            if (!part.is_expr) {
                n->texts.push_back(part.text);
                continue;
            }
            std::optional<LexError> err;
            std::vector<Token> toks = lex(part.text, err, part.line, part.col, part.offset);
            if (err) throw SyntaxError{err->message, err->line, err->col};
            if (toks.size() == 1) throw SyntaxError{"empty ${} in template string", part.line, part.col};
            Parser sub(std::move(toks));
            sub.depth_ = depth_;
            sub.fn_depth_ = fn_depth_;
            n->exprs.push_back(sub.lone_expression());
        }
        return n;
    }

    // ---- functions ------------------------------------------------------------------
    NodePtr function() {
        const Token& kw = next();
        std::string fname;
        if (at(Tok::Ident)) fname = next().text;
        auto fn = make<FnNode>(kw);
        fn->proto = function_rest(fname, kw.line);
        if (fname.empty()) return fn;
        auto decl = make<SetNode>(kw);
        decl->name = fname;
        decl->fn_decl = true;
        decl->value = std::move(fn);
        return decl;
    }

    // `(params) -> T { body }` after the name.
    std::unique_ptr<FnProto> function_rest(const std::string& fname, int line) {
        auto proto = std::make_unique<FnProto>();
        proto->name = fname;
        proto->line = line;
        expect(Tok::LParen, "to open the parameter list");
        while (!at(Tok::RParen)) {
            std::string p = ident("for a parameter");
            for (const auto& existing : proto->param_names)
                if (existing == p) fail_here("duplicate parameter '" + p + "'");
            proto->param_names.push_back(p);
            if (accept(Tok::Colon)) {
                ParsedType pt = type();
                for (auto& s : pt.struct_names) proto->type_names_used.push_back(s);
                proto->param_types.emplace_back(std::move(pt.spec));
                proto->any_param_typed = true;
            } else {
                proto->param_types.emplace_back(std::nullopt);
            }
            if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RParen, "to close the parameter list");
        if (accept(Tok::Arrow)) {
            ParsedType rt = type();
            for (auto& s : rt.struct_names) proto->type_names_used.push_back(s);
            proto->result_type = std::move(rt.spec);
        }
        ++fn_depth_;
        bool saved = no_struct_;
        no_struct_ = false;
        proto->body = block("for the function body");
        no_struct_ = saved;
        --fn_depth_;
        return proto;
    }

    // ---- types --------------------------------------------------------------------------
    ParsedType type() {
        DepthGuard guard(*this);
        ParsedType out;
        const Token& t = cur();
        if (accept(Tok::LBracket)) {
            ParsedType inner = type();
            expect(Tok::RBracket, "to close the array type");
            out.spec = TypeSpec::array_of(std::move(inner.spec));
            out.struct_names = std::move(inner.struct_names);
            return out;
        }
        if (accept(Tok::KwNil)) {
            out.spec = TypeSpec::of(TypeSpec::Kind::Nil);
            return out;
        }
        if (accept(Tok::KwFn)) {
            expect(Tok::LParen, "after 'fn' in a type");
            std::vector<TypeSpec> params;
            while (!at(Tok::RParen)) {
                ParsedType p = type();
                params.push_back(std::move(p.spec));
                for (auto& s : p.struct_names) out.struct_names.push_back(s);
                if (!accept(Tok::Comma)) break;
            }
            expect(Tok::RParen, "to close the function type");
            std::optional<TypeSpec> result;
            if (accept(Tok::Arrow)) {
                ParsedType r = type();
                result = std::move(r.spec);
                for (auto& s : r.struct_names) out.struct_names.push_back(s);
            }
            out.spec = TypeSpec::function_of(std::move(params), std::move(result));
            return out;
        }
        std::string tname = ident("for a type");
        if (tname == "optional" && at(Tok::LParen)) {
            next();
            ParsedType inner = type();
            expect(Tok::RParen, "to close optional(...)");
            out.spec = TypeSpec::optional_of(std::move(inner.spec));
            out.struct_names = std::move(inner.struct_names);
            return out;
        }
        if (auto kind = builtin_type_kind(tname)) {
            out.spec = TypeSpec::of(*kind);
        } else {
            out.spec = TypeSpec::struct_of(tname);
            out.struct_names.push_back(tname);
        }
        validators(out.spec, t);
        return out;
    }

    // `.min(1).max(50)`, `.email()`, `.regex("...")` after a type name.
    void validators(TypeSpec& spec, const Token&) {
        while (at(Tok::Dot) && !cur().nl_before) {
            next();
            const Token& vt = cur();
            std::string vname = name("for a validator");
            expect(Tok::LParen, "after the validator name");
            std::vector<Value> args;
            while (!at(Tok::RParen)) {
                NodePtr e = unary();
                auto* lit = dynamic_cast<Literal*>(e.get());
                if (!lit) fail(std::string("validator arguments must be literals"), vt);
                args.push_back(lit->value);
                if (!accept(Tok::Comma)) break;
            }
            expect(Tok::RParen, "to close the validator arguments");
            try {
                add_validator(spec, vname, args);
            } catch (const RelayError& e) {
                fail(e.message, vt);
            }
        }
    }

    // ---- statements that are expressions -------------------------------------------------
    NodePtr set_statement() {
        const Token& kw = next();
        auto n = make<SetNode>(kw);
        n->name = ident("after 'set'");
        expect(Tok::Assign, "after the variable name");
        n->value = expression();
        return n;
    }

    NodePtr condition() {
        bool saved = no_struct_;
        no_struct_ = true;
        NodePtr c = expression();
        no_struct_ = saved;
        return c;
    }

    NodePtr if_expression() {
        const Token& kw = next();
        auto n = make<IfNode>(kw);
        n->cond = condition();
        n->then_branch = block("for the 'if' body");
        if (at(Tok::KwElse)) {
            next();
            if (at(Tok::KwIf)) {
                n->else_branch = if_expression();
            } else {
                n->else_branch = block("for the 'else' body");
            }
        }
        return n;
    }

    NodePtr for_loop() {
        const Token& kw = next();
        auto n = make<ForNode>(kw);
        n->var_name = ident("for the loop variable");
        expect(Tok::KwIn, "after the loop variable");
        n->iterable = condition();
        n->body = block("for the 'for' body");
        return n;
    }

    NodePtr return_expression() {
        const Token& kw = next();
        if (fn_depth_ == 0) fail("'return' outside a function", kw);
        auto n = make<ReturnNode>(kw);
        if (!(at(Tok::RBrace) || at(Tok::Semicolon) || at(Tok::End) || cur().nl_before)) n->value = expression();
        return n;
    }

    NodePtr try_expression() {
        const Token& kw = next();
        auto n = make<TryNode>(kw);
        n->body = block("for the 'try' body");
        if (!at(Tok::KwCatch)) fail_here("expected 'catch' after the 'try' block, found " + describe(cur()));
        next();
        if (at(Tok::Ident)) n->catch_name = next().text;
        n->handler = block("for the 'catch' body");
        return n;
    }

    NodePtr dispatch() {
        const Token& kw = next();
        auto n = make<DispatchNode>(kw);
        n->value = condition();
        const Token& open = expect(Tok::LBrace, "to open the dispatch cases");
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail("unclosed '{' of this dispatch", open);
            Value key;
            const Token& kt = cur();
            bool is_default = false;
            switch (kt.kind) {
                case Tok::Symbol:
                case Tok::Ident:
                    is_default = kt.text == "default";
                    key = Value::string(kt.text);
                    break;
                case Tok::String: key = Value::string(kt.text); break;
                case Tok::Number: key = Value::number(kt.number); break;
                case Tok::KwTrue: key = Value::boolean(true); break;
                case Tok::KwFalse: key = Value::boolean(false); break;
                case Tok::KwNil: break;
                default: fail_here("expected a dispatch case (a literal), found " + describe(kt));
            }
            next();
            expect(Tok::Colon, "after the dispatch case");
            NodePtr handler = expression();
            if (is_default) {
                if (n->default_handler) fail("duplicate default case", kt);
                n->default_handler = std::move(handler);
            } else {
                n->keys.push_back(std::move(key));
                n->handlers.push_back(std::move(handler));
            }
            if (!accept(Tok::Comma) && !at(Tok::RBrace) && !cur().nl_before)
                fail_here("expected ',' or a newline between dispatch cases");
        }
        next();
        return n;
    }

    // ---- declarations ------------------------------------------------------------------
    // Items of a declaration body are separated by ',' ';' or newlines.
    void item_separator(const char* what) {
        if (accept(Tok::Comma) || accept(Tok::Semicolon)) return;
        if (at(Tok::RBrace) || cur().nl_before) return;
        fail_here(std::string("expected ',' or a newline between ") + what + ", found " + describe(cur()));
    }

    NodePtr struct_declaration() {
        const Token& kw = next();
        auto n = make<StructDeclNode>(kw);
        n->name = ident("for the struct");
        const Token& open = expect(Tok::LBrace, "to open the struct fields");
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail("unclosed '{' of this struct", open);
            std::string fname = name("for a struct field");
            for (const auto& f : n->fields)
                if (f.first == fname) fail_here("duplicate field '" + fname + "'");
            expect(Tok::Colon, "after the field name");
            n->fields.emplace_back(fname, type());
            item_separator("struct fields");
        }
        next();
        return n;
    }

    NodePtr protocol_declaration() {
        const Token& kw = next();
        auto n = make<ProtocolDeclNode>(kw);
        n->name = ident("for the protocol");
        const Token& open = expect(Tok::LBrace, "to open the protocol");
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail("unclosed '{' of this protocol", open);
            accept(Tok::KwFn);
            ProtocolMethod m;
            m.name = ident("for a protocol method");
            expect(Tok::LParen, "after the method name");
            std::string params;
            while (!at(Tok::RParen)) {
                std::string p = ident("for a parameter");
                if (!params.empty()) params += ", ";
                params += p;
                ++m.param_count;
                if (accept(Tok::Colon)) {
                    ParsedType pt = type();
                    for (auto& s : pt.struct_names) n->type_names_used.push_back(s);
                }
                if (!accept(Tok::Comma)) break;
            }
            expect(Tok::RParen, "to close the parameter list");
            if (accept(Tok::Arrow)) {
                ParsedType rt = type();
                for (auto& s : rt.struct_names) n->type_names_used.push_back(s);
            }
            m.signature = m.name + "(" + params + ")";
            n->methods.push_back(std::move(m));
            item_separator("protocol methods");
        }
        next();
        return n;
    }

    NodePtr server_declaration() {
        const Token& kw = next();
        auto n = make<ServerDeclNode>(kw);
        n->name = ident("for the server");
        if (accept(Tok::KwImplements)) n->protocol = ident("after 'implements'");
        n->body = std::make_unique<FnProto>();
        n->body->name = "<server " + n->name + ">";
        n->body->line = kw.line;
        auto body = make<Block>(kw);
        const Token& open = expect(Tok::LBrace, "to open the server body");
        bool saw_state = false;
        while (!at(Tok::RBrace)) {
            skip_semicolons();
            if (at(Tok::RBrace)) break;
            if (at(Tok::End)) fail("unclosed '{' of this server", open);
            if (at(Tok::KwState)) {
                if (saw_state) fail_here("a server has one 'state' block");
                saw_state = true;
                next();
                state_fields(*n);
            } else if (at(Tok::KwReceive) || at(Tok::KwFn)) {
                bool receive = accept(Tok::KwReceive);
                const Token& fkw = expect(Tok::KwFn, "after 'receive'");
                std::string fname = ident("for the function");
                for (const auto& f : n->functions)
                    if (f->name == fname) fail("duplicate function '" + fname + "' in server " + n->name, fkw);
                auto fn = make<FnNode>(fkw);
                fn->proto = function_rest(fname, fkw.line);
                fn->proto->is_receive = receive;
                auto decl = make<SetNode>(fkw);
                decl->name = fname;
                decl->fn_decl = true;
                decl->value = std::move(fn);
                n->functions.push_back(std::move(decl));
                n->is_receive.push_back(receive);
            } else {
                fail_here("expected 'state', 'receive fn' or 'fn' in a server body, found " + describe(cur()));
            }
            if (!at(Tok::RBrace) && !cur().nl_before && !at(Tok::Semicolon))
                fail_here("expected a newline between server members");
        }
        next();
        n->body->body = std::move(body);
        return n;
    }

    void state_fields(ServerDeclNode& n) {
        const Token& open = expect(Tok::LBrace, "after 'state'");
        while (!at(Tok::RBrace)) {
            if (at(Tok::End)) fail("unclosed '{' of this state block", open);
            ServerDeclNode::Field f;
            f.line = cur().line;
            f.name = name("for a state field");
            for (const auto& existing : n.state)
                if (existing.name == f.name) fail_here("duplicate state field '" + f.name + "'");
            if (accept(Tok::Colon)) f.type = type();
            if (accept(Tok::Assign)) f.initial = expression();
            n.state.push_back(std::move(f));
            item_separator("state fields");
        }
        next();
    }

    // `state.get("f")`, `state.set("f", v)`, `state.has("f")`, `state.keys()`, `state.f`.
    NodePtr state_expression() {
        const Token& kw = next();
        auto n = make<StateNode>(kw);
        expect(Tok::Dot, "after 'state' (use state.get, state.set, state.has, state.keys or state.field)");
        std::string member = name("after 'state.'");
        if (at(Tok::LParen) && !cur().nl_before) {
            next();
            if (member == "get") n->op = StateNode::Op::Get;
            else if (member == "set") n->op = StateNode::Op::Set;
            else if (member == "has") n->op = StateNode::Op::Has;
            else if (member == "keys") n->op = StateNode::Op::Keys;
            else fail(std::string("state has no method '") + member + "' (get, set, has, keys)", kw);
            n->args = arguments(Tok::RParen);
            size_t want = n->op == StateNode::Op::Set ? 2 : n->op == StateNode::Op::Keys ? 0 : 1;
            if (n->args.size() != want)
                fail("state." + member + "() takes " + std::to_string(want) + " argument" + (want == 1 ? "" : "s"), kw);
        } else {
            n->op = StateNode::Op::Field;
            n->field = member;
        }
        return postfix(std::move(n));
    }

    // `send(target, method, args...)` or `send "target" method {named: args}`.
    NodePtr send_expression() {
        const Token& kw = next();
        if (at(Tok::LParen) && !cur().nl_before) {
            auto callee = make<NameNode>(kw);
            callee->name = "send";
            return postfix(std::move(callee));
        }
        auto n = make<SendNamedNode>(kw);
        if (at(Tok::String)) {
            auto lit = make<Literal>(cur());
            lit->value = Value::string(next().text);
            n->target = std::move(lit);
        } else if (at(Tok::Ident)) {
            auto nm = make<NameNode>(cur());
            nm->name = next().text;
            n->target = std::move(nm);
        } else {
            fail_here("expected a server name after 'send', found " + describe(cur()));
        }
        if (at(Tok::String)) n->method = next().text;
        else n->method = name("for the method to send");
        if (at(Tok::LBrace) && !cur().nl_before) {
            n->named = object_literal();
        } else {
            auto empty = make<ObjectLit>(kw);
            n->named = std::move(empty);
        }
        return n;
    }

    std::vector<Token> toks_;
    size_t pos_ = 0;
    int depth_ = 0;
    int fn_depth_ = 0;
    bool no_struct_ = false;
};

}  // namespace

std::unique_ptr<FnProto> parse_program(std::string_view source) {
    std::optional<LexError> err;
    std::vector<Token> toks = lex(source, err);
    if (err) throw SyntaxError{err->message, err->line, err->col};
    Parser parser(std::move(toks));
    return parser.program();
}

}  // namespace relay::ast
