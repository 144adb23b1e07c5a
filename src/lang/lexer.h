// Hand-written lexer for Relay (LANGUAGE.md §1). Produces the whole token
// list up front; newlines are not tokens but a flag on the following token,
// which is all the parser needs for the continuation rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relay {

enum class Tok : uint8_t {
    End, Ident, Number, String, Template, Symbol,
    // punctuation
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Dot, Colon, Semicolon, Arrow,
    // operators
    Plus, Minus, Star, Slash, Percent, Bang, Assign, Eq, Ne, Lt, Le, Gt, Ge, AndAnd, OrOr, Coalesce,
    // keywords
    KwStruct, KwProtocol, KwServer, KwImplements, KwState, KwReceive, KwSend, KwTemplate, KwFrom,
    KwConfig, KwFn, KwSet, KwIf, KwElse, KwFor, KwIn, KwReturn, KwThrow, KwTry, KwCatch,
    KwDispatch, KwTrue, KwFalse, KwNil,
};

// A piece of a template string: literal text, or the source of a `${...}` expression.
struct TemplatePart {
    bool is_expr = false;
    std::string text;
    int line = 0, col = 0;  // where the text starts
    size_t offset = 0;      // byte offset of the text in the source
};

struct Token {
    Tok kind = Tok::End;
    bool nl_before = false;  // a newline separates this token from the previous one
    int line = 1, col = 1;
    size_t offset = 0;       // byte offset in the source
    std::string text;        // identifier name, string value (escapes applied), symbol name
    double number = 0;
    std::vector<TemplatePart> parts;  // Tok::Template
};

struct LexError {
    std::string message;
    int line = 0, col = 0;
};

bool is_keyword(Tok t);
// Spelling for messages: "identifier", "'{'", "'if'", ...
std::string token_name(Tok t);
std::string describe(const Token& t);

// Tokenises `source` (a template's `${}` text is lexed later by the parser
// with the same function, starting at the given position).
std::vector<Token> lex(std::string_view source, std::optional<LexError>& error, int line = 1, int col = 1,
                       size_t base_offset = 0);

}  // namespace relay
