// Interpreter entry points, the execution context's frame stack, globals,
// server specs and error formatting.
#include "lang/interp.h"

#include <pthread.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "lang/nodes.h"
#include "lang/ops.h"
#include "lang/parser.h"

namespace relay {

using namespace ast;

ExecContext::ExecContext(Interpreter& i) : interp(i), stack_(std::make_unique<Stack>()) {}
ExecContext::~ExecContext() { release_to(Mark{0, 0, 0, 0}); }

Value ExecContext::call(const Value& fn, std::span<const Value> args) {
    std::vector<Value> copy(args.begin(), args.end());
    return call_value(*this, fn, copy, 0);
}

// ---- globals ------------------------------------------------------------------------------

namespace ast {

Globals::Globals() : chunks_(std::make_unique<std::unique_ptr<Entry[]>[]>(kMaxChunks)) {}

int Globals::intern(const std::string& name) {
    if (auto it = index_.find(name); it != index_.end()) return it->second;
    size_t i = size_;
    if ((i >> kShift) >= kMaxChunks) throw std::length_error("too many global variables");
    if (!chunks_[i >> kShift]) chunks_[i >> kShift] = std::make_unique<Entry[]>(kMask + 1);
    at(static_cast<int>(i)).name = name;
    ++size_;
    index_.emplace(name, static_cast<int>(i));
    return static_cast<int>(i);
}

std::optional<int> Globals::find(const std::string& name) const {
    if (auto it = index_.find(name); it != index_.end()) return it->second;
    return std::nullopt;
}

Value Globals::get_slow(int i, int line) const {
    const Entry& e = at(i);
    Value v;
    bool defined;
    if (!shared()) {
        defined = e.defined;
        if (defined) v = e.value;
    } else {
        SpinGuard lock(lock_for(&e));
        defined = e.defined;
        if (defined) v = e.value;
    }
    if (!defined) {
        RelayError err(ErrorKind::NameError, "undefined variable '" + e.name + "'");
        err.line = line;
        throw err;
    }
    return v;
}

void Globals::set(int i, Value v) {
    Entry& e = at(i);
    if (!shared()) {
        if (e.value.is_function()) retired_functions.push_back(std::move(e.value));
        e.value = std::move(v);
        e.defined = true;
        return;
    }
    Value old;
    {
        SpinGuard lock(lock_for(&e));
        old = std::exchange(e.value, std::move(v));
        e.defined = true;
    }
    if (old.is_function()) retired_functions.push_back(std::move(old));  // main thread only writes globals
}

}  // namespace ast

std::shared_ptr<const StructType> Interpreter::Impl::find_struct(const std::string& name) {
    std::lock_guard lock(tables_mutex);
    auto it = structs.find(name);
    return it == structs.end() ? nullptr : it->second;
}

// ---- interpreter ------------------------------------------------------------------------------

Interpreter::Interpreter() : impl_(std::make_unique<Impl>()) {
    auto define = [this](const std::string& name, Value v) {
        int g = impl_->globals.intern(name);
        auto& e = impl_->globals.at(g);
        e.value = std::move(v);
        e.defined = true;
        e.declared = true;
    };
    for (const auto& [name, fn] : builtin_functions()) {
        define(name, fn);
        if (name == "range") impl_->range_builtin = fn;
    }
    define("message", make_native("message", -1, message_builtin));
    define("send", make_native("send", -1, message_builtin));
}

Interpreter::~Interpreter() = default;

namespace {

std::string source_line(std::string_view source, int line) {
    int current = 1;
    size_t start = 0;
    for (size_t i = 0; i < source.size() && current < line; ++i) {
        if (source[i] == '\n') {
            ++current;
            start = i + 1;
        }
    }
    size_t end = source.find('\n', start);
    return std::string(source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

std::string format_syntax_error(const SyntaxError& e, std::string_view source, std::string_view file) {
    std::string out = std::string(file) + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) +
                      ": syntax error: " + e.message + "\n";
    std::string text = source_line(source, e.line);
    out += "  " + text + "\n  ";
    // The caret under column `col` (code points), keeping tabs so it lines up.
    int col = 1;
    for (size_t i = 0; i < text.size() && col < e.col; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += c == '\t' ? '\t' : ' ';
        ++col;
    }
    out += "^\n";
    return out;
}

}  // namespace

CompileResult Interpreter::compile(std::string_view source, std::string_view file_name) {
    CompileResult result;
    auto program = std::make_shared<Program>();
    program->file_name = std::string(file_name);
    try {
        program->main = parse_program(source);
        Resolver resolver(*impl_);
        resolver.resolve_program(*program->main);
    } catch (const SyntaxError& e) {
        result.error = format_syntax_error(e, source, file_name);
        return result;
    }
    const auto& stmts = static_cast<const Block&>(*program->main->body).stmts;
    if (!stmts.empty()) {
        const Node* last = stmts.back().get();
        program->ends_with_binding = dynamic_cast<const SetNode*>(last) || dynamic_cast<const StructDeclNode*>(last) ||
                                     dynamic_cast<const ProtocolDeclNode*>(last) ||
                                     dynamic_cast<const ServerDeclNode*>(last) || dynamic_cast<const ConfigNode*>(last);
    }
    impl_->programs.push_back(program);
    result.program = std::move(program);
    return result;
}

Value Interpreter::run(ExecContext& ctx, const Program& program) {
    const FnProto& main = *program.main;
    FrameRestore restore{ctx, ctx.frame, ctx.mark()};
    Value* slots = ctx.alloc_slots(static_cast<size_t>(main.num_slots));
    Cell** cells = ctx.alloc_cells(static_cast<size_t>(main.num_cells));
    ctx.frame = ExecContext::Frame{slots, cells, nullptr};
    return main.body->eval(ctx);
}

Value Interpreter::invoke(ExecContext& ctx, const Value& fn, std::span<Value> args) {
    return call_value(ctx, fn, args, 0);
}

bool Interpreter::ends_with_binding(const Program& program) { return program.ends_with_binding; }

Value Interpreter::config() const { return impl_->config; }

void Interpreter::share_globals() { impl_->globals.share(); }

// ---- servers ------------------------------------------------------------------------------------

const ReceiveMethod* ServerSpec::find_method(std::string_view method) const noexcept {
    for (const auto& m : methods)
        if (m.name == method) return &m;
    return nullptr;
}

int ServerSpec::field_index(std::string_view field) const noexcept {
    for (size_t i = 0; i < state.size(); ++i)
        if (state[i].name == field) return static_cast<int>(i);
    return -1;
}

std::vector<std::string> ServerSpec::sorted_method_names() const {
    std::vector<std::string> names;
    for (const auto& m : methods) names.push_back(m.name);
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::string> check_arguments(const ReceiveMethod& method, std::span<const Value> args) {
    size_t want = method.param_names.size();
    if (args.size() != want) {
        std::string names;
        for (const auto& p : method.param_names) names += (names.empty() ? "" : ", ") + p;
        return "invalid params: " + method.name + " takes " + std::to_string(want) + " argument" +
               (want == 1 ? "" : "s") + (want ? " (" + names + ")" : "") + ", got " + std::to_string(args.size());
    }
    for (size_t i = 0; i < want; ++i) {
        if (!method.param_types[i]) continue;
        if (auto failure = check_detailed(*method.param_types[i], args[i]))
            return "invalid params: " + method.name + ": parameter '" + method.param_names[i] + "' " + failure->reason;
    }
    return std::nullopt;
}

std::optional<std::string> bind_named_arguments(const ReceiveMethod& method, const Object& named,
                                                std::vector<Value>& out) {
    out.clear();
    for (const auto& entry : named.entries()) {
        std::string_view key = entry.key_view();
        if (std::find(method.param_names.begin(), method.param_names.end(), key) == method.param_names.end())
            return "invalid params: " + method.name + " has no parameter '" + std::string(key) + "'";
    }
    for (size_t i = 0; i < method.param_names.size(); ++i) {
        const Value* v = named.find(method.param_names[i]);
        if (v) {
            out.push_back(*v);
            continue;
        }
        const auto& t = method.param_types[i];
        if (t && t->kind == TypeSpec::Kind::Optional) {
            out.emplace_back();
            continue;
        }
        return "invalid params: " + method.name + ": missing parameter '" + method.param_names[i] + "'";
    }
    return std::nullopt;
}

// ---- errors and tools ---------------------------------------------------------------------------

std::string format_runtime_error(const RelayError& e, std::string_view file_name) {
    std::string out = std::string(file_name);
    if (e.line > 0) out += ":" + std::to_string(e.line);
    if (e.kind == ErrorKind::Thrown) {
        out += ": uncaught throw: " + e.message + "\n";
    } else {
        out += ": " + std::string(kind_name(e.kind)) + ": " + e.message + "\n";
    }
    for (const auto& frame : e.trace) out += "  in " + frame + "\n";
    return out;
}

std::string check_syntax(std::string_view source, std::string_view file_name) {
    Interpreter interp;
    return interp.compile(source, file_name).error;
}

bool start_big_stack_thread(pthread_t& thread, void* (*entry)(void*), void* arg) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // Relay recursion is deep (kMaxDepth frames); the stack is virtual
    // memory, only touched pages cost.
    pthread_attr_setstacksize(&attr, kInterpreterStackBytes);
    const int rc = pthread_create(&thread, &attr, entry, arg);
    pthread_attr_destroy(&attr);
    return rc == 0;
}

void run_on_big_stack(const std::function<void()>& fn) {
    struct Job {
        const std::function<void()>* fn;
        std::exception_ptr error;
    } job{&fn, nullptr};
    pthread_t thread;
    auto entry = [](void* p) -> void* {
        auto* j = static_cast<Job*>(p);
        try {
            (*j->fn)();
        } catch (...) {
            j->error = std::current_exception();
        }
        return nullptr;
    };
    if (!start_big_stack_thread(thread, entry, &job)) {
        fn();  // no thread: run here with the stack we have
        return;
    }
    pthread_join(thread, nullptr);
    if (job.error) std::rethrow_exception(job.error);
}

}  // namespace relay
