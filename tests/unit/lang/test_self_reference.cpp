// A function that calls itself by its name does not keep itself alive
// (Resolver::resolve_self_references, docs/LANGUAGE_DECISIONS.md "Memory").
//
// Each program ends with a closure made inside a function, which becomes the
// result of Interpreter::run. Once the program has finished, the test's copy
// should be the only reference left: a closure that captured its own
// variable's cell has a second one, from that cell, and dropping the result
// would leak both (reference counting never frees the cycle).
#include <gtest/gtest.h>

#include "lang/builtins.h"
#include "lang/interp.h"

namespace relay {
namespace {

// The value of `src`'s last expression, after the program and its context are gone.
Value result_of(std::string_view src) {
    Interpreter interp;
    auto compiled = interp.compile(src, "t.rl");
    EXPECT_TRUE(compiled.ok()) << compiled.error;
    if (!compiled.ok()) return Value();
    Value result;
    run_on_big_stack([&] {
        ExecContext ctx(interp);
        result = interp.run(ctx, *compiled.program);
    });
    return result;
}

// References to the function `src` ends with, other than the caller's copy.
uint32_t other_references(std::string_view src) {
    Value fn = result_of(src);
    EXPECT_TRUE(fn.is_function()) << src;
    if (!fn.is_function()) return 0;
    return fn.heap()->ref_count() - 1;
}

TEST(SelfReference, LocalRecursiveDeclarationHoldsNoReferenceToItself) {
    EXPECT_EQ(other_references(R"(
        fn work(n) {
            fn go(k) { if k < 1 { 0 } else { go(k - 1) } }
            go(n)
            go
        }
        work(2)
    )"),
              0u);
}

TEST(SelfReference, SetOfAFunctionLiteralHoldsNoReferenceToItself) {
    EXPECT_EQ(other_references(R"(
        fn work(n) {
            set go = nil
            set go = fn(k) { if k < 1 { 0 } else { go(k - 1) } }
            go(n)
            go
        }
        work(2)
    )"),
              0u);
}

TEST(SelfReference, ClosuresInsideTheFunctionReferringToItsNameDoNotKeepItAlive) {
    EXPECT_EQ(other_references(R"(
        fn work() {
            fn walk(node) { node.value + node.children.map(fn(c) { walk(c) }).reduce(fn(a, b) { a + b }, 0) }
            walk({value: 1, children: [{value: 2, children: []}]})
            walk
        }
        work()
    )"),
              0u);
}

TEST(SelfReference, AnEscapedClosureReferringToTheNameReleasesItWhenDropped) {
    // work() returns a closure made in `go` that returns `go`; it is called at
    // once and dropped, so nothing but the result may hold `go` afterwards.
    EXPECT_EQ(other_references(R"(
        fn work() {
            fn go(k) { if k < 1 { fn() { go } } else { go(k - 1) } }
            go(2)
        }
        work()()
    )"),
              0u);
}

// The measure sees a cycle where one is documented to remain: a function
// whose name may be assigned again must read the variable (late binding), so
// it captures the cell that holds it. The program also returns the function
// that assigns the name, called here to break the cycle again (the ASan
// build's leak check runs this test too).
TEST(SelfReference, TheMeasureSeesTheCycleOfANameAssignedAgain) {
    Interpreter interp;
    auto compiled = interp.compile(R"(
        fn work() {
            fn go(k) { if k < 1 { 0 } else { go(k - 1) } }
            [go, fn() { set go = nil }]
        }
        work()
    )",
                                   "t.rl");
    ASSERT_TRUE(compiled.ok()) << compiled.error;
    run_on_big_stack([&] {
        ExecContext ctx(interp);
        Value pair = interp.run(ctx, *compiled.program);
        Value go = pair.as_array().items[0];
        Value reassign = pair.as_array().items[1];
        pair = Value();
        EXPECT_EQ(go.heap()->ref_count(), 2u);  // `go` here, and its own cell
        interp.invoke(ctx, reassign, {});
        EXPECT_EQ(go.heap()->ref_count(), 1u);
    });
}

}  // namespace
}  // namespace relay
