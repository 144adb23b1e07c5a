// Built-in functions (LANGUAGE.md §9) and the print output buffer.
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <mutex>

#include "lang/builtins_common.h"
#include "lang/datetime.h"
#include "lang/json.h"

namespace relay {

using namespace detail;

// ---- output ---------------------------------------------------------------------------

namespace {

// Process-wide print buffer. Flushed when large, on flush_output(), after
// every write in autoflush mode, and when the process exits normally.
class Output {
public:
    ~Output() { flush(); }

    void write(std::string_view text) {
        std::lock_guard lock(mutex_);
        if (sink_) {
            sink_(text);
            return;
        }
        buffer_ += text;
        if (autoflush_ || buffer_.size() >= kFlushSize) flush_locked();
    }
    void flush() {
        std::lock_guard lock(mutex_);
        flush_locked();
    }
    void set_autoflush(bool on) {
        std::lock_guard lock(mutex_);
        autoflush_ = on;
        if (on) flush_locked();
    }
    void set_sink(std::function<void(std::string_view)> sink) {
        std::lock_guard lock(mutex_);
        flush_locked();
        sink_ = std::move(sink);
    }

private:
    static constexpr size_t kFlushSize = 64 * 1024;
    void flush_locked() {
        size_t done = 0;
        while (done < buffer_.size()) {
            ssize_t n = ::write(STDOUT_FILENO, buffer_.data() + done, buffer_.size() - done);
            if (n <= 0) break;  // stdout closed: drop the output rather than spin
            done += static_cast<size_t>(n);
        }
        buffer_.clear();
    }
    std::mutex mutex_;
    std::string buffer_;
    bool autoflush_ = false;
    std::function<void(std::string_view)> sink_;
};

Output& output() {
    static Output instance;
    return instance;
}

std::mutex node_id_mutex;
std::string node_id_value;

}  // namespace

void write_output(std::string_view text) { output().write(text); }
void flush_output() { output().flush(); }
void set_output_autoflush(bool on) { output().set_autoflush(on); }
void set_output_sink(std::function<void(std::string_view)> sink) { output().set_sink(std::move(sink)); }

void set_node_id(std::string id) {
    std::lock_guard lock(node_id_mutex);
    node_id_value = std::move(id);
}

// ---- numbers ----------------------------------------------------------------------------

std::optional<double> parse_number(std::string_view s) noexcept {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    bool negative = false;
    std::string_view body = s;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (body == "Infinity") return negative ? -INFINITY : INFINITY;
    // Only decimal digits or a leading '.': no "nan", "inf", hex.
    if (body.empty() || !((body.front() >= '0' && body.front() <= '9') || body.front() == '.')) return std::nullopt;
    double value = 0;
    auto r = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::general);
    if (r.ec != std::errc() || r.ptr != body.data() + body.size()) {
        if (r.ec == std::errc::result_out_of_range && r.ptr == body.data() + body.size()) {
            value = std::strtod(std::string(body).c_str(), nullptr);  // overflow -> inf, underflow -> 0
        } else {
            return std::nullopt;
        }
    }
    return negative ? -value : value;
}

Value make_range(double start, double stop, double step) {
    if (step == 0) raise(ErrorKind::ArgumentError, "range() step must not be zero");
    if (!std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step))
        raise(ErrorKind::ArgumentError, "range() arguments must be finite numbers");
    double count = std::ceil((stop - start) / step);
    if (!(count > 0)) return Value::array();
    constexpr double kMaxRange = 1e9;
    if (count > kMaxRange) raise(ErrorKind::ArgumentError, "range() would have more than 1e9 elements");
    size_t n = static_cast<size_t>(count);
    std::vector<Value> items;
    items.reserve(n);
    for (size_t i = 0; i < n; ++i) items.push_back(Value::number(start + static_cast<double>(i) * step));
    return Value::array(std::move(items));
}

// ---- the functions ------------------------------------------------------------------------

namespace {

Value builtin_print(CallContext&, std::span<Value> args) {
    std::string line;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) line += ' ';
        display(args[i], line, true);
    }
    line += '\n';
    write_output(line);
    return Value();
}

Value builtin_range(CallContext&, std::span<Value> args) {
    expect_args(Where{"", "range"}, args, 1, 3);
    double a[3];
    for (size_t i = 0; i < args.size(); ++i) a[i] = expect_number(Where{"", "range"}, args[i]);
    if (args.size() == 1) return make_range(0, a[0], 1);
    return make_range(a[0], a[1], args.size() == 3 ? a[2] : 1);
}

Value builtin_to_number(CallContext&, std::span<Value> args) {
    const Value& v = args[0];
    if (v.is_number()) return v;
    if (v.is_string()) {
        auto n = parse_number(v.string_view());
        return n ? Value::number(*n) : Value();
    }
    return Value();
}

std::vector<std::pair<std::string, Value>> make_builtins() {
    std::vector<std::pair<std::string, Value>> fns;
    auto add = [&](std::string name, int arity, NativeFunction::Impl impl) {
        fns.emplace_back(name, make_native(name, arity, std::move(impl)));
    };
    add("print", -1, builtin_print);
    add("now", 0, [](CallContext&, std::span<Value>) { return Value::datetime(now_ms()); });
    add("range", -1, builtin_range);
    add("type_of", 1, [](CallContext&, std::span<Value> a) { return Value::string(type_of(a[0])); });
    add("to_string", 1, [](CallContext&, std::span<Value> a) {
        return a[0].is_string() ? std::move(a[0]) : Value::string(to_display(a[0]));
    });
    add("to_number", 1, builtin_to_number);
    add("json_encode", 1, [](CallContext&, std::span<Value> a) { return Value::string(json_encode(a[0])); });
    add("json_decode", 1, [](CallContext&, std::span<Value> a) {
        return json_decode(expect_string(Where{"", "json_decode"}, a[0]));
    });
    add("node_id", 0, [](CallContext&, std::span<Value>) {
        std::lock_guard lock(node_id_mutex);
        return node_id_value.empty() ? Value() : Value::string(node_id_value);
    });
    return fns;
}

}  // namespace

const std::vector<std::pair<std::string, Value>>& builtin_functions() {
    // Leaked on purpose: values may be referenced by threads still running at exit.
    static const auto* fns = new std::vector<std::pair<std::string, Value>>(make_builtins());
    return *fns;
}

}  // namespace relay
