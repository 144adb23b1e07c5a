// actors::Runtime: the public face. The machinery is in impl.h and friends;
// docs/ACTORS.md explains the design.
#include "actors/runtime.h"

#include <algorithm>
#include <thread>

#include "actors/impl.h"
#include "actors/outcome.h"
#include "lang/json.h"

namespace relay::actors {

namespace {

int worker_count(const RuntimeOptions& options) {
    if (options.workers > 0) return options.workers;
    return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string method_name(std::string_view server, std::string_view method) {
    std::string name(server);
    return name.append(".").append(method);
}

// Positional (array), named (object) or no (null) JSON params as arguments
// of `method`; raises TypeError ("invalid params: ...") when they do not fit.
std::vector<Value> json_arguments(const ReceiveMethod& method, const boost::json::value& params) {
    std::vector<Value> args;
    if (params.is_array()) {
        args.reserve(params.as_array().size());
        for (const auto& item : params.as_array()) args.push_back(json_to_value(item));
        bind_arguments(method, args, nullptr);
    } else if (params.is_object()) {
        const Value named = json_to_value(params);
        bind_arguments(method, args, &named.as_object());
    } else if (params.is_null()) {
        bind_arguments(method, args, nullptr);
    } else {
        raise(ErrorKind::TypeError, "invalid params: params must be an array or an object");
    }
    return args;
}

}  // namespace

Runtime::Impl::Impl(Interpreter& interp_, RuntimeOptions options)
    : interp(interp_),
      target_workers(worker_count(options)),
      inline_calls(options.inline_calls),
      timeout_ms(std::max<int64_t>(1, options.call_timeout.count())),
      tokens(target_workers),
      tokens_hint(target_workers) {}

Runtime::Runtime(Interpreter& interp, RuntimeOptions options)
    : interp_(interp), impl_(std::make_unique<Impl>(interp, options)) {
    interp_.set_host(this);
}

Runtime::~Runtime() {
    shutdown();
    if (interp_.host() == this) interp_.set_host(nullptr);
}

void Runtime::set_call_timeout(std::chrono::milliseconds timeout) {
    impl_->timeout_ms.store(std::max<int64_t>(1, timeout.count()), std::memory_order_relaxed);
}

std::chrono::milliseconds Runtime::call_timeout() const { return impl_->timeout(); }

void Runtime::set_remote_caller(RemoteCaller* remote) { impl_->remote.store(remote, std::memory_order_release); }

void Runtime::set_inline_host(InlineHost* host) { impl_->set_inline_host(host); }

void Runtime::create_server(std::shared_ptr<const ServerSpec> spec) {
    if (impl_->stopping.load()) raise(ErrorKind::MessageError, "cannot create server '" + spec->name + "': shutting down");
    // Before the first server exists: from then on globals are read by other threads.
    std::call_once(impl_->globals_shared, [this] {
        interp_.share_globals();
        impl_->start_monitor();
    });
    impl_->directory.add(std::move(spec));
}

Value Runtime::call(ExecContext& caller, std::string_view target, std::string_view method, std::vector<Value> args,
                    const Object* named) {
    return impl_->call(caller, target, method, std::move(args), named);
}

void Runtime::call_json(std::string_view server, std::string_view method, const boost::json::value& params,
                        CallDone done, int hops) {
    Actor* actor = impl_->directory.find(server);
    const ReceiveMethod* m = actor ? actor->spec->find_method(method) : nullptr;
    if (!m) return done(call_failure(rpc_code::kMethodNotFound, "Method not found",
                                     boost::json::string(method_name(server, method))));
    std::vector<Value> args;
    try {
        args = json_arguments(*m, params);
    } catch (const RelayError& e) {
        return done(call_failure(rpc_code::kInvalidParams, "Invalid params", boost::json::string(e.message)));
    }
    Call* call = impl_->make_async_call(*actor, *m, std::move(args), hops);
    call->reply = ReplyKind::Json;
    call->json_done = std::move(done);
    impl_->submit_async(call);
}

void Runtime::call_values(std::string_view server, std::string_view method, std::vector<Value> args,
                          std::optional<Value> named, ValueDone done, int hops) {
    Actor* actor = impl_->directory.find(server);
    try {
        if (!actor) raise(ErrorKind::MessageError, "unknown server '" + std::string(server) + "'");
        const ReceiveMethod* m = actor->spec->find_method(method);
        if (!m) raise(ErrorKind::MessageError, "server '" + std::string(server) + "' has no method '" +
                                                   std::string(method) + "'");
        if (named && !named->is_object()) raise(ErrorKind::TypeError, "invalid params: named arguments must be an object");
        bind_arguments(*m, args, named ? &named->as_object() : nullptr);
        Call* call = impl_->make_async_call(*actor, *m, std::move(args), hops);
        call->reply = ReplyKind::Values;
        call->value_done = std::move(done);
        impl_->submit_async(call);
    } catch (RelayError& e) {
        done(Value(), std::move(e));
    }
}

bool Runtime::has_server(std::string_view name) const { return impl_->directory.find(name) != nullptr; }

std::vector<std::string> Runtime::server_names() const {
    std::vector<std::string> names;
    for (const Actor* actor : impl_->directory.all()) names.push_back(actor->spec->name);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<ServerInfo> Runtime::servers() const {
    std::vector<ServerInfo> out;
    for (const Actor* actor : impl_->directory.all()) {
        const ServerSpec& spec = *actor->spec;
        ServerInfo info{spec.name, spec.sorted_method_names(), {}};
        for (const StateField& field : spec.state)
            info.state.emplace_back(field.name, field.type ? to_string(*field.type) : "any");
        out.push_back(std::move(info));
    }
    std::sort(out.begin(), out.end(), [](const ServerInfo& a, const ServerInfo& b) { return a.name < b.name; });
    return out;
}

void Runtime::shutdown() {
    std::lock_guard guard(impl_->shutdown_mu);
    if (impl_->shut_down) return;
    impl_->shut_down = true;
    impl_->stopping.store(true);
    for (Actor* actor : impl_->directory.all())
        impl_->fail_queued(actor->close(), "server '" + actor->spec->name + "' is stopped");
    impl_->stop_pool();
}

}  // namespace relay::actors
