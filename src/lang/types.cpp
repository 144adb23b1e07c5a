#include "lang/types.h"

#include "lang/json.h"
#include "lang/ops.h"

namespace relay {

TypeSpec TypeSpec::array_of(TypeSpec element) {
    TypeSpec t = of(Kind::Array);
    t.element = std::make_shared<const TypeSpec>(std::move(element));
    return t;
}

TypeSpec TypeSpec::optional_of(TypeSpec inner) {
    TypeSpec t = of(Kind::Optional);
    t.element = std::make_shared<const TypeSpec>(std::move(inner));
    return t;
}

TypeSpec TypeSpec::struct_of(std::string name, std::shared_ptr<const StructType> type) {
    TypeSpec t = of(Kind::Struct);
    t.struct_name = std::move(name);
    t.struct_type = std::move(type);
    return t;
}

TypeSpec TypeSpec::function_of(std::vector<TypeSpec> params, std::optional<TypeSpec> result) {
    TypeSpec t = of(Kind::Function);
    t.params = std::move(params);
    if (result) t.result = std::make_shared<const TypeSpec>(std::move(*result));
    return t;
}

std::optional<TypeSpec::Kind> builtin_type_kind(std::string_view name) {
    using K = TypeSpec::Kind;
    if (name == "string") return K::String;
    if (name == "number") return K::Number;
    if (name == "bool") return K::Bool;
    if (name == "datetime") return K::Datetime;
    if (name == "object") return K::Object;
    if (name == "any") return K::Any;
    if (name == "nil") return K::Nil;
    return std::nullopt;
}

// ---- validators --------------------------------------------------------------------

namespace {

std::string_view kind_label(TypeSpec::Kind k) {
    using K = TypeSpec::Kind;
    switch (k) {
        case K::Any: return "any";
        case K::String: return "string";
        case K::Number: return "number";
        case K::Bool: return "bool";
        case K::Datetime: return "datetime";
        case K::Object: return "object";
        case K::Nil: return "nil";
        case K::Struct: return "struct";
        case K::Array: return "array";
        case K::Optional: return "optional";
        case K::Function: return "fn";
    }
    return "?";
}

double number_argument(std::string_view validator, std::span<const Value> args) {
    if (args.size() != 1 || !args[0].is_number())
        raise(ErrorKind::ArgumentError, "validator ." + std::string(validator) + "() takes one number");
    return args[0].as_number();
}

void no_arguments(std::string_view validator, std::span<const Value> args) {
    if (!args.empty())
        raise(ErrorKind::ArgumentError, "validator ." + std::string(validator) + "() takes no arguments");
}

// std::regex (libstdc++ 12) reads back-reference and repetition numbers into
// a `long` without an overflow check, and compiles groups recursively. So a
// pattern is refused before it reaches std::regex when a number there is
// longer than any sensible one or groups nest deeper than kMaxRegexNesting.
constexpr size_t kMaxRegexDigits = 6;
constexpr int kMaxRegexNesting = 100;

std::optional<std::string> regex_limits_problem(std::string_view pattern) {
    auto digits_at = [&](size_t i) {
        size_t n = 0;
        while (i + n < pattern.size() && pattern[i + n] >= '0' && pattern[i + n] <= '9') ++n;
        return n;
    };
    int depth = 0;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\') {
            if (digits_at(i + 1) > kMaxRegexDigits) return "back-reference number too large";
            ++i;  // the escaped character
        } else if (c == '{') {
            for (size_t j = i + 1; j < pattern.size() && pattern[j] != '}'; ++j)
                if (digits_at(j) > kMaxRegexDigits) return "repetition count too large";
        } else if (c == '(') {
            if (++depth > kMaxRegexNesting) return "groups nested too deeply";
        } else if (c == ')') {
            --depth;
        }
    }
    return std::nullopt;
}

const std::regex& email_regex() {
    static const std::regex re(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)");
    return re;
}

const std::regex& url_regex() {
    static const std::regex re(R"(^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+([/?#][^\s]*)?$)");
    return re;
}

}  // namespace

void add_validator(TypeSpec& t, std::string_view name, std::span<const Value> args) {
    using K = TypeSpec::Kind;
    if (t.kind == K::Optional) {  // optional(string).min(1): validate the inner value
        TypeSpec inner = *t.element;
        add_validator(inner, name, args);
        t.element = std::make_shared<const TypeSpec>(std::move(inner));
        return;
    }
    Validator v{};
    const bool sized = t.kind == K::String || t.kind == K::Number || t.kind == K::Array;
    if (name == "min" && sized) {
        v.kind = Validator::Kind::Min;
        v.bound = number_argument(name, args);
    } else if (name == "max" && sized) {
        v.kind = Validator::Kind::Max;
        v.bound = number_argument(name, args);
    } else if (name == "email" && t.kind == K::String) {
        no_arguments(name, args);
        v.kind = Validator::Kind::Email;
    } else if (name == "url" && t.kind == K::String) {
        no_arguments(name, args);
        v.kind = Validator::Kind::Url;
    } else if (name == "regex" && t.kind == K::String) {
        if (args.size() != 1 || !args[0].is_string())
            raise(ErrorKind::ArgumentError, "validator .regex() takes one string");
        v.kind = Validator::Kind::Regex;
        v.pattern = args[0].as_string().str();
        if (auto problem = regex_limits_problem(v.pattern))
            raise(ErrorKind::ArgumentError, "invalid regex \"" + v.pattern + "\": " + *problem);
        try {
            v.regex = std::make_shared<const std::regex>(v.pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            raise(ErrorKind::ArgumentError, "invalid regex \"" + v.pattern + "\": " + e.what());
        }
    } else {
        raise(ErrorKind::TypeError,
              "unknown validator ." + std::string(name) + "() for type " + std::string(kind_label(t.kind)));
    }
    t.validators.push_back(std::move(v));
}

// ---- to_string ------------------------------------------------------------------------

std::string to_string(const TypeSpec& t) {
    using K = TypeSpec::Kind;
    std::string out;
    switch (t.kind) {
        case K::Struct: out = t.struct_name; break;
        case K::Array: out = "[" + to_string(*t.element) + "]"; break;
        case K::Optional: out = "optional(" + to_string(*t.element) + ")"; break;
        case K::Function: {
            out = "fn(";
            for (size_t i = 0; i < t.params.size(); ++i) {
                if (i) out += ", ";
                out += to_string(t.params[i]);
            }
            out += ")";
            if (t.result) out += " -> " + to_string(*t.result);
            break;
        }
        default: out = kind_label(t.kind);
    }
    for (const Validator& v : t.validators) {
        switch (v.kind) {
            case Validator::Kind::Min: out += ".min(" + format_number(v.bound) + ")"; break;
            case Validator::Kind::Max: out += ".max(" + format_number(v.bound) + ")"; break;
            case Validator::Kind::Email: out += ".email()"; break;
            case Validator::Kind::Url: out += ".url()"; break;
            case Validator::Kind::Regex:
                out += ".regex(";
                append_json_string(v.pattern, out);
                out += ")";
                break;
        }
    }
    return out;
}

// ---- checking -----------------------------------------------------------------------

namespace {

std::optional<CheckFailure> mismatch(const TypeSpec& t, const Value& v) {
    TypeSpec bare = t;
    bare.validators.clear();
    return CheckFailure{ErrorKind::TypeError, "expected " + to_string(bare) + ", got " + describe_type(v)};
}

std::optional<CheckFailure> check_validators(const TypeSpec& t, const Value& v) {
    for (const Validator& val : t.validators) {
        double size = 0;
        std::string_view unit;
        if (v.is_string()) { size = static_cast<double>(v.as_string().length()); unit = " characters"; }
        else if (v.is_array()) { size = static_cast<double>(v.as_array().items.size()); unit = " elements"; }
        else if (v.is_number()) size = v.as_number();
        std::string what = v.is_number() ? "value " + format_number(size) : "length " + format_number(size);
        switch (val.kind) {
            case Validator::Kind::Min:
                if (!(size >= val.bound))
                    return CheckFailure{ErrorKind::ValidationError,
                                        what + " is below the minimum " + format_number(val.bound) + std::string(unit)};
                break;
            case Validator::Kind::Max:
                if (!(size <= val.bound))
                    return CheckFailure{ErrorKind::ValidationError,
                                        what + " is above the maximum " + format_number(val.bound) + std::string(unit)};
                break;
            case Validator::Kind::Email:
                if (!std::regex_match(v.as_string().str(), email_regex()))
                    return CheckFailure{ErrorKind::ValidationError, to_display(v) + " is not a valid email address"};
                break;
            case Validator::Kind::Url:
                if (!std::regex_match(v.as_string().str(), url_regex()))
                    return CheckFailure{ErrorKind::ValidationError, to_display(v) + " is not a valid URL"};
                break;
            case Validator::Kind::Regex:
                if (!std::regex_search(v.as_string().str(), *val.regex))
                    return CheckFailure{ErrorKind::ValidationError,
                                        to_display(v) + " does not match /" + val.pattern + "/"};
                break;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<CheckFailure> check_detailed(const TypeSpec& t, const Value& v) {
    using K = TypeSpec::Kind;
    bool ok = false;
    switch (t.kind) {
        case K::Any: return std::nullopt;
        case K::Nil: ok = v.is_nil(); break;
        case K::String: ok = v.is_string(); break;
        case K::Number: ok = v.is_number(); break;
        case K::Bool: ok = v.is_bool(); break;
        case K::Datetime: ok = v.is_datetime(); break;
        case K::Object: ok = v.is_object() || v.is_struct(); break;  // a struct is a tagged object
        case K::Function: ok = v.is_function(); break;
        case K::Struct:
            ok = v.is_struct() && (v.as_struct().type == t.struct_type || v.as_struct().type_name() == t.struct_name);
            break;
        case K::Optional:
            if (v.is_nil()) return std::nullopt;
            return check_detailed(*t.element, v);
        case K::Array: {
            if (!v.is_array()) return mismatch(t, v);
            const auto& items = v.as_array().items;
            if (t.element->kind != K::Any) {
                for (size_t i = 0; i < items.size(); ++i) {
                    if (auto f = check_detailed(*t.element, items[i])) {
                        f->reason = "element " + std::to_string(i) + ": " + f->reason;
                        return f;
                    }
                }
            }
            ok = true;
            break;
        }
    }
    if (!ok) return mismatch(t, v);
    if (t.validators.empty()) return std::nullopt;
    return check_validators(t, v);
}

std::optional<std::string> check(const TypeSpec& t, const Value& v) {
    if (auto f = check_detailed(t, v)) return std::move(f->reason);
    return std::nullopt;
}

void check_or_raise(const TypeSpec& t, const Value& v, std::string_view what) {
    if (auto f = check_detailed(t, v)) raise(f->kind, std::string(what) + ": " + f->reason);
}

// ---- structs -------------------------------------------------------------------------

Value make_struct(std::shared_ptr<const StructType> type, const Object& fields) {
    for (const auto& entry : fields.entries()) {
        if (type->field_index(entry.key_view()) < 0)
            raise(ErrorKind::FieldError,
                  "unknown field '" + std::string(entry.key_view()) + "' for struct " + type->name);
    }
    std::vector<Value> values;
    values.reserve(type->fields.size());
    for (const StructField& field : type->fields) {
        const Value* given = fields.find(field.name);
        if (!given) {
            if (field.type.kind != TypeSpec::Kind::Optional)
                raise(ErrorKind::FieldError, "missing field '" + field.name + "' for struct " + type->name);
            values.emplace_back();
            continue;
        }
        check_or_raise(field.type, *given, "field " + type->name + "." + field.name);
        values.push_back(*given);
    }
    auto* s = new Struct(std::move(type), std::move(values));
    return Value::adopt(s, Type::Struct);
}

Value struct_set(Value s, std::string_view field, Value v) {
    const StructType& type = *s.as_struct().type;
    int index = type.field_index(field);
    if (index < 0)
        raise(ErrorKind::FieldError, "struct " + type.name + " has no field '" + std::string(field) + "'");
    check_or_raise(type.fields[static_cast<size_t>(index)].type, v, "field " + type.name + "." + std::string(field));
    s.mut_struct().fields[static_cast<size_t>(index)] = std::move(v);
    return s;
}

}  // namespace relay

