#include "lang/error.h"

#include "lang/ops.h"

namespace relay {

std::string_view kind_name(ErrorKind k) {
    switch (k) {
        case ErrorKind::NameError: return "NameError";
        case ErrorKind::TypeError: return "TypeError";
        case ErrorKind::ArgumentError: return "ArgumentError";
        case ErrorKind::IndexError: return "IndexError";
        case ErrorKind::FieldError: return "FieldError";
        case ErrorKind::ValidationError: return "ValidationError";
        case ErrorKind::ZeroDivisionError: return "ZeroDivisionError";
        case ErrorKind::StackOverflowError: return "StackOverflowError";
        case ErrorKind::MessageError: return "MessageError";
        case ErrorKind::TimeoutError: return "TimeoutError";
        case ErrorKind::JSONError: return "JSONError";
        case ErrorKind::Thrown: return "Thrown";
    }
    return "Error";
}

RelayError RelayError::thrown(Value payload) {
    RelayError e(ErrorKind::Thrown, to_display(payload));
    e.payload = std::move(payload);
    return e;
}

void raise(ErrorKind kind, std::string message) { throw RelayError(kind, std::move(message)); }

Value error_to_value(const RelayError& e) {
    if (e.kind == ErrorKind::Thrown) return e.payload;
    Value v = Value::object();
    Object& o = v.mut_object();
    o.set("error", Value::string(e.message));
    o.set("kind", Value::string(kind_name(e.kind)));
    o.set("line", Value::number(e.line));
    return v;
}

}  // namespace relay
