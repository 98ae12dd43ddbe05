/*
 * Aliases, generic defaults and type functions (`cases`): the parts of
 * resolution that substitute generic arguments into resolved terms, and
 * the guard that keeps such substitutions from exploding.
 */
#include <stdlib.h>
#include <string.h>

#include "front/resolve_int.h"

/* Walks a term: name-length contribution of each parameter occurrence and
 * the depth, to bound a substitution before doing it. */
static void term_stats(const tl_ctx *ctx, tl_type_id id, uint32_t *occ,
		       uint32_t nocc, size_t *nodes, unsigned depth,
		       unsigned *max_depth)
{
	const tl_type *t = tl_type_get(ctx, id);
	if (!t || !t->has_params || ++*nodes > RSV_MAX_NAME)
		return;
	if (depth > *max_depth)
		*max_depth = depth;
	if (depth > RSV_MAX_DEPTH)
		return;
	if (t->kind == TL_TY_PARAM) {
		if (t->param < nocc && occ[t->param] < UINT32_MAX)
			occ[t->param]++;
		return;
	}
	if (t->inner)
		term_stats(ctx, t->inner, occ, nocc, nodes, depth + 1, max_depth);
	if (t->len)
		term_stats(ctx, t->len, occ, nocc, nodes, depth + 1, max_depth);
	for (uint32_t i = 0; i < t->nargs; i++)
		term_stats(ctx, t->args[i], occ, nocc, nodes, depth + 1, max_depth);
}

static unsigned term_depth(const tl_ctx *ctx, tl_type_id id, unsigned depth)
{
	const tl_type *t = tl_type_get(ctx, id);
	if (!t || depth > RSV_MAX_DEPTH)
		return depth;
	unsigned m = depth;
	if (t->inner) {
		unsigned d = term_depth(ctx, t->inner, depth + 1);
		m = d > m ? d : m;
	}
	for (uint32_t i = 0; i < t->nargs && m <= RSV_MAX_DEPTH; i++) {
		unsigned d = term_depth(ctx, t->args[i], depth + 1);
		m = d > m ? d : m;
	}
	return m;
}

/* tl_type_subst, refusing expansions that would explode (aliases can
 * double a type per level). */
tl_type_id rsv_subst_checked(rsv *r, tl_type_id id, const tl_type_id *args,
			     uint32_t n, const char *name, tl_loc loc)
{
	const tl_type *t = tl_type_get(r->ctx, id);
	if (!t || !t->has_params)
		return id;
	uint32_t small[16];
	uint32_t *occ = n <= 16 ? small : calloc(n, sizeof(*occ));
	if (!occ) {
		r->ctx->oom = true;
		return 0;
	}
	if (occ == small)
		memset(small, 0, sizeof(small));
	size_t nodes = 0;
	unsigned depth = 0;
	term_stats(r->ctx, id, occ, n, &nodes, 0, &depth);
	size_t len = strlen(tl_type_name(r->ctx, t->id));
	unsigned arg_depth = 0;
	for (uint32_t i = 0; i < n && len <= RSV_MAX_NAME; i++) {
		if (!occ[i])
			continue;
		len += (size_t)occ[i] * strlen(tl_type_name(r->ctx, args[i]));
		unsigned d = term_depth(r->ctx, args[i], 0);
		arg_depth = d > arg_depth ? d : arg_depth;
	}
	if (occ != small)
		free(occ);
	if (nodes > RSV_MAX_NAME || len > RSV_MAX_NAME ||
	    depth + arg_depth > RSV_MAX_DEPTH) {
		tl_error(r->ctx, loc, "too-big",
			 "'%s' expands to a type that is too large or too deeply nested",
			 name);
		return 0;
	}
	return tl_type_subst(r->ctx, id, args, n);
}

tl_type_id rsv_default(rsv *r, const tl_def *def, uint32_t i)
{
	const tl_gparam *g = &def->params[i];
	uintptr_t v = (uintptr_t)tl_ptrmap_get(&r->defaults, g);
	if (v)
		return (tl_type_id)(v - 1);
	const tl_def *saved = r->def;
	r->def = def; /* a default sees its own definition's parameters */
	tl_type_id id = rsv_type(r, g->deflt);
	r->def = saved;
	if (tl_ptrmap_put(&r->defaults, g, (void *)(uintptr_t)(id + 1)) < 0)
		r->ctx->oom = true;
	return id;
}

tl_type_id rsv_alias(rsv *r, tl_def *def)
{
	if (def->alias_type)
		return def->alias_type;
	uintptr_t state = (uintptr_t)tl_ptrmap_get(&r->alias_state, def);
	if (state == 1) {
		tl_error(r->ctx, def->loc, "alias-cycle",
			 "type alias '%s' refers to itself", def->name);
		return 0;
	}
	if (state == 3)
		return 0;
	if (tl_ptrmap_put(&r->alias_state, def, (void *)1) < 0) {
		r->ctx->oom = true;
		return 0;
	}
	const tl_def *saved = r->def;
	r->def = def;
	tl_type_id id = rsv_type(r, def->alias_of);
	r->def = saved;
	def->alias_type = id;
	if (tl_ptrmap_put(&r->alias_state, def, (void *)(uintptr_t)(id ? 2 : 3)) < 0)
		r->ctx->oom = true;
	return id;
}

void rsv_cases(rsv *r, tl_def *def)
{
	uintptr_t state = (uintptr_t)tl_ptrmap_get(&r->alias_state, def);
	if (state || !def->nparams)
		return; /* done, or in progress (a case naming its own def) */
	if (tl_ptrmap_put(&r->alias_state, def, (void *)1) < 0) {
		r->ctx->oom = true;
		return;
	}
	const tl_def *saved = r->def;
	for (uint32_t i = 0; i < def->ncases; i++) {
		tl_type_case *c = (tl_type_case *)&def->cases[i];
		/* the target sees the argument as PARAM 0 and, for `[T]`, the
		 * element as PARAM 1: a copy of the def with those parameters */
		tl_gparam params[2] = {def->params[0], {0}};
		params[1].name = c->elem;
		tl_def scope = *def;
		scope.params = params;
		scope.nparams = c->pattern == TL_CASE_SLICE && c->elem ? 2 : 1;
		r->def = &scope;
		c->target = rsv_type(r, c->target_texpr);
	}
	r->def = saved;
	if (tl_ptrmap_put(&r->alias_state, def, (void *)2) < 0)
		r->ctx->oom = true;
}
