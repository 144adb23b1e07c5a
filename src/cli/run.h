// The pieces of the `relay` executable: run a file, the REPL.
#pragma once

#include <string>

#include "cli/options.h"

namespace relay::cli {

// `relay FILE.rl [-server ...]`: exit status 0, 1 (runtime error) or 2 (syntax/usage).
int run_program(CliOptions& options);

// `relay -repl [FILE.rl]`.
int run_repl(const CliOptions& options);

// Reads a whole file; false with `error` set when it cannot.
bool read_file(const std::string& path, std::string& text, std::string& error);

}  // namespace relay::cli
