#include "actors/outcome.h"

#include "actors/actor.h"
#include "lang/json.h"

namespace relay::actors {

CallOutcome call_failure(int code, std::string message, boost::json::value data) {
    CallOutcome out;
    out.code = code;
    out.message = std::move(message);
    out.data = std::move(data);
    return out;
}

std::optional<RelayError> value_error(const Call& call) {
    switch (call.outcome.status) {
        case Outcome::Status::Ok:
            return std::nullopt;
        case Outcome::Status::TimedOut:
            return RelayError(ErrorKind::TimeoutError,
                              timeout_message(call.actor->spec->name, call.method->name, call.budget));
        case Outcome::Status::Error:
            break;
    }
    return call.outcome.error;
}

namespace {

// JSON for an error's data; a value that has no JSON form (NaN) becomes its message.
boost::json::value json_or_text(const Value& v) {
    try {
        return value_to_json(v);
    } catch (const RelayError& e) {
        return boost::json::string(e.message);
    }
}

CallOutcome thrown_outcome(const Value& payload) {
    std::string message = "Application error";
    if (payload.is_object()) {
        const Value* field = payload.as_object().find("error");
        if (field && field->is_string()) message = std::string(field->string_view());
    }
    return call_failure(rpc_code::kApplicationError, std::move(message), json_or_text(payload));
}

}  // namespace

CallOutcome to_call_outcome(const Call& call) {
    const Outcome& o = call.outcome;
    switch (o.status) {
        case Outcome::Status::Ok: {
            CallOutcome out;
            out.ok = true;
            out.result = o.json;
            return out;
        }
        case Outcome::Status::TimedOut:
            return call_failure(rpc_code::kTimedOut, "Call timed out", static_cast<std::int64_t>(call.budget.count()));
        case Outcome::Status::Error:
            break;
    }
    if (o.error->kind == ErrorKind::Thrown) return thrown_outcome(o.error->payload);
    return call_failure(rpc_code::kInternalError, "Internal error", json_or_text(error_to_value(*o.error)));
}

// ---- answers from remote nodes -------------------------------------------------------

namespace {

std::string data_text(const boost::json::value& data) {
    if (data.is_string()) return std::string(data.as_string());
    return data.is_null() ? std::string() : to_json_string(data);
}

ErrorKind kind_from_name(std::string_view name) {
    for (int k = 0; k < static_cast<int>(ErrorKind::Thrown); ++k)
        if (kind_name(static_cast<ErrorKind>(k)) == name) return static_cast<ErrorKind>(k);
    return ErrorKind::MessageError;
}

[[noreturn]] void raise_internal(const boost::json::value& data, const std::string& message) {
    const auto* object = data.if_object();
    const auto* kind = object ? object->if_contains("kind") : nullptr;
    const auto* error = object ? object->if_contains("error") : nullptr;
    if (kind && kind->is_string() && error && error->is_string())
        raise(kind_from_name(kind->as_string()), std::string(error->as_string()));
    raise(ErrorKind::MessageError, message + ": " + data_text(data));
}

}  // namespace

Value remote_result(const CallOutcome& outcome, std::string_view target, std::string_view method) {
    if (outcome.ok) return json_to_value(outcome.result);
    switch (outcome.code) {
        case rpc_code::kApplicationError:
            throw RelayError::thrown(json_to_value(outcome.data));
        case rpc_code::kInvalidParams:
            raise(ErrorKind::TypeError, outcome.data.is_string() ? data_text(outcome.data)
                                                                  : "invalid params: " + data_text(outcome.data));
        case rpc_code::kInternalError:
            raise_internal(outcome.data, outcome.message);
        case rpc_code::kTimedOut: {
            const auto ms = outcome.data.is_number() ? outcome.data.to_number<double>() : 0.0;
            raise(ErrorKind::TimeoutError,
                  timeout_message(target, method, std::chrono::milliseconds(static_cast<int64_t>(ms))));
        }
        default:
            break;
    }
    std::string message = outcome.message;
    if (!outcome.data.is_null()) message += ": " + data_text(outcome.data);
    raise(ErrorKind::MessageError, message);
}

}  // namespace relay::actors
