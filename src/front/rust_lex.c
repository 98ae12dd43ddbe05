/*
 * Rust lexer (see rust_lex.h). Follows the Rust Reference's "Lexical
 * structure" chapter for the token shapes; it is lenient where leniency is
 * harmless (any byte >= 0x80 may appear in an identifier, as XID_Continue
 * characters do in UTF-8) and strict where a wrong token would give a wrong
 * layout (numbers, nesting of comments).
 */
#include "front/rust_lex.h"

#include <string.h>

static bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c >= 0x80;
}

static bool is_ident_cont(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void tl_rlex_init(tl_rlex *lx, const char *text, size_t len, uint32_t file,
		  uint32_t line, uint32_t col)
{
	memset(lx, 0, sizeof(*lx));
	lx->text = text;
	lx->len = len;
	lx->file = file;
	lx->line = line ? line : 1;
	lx->col = col ? col : 1;
	lx->start = (tl_loc){file, lx->line, lx->col};
}

static int at(const tl_rlex *lx, size_t off)
{
	size_t i = lx->pos + off;
	return i < lx->len ? (unsigned char)lx->text[i] : -1;
}

/* Moves over `n` bytes known to hold no newline (identifiers, numbers). */
static void advance_cols(tl_rlex *lx, size_t n)
{
	lx->pos += n;
	lx->col += (uint32_t)n;
}

/* Moves to `end`, keeping line and column in step (columns count bytes). */
static void advance_to(tl_rlex *lx, size_t end)
{
	if (end > lx->len)
		end = lx->len;
	for (; lx->pos < end; lx->pos++) {
		if (lx->text[lx->pos] == '\n') {
			lx->line++;
			lx->col = 1;
		} else {
			lx->col++;
		}
	}
}

/* Skips a block comment starting at pos ("/" "*"); block comments nest in
 * Rust. Returns false when the input ends first. */
static bool skip_block_comment(tl_rlex *lx)
{
	size_t i = lx->pos + 2;
	unsigned depth = 1;
	while (i < lx->len) {
		if (lx->text[i] == '/' && i + 1 < lx->len && lx->text[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (lx->text[i] == '*' && i + 1 < lx->len &&
			   lx->text[i + 1] == '/') {
			i += 2;
			if (--depth == 0) {
				advance_to(lx, i);
				return true;
			}
		} else {
			i++;
		}
	}
	advance_to(lx, i);
	return false;
}

static tl_token make(const tl_rlex *lx, tl_tok_kind kind, size_t start,
		     tl_loc loc)
{
	tl_token t = {0};
	t.kind = kind;
	t.text = lx->text + start;
	t.len = lx->pos - start;
	t.suffix = t.len;
	t.loc = loc;
	return t;
}

static tl_token error_tok(tl_rlex *lx, size_t start, tl_loc loc,
			  const char *msg)
{
	if (lx->pos == start)
		advance_to(lx, start + 1);
	tl_token t = make(lx, TL_TOK_ERROR, start, loc);
	t.error = msg;
	return t;
}

/* Whitespace and comments; returns a DOC or ERROR token through *out when
 * one is found (and true), else false with pos at the next token. */
static bool skip_trivia(tl_rlex *lx, tl_token *out, tl_loc *loc)
{
	for (;;) {
		int c = at(lx, 0);
		*loc = (tl_loc){lx->file, lx->line, lx->col};
		size_t start = lx->pos;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			advance_to(lx, lx->pos + 1);
		} else if (c == '/' && at(lx, 1) == '/') {
			/* `///x` and `//!x` are doc comments; `////` is not */
			bool doc = (at(lx, 2) == '/' && at(lx, 3) != '/') ||
				   at(lx, 2) == '!';
			const char *nl = memchr(lx->text + lx->pos, '\n',
						lx->len - lx->pos);
			advance_to(lx, nl ? (size_t)(nl - lx->text) : lx->len);
			if (doc && lx->keep_doc) {
				*out = make(lx, TL_TOK_DOC, start, *loc);
				out->inner_doc = lx->text[start + 2] == '!';
				return true;
			}
		} else if (c == '/' && at(lx, 1) == '*') {
			/* slash-star-star-x and slash-star-bang start doc comments;
			 * slash-star-star-slash and three stars do not */
			bool doc = (at(lx, 2) == '*' && at(lx, 3) != '*' &&
				    at(lx, 3) != '/') ||
				   at(lx, 2) == '!';
			if (!skip_block_comment(lx)) {
				*out = error_tok(lx, start, *loc,
						 "unterminated block comment");
				return true;
			}
			if (doc && lx->keep_doc) {
				*out = make(lx, TL_TOK_DOC, start, *loc);
				out->inner_doc = lx->text[start + 2] == '!';
				return true;
			}
		} else {
			return false;
		}
	}
}

/* A quoted literal body from pos (just after the opening quote): honours
 * backslash escapes unless raw. Returns false when unterminated. */
static bool scan_quoted(tl_rlex *lx, char quote, bool raw, unsigned hashes)
{
	size_t i = lx->pos;
	while (i < lx->len) {
		char c = lx->text[i];
		if (c == '\\' && !raw) {
			i += 2;
			continue;
		}
		if (c == quote) {
			unsigned h = 0;
			while (h < hashes && i + 1 + h < lx->len &&
			       lx->text[i + 1 + h] == '#')
				h++;
			if (h == hashes) {
				advance_to(lx, i + 1 + hashes);
				return true;
			}
		}
		i++;
	}
	advance_to(lx, lx->len);
	return false;
}

static void scan_suffix(tl_rlex *lx, tl_token *t, size_t start)
{
	size_t body = lx->pos;
	if (lx->pos < lx->len && is_ident_start((unsigned char)lx->text[lx->pos]))
		while (lx->pos < lx->len &&
		       is_ident_cont((unsigned char)lx->text[lx->pos]))
			advance_to(lx, lx->pos + 1);
	t->len = lx->pos - start;
	t->suffix = body - start;
}

/* String-like literals: "..", b"..", c"..", r#".."#, br"..", cr"..". `pfx`
 * is the prefix length (0..2), `raw` whether the prefix ends in r. */
static tl_token lex_string(tl_rlex *lx, size_t start, tl_loc loc, size_t pfx,
			   bool raw)
{
	unsigned hashes = 0;
	advance_to(lx, lx->pos + pfx);
	if (raw) {
		while (at(lx, 0) == '#') {
			hashes++;
			advance_to(lx, lx->pos + 1);
		}
		if (at(lx, 0) != '"')
			return error_tok(lx, start, loc,
					 "expected '\"' to start a raw string");
	}
	advance_to(lx, lx->pos + 1); /* the quote */
	if (!scan_quoted(lx, '"', raw, hashes))
		return error_tok(lx, start, loc, "unterminated string literal");
	tl_token t = make(lx, TL_TOK_STR, start, loc);
	t.raw = raw;
	scan_suffix(lx, &t, start);
	return t;
}

/* After a `'`: a lifetime ('a) or a character literal ('a', '\n'). */
static tl_token lex_quote(tl_rlex *lx, size_t start, tl_loc loc, size_t pfx)
{
	advance_to(lx, lx->pos + pfx + 1);
	int c = at(lx, 0);
	if (c == '\\' || c < 0 || c == '\'') {
		if (c == '\'' || c < 0 || !scan_quoted(lx, '\'', false, 0))
			return error_tok(lx, start, loc,
					 "unterminated character literal");
		return make(lx, TL_TOK_CHAR, start, loc);
	}
	/* one character, UTF-8 continuation bytes included */
	size_t n = 1;
	while (at(lx, n) >= 0x80 && at(lx, n) < 0xC0)
		n++;
	if (at(lx, n) == '\'') {
		advance_to(lx, lx->pos + n + 1);
		return make(lx, TL_TOK_CHAR, start, loc);
	}
	if (pfx || !is_ident_start((unsigned char)c))
		return error_tok(lx, start, loc,
				 "unterminated character literal");
	while (lx->pos < lx->len && is_ident_cont((unsigned char)lx->text[lx->pos]))
		advance_to(lx, lx->pos + 1);
	return make(lx, TL_TOK_LIFETIME, start, loc);
}

static tl_token lex_number(tl_rlex *lx, size_t start, tl_loc loc)
{
	bool is_float = false;
	int b = at(lx, 1);
	if (at(lx, 0) == '0' && (b == 'x' || b == 'o' || b == 'b')) {
		advance_to(lx, lx->pos + 2);
		while (lx->pos < lx->len &&
		       ((b == 'x' ? is_hex((unsigned char)lx->text[lx->pos]) :
				    is_digit((unsigned char)lx->text[lx->pos])) ||
			lx->text[lx->pos] == '_'))
			advance_to(lx, lx->pos + 1);
	} else {
		while (is_digit((unsigned char)at(lx, 0)) || at(lx, 0) == '_')
			advance_to(lx, lx->pos + 1);
		/* `1.5` and `1.` are floats; `1..2` and `1.max` are not */
		if (at(lx, 0) == '.' && at(lx, 1) != '.' &&
		    !(at(lx, 1) >= 0 && is_ident_start((unsigned char)at(lx, 1)))) {
			is_float = true;
			advance_to(lx, lx->pos + 1);
			while (is_digit((unsigned char)at(lx, 0)) || at(lx, 0) == '_')
				advance_to(lx, lx->pos + 1);
		}
		int e = at(lx, 0), s = at(lx, 1);
		if ((e == 'e' || e == 'E') &&
		    (is_digit((unsigned char)s) ||
		     ((s == '+' || s == '-') && is_digit((unsigned char)at(lx, 2))))) {
			is_float = true;
			advance_to(lx, lx->pos + 2);
			while (is_digit((unsigned char)at(lx, 0)) || at(lx, 0) == '_')
				advance_to(lx, lx->pos + 1);
		}
	}
	tl_token t = make(lx, is_float ? TL_TOK_FLOAT : TL_TOK_INT, start, loc);
	scan_suffix(lx, &t, start);
	return t;
}

static const uint32_t punct3[] = {
	TL_P3('<', '<', '='), TL_P3('>', '>', '='), TL_P3('.', '.', '.'),
	TL_P3('.', '.', '='),
};
static const uint32_t punct2[] = {
	TL_P2(':', ':'), TL_P2('-', '>'), TL_P2('=', '>'), TL_P2('=', '='),
	TL_P2('!', '='), TL_P2('<', '='), TL_P2('>', '='), TL_P2('&', '&'),
	TL_P2('|', '|'), TL_P2('+', '='), TL_P2('-', '='), TL_P2('*', '='),
	TL_P2('/', '='), TL_P2('%', '='), TL_P2('^', '='), TL_P2('&', '='),
	TL_P2('|', '='), TL_P2('<', '<'), TL_P2('>', '>'), TL_P2('.', '.'),
};

static tl_token lex_punct(tl_rlex *lx, size_t start, tl_loc loc)
{
	uint32_t c3 = TL_P3(at(lx, 0), at(lx, 1) < 0 ? 0 : at(lx, 1),
			    at(lx, 2) < 0 ? 0 : at(lx, 2));
	size_t n = 0;
	uint32_t code = 0;
	/* multi-character punctuation starts with one of these; the common
	 * `<`, `>` `,` `(` of type expressions skip the tables at once
	 * unless the next character could extend them */
	bool multi = strchr("<>.:-=!&|+*/%^", (char)(c3 & 0xFF)) &&
		     (c3 >> 8 & 0xFF) && strchr("<>.:=&|", (char)(c3 >> 8 & 0xFF));
	for (size_t i = 0; multi && i < sizeof(punct3) / sizeof(*punct3) && !n; i++)
		if (c3 == punct3[i])
			n = 3, code = c3;
	for (size_t i = 0; multi && i < sizeof(punct2) / sizeof(*punct2) && !n; i++)
		if ((c3 & 0xFFFF) == punct2[i])
			n = 2, code = c3 & 0xFFFF;
	if (!n && at(lx, 0) > 0 && strchr("+-*/%^!&|=<>@.,;:#$?~{}[]()", at(lx, 0)))
		n = 1, code = c3 & 0xFF;
	if (!n)
		return error_tok(lx, start, loc, "unexpected character");
	advance_to(lx, lx->pos + n);
	tl_token t = make(lx, TL_TOK_PUNCT, start, loc);
	t.punct = code;
	return t;
}

static tl_token lex_token(tl_rlex *lx)
{
	tl_token t;
	tl_loc loc;
	if (skip_trivia(lx, &t, &loc))
		return t;
	size_t start = lx->pos;
	int c = at(lx, 0), c1 = at(lx, 1), c2 = at(lx, 2);
	if (c < 0) {
		t = make(lx, TL_TOK_EOF, start, loc);
		return t;
	}
	/* prefixed literals before identifiers: r"", r#"", br"", b"", b'', c"" */
	if (c == 'r' && (c1 == '"' || (c1 == '#' && (c2 == '"' || c2 == '#'))))
		return lex_string(lx, start, loc, 1, true);
	if ((c == 'b' || c == 'c') && c1 == 'r' && (c2 == '"' || c2 == '#'))
		return lex_string(lx, start, loc, 2, true);
	if ((c == 'b' || c == 'c') && c1 == '"')
		return lex_string(lx, start, loc, 1, false);
	if (c == 'b' && c1 == '\'')
		return lex_quote(lx, start, loc, 1);
	if (c == 'r' && c1 == '#' && c2 >= 0 && is_ident_start((unsigned char)c2)) {
		advance_to(lx, lx->pos + 2);
		while (lx->pos < lx->len &&
		       is_ident_cont((unsigned char)lx->text[lx->pos]))
			advance_to(lx, lx->pos + 1);
		t = make(lx, TL_TOK_IDENT, start + 2, loc);
		t.raw = true;
		return t;
	}
	if (is_ident_start((unsigned char)c)) {
		size_t e = lx->pos + 1;
		while (e < lx->len && is_ident_cont((unsigned char)lx->text[e]))
			e++;
		advance_cols(lx, e - lx->pos);
		return make(lx, TL_TOK_IDENT, start, loc);
	}
	if (is_digit((unsigned char)c))
		return lex_number(lx, start, loc);
	if (c == '"')
		return lex_string(lx, start, loc, 0, false);
	if (c == '\'')
		return lex_quote(lx, start, loc, 0);
	return lex_punct(lx, start, loc);
}

void tl_rlex_init_tokens(tl_rlex *lx, const tl_token *toks, size_t n,
			 size_t first, tl_loc end)
{
	memset(lx, 0, sizeof(*lx));
	lx->text = "";
	lx->replay = true;
	lx->toks = toks;
	lx->ntoks = n;
	lx->tpos = first < n ? first : n;
	lx->end = end;
	lx->start = end;
}

size_t tl_rlex_tell(const tl_rlex *lx)
{
	return lx->tlast;
}

/* The next token of the array and its index (ntoks for the EOF). */
static tl_token replay_token(tl_rlex *lx, size_t *index)
{
	*index = lx->tpos;
	if (lx->tpos < lx->ntoks)
		return lx->toks[lx->tpos++];
	tl_token t = {0};
	t.kind = TL_TOK_EOF;
	t.text = "";
	t.loc = lx->end;
	return t;
}

tl_token tl_rlex_next(tl_rlex *lx)
{
	if (lx->has_peek) {
		lx->has_peek = false;
		lx->tlast = lx->tpeek;
		return lx->peeked;
	}
	if (lx->replay)
		return replay_token(lx, &lx->tlast);
	tl_token t = lex_token(lx);
	if (lx->fixed_loc)
		t.loc = lx->start;
	return t;
}

const tl_token *tl_rlex_peek(tl_rlex *lx)
{
	if (!lx->has_peek) {
		size_t last = lx->tlast;
		lx->peeked = tl_rlex_next(lx);
		lx->tpeek = lx->tlast;
		lx->tlast = last;
		lx->has_peek = true;
	}
	return &lx->peeked;
}

bool tl_tok_is(const tl_token *t, const char *kw)
{
	return t->kind == TL_TOK_IDENT && !t->raw && t->len && kw[0] == t->text[0] &&
	       strlen(kw) == t->len && memcmp(t->text, kw, t->len) == 0;
}

/* Strict and reserved keywords (Rust Reference, "Keywords"), by length:
 * type names are looked up by the thousand, so the test is a length
 * switch and a few memcmp, not a scan of every keyword. */
static const char *const keywords2[] = {"as", "do", "fn", "if", "in", NULL};
/* not `try` (2018) nor `gen` (2024): crates of earlier editions use them
 * as names (serde_derive's `mod try`, syn's `mod gen`), and no item or
 * type of a later edition reads differently with them as identifiers (try
 * and gen blocks are expressions) */
static const char *const keywords3[] = {"box", "dyn", "for", "let", "mod", "mut",
					"pub", "ref", "use", NULL};
static const char *const keywords4[] = {"else", "enum", "impl", "loop", "move",
					"priv", "self", "Self", "true", "type",
					NULL};
static const char *const keywords5[] = {"async", "await", "break", "const",
					"crate", "false", "final", "macro",
					"match", "super", "trait", "where",
					"while", "yield", NULL};
static const char *const keywords6[] = {"become", "extern", "return", "static",
					"struct", "typeof", "unsafe", NULL};
static const char *const keywords7[] = {"unsized", "virtual", NULL};
static const char *const keywords8[] = {"abstract", "continue", "override", NULL};

/* The first letters of the keywords of each length above, bit c - 'a'
 * or 26 + c - 'A' (test_typeexpr checks every keyword): most type names
 * (u8, T0, Vec, String) are turned away by this test alone. */
static const uint64_t first_letters[] = {
	0, 0, 0x129, 0x12982a, 0x1000000c9910, 0x14c1027, 0x1e0012, 0x300000,
	0x4005,
};

bool tl_tok_is_keyword(const tl_token *t)
{
	static const char *const *const by_len[] = {
		NULL, NULL, keywords2, keywords3, keywords4, keywords5,
		keywords6, keywords7, keywords8,
	};
	if (t->kind != TL_TOK_IDENT || t->raw || t->len < 2 || t->len > 8)
		return false;
	unsigned char c = (unsigned char)t->text[0];
	unsigned bit = c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') :
		       c >= 'A' && c <= 'Z' ? 26u + (unsigned)(c - 'A') : 63u;
	if (!((first_letters[t->len] >> bit) & 1))
		return false;
	for (const char *const *k = by_len[t->len]; *k; k++)
		if ((*k)[0] == t->text[0] && memcmp(*k, t->text, t->len) == 0)
			return true;
	return false;
}

int tl_tok_angle_delta(const tl_token *t)
{
	if (t->kind != TL_TOK_PUNCT)
		return 0;
	switch (t->punct) {
	case '<': return 1;
	case TL_P2('<', '<'): return 2;
	case '>': case TL_P2('>', '='): return -1;
	case TL_P2('>', '>'): case TL_P3('>', '>', '='): return -2;
	}
	return 0;
}
