/*
 * `const` items used by array lengths and discriminants. Their values are
 * parsed only when something uses them (most constants of real code are
 * strings, tables or calls we need not read), then evaluated per target
 * with the typed rules of model/const_eval.c, the declared type giving the
 * literal types (`const LEN: usize = 4 * 16;` is usize arithmetic).
 * Names inside a value resolve from the constant's own module.
 *
 * A value that uses size_of/align_of, itself or through other constants,
 * is deferred: the front end cannot lay types out, so resolution inlines
 * the constant into the array length (tl_front_rust_const_body) and the
 * layout engine evaluates it per target.
 */
#include <string.h>

#include "front/front_rust_int.h"
#include "model/const_eval.h"

typedef struct const_scope {
	tl_ctx *ctx;
	const rs_item *c;
	unsigned t;
} const_scope;

#define MAX_SEGS 32

rs_item *rs_const_find(tl_ctx *ctx, const rs_item *from, unsigned t,
		       const tl_cexpr *path)
{
	const char *const *segs = path->segs;
	uint32_t n = path->nsegs;
	const char *buf[MAX_SEGS];
	if (path->kind != TL_CX_PATH)
		return NULL;
	/* `Self::OTHER` in an associated const: the impl's self type */
	if (from->kind == RS_CONST && from->owner && n > 1 &&
	    !strcmp(segs[0], "Self") && from->nowner + n - 1 <= MAX_SEGS) {
		memcpy(buf, from->owner, from->nowner * sizeof(*buf));
		memcpy(buf + from->nowner, segs + 1, (n - 1) * sizeof(*buf));
		segs = buf;
		n = from->nowner + n - 1;
	}
	rs_found f = rs_resolve(ctx, from->mod, segs, n, false, RS_NS_VALUE, t);
	return f.res == TL_RUST_RES_DEF ? f.item : NULL;
}

static int scoped_lookup(void *user, const tl_cexpr *path, tl_prim *type,
			 tl_u128 *value)
{
	const_scope *s = user;
	rs_item *c = rs_const_find(s->ctx, s->c, s->t, path);
	return c ? rs_const_answer(s->ctx, c, s->t, type, value) : 0;
}

int rs_const_answer(tl_ctx *ctx, rs_item *c, unsigned t, tl_prim *type,
		    tl_u128 *value)
{
	if (!c->cint)
		return 0;
	*type = c->ctype;
	if (!rs_const_value(ctx, c, t, true))
		return c->cstate[t] == RS_CONST_DEFERRED ? TL_CX_DEFERRED :
							   TL_CX_FAILED;
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
	case RS_CONST_DONE:
		return true;
	case RS_CONST_FAILED:
	case RS_CONST_DEFERRED:
		return false;
	case RS_CONST_BUSY:
		if (!quiet)
			tl_error(ctx, c->loc, "const-eval",
				 "cycle detected when evaluating constant '%s'",
				 c->name);
		return false;
	}
	if (!rs_const_parse(ctx, c)) {
		c->cstate[t] = RS_CONST_FAILED;
		return false;
	}
	c->cstate[t] = RS_CONST_BUSY;
	const_scope s = {ctx, c, t};
	tl_cx_env env = {quiet ? NULL : ctx, 64, scoped_lookup, &s, NULL};
	if (tl_cexpr_needs_layout(&env, c->cexpr)) {
		c->cstate[t] = RS_CONST_DEFERRED;
		return false;
	}
	tl_u128 v = 0;
	tl_status st = tl_cexpr_eval(&env, c->cexpr, c->ctype, &v, NULL);
	c->cstate[t] = st ? RS_CONST_FAILED : RS_CONST_DONE;
	c->cval[t] = v;
	return st == TL_OK;
}

/* The scope of a deferred value: a definition that exists only for name
 * lookups (never added to the context), whose front is the constant. */
static const tl_def *const_scope_def(tl_ctx *ctx, rs_item *c, unsigned t)
{
	if (c->cscope[t])
		return c->cscope[t];
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	if (!d) {
		ctx->oom = true;
		return NULL;
	}
	memset(d, 0, sizeof(*d));
	d->name = c->name;
	d->loc = c->loc;
	d->lang = TL_LANG_RUST;
	d->kind = TL_DEF_STRUCT;
	d->target_mask = 1u << t;
	d->front = c;
	c->cscope[t] = d;
	return d;
}

bool tl_front_rust_const_body(tl_ctx *ctx, const tl_def *from,
			      const tl_cexpr *path, const tl_cexpr **body,
			      tl_prim *type, const tl_def **scope)
{
	if (!tl_front_rust_owns(from))
		return false;
	unsigned t = from->target_mask ?
		(unsigned)__builtin_ctz(from->target_mask) : 0;
	rs_item *c = rs_const_find(ctx, from->front, t, path);
	if (!c || c->cstate[t] != RS_CONST_DEFERRED)
		return false;
	*body = c->cexpr;
	*type = c->ctype;
	*scope = const_scope_def(ctx, c, t);
	return *scope != NULL;
}

bool tl_front_rust_is_const_scope(const tl_def *def)
{
	const rs_item *it = tl_front_rust_owns(def) ? def->front : NULL;
	return it && it->kind == RS_CONST;
}
