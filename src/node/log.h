// A tiny leveled logger: one line per event on stderr, e.g.
//   2026-11-25T10:00:00.123Z info  peer added id=b2c3 address=host:8080
// Thread-safe (each line is written with one fwrite under a mutex). The level
// is process-wide and set from -log-level.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace relay::node {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

// "debug" "info" "warn" (or "warning") "error"; nullopt when unknown.
std::optional<LogLevel> parse_log_level(std::string_view text);
std::string_view log_level_name(LogLevel level);

void set_log_level(LogLevel level);
LogLevel log_level();
inline bool log_enabled(LogLevel level) { return level >= log_level(); }

// Writes one line (timestamp, level, message) when `level` is enabled.
void log_line(LogLevel level, std::string_view message);

namespace detail {
inline void append_fields(std::ostringstream&) {}
template <typename K, typename V, typename... Rest>
void append_fields(std::ostringstream& out, const K& key, const V& value, const Rest&... rest) {
  out << ' ' << key << '=' << value;
  append_fields(out, rest...);
}
}  // namespace detail

// log(LogLevel::info, "peer added", "id", id, "address", addr) -> "peer added id=.. address=.."
// Formatting is skipped entirely when the level is disabled.
template <typename... Fields>
void log(LogLevel level, std::string_view message, const Fields&... fields) {
  static_assert(sizeof...(Fields) % 2 == 0, "log fields come in key, value pairs");
  if (!log_enabled(level)) return;
  if constexpr (sizeof...(Fields) == 0) {
    log_line(level, message);
  } else {
    std::ostringstream out;
    out << message;
    detail::append_fields(out, fields...);
    log_line(level, out.str());
  }
}

template <typename... F> void log_debug(std::string_view m, const F&... f) { log(LogLevel::debug, m, f...); }
template <typename... F> void log_info(std::string_view m, const F&... f) { log(LogLevel::info, m, f...); }
template <typename... F> void log_warn(std::string_view m, const F&... f) { log(LogLevel::warn, m, f...); }
template <typename... F> void log_error(std::string_view m, const F&... f) { log(LogLevel::error, m, f...); }

}  // namespace relay::node
