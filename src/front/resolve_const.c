/*
 * Array lengths and const arguments that use size_of/align_of: the front
 * end cannot lay types out, so it resolves the expression instead of
 * evaluating it, into a TL_TY_CONST_EXPR term the layout engine evaluates
 * per target. Resolving (model.h, "resolved expression") means: the type
 * of every size_of::<T>() becomes a term (T written in a generic
 * definition may not use its parameters, as in rustc), and every constant
 * item is replaced by its value (op VALUE) or, when it needs a layout too,
 * by its own resolved expression (op BODY), resolved from the constant's
 * module. A constant's body is resolved once per scope and shared.
 */
#include "front/front_rust.h"
#include "front/resolve_int.h"

static const tl_cexpr *rsv_cx(rsv *r, const tl_cexpr *x);

/* r->const_bodies while a body is being resolved, and after it failed */
#define BUSY ((void *)1)
#define FAILED ((void *)2)

static tl_cexpr *copy_cx(rsv *r, const tl_cexpr *x)
{
	tl_cexpr *n = tl_arena_memdup(&r->ctx->arena, x, sizeof(*x));
	if (!n)
		r->ctx->oom = true;
	return n;
}

static const tl_cexpr *sizeof_cx(rsv *r, const tl_cexpr *x)
{
	tl_type_id id = rsv_type(r, x->ty);
	if (!id)
		return NULL;
	if (tl_type_get(r->ctx, id)->has_params) {
		tl_error(r->ctx, x->ty->loc, "const-eval",
			 "generic parameters may not be used in const operations ('%s' in '%s')",
			 tl_type_name(r->ctx, id), r->def ? r->def->name : "?");
		return NULL;
	}
	tl_cexpr *n = copy_cx(r, x);
	if (n)
		n->type = id;
	return n;
}

/* The resolved body of the constant `x` names, which needs a layout. */
static const tl_cexpr *const_body(rsv *r, const tl_cexpr *x, tl_prim *type)
{
	const tl_cexpr *body;
	const tl_def *scope;
	if (!tl_front_rust_const_body(r->ctx, r->def, x, &body, type, &scope))
		return NULL; /* no such front end: nothing to report twice */
	void *got = tl_ptrmap_get(&r->const_bodies, scope);
	if (got == BUSY) {
		tl_error(r->ctx, x->loc, "const-eval",
			 "cycle detected when evaluating constant '%s'", scope->name);
		return NULL;
	}
	if (got)
		return got == FAILED ? NULL : got; /* a failure is reported once */
	if (tl_ptrmap_put(&r->const_bodies, scope, BUSY) < 0) {
		r->ctx->oom = true;
		return NULL;
	}
	const tl_def *saved = r->def;
	r->def = scope;
	const tl_cexpr *res = rsv_cx(r, body);
	r->def = saved;
	if (tl_ptrmap_put(&r->const_bodies, scope, res ? (void *)res : FAILED) < 0)
		r->ctx->oom = true;
	return res;
}

static const tl_cexpr *path_cx(rsv *r, const tl_cexpr *x)
{
	tl_prim t;
	tl_u128 v;
	if (tl_cx_builtin(&r->env, x, &t, &v))
		return x; /* `usize::MAX` is the target's */
	int k = r->env.lookup(r->env.user, x, &t, &v);
	if (k == 1 || k == TL_CX_DEFERRED) {
		const tl_cexpr *body = k == 1 ? NULL : const_body(r, x, &t);
		if (k != 1 && !body)
			return NULL;
		tl_cexpr *n = copy_cx(r, x);
		if (!n)
			return NULL;
		n->op = body ? TL_CX_OP_BODY : TL_CX_OP_VALUE;
		n->a = body;
		n->cast = t;
		n->value = v;
		return n;
	}
	/* unknown, generic or failed: the evaluator says which, as always */
	tl_cexpr_eval(&r->env, x, TL_CX_NOTYPE, &v, NULL);
	return NULL;
}

static const tl_cexpr *rsv_cx(rsv *r, const tl_cexpr *x)
{
	const tl_cexpr *a = NULL, *b = NULL, *res = NULL;
	if (r->depth >= RSV_MAX_DEPTH) {
		tl_error(r->ctx, x->loc, "too-big",
			 "constant expression is nested too deeply (more than %d levels, constants included)",
			 RSV_MAX_DEPTH);
		return NULL;
	}
	r->depth++;
	switch (x->kind) {
	case TL_CX_INT:
	case TL_CX_BOOL:
		res = x;
		break;
	case TL_CX_SIZEOF:
		res = sizeof_cx(r, x);
		break;
	case TL_CX_PATH:
		res = path_cx(r, x);
		break;
	case TL_CX_UNARY:
	case TL_CX_CAST:
	case TL_CX_BINARY:
		a = rsv_cx(r, x->a);
		b = x->b ? rsv_cx(r, x->b) : NULL;
		if (!a || (x->b && !b))
			break;
		if (a == x->a && b == x->b) {
			res = x;
			break;
		}
		tl_cexpr *n = copy_cx(r, x);
		if (n) {
			n->a = a;
			n->b = b;
		}
		res = n;
		break;
	}
	r->depth--;
	return res;
}

tl_type_id rsv_const_expr(rsv *r, const tl_cexpr *e, tl_prim type)
{
	const tl_cexpr *x = rsv_cx(r, e);
	/* the term keeps x: never the caller's node, which may be on its
	 * stack (const_garg's `Foo<LEN>`) */
	if (x == e)
		x = copy_cx(r, e);
	/* the term's nodes may point into syntax (a size_of's type as
	 * written, a literal): keep that syntax alive (front/load.c) */
	r->ctx->keep_syntax = true;
	return x ? tl_type_const_expr(r->ctx, x, type) : 0;
}
