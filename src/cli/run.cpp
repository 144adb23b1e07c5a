// `relay FILE.rl`: compile, run the top level on a big stack, then either exit
// or (with -server) keep serving the program's servers as an HTTP node.
#include "cli/run.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "actors/runtime.h"
#include "lang/builtins.h"
#include "lang/interp.h"
#include "node/node.h"

namespace relay::cli {

bool read_file(const std::string& path, std::string& text, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
    return true;
}

namespace {

// Runs the program's top level; returns 0, 1 (runtime error) or 2 (syntax error).
int run_top_level(Interpreter& interp, const std::string& file) {
    std::string source, error;
    if (!read_file(file, source, error)) {
        std::cerr << "relay: cannot read " << file << ": " << error << "\n";
        return 2;
    }
    CompileResult compiled = interp.compile(source, file);
    if (!compiled.ok()) {
        std::cerr << compiled.error;
        return 2;
    }
    int status = 0;
    run_on_big_stack([&] {
        ExecContext ctx(interp);
        try {
            interp.run(ctx, *compiled.program);
        } catch (const RelayError& e) {
            flush_output();
            std::cerr << format_runtime_error(e, file);
            status = 1;
        } catch (const std::exception& e) {
            flush_output();
            std::cerr << file << ": internal error: " << e.what() << "\n";
            status = 1;
        }
    });
    flush_output();
    return status;
}

int serve(CliOptions& options, Interpreter& interp, actors::Runtime& runtime) {
    auto applied = apply_config(options, interp.config());
    if (auto* err = std::get_if<UsageError>(&applied)) {
        std::cerr << "relay: config: " << err->message << "\n";
        return 2;
    }
    set_output_autoflush(true);
    try {
        node::Node node(options.node, runtime);
        node.start();
        return node.run();
    } catch (const std::exception& e) {
        std::cerr << "relay: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int run_program(CliOptions& options) {
    Interpreter interp;
    actors::RuntimeOptions runtime_options;
    runtime_options.call_timeout = options.node.call_timeout;
    actors::Runtime runtime(interp, runtime_options);
    if (!options.file.empty()) {
        int status = run_top_level(interp, options.file);
        if (status != 0) {
            runtime.shutdown();
            return status;
        }
    }
    int status = options.server ? serve(options, interp, runtime) : 0;
    runtime.shutdown();
    flush_output();
    return status;
}

}  // namespace relay::cli
