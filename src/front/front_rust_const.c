/*
 * `const` items used by array lengths and discriminants. Their values are
 * parsed only when something uses them (most constants of real code are
 * strings, tables or calls we need not read), then evaluated per target
 * with the typed rules of const_eval.c, the declared type giving the
 * literal types (`const LEN: usize = 4 * 16;` is usize arithmetic).
 * Names inside a value resolve from the constant's own module.
 */
#include <string.h>

#include "front/const_eval.h"
#include "front/front_rust_int.h"

typedef struct const_scope {
	tl_ctx *ctx;
	const rs_item *c;
	unsigned t;
} const_scope;

#define MAX_SEGS 32

static int scoped_lookup(void *user, const tl_cexpr *path, tl_prim *type,
			 tl_u128 *value)
{
	const_scope *s = user;
	const char *const *segs = path->segs;
	uint32_t n = path->nsegs;
	const char *buf[MAX_SEGS];
	/* `Self::OTHER` in an associated const: the impl's self type */
	if (s->c->owner && n > 1 && !strcmp(segs[0], "Self") &&
	    s->c->nowner + n - 1 <= MAX_SEGS) {
		memcpy(buf, s->c->owner, s->c->nowner * sizeof(*buf));
		memcpy(buf + s->c->nowner, segs + 1, (n - 1) * sizeof(*buf));
		segs = buf;
		n = s->c->nowner + n - 1;
	}
	rs_found f = rs_resolve(s->ctx, s->c->mod, segs, n, false,
				RS_NS_VALUE, s->t);
	if (f.res != TL_RUST_RES_DEF)
		return 0;
	return rs_const_answer(s->ctx, f.item, s->t, type, value);
}

int rs_const_answer(tl_ctx *ctx, rs_item *c, unsigned t, tl_prim *type,
		    tl_u128 *value)
{
	if (!c->cint)
		return 0;
	*type = c->ctype;
	if (!rs_const_value(ctx, c, t, true))
		return TL_CX_FAILED;
	*value = c->cval[t];
	return 1;
}

bool rs_const_parse(tl_ctx *ctx, rs_item *c)
{
	if (c->cexpr || !c->cint)
		return c->cexpr != NULL;
	if (c->cparse_failed)
		return false;
	tl_rparse p;
	tl_rparse_init(&p, ctx);
	if (c->cfrom_macro)
		tl_rparse_begin_tokens(&p, c->ctoks, c->nctoks, 0, c->cend);
	else
		tl_rparse_begin(&p, c->ctext, c->clen, c->cloc, false);
	const tl_cexpr *e = tl_rparse_cexpr(&p);
	if (e && tl_rparse_end(&p, "the constant's value"))
		c->cexpr = e;
	tl_rparse_release(&p);
	c->cparse_failed = c->cexpr == NULL;
	return c->cexpr != NULL;
}

bool rs_const_value(tl_ctx *ctx, rs_item *c, unsigned t, bool quiet)
{
	if (c->kind != RS_CONST || !c->cint || t >= RS_MAX_TARGETS ||
	    !((c->mask >> t) & 1))
		return false;
	switch (c->cstate[t]) {
	case 2:
		return true;
	case 3:
		return false;
	case 1:
		if (!quiet)
			tl_error(ctx, c->loc, "const-eval",
				 "cycle detected when evaluating constant '%s'",
				 c->name);
		return false;
	}
	if (!rs_const_parse(ctx, c)) {
		c->cstate[t] = 3;
		return false;
	}
	c->cstate[t] = 1;
	const_scope s = {ctx, c, t};
	tl_cx_env env = {quiet ? NULL : ctx, 64, scoped_lookup, &s};
	tl_u128 v = 0;
	tl_status st = tl_cexpr_eval(&env, c->cexpr, c->ctype, &v, NULL);
	c->cstate[t] = st ? 3 : 2;
	c->cval[t] = v;
	return st == TL_OK;
}
