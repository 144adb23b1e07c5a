// Lexer: tokens, newline flags, the colon/symbol rule, escapes, templates, errors.
#include <gtest/gtest.h>

#include "lang/lexer.h"

namespace relay {
namespace {

std::vector<Token> tokens(std::string_view src) {
    std::optional<LexError> err;
    auto toks = lex(src, err);
    EXPECT_FALSE(err) << (err ? err->message : "");
    return toks;
}

std::vector<Tok> kinds(std::string_view src) {
    std::vector<Tok> out;
    for (const auto& t : tokens(src)) out.push_back(t.kind);
    return out;
}

LexError error_of(std::string_view src) {
    std::optional<LexError> err;
    lex(src, err);
    EXPECT_TRUE(err.has_value()) << src;
    return err.value_or(LexError{});
}

TEST(Lexer, NumbersInEveryForm) {
    auto t = tokens("42 3.14 .5 1e3 2.5e-3");
    ASSERT_EQ(t.size(), 6u);
    EXPECT_EQ(t[0].number, 42);
    EXPECT_EQ(t[1].number, 3.14);
    EXPECT_EQ(t[2].number, 0.5);
    EXPECT_EQ(t[3].number, 1000);
    EXPECT_EQ(t[4].number, 0.0025);
}

TEST(Lexer, KeywordsAreNotIdentifiers) {
    EXPECT_EQ(kinds("set x = nil"), (std::vector<Tok>{Tok::KwSet, Tok::Ident, Tok::Assign, Tok::KwNil, Tok::End}));
    EXPECT_EQ(kinds("dispatch receive"), (std::vector<Tok>{Tok::KwDispatch, Tok::KwReceive, Tok::End}));
}

TEST(Lexer, ColonAfterNameIsPlainColonElseSymbol) {
    EXPECT_EQ(kinds("{a:b}"), (std::vector<Tok>{Tok::LBrace, Tok::Ident, Tok::Colon, Tok::Ident, Tok::RBrace, Tok::End}));
    auto t = tokens("{ :sym: 2, x: :y }");
    EXPECT_EQ(t[1].kind, Tok::Symbol);
    EXPECT_EQ(t[1].text, "sym");
    EXPECT_EQ(t[2].kind, Tok::Colon);
    EXPECT_EQ(t[7].kind, Tok::Symbol);
    EXPECT_EQ(t[7].text, "y");
}

TEST(Lexer, NewlineFlagsTheNextToken) {
    auto t = tokens("a\n  .b // comment\n/* block\n */ c");
    EXPECT_FALSE(t[0].nl_before);
    EXPECT_TRUE(t[1].nl_before);
    EXPECT_FALSE(t[2].nl_before);
    EXPECT_TRUE(t[3].nl_before);
    EXPECT_EQ(t[3].line, 4);
}

TEST(Lexer, StringEscapes) {
    auto t = tokens(R"("a\"b\\c\n\t\r\0\u{1F600}")");
    EXPECT_EQ(t[0].text, std::string("a\"b\\c\n\t\r\0", 9) + "\xF0\x9F\x98\x80");
}

TEST(Lexer, UnknownEscapeIsAnErrorWithPosition) {
    LexError e = error_of("set s = \"a\\qb\"");
    EXPECT_NE(e.message.find("unknown escape"), std::string::npos);
    EXPECT_EQ(e.line, 1);
    EXPECT_EQ(e.col, 11);
}

TEST(Lexer, UnterminatedThings) {
    EXPECT_NE(error_of("\"abc").message.find("unterminated string"), std::string::npos);
    EXPECT_NE(error_of("/* never closed").message.find("unterminated block comment"), std::string::npos);
    EXPECT_NE(error_of("`abc ${x").message.find("unterminated"), std::string::npos);
}

TEST(Lexer, TemplatePartsKeepNestedBraces) {
    auto t = tokens("`a ${ {k: 1}.k } b ${ \"}\" }`");
    ASSERT_EQ(t[0].kind, Tok::Template);
    ASSERT_EQ(t[0].parts.size(), 5u);
    EXPECT_EQ(t[0].parts[0].text, "a ");
    EXPECT_TRUE(t[0].parts[1].is_expr);
    EXPECT_EQ(t[0].parts[1].text, " {k: 1}.k ");
    EXPECT_EQ(t[0].parts[3].text, " \"}\" ");
}

TEST(Lexer, OperatorsOfTwoCharacters) {
    EXPECT_EQ(kinds("== != <= >= && || ?? ->"),
              (std::vector<Tok>{Tok::Eq, Tok::Ne, Tok::Le, Tok::Ge, Tok::AndAnd, Tok::OrOr, Tok::Coalesce, Tok::Arrow, Tok::End}));
    EXPECT_NE(error_of("a & b").message.find("&&"), std::string::npos);
}

}  // namespace
}  // namespace relay
