#include "lang/datetime.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace relay {

namespace {

struct Civil {
    int year;
    unsigned month, day, hour, minute, second, millis;
};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Civil to_civil(int64_t ms) {
    using namespace std::chrono;
    int64_t days = floor_div(ms, 86'400'000);
    int64_t rest = ms - days * 86'400'000;
    year_month_day ymd{sys_days{std::chrono::days{days}}};
    Civil c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<unsigned>(ymd.month());
    c.day = static_cast<unsigned>(ymd.day());
    c.hour = static_cast<unsigned>(rest / 3'600'000);
    c.minute = static_cast<unsigned>(rest / 60'000 % 60);
    c.second = static_cast<unsigned>(rest / 1000 % 60);
    c.millis = static_cast<unsigned>(rest % 1000);
    return c;
}

}  // namespace

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

// Writes `value` as exactly `width` decimal digits (zero-padded) at `at`.
char* put_digits(char* at, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return at + width;
}

}  // namespace

// Digits written directly: every JSON answer with a datetime (registry views
// list one per server) comes through here, and snprintf was a visible part of
// GET /registry (PERFORMANCE.md (f)).
void format_iso(int64_t ms, std::string& out) {
    Civil c = to_civil(ms);
    if (c.year < 0 || c.year > 9999) {  // not four digits: the rare case
        char buf[48];
        int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", c.year, c.month, c.day,
                              c.hour, c.minute, c.second, c.millis);
        out.append(buf, static_cast<size_t>(n));
        return;
    }
    char text[sizeof "2024-01-01T12:00:00.000Z" - 1];
    char* at = put_digits(text, static_cast<unsigned>(c.year), 4);
    *at++ = '-';
    at = put_digits(at, c.month, 2);
    *at++ = '-';
    at = put_digits(at, c.day, 2);
    *at++ = 'T';
    at = put_digits(at, c.hour, 2);
    *at++ = ':';
    at = put_digits(at, c.minute, 2);
    *at++ = ':';
    at = put_digits(at, c.second, 2);
    *at++ = '.';
    at = put_digits(at, c.millis, 3);
    *at++ = 'Z';
    out.append(text, at);
}

std::string format_iso(int64_t ms) {
    std::string s;
    format_iso(ms, s);
    return s;
}

std::string format_datetime(int64_t ms, std::string_view pattern) {
    Civil c = to_civil(ms);
    std::tm tm{};
    tm.tm_year = c.year - 1900;
    tm.tm_mon = static_cast<int>(c.month) - 1;
    tm.tm_mday = static_cast<int>(c.day);
    tm.tm_hour = static_cast<int>(c.hour);
    tm.tm_min = static_cast<int>(c.minute);
    tm.tm_sec = static_cast<int>(c.second);
    {
        using namespace std::chrono;
        sys_days d{year{c.year} / month{c.month} / day{c.day}};
        tm.tm_wday = static_cast<int>(weekday{d}.c_encoding());
        tm.tm_yday = static_cast<int>((d - sys_days{year{c.year} / January / 1}).count());
    }
    std::string fmt(pattern);
    if (fmt.empty()) return {};
    std::string out(fmt.size() * 4 + 64, '\0');
    for (;;) {
        size_t n = std::strftime(out.data(), out.size(), fmt.c_str(), &tm);
        if (n > 0 || out.size() > 65536) {
            out.resize(n);
            return out;
        }
        out.resize(out.size() * 4);  // 0 means "did not fit" (or an empty result)
    }
}

std::optional<int64_t> parse_iso(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]
    auto digits = [&](size_t pos, size_t count, int& value) {
        if (pos + count > s.size()) return false;
        value = 0;
        for (size_t i = pos; i < pos + count; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!digits(0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' || !digits(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' || !digits(14, 2, mi) ||
        s[16] != ':' || !digits(17, 2, sec))
        return std::nullopt;
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    size_t pos = 19;
    int64_t millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            millis += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
    }
    int64_t offset_minutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(pos + 4, 2, om))
            return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    int64_t days = sys_days{ymd}.time_since_epoch().count();
    return ((days * 24 + h) * 60 + mi - offset_minutes) * 60'000 + static_cast<int64_t>(sec) * 1000 + millis;
}

}  // namespace relay
