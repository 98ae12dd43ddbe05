/*
 * Recursive-descent parser for the Rust syntax typelayout reads: type
 * expressions, constant expressions, generic parameter lists, enum variant
 * declarations and field lists. It builds the syntax structs of model.h
 * (tl_texpr, tl_cexpr, tl_garg, tl_gparam, tl_field, tl_variant) in the
 * context's arena.
 *
 * One parser is initialised per front-end run and reused for many texts
 * (tl_rparse_begin), so its scratch stacks are allocated once: nested lists
 * (generic arguments, tuple elements, fields) are pushed on a stack and
 * copied into the arena at their final size when the list closes.
 *
 * Errors: the first syntax error of a text is recorded as a diagnostic
 * (id "type-syntax") with its exact location; the parser then marks itself
 * failed and every entry point returns NULL/false until the next begin.
 * Nesting is limited to TL_RPARSE_MAX_DEPTH, so hostile input cannot
 * exhaust the C stack.
 *
 * The entry points parse at the current token and leave the parser on the
 * token after what they read, so a later `.rs` item parser can drive them
 * over a whole file (tl_rparse_begin on the file, then its own loop).
 */
#ifndef TL_FRONT_RUST_PARSE_H
#define TL_FRONT_RUST_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "front/rust_lex.h"
#include "model/ctx_internal.h"
#include "model/syntax_print.h"
#include "util/strbuf.h"
#include "util/vec.h"

#define TL_RPARSE_MAX_DEPTH 256

typedef struct tl_rparse {
	tl_ctx *ctx;
	tl_rlex lx;
	tl_token cur;
	unsigned depth;
	bool failed;
	/* A macro invocation in type position (`Token![as]`), with the
	 * current token at its `!` (segs: the path before it, interned):
	 * the .rs front end sets this to expand its crate's macros. It must
	 * consume the invocation and return the type, or NULL with an error
	 * recorded. NULL hook: `path!` in a type is a syntax error. */
	const tl_texpr *(*type_macro)(void *user, struct tl_rparse *p,
				      const char *const *segs, uint32_t nsegs,
				      tl_loc loc);
	void *type_macro_user;
	/* where syntax nodes go (type and constant expressions, their
	 * arrays): the context's arena, unless the caller keeps syntax that
	 * only resolution reads apart (ctx->syntax, see front_yaml_fields.c) */
	tl_arena *syn;
	/* when set (YAML variants), a tuple field whose type is one name gets
	 * the shared node of that name (tl_rparse_simple_path) */
	tl_noted *shared_paths;
	/* scratch stacks (malloc), see the file comment */
	TL_VEC(const tl_texpr *) tys;
	TL_VEC(tl_garg) gargs;
	TL_VEC(const char *) segs;
	TL_VEC(tl_field) fields;
	TL_VEC(tl_gparam) gparams;
	tl_strbuf sb; /* normalised text of dyn bounds and fn signatures */
} tl_rparse;

void tl_rparse_init(tl_rparse *p, tl_ctx *ctx);
void tl_rparse_release(tl_rparse *p);

/* Starts on a new text at `start`; `fixed_loc` gives every token that
 * location (see tl_rlex). Clears the failed state. */
void tl_rparse_begin(tl_rparse *p, const char *text, size_t len, tl_loc start,
		     bool fixed_loc);

/* Starts on a token array instead of a text (a macro expansion, see
 * tl_rlex_init_tokens): from index `first`, with the EOF at `end`. */
void tl_rparse_begin_tokens(tl_rparse *p, const tl_token *toks, size_t n,
			    size_t first, tl_loc end);

/* ---- entry points: parse at the current token ---- */

/* A type: `u8`, `Vec<T>`, `&'a mut [u8]`, `fn(i32) -> i32`, `dyn A + B`. */
const tl_texpr *tl_rparse_type(tl_rparse *p);
/* The whole of text[0..len) as one type, its first character at `start`,
 * with a parser of its own (nodes in the context's arena); NULL once the
 * error is reported. */
const tl_texpr *tl_rparse_type_text(tl_ctx *ctx, const char *text, size_t len,
				    tl_loc start);
/* A constant expression: literals, `true`/`false`, paths, unary - !,
 * binary + - * / % << >> & | ^, comparisons, && || with Rust precedence,
 * parentheses, braces, `as` casts, size_of::<T>() and align_of::<T>()
 * (rust_parse_cexpr.c). */
const tl_cexpr *tl_rparse_cexpr(tl_rparse *p);
/* An optional generic parameter list `<T: ?Sized, const N: usize, U = u8>`
 * (nothing to do when the current token is not `<`). Lifetime parameters
 * are accepted and dropped: layouts do not depend on them. */
bool tl_rparse_generics(tl_rparse *p, tl_gparam **out, uint32_t *n);
/* A variant declaration: `Empty`, `Ok = 200`, `Number(i32)`,
 * `Moved { x: i32, y: i32 }`, `V(u8) = 3`. */
bool tl_rparse_variant(tl_rparse *p, tl_variant *out);
/* A field list after its opening `(` or `{` (already consumed), up to and
 * including the closing delimiter. Named fields are `name: T`; tuple fields
 * are named "0", "1", ... Visibility (`pub`, `pub(crate)`) is skipped. */
bool tl_rparse_fields(tl_rparse *p, bool named, tl_field **out, uint32_t *n);
/* An identifier (not a keyword); `what` names it in the error message. */
bool tl_rparse_ident(tl_rparse *p, const char *what, const char **name,
		     tl_loc *loc);
/* Consumes the current token if it is `punct`. */
bool tl_rparse_eat(tl_rparse *p, uint32_t punct);
/* Requires `punct`: "expected '<punct>' <context>, found ..." otherwise. */
bool tl_rparse_expect(tl_rparse *p, uint32_t punct, const char *context);
/* Requires the end of the text: "unexpected X after <what>". */
bool tl_rparse_end(tl_rparse *p, const char *what);
/* Records a syntax error at `loc` (only the first per text counts). */
void tl_rparse_error(tl_rparse *p, tl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Whether `text` is one ASCII identifier, not a keyword nor `_`: what the
 * lexer would read as a single identifier token, the whole text. */
bool tl_rparse_plain_ident(const char *text, size_t len);
/* The end of the run of ASCII identifier characters (letters, digits,
 * `_`) in text[0..len) that starts at `i`. */
size_t tl_rparse_ident_end(const char *text, size_t i, size_t len);

/* The type expression for `text` when it is a single identifier (`u32`,
 * `String`): the same node tl_rparse_type would build, without lexing.
 * NULL when `text` is anything else (keywords and `_` included); then parse
 * it normally. Most field types in real inputs take this path. With
 * `shared` (name -> node, in the names' front notes), one node marked
 * `shared` serves every use of a name: the caller keeps each use's
 * location. */
const tl_texpr *tl_rparse_simple_path(tl_ctx *ctx, tl_arena *syn,
				      tl_noted *shared, const char *text,
				      size_t len, tl_loc loc);

/* ---- shared between the parser's files (not for front ends) ---- */
void tl_rparse__advance(tl_rparse *p);
/* Out of memory: recorded, the parse stops; returns NULL. */
void *tl_rparse__oom(tl_rparse *p);
/* The current token is the punctuation `punct`. */
bool tl_rparse__is(const tl_rparse *p, uint32_t punct);
bool tl_rparse__enter(tl_rparse *p);
const char *tl_rparse__desc(const tl_token *t, char *buf, size_t size);
const char *tl_rparse__intern_tok(tl_rparse *p, const tl_token *t);
const tl_texpr *const *tl_rparse__pop_tys(tl_rparse *p, size_t mark,
					  uint32_t *n);
bool tl_rparse__eat_gt(tl_rparse *p);
const tl_texpr *tl_rparse__type(tl_rparse *p, bool allow_plus);
bool tl_rparse__gargs(tl_rparse *p, const char *owner, const tl_garg **out,
		      uint32_t *n);
tl_texpr *tl_rparse__new_tx(tl_rparse *p, tl_tx_kind kind, tl_loc loc);
bool tl_rparse__push_ty(tl_rparse *p, const tl_texpr *t);
bool tl_rparse__path_keyword(const tl_token *t);
/* One segment of a path at the current token (a name, or self, super,
 * crate, Self) pushed on p->segs, and moved past; else "expected <what>,
 * found ..." is reported. False to end the path. */
bool tl_rparse__path_segment(tl_rparse *p, const char *what);
/* rust_parse_bounds.c */
void tl_rparse__skip_for(tl_rparse *p);
const tl_texpr *tl_rparse__fnptr(tl_rparse *p);
const tl_texpr *tl_rparse__dyn(tl_rparse *p, bool allow_plus);
/* A trait path (printed to p->sb); *last (may be NULL) gets its last
 * segment, interned. */
bool tl_rparse__trait_path(tl_rparse *p, const char **last);
const tl_cexpr *tl_rparse__literal(tl_rparse *p);
bool tl_rparse__bounds(tl_rparse *p, bool allow_plus, bool *maybe_unsized);

#endif
