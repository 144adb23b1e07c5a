// UTC datetimes with millisecond precision (Value::datetime holds ms since epoch).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relay {

int64_t now_ms();
// RFC 3339 with milliseconds: 2024-01-01T12:00:00.000Z (also the display form).
void format_iso(int64_t ms, std::string& out);
std::string format_iso(int64_t ms);
// strftime conversions in UTC (e.g. "%Y-%m-%d %H:%M:%S").
std::string format_datetime(int64_t ms, std::string_view pattern);
// Parses RFC 3339 ("2024-01-01T12:00:00Z", fractional seconds, offsets); nullopt if invalid.
std::optional<int64_t> parse_iso(std::string_view s);

}  // namespace relay
