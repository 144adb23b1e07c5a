// Mapping call outcomes to what callers see: Relay errors, JSON-RPC errors
// (NODE_API.md §2), and back for answers from remote nodes.
#pragma once

#include <optional>
#include <string_view>

#include "actors/call.h"
#include "actors/runtime.h"

namespace relay::actors {

namespace rpc_code {
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kApplicationError = -32000;
inline constexpr int kNodeUnavailable = -32001;
inline constexpr int kTimedOut = -32002;
}  // namespace rpc_code

CallOutcome call_failure(int code, std::string message, boost::json::value data = nullptr);

// The Relay error a finished call reports (nullopt when it succeeded).
std::optional<RelayError> value_error(const Call& call);

// A finished ReplyKind::Json call as JSON-RPC.
CallOutcome to_call_outcome(const Call& call);

// An answer from a remote node, as the value a Relay caller gets; raises the
// matching RelayError for an error answer.
Value remote_result(const CallOutcome& outcome, std::string_view target, std::string_view method);

}  // namespace relay::actors
