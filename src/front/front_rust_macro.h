/*
 * macro_rules! for the `.rs` front end (Rust Reference, "Macros By
 * Example"): reading a definition's rules, matching an invocation against
 * them, transcribing the first rule that matches. The engine works on
 * token arrays only; front_rust_expand.c collects the tokens of
 * definitions and invocations from the item parser, keeps the macros in
 * scope, and replays each expansion through the item parser.
 *
 *  front_rust_macro_def.c    definitions: matchers and transcribers as trees
 *  front_rust_macro_match.c  matching, the fragment rules ($x:ty, $x:expr..)
 *  front_rust_macro_subst.c  transcription; rs_macro_expand
 *
 * Tokens are copied by value, so an expansion's tokens keep the text and
 * the location of the token they came from (the macro's body, or the
 * invocation for a fragment): an item made by a macro is located where
 * its tokens are written, as rustc's def spans are.
 */
#ifndef TL_FRONT_FRONT_RUST_MACRO_H
#define TL_FRONT_FRONT_RUST_MACRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/rust_lex.h"
#include "model/ctx_internal.h"
#include "util/vec.h"

#define ID_RS_MACRO "bad-macro"

/* Limits against hostile input (doc/rust-frontend.md, "Macros"). */
#define RS_MACRO_MAX_CSTACK 256        /* expansions read inside each
					* other on the C stack (tail
					* invocations are not) */
#define RS_MACRO_MAX_NEST 128          /* delimiters nested in a definition */
/* winapi with every feature, the largest user measured: 18672
 * expansions, 2.0M tokens, 1.1M steps */
#define RS_MACRO_MAX_TOKENS (1u << 17) /* tokens of one expansion */
#define RS_MACRO_MAX_TOTAL (1u << 23)  /* tokens of all expansions of a crate */
#define RS_MACRO_MAX_CALLS (1u << 18)  /* expansions of a crate */
#define RS_MACRO_MAX_STEPS (1u << 25)  /* matching work of a crate */

typedef enum rs_frag {
	RS_FRAG_IDENT,
	RS_FRAG_LIFETIME,
	RS_FRAG_LITERAL,
	RS_FRAG_TT,
	RS_FRAG_BLOCK,
	RS_FRAG_VIS,
	RS_FRAG_ITEM,
	RS_FRAG_STMT,
	RS_FRAG_EXPR,
	RS_FRAG_TY,
	RS_FRAG_PATH,
	RS_FRAG_PAT,
	RS_FRAG_PAT_PARAM,
	RS_FRAG_META
} rs_frag;

typedef enum rs_mkind {
	RS_M_TOK,   /* a token, matched or copied as it is */
	RS_M_GROUP, /* ( ... ), [ ... ], { ... } */
	RS_M_VAR,   /* $name:frag in a matcher, $name in a transcriber */
	RS_M_REP,   /* $( ... ) separator? op */
	RS_M_CRATE  /* $crate */
} rs_mkind;

typedef struct rs_mnode rs_mnode;
struct rs_mnode {
	rs_mkind kind;
	rs_frag frag;            /* VAR in a matcher */
	char op;                 /* REP: '*', '+' or '?' */
	bool has_sep;            /* REP */
	tl_token tok;            /* TOK; GROUP: the opening delimiter; VAR and
				  * REP: the `$`; CRATE: `crate` */
	tl_token tok2;           /* GROUP: the closing delimiter; VAR: the
				  * name; REP: the separator */
	const char *name;        /* VAR (interned) */
	const rs_mnode *kids;    /* GROUP, REP */
	uint32_t nkids;
	const char *const *vars; /* REP: the variables inside, at any depth */
	uint32_t nvars;
};

typedef struct rs_rule {
	const rs_mnode *lhs;     /* the matcher, without its delimiters */
	uint32_t nlhs;
	const rs_mnode *rhs;     /* the transcriber, without its delimiters */
	uint32_t nrhs;
} rs_rule;

typedef struct rs_macro {
	const char *name;        /* interned */
	tl_loc loc;
	const rs_rule *rules;
	uint32_t nrules;
	bool exported;           /* #[macro_export] */
} rs_macro;

typedef TL_VEC(tl_token) rs_tokvec;

/* What the expansions of one crate may still use up; the engine counts
 * down and sets the flag of the budget that ran out. */
typedef struct rs_budget {
	size_t tokens;           /* tokens this expansion may produce */
	size_t steps;            /* matching steps */
	bool tokens_out;
	bool steps_out;
} rs_budget;

/* ---- front_rust_macro_def.c ---- */

/* Reads the rules of `macro_rules! name { ... }` from `toks`, the tokens
 * between the braces. The macro and its rules live in the context's
 * arena. NULL after an error, which is recorded (id "bad-macro"). */
rs_macro *rs_macro_define(tl_ctx *ctx, const char *name, tl_loc loc,
			  const tl_token *toks, size_t n);

/* For each opening delimiter in toks[0..n), the index of its closing one
 * (n when it is never closed); other entries are unused. Delimiters pair
 * by depth alone, as rs_skip_tree counts them. malloc'd; NULL when out
 * of memory. */
uint32_t *rs_macro_pairs(const tl_token *toks, size_t n);

bool rs_tok_open(const tl_token *t);
bool rs_tok_close(const tl_token *t);
bool rs_tok_punct(const tl_token *t, uint32_t punct);

/* ---- front_rust_macro_match.c ---- */

#define RS_NONE UINT32_MAX

/* A binding of a matcher variable: a fragment (a run of input tokens) or,
 * for a variable inside a repetition, the sequence of its bindings, one
 * per repetition, linked by `next`. */
typedef struct rs_bind {
	const char *name;
	rs_frag frag;
	bool seq;
	uint32_t start, len;     /* fragment: in[start .. start + len) */
	uint32_t first, last;    /* sequence: its items */
	uint32_t count;
	uint32_t next;           /* the next item of the enclosing sequence */
} rs_bind;

typedef struct rs_match {
	const tl_token *in;
	size_t n;
	const uint32_t *close;   /* rs_macro_pairs(in, n) */
	TL_VEC(rs_bind) binds;
	TL_VEC(uint32_t) env;    /* the bindings in scope, innermost last */
	rs_budget *budget;
	bool oom;
} rs_match;

/* Matches in[0..n) against `rule`; on success the rule's top-level
 * bindings are mt->env. Starts by clearing mt->binds and mt->env. */
bool rs_macro_match(rs_match *mt, const rs_rule *rule);
/* The index after the token tree at i (a delimited group or one token). */
size_t rs_tree_end(const rs_match *mt, size_t i);

/* ---- front_rust_macro_subst.c ---- */

/* Expands one invocation of `m`: `in` holds the tokens between the
 * invocation's delimiters; the expansion is appended to `out`. Errors
 * (no rule matches, a transcription error) are recorded at `call` or at
 * the offending token of the macro, and give TL_EINPUT. Running out of a
 * budget gives TL_ELIMIT with no diagnostic (the caller words it). */
tl_status rs_macro_expand(tl_ctx *ctx, const rs_macro *m, const tl_token *in,
			  size_t n, tl_loc call, rs_budget *budget,
			  rs_tokvec *out);

#endif
