// Helpers for the actor runtime tests: servers built by hand from natives,
// and waiting for asynchronous answers with a bounded deadline.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "actors/runtime.h"
#include "lang/error.h"
#include "lang/interp.h"
#include "lang/json.h"
#include "lang/types.h"
#include "lang/value.h"

namespace relay::actors::testing {

using namespace std::chrono_literals;

// A receive fn body: gets the arguments; reads/writes the server's state
// through state() and messages other servers through ctx().
using Body = std::function<Value(std::span<Value> args)>;

inline ExecContext& ctx() { return *Runtime::current_context(); }
inline std::vector<Value>& state() { return *ctx().state; }

class SpecBuilder {
public:
    explicit SpecBuilder(std::string name) : spec_(std::make_shared<ServerSpec>()) { spec_->name = std::move(name); }

    SpecBuilder& field(std::string name, Value initial, std::optional<TypeSpec> type = std::nullopt) {
        spec_->state.push_back(StateField{std::move(name), std::move(type), std::move(initial)});
        return *this;
    }
    SpecBuilder& method(std::string name, std::vector<std::string> params, Body body,
                        std::vector<std::optional<TypeSpec>> types = {}) {
        types.resize(params.size());
        ReceiveMethod m;
        m.name = name;
        m.param_names = std::move(params);
        m.param_types = std::move(types);
        const int arity = static_cast<int>(m.param_names.size());
        m.function = make_native(std::move(name), arity,
                                 [body = std::move(body)](CallContext&, std::span<Value> args) { return body(args); });
        spec_->methods.push_back(std::move(m));
        return *this;
    }
    std::shared_ptr<const ServerSpec> build() { return spec_; }

private:
    std::shared_ptr<ServerSpec> spec_;
};

// A counter: increment(by: number) -> count, get() -> count, fail(by) adds
// then raises, boom(v) adds then throws v.
inline std::shared_ptr<const ServerSpec> counter_spec(std::string name = "counter") {
    auto add = [](std::span<Value> args) {
        auto& s = state();
        s[0] = Value::number(s[0].as_number() + args[0].as_number());
        return s[0];
    };
    return SpecBuilder(std::move(name))
        .field("count", Value::number(0), TypeSpec::of(TypeSpec::Kind::Number))
        .field("notes", Value::array())
        .method("increment", {"by"}, add, {TypeSpec::of(TypeSpec::Kind::Number)})
        .method("get", {}, [](std::span<Value>) { return state()[0]; })
        .method("fail", {"by"},
                [add](std::span<Value> args) -> Value {
                    add(args);
                    raise(ErrorKind::ValidationError, "no way");
                })
        .method("boom", {"payload"},
                [](std::span<Value> args) -> Value {
                    auto& s = state();
                    s[0] = Value::number(s[0].as_number() + 1000);
                    throw RelayError::thrown(args[0]);
                })
        .build();
}

// Answers of asynchronous calls, collected for the test thread.
template <class T>
class Answer {
public:
    void set(T value) {
        std::lock_guard lock(mu_);
        values_.push_back(std::move(value));
        cv_.notify_all();
    }
    // The first answer, waiting at most `limit`.
    std::optional<T> get(std::chrono::milliseconds limit = 20s) {
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, limit, [&] { return !values_.empty(); })) return std::nullopt;
        return values_.front();
    }
    size_t count() {
        std::lock_guard lock(mu_);
        return values_.size();
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<T> values_;
};

struct ValueAnswer {
    Value result;
    std::optional<RelayError> error;
};

inline CallOutcome call_json_sync(Runtime& rt, std::string_view server, std::string_view method,
                                  const boost::json::value& params, std::chrono::milliseconds limit = 20s) {
    auto answer = std::make_shared<Answer<CallOutcome>>();
    rt.call_json(server, method, params, [answer](CallOutcome o) { answer->set(std::move(o)); });
    auto got = answer->get(limit);
    if (!got) {
        ADD_FAILURE() << "no answer from " << server << "." << method;
        return CallOutcome{};
    }
    return *got;
}

inline ValueAnswer call_values_sync(Runtime& rt, std::string_view server, std::string_view method,
                                    std::vector<Value> args, std::chrono::milliseconds limit = 20s) {
    auto answer = std::make_shared<Answer<ValueAnswer>>();
    rt.call_values(server, method, std::move(args), std::nullopt,
                   [answer](Value v, std::optional<RelayError> e) { answer->set({std::move(v), std::move(e)}); });
    auto got = answer->get(limit);
    if (!got) {
        ADD_FAILURE() << "no answer from " << server << "." << method;
        return {};
    }
    return *got;
}

// Polls `condition` until it holds or `limit` passes.
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 20s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// Spins inside a handler until `flag` is set, stopping at the runtime's
// cancellation (check_cancel throws Cancelled) or after `limit`.
inline bool spin_until(const std::atomic<bool>& flag, std::chrono::milliseconds limit = 20s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!flag.load()) {
        ctx().check_cancel();
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::yield();
    }
    return true;
}

inline std::string json_text(const boost::json::value& v) { return to_json_string(v); }

// A RemoteCaller that records what it was asked (the last target, method and
// params; every call's hops) and answers `answer` from another thread, or
// never (until it dies) when `answer` is unset.
class FakeRemote final : public RemoteCaller {
public:
    std::string routable = "elsewhere";
    std::optional<CallOutcome> answer;  // nullopt: never answers
    std::string target, method;
    boost::json::value params;
    std::vector<int> hops;  // read once the calls finished, or use hops_seen()

    bool can_route(std::string_view t) const override { return t == routable; }
    void call_remote(std::string t, std::string m, boost::json::value p, int h, CallDone done) override {
        std::lock_guard lock(mu_);
        target = std::move(t);
        method = std::move(m);
        params = std::move(p);
        hops.push_back(h);
        if (answer) std::thread([done = std::move(done), a = *answer] { done(a); }).detach();
        else pending_ = std::move(done);  // answered (late) when the fake dies
    }
    std::vector<int> hops_seen() {
        std::lock_guard lock(mu_);
        return hops;
    }
    ~FakeRemote() override {
        if (pending_) pending_(CallOutcome{});
    }

private:
    std::mutex mu_;
    CallDone pending_;
};

}  // namespace relay::actors::testing
