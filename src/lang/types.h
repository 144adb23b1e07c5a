// Type annotations, validators and struct types (LANGUAGE.md §6).
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/error.h"
#include "lang/value.h"

namespace relay {

// A validator attached to a string or number type: `string.min(1).max(50)`,
// `.email()`, `.url()`, `.regex("...")`, `number.min(0).max(10)`.
struct Validator {
    enum class Kind : uint8_t { Min, Max, Email, Url, Regex };
    Kind kind;
    double bound = 0;                           // Min / Max
    std::string pattern;                        // Regex source
    std::shared_ptr<const std::regex> regex;    // compiled once
};

struct TypeSpec {
    enum class Kind : uint8_t { Any, String, Number, Bool, Datetime, Object, Nil, Struct, Array, Optional, Function };
    Kind kind = Kind::Any;
    std::string struct_name;                       // Kind::Struct
    std::shared_ptr<const StructType> struct_type; // Kind::Struct; may be null (matched by name)
    std::shared_ptr<const TypeSpec> element;       // Array element, Optional inner
    std::vector<TypeSpec> params;                  // Function parameter types
    std::shared_ptr<const TypeSpec> result;        // Function result (null = any)
    std::vector<Validator> validators;

    static TypeSpec any() { return TypeSpec{}; }
    static TypeSpec of(Kind k) { TypeSpec t; t.kind = k; return t; }
    static TypeSpec array_of(TypeSpec element);
    static TypeSpec optional_of(TypeSpec inner);
    static TypeSpec struct_of(std::string name, std::shared_ptr<const StructType> type = nullptr);
    static TypeSpec function_of(std::vector<TypeSpec> params, std::optional<TypeSpec> result);
};

// "string" "number" "bool" "datetime" "object" "any" "nil" -> kind; nullopt otherwise
// (then the name must be a struct or it is an unknown type).
std::optional<TypeSpec::Kind> builtin_type_kind(std::string_view name);

// Appends the validator `name(args...)` to `t`. Raises TypeError for a
// validator that does not apply to the type (e.g. `.email()` on number) or
// an unknown name, ArgumentError for bad arguments or an invalid regex.
void add_validator(TypeSpec& t, std::string_view name, std::span<const Value> args);

// "number", "[object]", "optional(string)", "User", "fn(number, string) -> bool",
// "string.min(1).max(50)".
std::string to_string(const TypeSpec& t);

// The reason `v` does not satisfy `t`, or nullopt when it does. Validator
// failures are reported by check_or_raise as ValidationError, other
// mismatches as TypeError.
std::optional<std::string> check(const TypeSpec& t, const Value& v);

struct CheckFailure {
    ErrorKind kind;       // TypeError or ValidationError
    std::string reason;   // e.g. "expected number, got string"
};
std::optional<CheckFailure> check_detailed(const TypeSpec& t, const Value& v);

// Raises TypeError/ValidationError "<what>: <reason>" on mismatch.
void check_or_raise(const TypeSpec& t, const Value& v, std::string_view what);

struct StructField {
    std::string name;
    TypeSpec type;
};

struct StructType {
    std::string name;
    std::vector<StructField> fields;
    // Field position, or -1.
    int field_index(std::string_view field) const noexcept {
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == field) return static_cast<int>(i);
        return -1;
    }
};

// `Name{...}`: unknown field -> FieldError, missing non-optional -> FieldError,
// missing optional -> nil, type mismatch -> TypeError, validator failure ->
// ValidationError.
Value make_struct(std::shared_ptr<const StructType> type, const Object& fields);

// `s.set(field, v)`: keeps it a struct, checks the field (copy-on-write).
Value struct_set(Value s, std::string_view field, Value v);

}  // namespace relay
