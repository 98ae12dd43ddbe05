/*
 * Attributes. Only four change what we compute: `cfg` (whether an item,
 * field or variant exists), `cfg_attr` (an attribute under a condition),
 * `repr` (the layout rules) and `path` (where a module file is). Every
 * other attribute (`derive`, `doc`, `serde(...)`, `non_exhaustive`,
 * `allow`...) is read as a balanced token tree and dropped. Syntax as in the
 * Rust Reference, "Attributes" and "Conditional compilation".
 */
#include <string.h>

#include "front/front_rust_int.h"
#include "util/u128.h"

void rs_attrs_init(rs_attrs *a)
{
	memset(a, 0, sizeof(*a));
}

void rs_attrs_release(rs_attrs *a)
{
	TL_VEC_FREE(a->reprs);
}

const rs_repr *rs_attrs_reprs(rs_load *ld, const rs_attrs *a, uint32_t *n)
{
	*n = (uint32_t)a->reprs.len;
	if (!*n)
		return NULL;
	const rs_repr *r = tl_arena_memdup(&ld->ctx->arena, a->reprs.items,
					   *n * sizeof(*r));
	return r ? r : rs_oom(ld);
}

static bool pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* `(N)` after packed/align: an unsuffixed integer literal. */
static bool repr_arg(rs_load *ld, const char *hint, uint64_t *out)
{
	tl_rparse *p = &ld->p;
	tl_u128 v = 0;
	char b[64];
	if (!tl_rparse_expect(p, '(', hint[0] == 'a' ?
			      "after 'align' (repr(align(N)) needs an alignment)" :
			      "after 'packed'"))
		return false;
	if (p->cur.kind != TL_TOK_INT || p->cur.suffix != p->cur.len ||
	    !tl_u128_parse(p->cur.text, p->cur.len, &v)) {
		rs_error(ld, p->cur.loc, ID_RS_REPR,
			 "expected an unsuffixed integer in repr(%s(..)), found %s",
			 hint, tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	tl_loc loc = p->cur.loc;
	tl_rparse__advance(p);
	if (!tl_rparse_expect(p, ')', "to close the repr argument"))
		return false;
	if (!pow2((uint64_t)v) || v > ((tl_u128)1 << 29)) {
		rs_error(ld, loc, ID_RS_REPR,
			 "invalid repr(%s(..)): %s", hint,
			 !pow2((uint64_t)v) || v >> 64 ? "not a power of two" :
			 "larger than 2^29");
		return false;
	}
	*out = (uint64_t)v;
	return true;
}

/* One hint of `repr(...)` at the current token. */
static bool repr_hint(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	rs_repr r = {cond, p->cur.loc, 0, 0, TL_PRIM_U8};
	char b[64];
	if (p->cur.kind != TL_TOK_IDENT) {
		rs_error(ld, p->cur.loc, ID_RS_REPR, "expected a repr hint, found %s",
			 tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	if (tl_tok_is(&p->cur, "C")) {
		r.flag = TL_REPR_C;
	} else if (tl_tok_is(&p->cur, "Rust")) {
		r.flag = 0;
	} else if (tl_tok_is(&p->cur, "transparent")) {
		r.flag = TL_REPR_TRANSPARENT;
	} else if (tl_tok_is(&p->cur, "simd")) {
		r.flag = TL_REPR_SIMD;
	} else if (tl_tok_is(&p->cur, "packed")) {
		r.flag = TL_REPR_PACKED;
		r.n = 1;
	} else if (tl_tok_is(&p->cur, "align")) {
		r.flag = TL_REPR_ALIGN;
	} else if (tl_rust_int_prim(p->cur.text, p->cur.len, &r.prim)) {
		r.flag = TL_REPR_INT;
	} else {
		rs_error(ld, p->cur.loc, ID_RS_REPR, "unknown repr hint '%.*s'",
			 (int)p->cur.len, p->cur.text);
		return false;
	}
	tl_rparse__advance(p);
	if (r.flag == TL_REPR_ALIGN || (r.flag == TL_REPR_PACKED && rs_is(ld, '('))) {
		if (!repr_arg(ld, r.flag == TL_REPR_ALIGN ? "align" : "packed", &r.n))
			return false;
	}
	if (!TL_VEC_PUSH(a->reprs, r)) {
		rs_oom(ld);
		return false;
	}
	return true;
}

static bool repr_list(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	if (!tl_rparse_expect(p, '(', "after 'repr'"))
		return false;
	while (!p->failed && !tl_rparse_eat(p, ')')) {
		if (!repr_hint(ld, cond, a))
			return false;
		if (!tl_rparse_eat(p, ',') && !rs_is(ld, ')'))
			tl_rparse_expect(p, ')', "to close the repr hints");
	}
	return !p->failed;
}

/* `path = "file.rs"` */
static bool path_attr(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a,
		      tl_loc loc)
{
	tl_rparse *p = &ld->p;
	if (!tl_rparse_expect(p, '=', "after 'path'"))
		return false;
	const tl_token *t = &p->cur;
	if (t->kind != TL_TOK_STR || t->text[0] != '"' ||
	    memchr(t->text, '\\', t->len)) {
		rs_error(ld, t->loc, ID_RS_SYNTAX,
			 "expected a plain string literal after 'path ='");
		return false;
	}
	rs_mask m = rs_cfg_eval(&ld->cfgs, cond);
	if (m != 0 && m != RS_ALL) {
		rs_error(ld, loc, ID_RS_UNSUPPORTED,
			 "a #[path] that differs between targets is not supported");
		return false;
	}
	if (m) {
		a->path = tl_intern(ld->ctx, t->text + 1, t->len - 2);
		a->path_loc = loc;
	}
	tl_rparse__advance(p);
	return !p->failed;
}

static bool attr_body(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a);

/* `cfg_attr(pred, attr, attr, ...)` */
static bool cfg_attr(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	if (!tl_rparse_expect(p, '(', "after 'cfg_attr'"))
		return false;
	const struct tl_cfg *pred = rs_cfg_parse(ld);
	if (!pred || !tl_rparse_expect(p, ',', "after the cfg_attr predicate"))
		return false;
	const struct tl_cfg *c = rs_cfg_and(ld, cond, pred);
	while (!p->failed && !tl_rparse_eat(p, ')')) {
		if (!tl_rparse__enter(p))
			return false;
		bool ok = attr_body(ld, c, a);
		p->depth--;
		if (!ok)
			return false;
		if (!tl_rparse_eat(p, ',') && !rs_is(ld, ')'))
			tl_rparse_expect(p, ')', "to close cfg_attr");
	}
	return !p->failed;
}

/* One attribute inside `#[...]` (or inside cfg_attr), under `cond`. */
static bool attr_body(rs_load *ld, const struct tl_cfg *cond, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	tl_loc loc = p->cur.loc;
	char b[64];
	if (p->cur.kind != TL_TOK_IDENT) {
		rs_error(ld, loc, ID_RS_SYNTAX, "expected an attribute, found %s",
			 tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	bool single = !(tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
			tl_rlex_peek(&p->lx)->punct == TL_P2(':', ':'));
	if (single && tl_tok_is(&p->cur, "cfg")) {
		tl_rparse__advance(p);
		if (!tl_rparse_expect(p, '(', "after 'cfg'"))
			return false;
		const struct tl_cfg *c = rs_cfg_parse(ld);
		if (!c || !tl_rparse_expect(p, ')', "to close the cfg predicate"))
			return false;
		a->cfg = rs_cfg_and(ld, a->cfg, cond ? rs_cfg_implies(ld, cond, c) : c);
		return !p->failed;
	}
	if (single && tl_tok_is(&p->cur, "cfg_attr")) {
		tl_rparse__advance(p);
		return cfg_attr(ld, cond, a);
	}
	if (single && tl_tok_is(&p->cur, "repr")) {
		tl_rparse__advance(p);
		return repr_list(ld, cond, a);
	}
	if (single && tl_tok_is(&p->cur, "path")) {
		tl_rparse__advance(p);
		return path_attr(ld, cond, a, loc);
	}
	/* any other attribute: a path, then nothing, `= value` or a group */
	if (single && tl_tok_is(&p->cur, "macro_use"))
		a->macro_use = true;
	if (single && tl_tok_is(&p->cur, "macro_export"))
		a->macro_export = true;
	if (single && tl_tok_is(&p->cur, "recursion_limit")) {
		tl_rparse__advance(p);
		const tl_token *v = tl_rlex_peek(&p->lx);
		tl_u128 n = 0;
		if (rs_is(ld, '=') && v->kind == TL_TOK_STR && v->len > 2 &&
		    v->text[0] == '"' &&
		    tl_u128_parse(v->text + 1, v->len - 2, &n) && n)
			a->recursion_limit = n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)n;
	}
	while (p->cur.kind == TL_TOK_IDENT || rs_is(ld, TL_P2(':', ':')))
		tl_rparse__advance(p);
	if (tl_rparse_eat(p, '=')) {
		while (!p->failed && p->cur.kind != TL_TOK_EOF && !rs_is(ld, ']') &&
		       !rs_is(ld, ',') && !rs_is(ld, ')'))
			rs_skip_tree(ld);
	} else if (rs_is(ld, '(') || rs_is(ld, '[') || rs_is(ld, '{')) {
		rs_skip_tree(ld);
	}
	return !p->failed;
}

/* `#[...]` or `#![...]` with the `#` (and `!`) consumed. */
static bool one_attr(rs_load *ld, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	if (!tl_rparse_expect(p, '[', "to start an attribute"))
		return false;
	/* `#[unsafe(no_mangle)]` (Rust 2024): never one we keep */
	if (tl_tok_is(&p->cur, "unsafe")) {
		tl_rparse__advance(p);
		rs_skip_tree(ld);
	} else if (!attr_body(ld, NULL, a)) {
		return false;
	}
	return tl_rparse_expect(p, ']', "to close the attribute");
}

bool rs_outer_attrs(rs_load *ld, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	while (!p->failed && rs_is(ld, '#')) {
		const tl_token *next = tl_rlex_peek(&p->lx);
		if (next->kind == TL_TOK_PUNCT && next->punct == '!') {
			rs_error(ld, p->cur.loc, ID_RS_SYNTAX,
				 "an inner attribute is not permitted here: '#![...]' must come before the items of a file or module");
			return false;
		}
		tl_rparse__advance(p);
		if (!one_attr(ld, a))
			return false;
	}
	return !p->failed;
}

bool rs_inner_attrs(rs_load *ld, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	while (!p->failed && rs_is(ld, '#')) {
		const tl_token *next = tl_rlex_peek(&p->lx);
		if (next->kind != TL_TOK_PUNCT || next->punct != '!')
			break;
		tl_rparse__advance(p);
		tl_rparse__advance(p);
		if (!one_attr(ld, a))
			return false;
	}
	return !p->failed;
}
