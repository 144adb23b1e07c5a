// JSON mapping (LANGUAGE.md §11). Parsing uses Boost.JSON; writing is our own
// so numbers print in JavaScript's shortest form (6.5, 3, 1e+21) — never use
// boost::json::serialize (it prints 6.5E0).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "lang/value.h"

namespace relay {

// Nesting deeper than this (arrays/objects) is a JSONError, never a stack overflow.
inline constexpr int kMaxJsonDepth = 256;

// null/bool/number/string/array/object -> nil/bool/number/string/array/object.
// Integers (int64/uint64) become doubles.
Value json_to_value(const boost::json::value& j);

// Structs become objects with "_type": "Name" first; datetimes RFC 3339
// strings; functions "<fn name>"; servers "<server name>". NaN/Infinity -> JSONError.
boost::json::value value_to_json(const Value& v);

// Compact JSON, e.g. {"a":1,"b":[1,2]}; same mapping as value_to_json.
void write_json(const Value& v, std::string& out);
std::string json_encode(const Value& v);

// Compact JSON for a Boost.JSON value with our number formatting (integral
// doubles without fraction, shortest round-trip otherwise; NaN/Inf -> null).
void write_json(const boost::json::value& j, std::string& out);
std::string to_json_string(const boost::json::value& j);

// The pieces of the writers above, for code that writes JSON text directly
// (e.g. the node's registry views) instead of building a DOM first.
// A JSON string literal: quotes, and escapes only what JSON requires (the
// double quote, the backslash, control characters: \n \r \t \b \f short,
// others \u00XX); other bytes, UTF-8 included, are copied as they are, in
// runs rather than byte by byte. Display (lang/ops.h) quotes strings with it.
void append_json_string(std::string_view s, std::string& out);
// A datetime (ms since the epoch) as a quoted RFC 3339 string with
// milliseconds: "2024-01-01T12:00:00.000Z" (format_iso, lang/datetime.h, quoted).
void append_json_datetime(int64_t ms, std::string& out);

// Parses text into a value; JSONError with the parser's message on bad input
// or nesting deeper than kMaxJsonDepth.
Value json_decode(std::string_view text);
// Same checks, Boost.JSON result (the node's request parsing may use this).
boost::json::value parse_json(std::string_view text);

}  // namespace relay
