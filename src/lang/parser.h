// Recursive-descent / Pratt parser (LANGUAGE.md §1, §3-§7). Builds the node
// tree of nodes.h; the resolver runs afterwards. Internal to src/lang.
#pragma once

#include <memory>
#include <string_view>

#include "lang/nodes.h"

namespace relay::ast {

// Parses a whole program into the body of `main`. Throws SyntaxError.
std::unique_ptr<FnProto> parse_program(std::string_view source);

// Deepest nesting of expressions/blocks the parser accepts (keeps the C++
// stack bounded for any input, fuzzers included).
inline constexpr int kMaxNesting = 200;

}  // namespace relay::ast
