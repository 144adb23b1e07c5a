// Parser and resolver through Interpreter::compile, and evaluation of small
// programs (output captured with set_output_sink).
#include <gtest/gtest.h>

#include "lang/builtins.h"
#include "lang/interp.h"

namespace relay {
namespace {

std::string syntax_error(std::string_view src) { return check_syntax(src, "t.rl"); }

// Runs `src` and returns what it printed, or "error: Kind: message".
std::string run(std::string_view src) {
    std::string out;
    set_output_sink([&](std::string_view s) { out += s; });
    Interpreter interp;
    auto compiled = interp.compile(src, "t.rl");
    if (!compiled.ok()) {
        set_output_sink(nullptr);
        return "syntax: " + compiled.error;
    }
    run_on_big_stack([&] {
        ExecContext ctx(interp);
        try {
            interp.run(ctx, *compiled.program);
        } catch (const RelayError& e) {
            flush_output();
            out += "error: " + std::string(kind_name(e.kind)) + ": " + e.message;
        }
    });
    flush_output();
    set_output_sink(nullptr);
    return out;
}

TEST(Parser, ValidProgramsHaveNoError) {
    EXPECT_EQ(syntax_error("set x = 1\nprint(x)"), "");
    EXPECT_EQ(syntax_error("fn f(a, b: number) -> string { `${a}${b}` }"), "");
    EXPECT_EQ(syntax_error("struct U { name: string.min(1).max(5), tags: [string], bio: optional(string) }"), "");
    EXPECT_EQ(syntax_error("protocol P { get() -> number\n put(v: any) }"), "");
    EXPECT_EQ(syntax_error("server s implements P { state { n: number = 0 }\n receive fn get() { state.n } }"), "");
    EXPECT_EQ(syntax_error("config { port: 8080 }\ntemplate \"i.html\" from get_posts()"), "");
}

TEST(Parser, ErrorsCarryPositionLineAndCaret) {
    std::string e = syntax_error("set x = 1\nset y = (2 +\n");
    EXPECT_NE(e.find("t.rl:3:1: syntax error"), std::string::npos) << e;
    e = syntax_error("print(1 2)");
    EXPECT_NE(e.find("t.rl:1:9:"), std::string::npos) << e;
    EXPECT_NE(e.find("  print(1 2)\n          ^"), std::string::npos) << e;
}

TEST(Parser, ReturnOutsideFunctionIsASyntaxError) {
    EXPECT_NE(syntax_error("return 1").find("'return' outside a function"), std::string::npos);
}

TEST(Parser, StateOutsideServerIsASyntaxError) {
    EXPECT_NE(syntax_error("state.get(\"x\")").find("only available inside a server"), std::string::npos);
}

TEST(Parser, DeepNestingIsRejectedNotACrash) {
    std::string deep(100000, '(');
    EXPECT_NE(syntax_error(deep).find("nested too deeply"), std::string::npos);
    std::string blocks;
    for (int i = 0; i < 5000; ++i) blocks += "if true {";
    EXPECT_NE(syntax_error(blocks).find("syntax error"), std::string::npos);
}

TEST(Parser, PrecedenceAndAssociativity) {
    EXPECT_EQ(run("print(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 % 4)"), "7 9 3 2\n");
    EXPECT_EQ(run("print(nil ?? 1 || false, 1 < 2 == true, !0 && -1)"), "true true true\n");
}

TEST(Parser, NewlineRules) {
    EXPECT_EQ(run("set x = 1 +\n 2\nprint(x)"), "3\n");
    EXPECT_EQ(run("set s = \"abc\"\n  .upper()\nprint(s)"), "ABC\n");
    EXPECT_EQ(run("set x = nil\n  ?? 5\nprint(x)"), "5\n");
    EXPECT_EQ(run("set x = 1\n-2\nprint(x)"), "1\n");  // a line starting with '-' is a new expression
}

TEST(Parser, ObjectVersusBlock) {
    EXPECT_EQ(run("print({})"), "{}\n");
    EXPECT_EQ(run("print({a: 1})"), "{a: 1}\n");
    EXPECT_EQ(run("print({ 1 + 1 })"), "2\n");
    EXPECT_EQ(run("fn f() {}\nprint(f())"), "nil\n");  // body position: an empty block
}

TEST(Resolver, ClosuresCaptureByReference) {
    EXPECT_EQ(run("set n = 0\nfn inc() { set n = n + 1 }\ninc()\ninc()\nprint(n)"), "2\n");
    EXPECT_EQ(run("fn mk() { set c = 0\n [fn () { set c = c + 1 }, fn () { c }] }\n"
                  "set p = mk()\np[0]()\np[0]()\nprint(p[1]())"),
              "2\n");
}

TEST(Resolver, EachLoopIterationHasItsOwnBinding) {
    EXPECT_EQ(run("set fs = []\nfor i in [1, 2, 3] { set fs = fs.push(fn () { i }) }\nprint(fs.map(fn (f) { f() }))"),
              "[1, 2, 3]\n");
}

TEST(Resolver, SetDeclaresInTheCurrentBlock) {
    EXPECT_EQ(run("if true { set inner = 1 }\nprint(inner)"), "error: NameError: undefined variable 'inner'");
    EXPECT_EQ(run("fn f() { set local = 1 }\nf()\nprint(local)"), "error: NameError: undefined variable 'local'");
}

TEST(Resolver, FunctionsAreHoistedInTheirBlock) {
    EXPECT_EQ(run("fn outer() {\n fn a() { b() }\n fn b() { 42 }\n a()\n}\nprint(outer())"), "42\n");
}

TEST(Evaluator, RecursionDepthAndStackOverflow) {
    EXPECT_EQ(run("fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nprint(d(10000))"), "10000\n");
    EXPECT_EQ(run("fn d(n) { d(n + 1) }\ntry { d(0) } catch e { print(e.kind) }"), "StackOverflowError\n");
}

TEST(Evaluator, PushInALoopIsLinear) {
    // 200,000 pushes finish quickly only when each push is amortised O(1).
    EXPECT_EQ(run("set a = []\nfor i in range(200000) { set a = a.push(i) }\nprint(a.length, a[199999])"),
              "200000 199999\n");
}

TEST(Evaluator, RuntimeErrorsAreCatchableAsObjects) {
    EXPECT_EQ(run("try { [1][5] } catch e { print(e.kind, e.line) }"), "IndexError 1\n");
    EXPECT_EQ(run("try { throw 42 } catch e { print(e) }"), "42\n");
}

}  // namespace
}  // namespace relay
