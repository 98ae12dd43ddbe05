/*
 * Array lengths the front end could not fold (TL_TY_CONST_EXPR): they use
 * size_of/align_of, so their value depends on the target and on layouts.
 * The one evaluator (model/const_eval.c) runs here with the target's usize
 * width and answers size_of::<T>() and align_of::<T>() from T's memoised
 * layout. T needing (by value) a type whose layout is being computed --
 * the one holding the array -- is a cycle, as in rustc ("cycle detected
 * when evaluating type-level constant").
 */
#include "layout/layout_internal.h"
#include "model/const_eval.h"
#include "model/syntax_print.h"
#include "util/hashmap.h"
#include "util/strbuf.h"

typedef struct const_env {
	tl_ctx *ctx;
	const tl_target *t;
	tl_status st; /* the first layout failure, to pass on */
} const_env;

static int fail(const_env *c, tl_status st)
{
	if (!c->st)
		c->st = st;
	return -1;
}

#define MAX_WALK_DEPTH 256

/* A type whose layout is being computed (so it waits for this constant)
 * that laying out `id` would need: `id` itself, or one it holds by value
 * (fields of every variant, tuple and array elements). 0 when none is
 * found; the walk may stop early (deep nesting), then the layout engine's
 * own recursion check speaks. */
static tl_type_id busy_inside(const_env *c, tl_type_id id, tl_ptrmap *seen,
			      unsigned depth)
{
	const tl_type *ty = tl_type_get(c->ctx, id);
	tl_type_id r = 0;
	if (!ty || depth > MAX_WALK_DEPTH)
		return 0;
	if (tl_layout__busy(c->ctx, id, c->t))
		return id;
	if (tl_ptrmap_get(seen, (void *)(uintptr_t)id))
		return 0;
	if (tl_ptrmap_put(seen, (void *)(uintptr_t)id, (void *)1) < 0)
		return 0;
	switch (ty->kind) {
	case TL_TY_ARRAY:
	case TL_TY_C_ATOMIC:
		return busy_inside(c, ty->inner, seen, depth + 1);
	case TL_TY_TUPLE:
		for (uint32_t i = 0; !r && i < ty->nargs; i++)
			r = busy_inside(c, ty->args[i], seen, depth + 1);
		return r;
	case TL_TY_ADT: {
		const tl_def *d = ty->def;
		for (uint32_t i = 0; !r && i < d->nfields; i++)
			r = busy_inside(c, tl_type_field(c->ctx, id, &d->fields[i]),
					seen, depth + 1);
		for (uint32_t v = 0; !r && v < d->nvariants; v++)
			for (uint32_t i = 0; !r && i < d->variants[v].nfields; i++)
				r = busy_inside(c, tl_type_field(c->ctx, id,
								 &d->variants[v].fields[i]),
						seen, depth + 1);
		return r;
	}
	default:
		return 0; /* pointers and scalars: no layout of another type */
	}
}

static int size_or_align(void *user, const tl_cexpr *x, tl_u128 *value)
{
	const_env *c = user;
	const tl_layout *l;
	const char *name = tl_type_name(c->ctx, x->type);
	tl_ptrmap seen;
	tl_ptrmap_init(&seen);
	tl_type_id busy = busy_inside(c, x->type, &seen, 0);
	tl_ptrmap_release(&seen);
	if (busy) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_cexpr_print(&sb, x);
		tl_error(c->ctx, x->loc, "layout-cycle",
			 "cycle detected when evaluating '%s': the layout of '%s' depends on this constant",
			 tl_strbuf_cstr(&sb), tl_type_name(c->ctx, busy));
		tl_strbuf_release(&sb);
		return fail(c, TL_EINPUT);
	}
	tl_status st = tl_layout__of_at(c->ctx, x->type, c->t, x->loc, &l);
	if (st)
		return fail(c, st);
	if (!l->sized) {
		tl_error(c->ctx, x->loc, "const-eval",
			 "the size for values of type '%s' cannot be known at compilation time",
			 name);
		return fail(c, TL_EINPUT);
	}
	*value = x->op == TL_CX_OP_ALIGN_OF ? l->align : l->size;
	return 0;
}

tl_status tl_layout__const_expr(tl_ctx *ctx, const tl_target *t,
				const tl_type *c, tl_u128 *out)
{
	const_env ce = {ctx, t, TL_OK};
	tl_cx_env env = {ctx, 8u * t->ptr_size, NULL, &ce, size_or_align};
	tl_status st = tl_cexpr_eval(&env, c->expr, c->prim, out, NULL);
	return st && ce.st ? ce.st : st;
}
