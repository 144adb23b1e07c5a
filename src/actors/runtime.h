// The actor runtime: every Relay `server` is an actor that processes one
// message at a time; different servers run in parallel on a worker pool.
// Implements relay::ServerHost (server declarations, message()/send() from
// Relay code) and offers the asynchronous call API the HTTP node uses.
//
//   relay::Interpreter interp;
//   relay::actors::Runtime runtime(interp);      // calls interp.set_host(this)
//   ... run the program (its `server` declarations create actors) ...
//   runtime.call_json("counter", "increment", params, [](CallOutcome o) { ... });
//   runtime.shutdown();
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/interp.h"

namespace relay::actors {

// Outcome of one call, in JSON-RPC terms (NODE_API.md §2 error table).
struct CallOutcome {
    bool ok = false;
    boost::json::value result;  // ok: the handler's value as JSON (LANGUAGE.md §11)
    int code = 0;               // !ok: -32601 -32602 -32603 -32000 -32001 -32002
    std::string message;        // !ok: "Method not found", "Invalid params", ...
    boost::json::value data;    // !ok: as NODE_API.md §2 says (null = none)
};
using CallDone = std::function<void(CallOutcome)>;

// Calls that leave this process (NODE_API.md §4). Implemented by the node's
// router; set with Runtime::set_remote_caller. `target` is "node.server" or an
// unqualified "server" that is not local. `hops` is the X-Relay-Hops count of
// the request the calling message serves (the `hops` given to call_json /
// call_values, inherited through server-to-server calls; 0 for the main
// program): the caller sends hops + 1 and refuses at kMaxRelayHops, exactly
// as for a forwarded JSON-RPC request. `done` runs exactly once, on any
// thread; must not block.
class RemoteCaller {
public:
    virtual ~RemoteCaller() = default;
    // True when `target` may be routable (qualified name, or a server that
    // healthy peers list).
    virtual bool can_route(std::string_view target) const = 0;
    virtual void call_remote(std::string target, std::string method, boost::json::value params,
                             int hops, CallDone done) = 0;
};

// Threads that may run asynchronous calls inline: the node's I/O threads.
// When call_json/call_values is called on one of them (outside any handler)
// and the server is idle, the message runs right there, with no hand-off to a
// worker, and `done` runs on that thread before the call returns. Such a
// thread serves nothing else meanwhile, so the runtime reports when a handler
// holds it: after kInlineStall, or at once when the handler blocks waiting for
// another server or a remote node. The host then lets another thread do its
// other work (the node starts a compensating I/O thread; docs/NODE.md).
class InlineHost {
public:
    virtual ~InlineHost() = default;
    // True on the host's threads. They must have a kInterpreterStackBytes
    // stack: handlers may recurse kMaxDepth deep.
    virtual bool is_host_thread() const noexcept = 0;
    // A handler has held one of the host's threads for long, or blocks it.
    // Called on the monitor thread or on the held thread; must not block.
    virtual void stalled() noexcept = 0;
    // That thread is free again (called on it). One per stalled().
    virtual void resumed() noexcept = 0;
};

// A handler running inline on an InlineHost thread for this long is reported
// as stalled (checked on the monitor's 5 ms tick: reported 2-7 ms after start).
inline constexpr std::chrono::milliseconds kInlineStall{2};

// What the registry lists about a local server.
struct ServerInfo {
    std::string name;
    std::vector<std::string> methods;                        // sorted
    std::vector<std::pair<std::string, std::string>> state;  // field -> type ("any" when unannotated)
};

struct RuntimeOptions {
    int workers = 0;  // 0: one per hardware thread (at least 2)
    std::chrono::milliseconds call_timeout{30'000};
    // Run a call to an idle server directly on the calling thread (the fast
    // path), for Relay code and, on InlineHost threads, for the asynchronous
    // API. Off only in tests that exercise the queue + compensation path.
    bool inline_calls = true;
};

class Runtime final : public ServerHost {
public:
    explicit Runtime(Interpreter& interp, RuntimeOptions options = {});
    ~Runtime();  // shutdown()
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    void set_call_timeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds call_timeout() const;
    void set_remote_caller(RemoteCaller* remote);  // nullptr: no remote calls
    // nullptr: the asynchronous API always queues. Once this returns, the
    // previous host gets no more stalled() calls from the monitor.
    void set_inline_host(InlineHost* host);

    // ---- ServerHost (called by the interpreter) ------------------------------
    void create_server(std::shared_ptr<const ServerSpec> spec) override;
    Value call(ExecContext& caller, std::string_view target, std::string_view method,
               std::vector<Value> args, const Object* named) override;

    // ---- asynchronous API (any thread; the answer comes through `done`) ------
    // params: JSON array (positional), object (named) or null (none). `done`
    // runs exactly once: on a runtime thread, or on the calling thread when
    // the call fails before it is queued or runs inline (on InlineHost threads
    // only; then the call returns when the handler has finished, so it takes
    // as long as the handler). Unknown local server: -32601 (the node routes
    // remote names before calling this). `hops`: the X-Relay-Hops of the
    // request being served (>= 0); the handler's remote calls, and those of
    // the servers it calls, pass it to the RemoteCaller.
    void call_json(std::string_view server, std::string_view method, const boost::json::value& params,
                   CallDone done, int hops = 0);
    // Same with Relay values (args positional, or named when `named` is set).
    using ValueDone = std::function<void(Value result, std::optional<RelayError> error)>;
    void call_values(std::string_view server, std::string_view method, std::vector<Value> args,
                     std::optional<Value> named, ValueDone done, int hops = 0);

    // ---- inspection -------------------------------------------------------------
    // The context whose receive fn runs on this thread (innermost when calls
    // nest), or nullptr outside handlers. For natives that need the server's
    // state or want to message other servers.
    static ExecContext* current_context() noexcept;

    bool has_server(std::string_view name) const;
    std::vector<std::string> server_names() const;  // sorted
    std::vector<ServerInfo> servers() const;        // sorted by name

    // Stops accepting calls, lets running messages finish (bounded by the call
    // timeout), fails queued ones, joins the workers. Idempotent. Not from a
    // receive fn (it waits for the workers).
    void shutdown();

    struct Impl;

private:
    Interpreter& interp_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace relay::actors
