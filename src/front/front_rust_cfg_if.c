/*
 * `cfg_if!`, built in. The cfg-if crate's macro is how most low-level
 * crates pick definitions per platform (hashbrown's Group and
 * BitMaskWord, crossbeam-deque's re-exports, parking_lot_core's
 * ThreadParker), and as another crate's macro it is not expanded by the
 * macro_rules engine. It only selects items, so it is read directly:
 *
 *	cfg_if! {
 *	    if #[cfg(A)] { items... }
 *	    else if #[cfg(B)] { items... }
 *	    else { items... }
 *	}
 *
 * Each branch's items are read with the branch's cfg -- A; all(B, not(A));
 * not(any of them) -- ANDed to their own, so every target gets the branch
 * rustc would take. A crate's own `macro_rules! cfg_if` (libc has one)
 * takes precedence: this runs only when no such macro is in scope.
 */
#include <stdlib.h>

#include "front/front_rust_int.h"
#include "front/front_rust_macro.h"

static bool is_ident(const tl_token *t, const char *s)
{
	return t->kind == TL_TOK_IDENT && tl_tok_is(t, s);
}

/* The predicate in in[first, close) (inside `cfg( )`), read by the cfg
 * parser; NULL after an error (recorded). */
static const struct tl_cfg *predicate(rs_load *ld, const rs_tokvec *in,
				      size_t first, size_t close)
{
	tl_rparse saved = ld->p;
	tl_rparse_begin_tokens(&ld->p, in->items, close, first,
			       in->items[close].loc);
	const struct tl_cfg *c = rs_cfg_parse(ld);
	if (c && !ld->p.failed && ld->p.cur.kind != TL_TOK_EOF) {
		rs_error(ld, ld->p.cur.loc, ID_RS_CFG,
			 "expected ')' after the cfg predicate");
		c = NULL;
	}
	bool failed = ld->p.failed;
	rs_parser_restore(ld, &saved);
	return failed ? NULL : c;
}

/* Reads the branch body in[open + 1, close) as items under `cfg`. */
static void branch(rs_load *ld, rs_module *mod, const rs_tokvec *in,
		   size_t open, size_t close, const struct tl_cfg *cfg)
{
	rs_tokvec body = {0};
	for (size_t k = open + 1; k < close; k++) {
		if (!TL_VEC_PUSH(body, in->items[k])) {
			TL_VEC_FREE(body);
			rs_oom(ld);
			return;
		}
	}
	rs_replay_items(ld, mod, &body, in->items[close].loc, cfg);
	TL_VEC_FREE(body);
}

/* `if #[cfg(P)]` at in[i]: its predicate, and *next the index after `]`. */
static const struct tl_cfg *condition(rs_load *ld, const rs_tokvec *in,
				      const uint32_t *close, size_t i,
				      size_t *next)
{
	const tl_token *t = in->items;
	size_t n = in->len;
	if (!(i + 4 < n && rs_tok_punct(&t[i + 1], '#') &&
	      rs_tok_punct(&t[i + 2], '[') && is_ident(&t[i + 3], "cfg") &&
	      rs_tok_punct(&t[i + 4], '(')))
		return NULL;
	size_t rparen = close[i + 4], rbracket = close[i + 2];
	if (rparen >= n || rparen + 1 != rbracket)
		return NULL;
	*next = rbracket + 1;
	return predicate(ld, in, i + 5, rparen);
}

/* Walks the if / else if / else chain of `in`; false when it is not one. */
static bool chain(rs_load *ld, rs_module *mod, const rs_tokvec *in,
		  const uint32_t *close, const struct tl_cfg *outer)
{
	const struct tl_cfg *none = NULL; /* no earlier branch was taken */
	size_t i = 0, n = in->len;
	while (i < n) {
		bool is_if = is_ident(&in->items[i], "if");
		const struct tl_cfg *cond = NULL;
		if (is_if && !(cond = condition(ld, in, close, i, &i)))
			return false;
		if (i >= n || !rs_tok_punct(&in->items[i], '{') || close[i] >= n)
			return false;
		const struct tl_cfg *taken = is_if ? rs_cfg_and(ld, none, cond) : none;
		branch(ld, mod, in, i, close[i], rs_cfg_and(ld, outer, taken));
		i = close[i] + 1;
		if (!is_if)
			return i == n; /* nothing after the final else */
		none = rs_cfg_and(ld, none, rs_cfg_not(ld, cond));
		if (i < n && !is_ident(&in->items[i++], "else"))
			return false;
		if (i == n && is_ident(&in->items[i - 1], "else"))
			return false;
	}
	return true;
}

void rs_cfg_if(rs_load *ld, rs_module *mod, const rs_attrs *a, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	rs_tokvec in = {0};
	tl_loc end;
	uint32_t delim = rs_item_macro_args(p, &in, &end);
	uint32_t *close = delim && in.len ? rs_macro_pairs(in.items, in.len) : NULL;
	size_t errors = tl_error_count(ld->ctx);
	if (delim && in.len && !close)
		rs_oom(ld);
	else if (close && !p->failed && !ld->ctx->oom &&
		 !chain(ld, mod, &in, close, a->cfg) &&
		 tl_error_count(ld->ctx) == errors) /* else: said already */
		tl_error(ld->ctx, loc, ID_RS_MACRO,
			 "cannot read this cfg_if! invocation: expected 'if #[cfg(...)] { ... }', then 'else if #[cfg(...)] { ... }' or 'else { ... }'");
	free(close);
	TL_VEC_FREE(in);
}
