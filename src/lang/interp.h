// The Relay interpreter: compile (lex + parse + resolve) source text into a
// Program, then run it. Also the contract with the actor runtime (servers).
//
//   relay::Interpreter interp;
//   interp.set_host(&runtime);                    // actors::Runtime (optional)
//   auto compiled = interp.compile(source, "app.rl");
//   if (!compiled.ok()) { std::cerr << compiled.error; return 2; }
//   relay::ExecContext ctx(interp);
//   interp.run(ctx, *compiled.program);            // throws relay::RelayError
//
// Threads: one Interpreter per process; one ExecContext per thread of execution
// (the main program, each actor worker). Relay code needs a big C++ stack for
// deep recursion: run it through run_on_big_stack() (main) or on threads created
// with big stacks (actors), see kInterpreterStackBytes.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/error.h"
#include "lang/types.h"
#include "lang/value.h"

namespace relay {

class Interpreter;
struct Program;
struct Cell;
namespace ast {
class Closure;
}

// C++ stack size for threads that run Relay code (recursion depth kMaxDepth).
inline constexpr std::size_t kInterpreterStackBytes = 512u << 20;  // virtual; touched pages only
// Deepest Relay call nesting; one more is a catchable StackOverflowError.
inline constexpr int kMaxDepth = 12'000;

// Runs `fn` on a fresh thread with a kInterpreterStackBytes stack and waits.
void run_on_big_stack(const std::function<void()>& fn);
// Starts a thread with a kInterpreterStackBytes stack (pthread_create's
// contract: `entry(arg)`; `thread` set on success). False when it could not.
bool start_big_stack_thread(pthread_t& thread, void* (*entry)(void*), void* arg);

// Thrown (not a RelayError: Relay's try/catch cannot catch it) to unwind a
// call whose deadline passed; the actor runtime rolls the state back.
struct Cancelled {};

// ---- servers: what a `server` declaration produces ------------------------------

struct ReceiveMethod {
    std::string name;
    std::vector<std::string> param_names;
    std::vector<std::optional<TypeSpec>> param_types;  // nullopt: not annotated (any)
    std::optional<TypeSpec> result_type;
    Value function;  // the closure; call it with Interpreter::invoke
    int line = 0;
};

struct StateField {
    std::string name;
    std::optional<TypeSpec> type;  // nullopt: not annotated
    Value initial;                 // the default, evaluated once at declaration
};

struct ServerSpec {
    std::string name;
    std::string protocol;  // "" when no `implements`
    std::vector<StateField> state;
    std::vector<ReceiveMethod> methods;  // declaration order
    int line = 0;

    const ReceiveMethod* find_method(std::string_view method) const noexcept;
    int field_index(std::string_view field) const noexcept;  // -1 when undeclared
    std::vector<std::string> sorted_method_names() const;
};

// Checks `args` against `method`'s parameters: arity, then declared types.
// Returns the error message ("invalid params: ...") or nullopt when they fit.
std::optional<std::string> check_arguments(const ReceiveMethod& method, std::span<const Value> args);

// Maps named arguments onto `method`'s parameters in order. An unknown name is
// an error; a missing parameter is an error unless its type is optional(T)
// (then nil). Returns the error message ("invalid params: ...") on failure.
std::optional<std::string> bind_named_arguments(const ReceiveMethod& method, const Object& named,
                                                std::vector<Value>& out);

// Implemented by the actor runtime (actors::Runtime).
class ServerHost {
public:
    // Creates, starts and registers a server. Raises RelayError (duplicate
    // name: MessageError... any kind the runtime picks) on failure.
    virtual void create_server(std::shared_ptr<const ServerSpec> spec) = 0;
    // message()/send() from Relay code running in `caller`. `target` is
    // "server" or "node.server". Exactly one of `args` (positional) or
    // `named` (non-null, `send "t" m {..}`) is used. Waits for the result;
    // raises RelayError (MessageError, TimeoutError, the callee's errors, or a
    // Thrown value re-raised) on failure.
    virtual Value call(class ExecContext& caller, std::string_view target, std::string_view method,
                       std::vector<Value> args, const Object* named) = 0;

protected:
    ~ServerHost() = default;
};

// ---- execution context ------------------------------------------------------------

// Per thread of execution. Not thread-safe; never shared between threads.
class ExecContext final : public CallContext {
public:
    explicit ExecContext(Interpreter& interp);
    ~ExecContext();
    ExecContext(const ExecContext&) = delete;
    ExecContext& operator=(const ExecContext&) = delete;

    Interpreter& interp;

    // Set by the actor runtime while a message runs on this context.
    const ServerSpec* server = nullptr;       // the server whose handler runs
    std::vector<Value>* state = nullptr;      // its state fields (ServerSpec::state order)
    const std::atomic<bool>* cancel = nullptr;  // raised => throw Cancelled at the next safe point
    void* actor_data = nullptr;               // opaque to lang: the runtime's per-call info

    int depth = 0;  // Relay call depth

    // Safe-point check: loop iterations and calls.
    void check_cancel() const {
        if (cancel && cancel->load(std::memory_order_relaxed)) [[unlikely]]
            throw Cancelled{};
    }

    // ---- interpreter internals -----------------------------------------------
    // Built-ins call back into Relay code (map, filter, ...) through this.
    Value call(const Value& fn, std::span<const Value> args) override;

    struct Frame {
        Value* slots = nullptr;
        Cell** cells = nullptr;
        // The closure whose body runs in this frame: its upvalues, and the
        // value of a function's reference to its own name (VarMode::Self).
        // Null at the top level.
        const ast::Closure* closure = nullptr;
    };
    Frame frame;
    bool returning = false;  // a `return` is unwinding to its function
    Value return_value;

    // Frames live on a chunked stack owned by the context.
    struct Mark {
        uint32_t value_chunk, value_top, cell_chunk, cell_top;
    };
    Mark mark() const;
    Value* alloc_slots(std::size_t n);  // nil-initialised
    Cell** alloc_cells(std::size_t n);  // nullptr-initialised
    void release_to(const Mark& m);     // destroys everything allocated after m
    struct Stack;
    Stack& stack() { return *stack_; }

private:
    std::unique_ptr<Stack> stack_;
};

// ---- compiling and running ----------------------------------------------------------

struct CompileResult {
    std::shared_ptr<Program> program;  // null on error
    std::string error;  // "file:line:col: syntax error: ...\n  source line\n      ^\n"
    bool ok() const { return program != nullptr; }
};

class Interpreter {
public:
    Interpreter();
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    void set_host(ServerHost* host) { host_ = host; }
    ServerHost* host() const { return host_; }

    // Lex, parse and resolve. Globals named by the program are added to this
    // interpreter's global table (so REPL lines see earlier definitions).
    CompileResult compile(std::string_view source, std::string_view file_name);

    // Runs a compiled program's top-level code. Returns the value of its last
    // expression. Throws RelayError (uncaught runtime error or throw).
    Value run(ExecContext& ctx, const Program& program);

    // Calls a Relay function value (closure or native) with positional args
    // on `ctx` (the actor runtime uses this for receive functions).
    Value invoke(ExecContext& ctx, const Value& fn, std::span<Value> args);

    // True when the program's last statement is a `set` or a declaration
    // (fn, struct, protocol, server, config): the REPL does not echo those.
    static bool ends_with_binding(const Program& program);

    // `config { ... }` of the program, or nil.
    Value config() const;

    // Once a server exists, global reads/writes synchronise (see ARCHITECTURE.md).
    void share_globals();

    struct Impl;
    Impl& impl() { return *impl_; }

private:
    ServerHost* host_ = nullptr;
    std::unique_ptr<Impl> impl_;
};

// "file:line: Kind: message\n  at fn f (line N)\n..." for an uncaught error.
std::string format_runtime_error(const RelayError& e, std::string_view file_name);

// Syntax check only (fuzzing, tools): lex + parse + resolve with a fresh
// global table. Returns the error text, empty when the source is valid.
std::string check_syntax(std::string_view source, std::string_view file_name);

}  // namespace relay
