// relay: run a Relay program, serve it as a node, or start a REPL (NODE_API.md §1).
#include <cstdio>
#include <iostream>

#include "cli/options.h"
#include "cli/run.h"
#include "node/status.h"

int main(int argc, char** argv) {
    auto parsed = relay::cli::parse_command_line(argc, argv);
    if (auto* err = std::get_if<relay::cli::UsageError>(&parsed)) {
        std::cerr << "relay: " << err->message << "\n\n" << relay::cli::usage_text();
        return 2;
    }
    auto& options = std::get<relay::cli::CliOptions>(parsed);
    if (options.help) {
        std::cout << relay::cli::usage_text();
        return 0;
    }
    if (options.version) {
        std::cout << "relay " << relay::node::kRelayVersion << "\n";
        return 0;
    }
    if (options.repl) return relay::cli::run_repl(options);
    if (options.file.empty() && !options.server) {
        std::cerr << "relay: no program file given (try relay -help)\n\n" << relay::cli::usage_text();
        return 2;
    }
    return relay::cli::run_program(options);
}
