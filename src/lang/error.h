// Runtime errors. They are C++ exceptions because they are exceptional;
// ordinary control flow never throws.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "lang/value.h"

namespace relay {

enum class ErrorKind : uint8_t {
    NameError, TypeError, ArgumentError, IndexError, FieldError, ValidationError,
    ZeroDivisionError, StackOverflowError, MessageError, TimeoutError, JSONError,
    Thrown  // a value raised by `throw`; `payload` holds it
};

// "TypeError", ...; "Thrown" for ErrorKind::Thrown.
std::string_view kind_name(ErrorKind k);

struct RelayError : std::exception {
    RelayError(ErrorKind k, std::string msg) : kind(k), message(std::move(msg)) {}
    // A `throw value`: kind Thrown, message = the value's display form.
    static RelayError thrown(Value payload);

    const char* what() const noexcept override { return message.c_str(); }

    ErrorKind kind;
    std::string message;
    int line = 0;                    // filled in by the interpreter (0 = unknown)
    Value payload;                   // the thrown value (kind == Thrown)
    std::vector<std::string> trace;  // call chain, innermost first (interpreter)
};

[[noreturn]] void raise(ErrorKind kind, std::string message);

// What `catch e` binds: the payload for thrown values, otherwise
// {error: message, kind: "TypeError", line: N}.
Value error_to_value(const RelayError& e);

}  // namespace relay
