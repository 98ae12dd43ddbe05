/*
 * A lexer for Rust source text: the tokens of type expressions inside YAML
 * strings, of `--type` arguments, and of whole `.rs` files.
 *
 * The lexer works in place over a caller-owned buffer (no copies, no
 * allocation): a token's text points into that buffer, which must outlive
 * the tokens. Locations are 1-based lines and 1-based *byte* columns
 * (diag.h's unit), counted from the (line, col) given to tl_rlex_init, so a
 * string found at line 7, column 12 of a YAML file lexes with exact carets.
 *
 * Usage:
 *	tl_rlex lx;
 *	tl_rlex_init(&lx, text, len, file, line, col);
 *	for (tl_token t = tl_rlex_next(&lx); t.kind != TL_TOK_EOF; ...)
 */
#ifndef TL_FRONT_RUST_LEX_H
#define TL_FRONT_RUST_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/diag.h"

typedef enum tl_tok_kind {
	TL_TOK_EOF,
	TL_TOK_IDENT,    /* foo, r#type (raw = true, text without "r#"), _ */
	TL_TOK_LIFETIME, /* 'a, 'static, '_ (text includes the quote) */
	TL_TOK_INT,      /* 42, 0xff_u8: digits in text[0..suffix), suffix after */
	TL_TOK_FLOAT,    /* 1.5, 1e9, 2.0f32 */
	TL_TOK_CHAR,     /* 'x', b'x' (text includes quotes and prefix) */
	TL_TOK_STR,      /* "..", b"..", r#".."#, c".." (as written) */
	TL_TOK_PUNCT,    /* punct holds the packed characters, see TL_P */
	TL_TOK_DOC,      /* doc comments (/// and the block form), when keep_doc */
	TL_TOK_ERROR     /* error holds a message; the token covers the bad text */
} tl_tok_kind;

/* Punctuation is packed: the first character in the low byte, so `::` is
 * TL_P2(':', ':') and single characters compare with their char value.
 * Splitting `>>` into two `>` is then `punct >> 8`. */
#define TL_P2(a, b) ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8)
#define TL_P3(a, b, c) (TL_P2(a, b) | (uint32_t)(unsigned char)(c) << 16)

typedef struct tl_token {
	tl_tok_kind kind;
	uint32_t punct;    /* PUNCT */
	const char *text;  /* into the lexed buffer */
	size_t len;
	size_t suffix;     /* INT/FLOAT/STR/CHAR: offset of the suffix, == len if none */
	tl_loc loc;
	bool raw;          /* IDENT: r#ident; STR: raw string */
	bool inner_doc;    /* DOC: the inner forms (//! and its block form) */
	const char *error; /* ERROR: static message (lowercase, no period) */
} tl_token;

typedef struct tl_rlex {
	const char *text;
	size_t len;
	size_t pos;
	uint32_t file;
	uint32_t line;
	uint32_t col;
	tl_loc start;      /* where the text starts */
	/* every token gets the starting location (for text whose characters
	 * do not map one-to-one onto the source, e.g. a YAML string with
	 * escapes): set after tl_rlex_init */
	bool fixed_loc;
	/* return doc comments as TL_TOK_DOC instead of skipping them */
	bool keep_doc;
	bool has_peek;
	tl_token peeked;
	/* replay mode (tl_rlex_init_tokens): the tokens come from `toks`
	 * instead of `text`, then TL_TOK_EOF at `end` forever */
	bool replay;
	const tl_token *toks;
	size_t ntoks;
	size_t tpos;       /* index of the next token to return */
	size_t tlast;      /* index of the token returned last */
	size_t tpeek;      /* index of the peeked token */
	tl_loc end;
} tl_rlex;

void tl_rlex_init(tl_rlex *lx, const char *text, size_t len, uint32_t file,
		  uint32_t line, uint32_t col);
/* Replays a token array (a macro expansion) as if it were lexed, from
 * index `first`; `end` is the location of the TL_TOK_EOF that follows.
 * The array must outlive the lexer. */
void tl_rlex_init_tokens(tl_rlex *lx, const tl_token *toks, size_t n,
			 size_t first, tl_loc end);
/* In replay mode: the index of the token tl_rlex_next returned last
 * (peeking does not count); ntoks once at the end. */
size_t tl_rlex_tell(const tl_rlex *lx);
/* The next token; TL_TOK_EOF forever at the end. */
tl_token tl_rlex_next(tl_rlex *lx);
/* The token tl_rlex_next would return, without consuming it. */
const tl_token *tl_rlex_peek(tl_rlex *lx);

/* True if `t` is the identifier `kw` (raw identifiers are never keywords). */
bool tl_tok_is(const tl_token *t, const char *kw);
/* True for Rust's strict keywords (fn, struct, as, ...): not usable as names. */
bool tl_tok_is_keyword(const tl_token *t);
/* The change of angle-bracket depth at t where `<` and `>` are brackets
 * (types, generic arguments): `<` +1, `<<` +2, `>` and `>=` -1, `>>` and
 * `>>=` -2, anything else 0. */
int tl_tok_angle_delta(const tl_token *t);

#endif
