// Synchronous calls from Relay code to servers on other nodes, through the
// node's RemoteCaller (NODE_API.md §4).
#include <condition_variable>
#include <mutex>

#include "actors/impl.h"
#include "actors/outcome.h"
#include "lang/json.h"

namespace relay::actors {

namespace {

boost::json::value params_to_json(const std::vector<Value>& args, const Object* named) {
    if (named) {
        boost::json::object object;
        for (const auto& entry : named->entries()) {
            if (!is_data(entry.value)) raise(ErrorKind::TypeError, "cannot send a function in a message");
            object[entry.key_view()] = value_to_json(entry.value);
        }
        return object;
    }
    require_data(args);
    boost::json::array array;
    array.reserve(args.size());
    for (const Value& arg : args) array.push_back(value_to_json(arg));
    return array;
}

// Shared with the callback: the answer may arrive after the caller gave up.
struct RemoteReply {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<CallOutcome> outcome;
};

}  // namespace

Value Runtime::Impl::call_remote(ExecContext& ctx, std::string_view target, std::string_view method,
                                 std::vector<Value>& args, const Object* named) {
    RemoteCaller* caller = remote.load(std::memory_order_acquire);
    const bool qualified = target.find('.') != std::string_view::npos;
    if (!caller || !(qualified || caller->can_route(target)))
        raise(ErrorKind::MessageError, "unknown server '" + std::string(target) + "'");
    boost::json::value params = params_to_json(args, named);
    const Deadline deadline = deadline_for(ctx);
    auto reply = std::make_shared<RemoteReply>();
    // The hops of the request this message serves: the caller sends hops + 1
    // and refuses past kMaxRelayHops, so a loop through other nodes ends.
    auto answered = [reply](CallOutcome o) {
        std::lock_guard lock(reply->mu);
        reply->outcome = std::move(o);
        reply->cv.notify_all();
    };
    caller->call_remote(std::string(target), std::string(method), std::move(params), current_hops(ctx),
                        std::move(answered));
    std::optional<CallOutcome> outcome;
    begin_blocking();
    {
        std::unique_lock lock(reply->mu);
        reply->cv.wait_until(lock, deadline.at, [&] { return reply->outcome.has_value(); });
        outcome = std::move(reply->outcome);
    }
    end_blocking();
    if (!outcome) raise(ErrorKind::TimeoutError, timeout_message(target, method, deadline.budget));
    return remote_result(*outcome, target, method);
}

}  // namespace relay::actors
