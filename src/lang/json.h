// JSON mapping (LANGUAGE.md §11). Parsing uses Boost.JSON; writing is our own
// so numbers print in JavaScript's shortest form (6.5, 3, 1e+21) — never use
// boost::json::serialize (it prints 6.5E0).
#pragma once

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

// Parses text into a value; JSONError with the parser's message on bad input
// or nesting deeper than kMaxJsonDepth.
Value json_decode(std::string_view text);
// Same checks, Boost.JSON result (the node's request parsing may use this).
boost::json::value parse_json(std::string_view text);

}  // namespace relay
