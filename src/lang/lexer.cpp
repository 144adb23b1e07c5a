#include "lang/lexer.h"

#include <cctype>
#include <cstdlib>
#include <unordered_map>

namespace relay {
namespace {

const std::unordered_map<std::string_view, Tok>& keywords() {
    static const std::unordered_map<std::string_view, Tok> map = {
        {"struct", Tok::KwStruct},   {"protocol", Tok::KwProtocol}, {"server", Tok::KwServer},
        {"implements", Tok::KwImplements}, {"state", Tok::KwState}, {"receive", Tok::KwReceive},
        {"send", Tok::KwSend},       {"template", Tok::KwTemplate}, {"from", Tok::KwFrom},
        {"config", Tok::KwConfig},   {"fn", Tok::KwFn},             {"set", Tok::KwSet},
        {"if", Tok::KwIf},           {"else", Tok::KwElse},         {"for", Tok::KwFor},
        {"in", Tok::KwIn},           {"return", Tok::KwReturn},     {"throw", Tok::KwThrow},
        {"try", Tok::KwTry},         {"catch", Tok::KwCatch},       {"dispatch", Tok::KwDispatch},
        {"true", Tok::KwTrue},       {"false", Tok::KwFalse},       {"nil", Tok::KwNil},
    };
    return map;
}

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Lexer {
public:
    Lexer(std::string_view src, int line, int col, size_t base) : src_(src), line_(line), col_(col), base_(base) {}

private:
    char peek(size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }
    void advance() {
        if (src_[pos_] == '\n') {
            ++line_;
            col_ = 1;
        } else if ((static_cast<unsigned char>(src_[pos_]) & 0xC0) != 0x80) {
            ++col_;  // columns count code points
        }
        ++pos_;
    }
    [[noreturn]] void fail(std::string msg, int line, int col) { throw LexError{std::move(msg), line, col}; }
    [[noreturn]] void fail(std::string msg) { fail(std::move(msg), line_, col_); }

    // Skips blanks and comments; true when a newline was crossed.
    bool skip_space() {
        bool nl = false;
        while (pos_ < src_.size()) {
            char c = src_[pos_];
            if (c == '\n') {
                nl = true;
                advance();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (pos_ < src_.size() && src_[pos_] != '\n') advance();
            } else if (c == '/' && peek(1) == '*') {
                int line = line_, col = col_;
                advance();
                advance();
                while (pos_ < src_.size() && !(src_[pos_] == '*' && peek(1) == '/')) {
                    if (src_[pos_] == '\n') nl = true;
                    advance();
                }
                if (pos_ >= src_.size()) fail("unterminated block comment", line, col);
                advance();
                advance();
            } else {
                break;
            }
        }
        return nl;
    }

    void scan(Token& t, const Token* prev) {
        char c = peek();
        if (ident_start(c)) return scan_word(t);
        if (digit(c) || (c == '.' && digit(peek(1)))) return scan_number(t);
        if (c == '"') return scan_string(t);
        if (c == '`') return scan_template(t);
        if (c == ':') return scan_colon(t, prev);
        scan_punct(t);
    }

    void scan_word(Token& t) {
        size_t start = pos_;
        while (ident_char(peek())) advance();
        std::string_view word = src_.substr(start, pos_ - start);
        auto it = keywords().find(word);
        t.kind = it == keywords().end() ? Tok::Ident : it->second;
        t.text = std::string(word);
    }

    void scan_number(Token& t) {
        size_t start = pos_;
        while (digit(peek())) advance();
        if (peek() == '.' && digit(peek(1))) {
            advance();
            while (digit(peek())) advance();
        }
        if (peek() == 'e' || peek() == 'E') {
            size_t save_pos = pos_;
            int save_col = col_;
            advance();
            if (peek() == '+' || peek() == '-') advance();
            if (!digit(peek())) {
                pos_ = save_pos;
                col_ = save_col;
            } else {
                while (digit(peek())) advance();
            }
        }
        if (ident_start(peek())) fail("invalid number literal");
        std::string text(src_.substr(start, pos_ - start));
        t.kind = Tok::Number;
        t.number = std::strtod(text.c_str(), nullptr);
        t.text = std::move(text);
    }

    // One escape after the backslash; appends its text.
    void scan_escape(std::string& out, bool in_template) {
        int line = line_, col = col_;
        advance();  // the backslash
        char e = peek();
        switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '0': out += '\0'; break;
            case 'u': return scan_unicode_escape(out, line, col);
            case '`': if (in_template) { out += '`'; break; } [[fallthrough]];
            case '$': if (in_template) { out += '$'; break; } [[fallthrough]];
            default:
                if (e == '\0' && pos_ >= src_.size()) fail("unterminated string", line, col);
                fail(std::string("unknown escape sequence '\\") + e + "'", line, col);
        }
        advance();
    }

    void scan_unicode_escape(std::string& out, int line, int col) {
        advance();  // u
        if (peek() != '{') fail("expected '{' after \\u (write \\u{1F600})", line, col);
        advance();
        uint32_t cp = 0;
        int digits = 0;
        while (std::isxdigit(static_cast<unsigned char>(peek()))) {
            char h = peek();
            cp = cp * 16 + static_cast<uint32_t>(digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            if (++digits > 6) fail("\\u{...} has too many digits", line, col);
            advance();
        }
        if (peek() != '}' || digits == 0) fail("malformed \\u{...} escape", line, col);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("\\u{...} is not a valid code point", line, col);
        advance();
        append_utf8(cp, out);
    }

    void scan_string(Token& t) {
        int line = line_, col = col_;
        advance();
        std::string value;
        for (;;) {
            if (pos_ >= src_.size() || peek() == '\n') fail("unterminated string", line, col);
            char c = peek();
            if (c == '"') break;
            if (c == '\\') {
                scan_escape(value, false);
                continue;
            }
            value += c;
            advance();
        }
        advance();
        t.kind = Tok::String;
        t.text = std::move(value);
    }

    void scan_template(Token& t) {
        int line = line_, col = col_;
        advance();
        TemplatePart lit;
        lit.line = line_;
        lit.col = col_;
        for (;;) {
            if (pos_ >= src_.size()) fail("unterminated template string", line, col);
            char c = peek();
            if (c == '`') break;
            if (c == '\\') {
                scan_escape(lit.text, true);
                continue;
            }
            if (c == '$' && peek(1) == '{') {
                t.parts.push_back(std::move(lit));
                lit = TemplatePart{};
                advance();
                advance();
                t.parts.push_back(scan_interpolation());
                lit.line = line_;
                lit.col = col_;
                continue;
            }
            lit.text += c;
            advance();
        }
        advance();
        t.parts.push_back(std::move(lit));
        t.kind = Tok::Template;
    }

    // The source text of `${ ... }` up to its matching brace (nested braces,
    // strings and templates skipped).
    TemplatePart scan_interpolation() {
        TemplatePart part;
        part.is_expr = true;
        part.line = line_;
        part.col = col_;
        part.offset = base_ + pos_;
        size_t start = pos_;
        int depth = 0;
        int line = line_, col = col_;
        for (;;) {
            if (pos_ >= src_.size()) fail("unterminated ${...} in template string", line, col);
            char c = peek();
            if (c == '}' && depth == 0) break;
            if (c == '{') ++depth;
            if (c == '}') --depth;
            if (c == '"' || c == '`') {
                skip_quoted(c);
                continue;
            }
            advance();
        }
        part.text = std::string(src_.substr(start, pos_ - start));
        advance();  // }
        return part;
    }

    void skip_quoted(char quote) {
        int line = line_, col = col_;
        advance();
        while (pos_ < src_.size() && peek() != quote) {
            if (peek() == '\\') advance();
            if (quote == '`' && peek() == '$' && peek(1) == '{') {
                advance();
                advance();
                scan_interpolation();
                continue;
            }
            if (pos_ < src_.size()) advance();
        }
        if (pos_ >= src_.size()) fail("unterminated string", line, col);
        advance();
    }

    // `:` right after a name, string, `)` or `]` is a colon; `:name` elsewhere is a symbol.
    void scan_colon(Token& t, const Token* prev) {
        advance();
        bool glued = prev && prev_end_ == base_ + pos_ - 1;
        bool after_operand = prev && (prev->kind == Tok::Ident || is_keyword(prev->kind) ||
                                      prev->kind == Tok::String || prev->kind == Tok::Symbol ||
                                      prev->kind == Tok::RParen || prev->kind == Tok::RBracket ||
                                      prev->kind == Tok::Number || prev->kind == Tok::Template);
        if ((glued && after_operand) || !ident_start(peek())) {
            t.kind = Tok::Colon;
            return;
        }
        size_t start = pos_;
        while (ident_char(peek())) advance();
        t.kind = Tok::Symbol;
        t.text = std::string(src_.substr(start, pos_ - start));
    }

    void scan_punct(Token& t) {
        char c = peek();
        char n = peek(1);
        auto two = [&](Tok k) { advance(); advance(); t.kind = k; };
        auto one = [&](Tok k) { advance(); t.kind = k; };
        switch (c) {
            case '(': one(Tok::LParen); break;
            case ')': one(Tok::RParen); break;
            case '[': one(Tok::LBracket); break;
            case ']': one(Tok::RBracket); break;
            case '{': one(Tok::LBrace); break;
            case '}': one(Tok::RBrace); break;
            case ',': one(Tok::Comma); break;
            case '.': one(Tok::Dot); break;
            case ';': one(Tok::Semicolon); break;
            case '+': one(Tok::Plus); break;
            case '-': n == '>' ? two(Tok::Arrow) : one(Tok::Minus); break;
            case '*': one(Tok::Star); break;
            case '/': one(Tok::Slash); break;
            case '%': one(Tok::Percent); break;
            case '!': n == '=' ? two(Tok::Ne) : one(Tok::Bang); break;
            case '=': n == '=' ? two(Tok::Eq) : one(Tok::Assign); break;
            case '<': n == '=' ? two(Tok::Le) : one(Tok::Lt); break;
            case '>': n == '=' ? two(Tok::Ge) : one(Tok::Gt); break;
            case '&':
                if (n != '&') fail("unexpected '&' (did you mean '&&'?)");
                two(Tok::AndAnd);
                break;
            case '|':
                if (n != '|') fail("unexpected '|' (did you mean '||'?)");
                two(Tok::OrOr);
                break;
            case '?':
                if (n != '?') fail("unexpected '?' (did you mean '?" "?'?)");
                two(Tok::Coalesce);
                break;
            default: {
                unsigned char u = static_cast<unsigned char>(c);
                if (u >= 0x80) fail("unexpected character (non-ASCII outside a string)");
                fail(std::string("unexpected character '") + c + "'");
            }
        }
    }

public:
    size_t prev_end_ = 0;  // byte offset just past the previous token

    std::vector<Token> run_tracking(std::optional<LexError>& error) {
        std::vector<Token> out;
        try {
            bool nl = false;
            for (;;) {
                nl |= skip_space();
                Token t;
                t.nl_before = nl;
                nl = false;
                t.line = line_;
                t.col = col_;
                t.offset = base_ + pos_;
                if (pos_ >= src_.size()) {
                    t.kind = Tok::End;
                    out.push_back(std::move(t));
                    break;
                }
                scan(t, out.empty() ? nullptr : &out.back());
                prev_end_ = base_ + pos_;
                out.push_back(std::move(t));
            }
        } catch (const LexError& e) {
            error = e;
            out.clear();
        }
        return out;
    }

private:
    std::string_view src_;
    size_t pos_ = 0;
    int line_, col_;
    size_t base_;
};

}  // namespace

bool is_keyword(Tok t) { return t >= Tok::KwStruct; }

std::string token_name(Tok t) {
    switch (t) {
        case Tok::End: return "end of input";
        case Tok::Ident: return "identifier";
        case Tok::Number: return "number";
        case Tok::String: return "string";
        case Tok::Template: return "template string";
        case Tok::Symbol: return "symbol";
        case Tok::LParen: return "'('";
        case Tok::RParen: return "')'";
        case Tok::LBracket: return "'['";
        case Tok::RBracket: return "']'";
        case Tok::LBrace: return "'{'";
        case Tok::RBrace: return "'}'";
        case Tok::Comma: return "','";
        case Tok::Dot: return "'.'";
        case Tok::Colon: return "':'";
        case Tok::Semicolon: return "';'";
        case Tok::Arrow: return "'->'";
        case Tok::Plus: return "'+'";
        case Tok::Minus: return "'-'";
        case Tok::Star: return "'*'";
        case Tok::Slash: return "'/'";
        case Tok::Percent: return "'%'";
        case Tok::Bang: return "'!'";
        case Tok::Assign: return "'='";
        case Tok::Eq: return "'=='";
        case Tok::Ne: return "'!='";
        case Tok::Lt: return "'<'";
        case Tok::Le: return "'<='";
        case Tok::Gt: return "'>'";
        case Tok::Ge: return "'>='";
        case Tok::AndAnd: return "'&&'";
        case Tok::OrOr: return "'||'";
        case Tok::Coalesce: return "'?" "?'";
        default: break;
    }
    for (const auto& [word, kind] : keywords())
        if (kind == t) return "'" + std::string(word) + "'";
    return "token";
}

std::string describe(const Token& t) {
    switch (t.kind) {
        case Tok::Ident: return "identifier '" + t.text + "'";
        case Tok::Number: return "number " + t.text;
        case Tok::String: return "string";
        case Tok::Symbol: return "symbol :" + t.text;
        default: return token_name(t.kind);
    }
}

std::vector<Token> lex(std::string_view source, std::optional<LexError>& error, int line, int col,
                       size_t base_offset) {
    Lexer lexer(source, line, col, base_offset);
    return lexer.run_tracking(error);
}

}  // namespace relay
