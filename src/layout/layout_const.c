/*
 * Array lengths the front end could not fold (TL_TY_CONST_EXPR): they use
 * size_of/align_of, so their value depends on the target and on layouts.
 * The one evaluator (model/const_eval.c) runs here with the target's usize
 * width and answers size_of::<T>() and align_of::<T>() from T's memoised
 * layout. T needing the array being laid out is a cycle, as in rustc
 * ("cycle detected when evaluating type-level constant").
 */
#include "layout/layout_internal.h"
#include "model/const_eval.h"
#include "model/syntax_print.h"
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

static int size_or_align(void *user, const tl_cexpr *x, tl_u128 *value)
{
	const_env *c = user;
	const tl_layout *l;
	const char *name = tl_type_name(c->ctx, x->type);
	if (tl_layout__busy(c->ctx, x->type, c->t)) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_cexpr_print(&sb, x);
		tl_error(c->ctx, x->loc, "layout-cycle",
			 "cycle detected when evaluating '%s': the layout of '%s' depends on this constant",
			 tl_strbuf_cstr(&sb), name);
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
