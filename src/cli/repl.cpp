// `relay -repl [FILE.rl]`: line editing and history with libedit (BSD
// licence), multi-line input (an unfinished line continues), values echoed
// in display form with strings quoted (so "1" and 1 differ), errors shown
// without leaving the REPL.
#include <editline/readline.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "actors/runtime.h"
#include "cli/run.h"
#include "lang/builtins.h"
#include "lang/interp.h"
#include "lang/ops.h"

namespace relay::cli {
namespace {

// A syntax error that only says the input stopped early: keep reading.
bool incomplete(const std::string& error) {
    return error.find("end of input") != std::string::npos || error.find("unclosed") != std::string::npos ||
           error.find("unterminated") != std::string::npos;
}

std::string history_path() {
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + "/.relay_history" : std::string();
}

void evaluate(Interpreter& interp, ExecContext& ctx, const CompileResult& compiled, const std::string& name) {
    try {
        Value v = interp.run(ctx, *compiled.program);
        if (!v.is_nil() && !Interpreter::ends_with_binding(*compiled.program)) {
            std::string out;
            display(v, out, false);
            out += '\n';
            write_output(out);  // same channel as print(), so the order is kept
        }
        flush_output();
    } catch (const RelayError& e) {
        flush_output();
        std::cerr << format_runtime_error(e, name);
    } catch (const std::exception& e) {
        flush_output();
        std::cerr << "internal error: " << e.what() << "\n";
    }
}

void loop(Interpreter& interp, ExecContext& ctx) {
    std::string buffer;
    const std::string history = history_path();
    if (!history.empty()) read_history(history.c_str());
    for (;;) {
        char* raw = readline(buffer.empty() ? "relay> " : "  ...> ");
        if (!raw) break;
        std::string line(raw);
        std::free(raw);
        if (buffer.empty() && line.find_first_not_of(" \t") == std::string::npos) continue;
        buffer += line + "\n";
        CompileResult compiled = interp.compile(buffer, "<repl>");
        if (!compiled.ok() && incomplete(compiled.error) && !line.empty()) continue;
        std::string entry = buffer.substr(0, buffer.size() - 1);
        add_history(entry.c_str());
        buffer.clear();
        if (!compiled.ok()) {
            std::cerr << compiled.error;
            continue;
        }
        evaluate(interp, ctx, compiled, "<repl>");
    }
    if (!history.empty()) write_history(history.c_str());
    std::cout << "\n";
}

}  // namespace

int run_repl(const CliOptions& options) {
    Interpreter interp;
    actors::RuntimeOptions runtime_options;
    runtime_options.call_timeout = options.node.call_timeout;
    actors::Runtime runtime(interp, runtime_options);
    int status = 0;
    run_on_big_stack([&] {
        ExecContext ctx(interp);
        if (!options.file.empty()) {
            std::string source, error;
            if (!read_file(options.file, source, error)) {
                std::cerr << "relay: cannot read " << options.file << ": " << error << "\n";
                status = 2;
                return;
            }
            CompileResult compiled = interp.compile(source, options.file);
            if (!compiled.ok()) {
                std::cerr << compiled.error;
            } else {
                evaluate(interp, ctx, compiled, options.file);
            }
        }
        loop(interp, ctx);
    });
    runtime.shutdown();
    return status;
}

}  // namespace relay::cli
