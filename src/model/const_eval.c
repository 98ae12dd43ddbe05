/*
 * Constant evaluation (see const_eval.h). Rust semantics, from the
 * Reference's "Constant evaluation" and "Arithmetic and logical binary
 * operators" sections: arithmetic overflow is a compile error in constant
 * contexts, shifts by the type's width or more are errors, `as` between
 * integers wraps; comparisons give `bool`, `&&` and `||` short-circuit,
 * `bool as u8` is 0 or 1.
 */
#include "model/const_eval.h"

#include <stdarg.h>
#include <string.h>

#include "model/syntax_print.h"
#include "util/u128.h"

#define ID_EVAL "const-eval"

typedef struct ev {
	const tl_cx_env *env;
	/* values of constant bodies (of resolved BODY paths) already
	 * evaluated: a resolved expression shares them, so each is evaluated
	 * once (their type is the path's, the same for every use) */
	tl_ptrmap done;       /* body -> index + 1 in vals */
	TL_VEC(tl_u128) vals;
} ev;

unsigned tl_cx_width(const tl_cx_env *env, tl_prim p)
{
	switch (p) {
	case TL_PRIM_U8: case TL_PRIM_I8: return 8;
	case TL_PRIM_U16: case TL_PRIM_I16: return 16;
	case TL_PRIM_U32: case TL_PRIM_I32: return 32;
	case TL_PRIM_U64: case TL_PRIM_I64: return 64;
	case TL_PRIM_U128: case TL_PRIM_I128: return 128;
	case TL_PRIM_USIZE: case TL_PRIM_ISIZE: return env->usize_bits;
	default: return 0;
	}
}

static tl_u128 mask(unsigned w)
{
	return w >= 128 ? ~(tl_u128)0 : ((tl_u128)1 << w) - 1;
}

/* Truncates to `p`'s width and sign- or zero-extends back to 128 bits. */
static tl_u128 wrap(const tl_cx_env *env, tl_prim p, tl_u128 v)
{
	unsigned w = tl_cx_width(env, p);
	v &= mask(w);
	if (tl_prim_is_signed(p) && w < 128 && (v >> (w - 1)) & 1)
		v |= ~mask(w);
	return v;
}

bool tl_cx_fits(const tl_cx_env *env, tl_prim p, tl_u128 v)
{
	return tl_cx_width(env, p) && wrap(env, p, v) == v;
}

static int fail(const ev *e, const tl_cexpr *x, const char *id,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(const ev *e, const tl_cexpr *x, const char *id,
		const char *fmt, ...)
{
	if (!e->env->ctx)
		return -1;
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tl_error(e->env->ctx, x->loc, id, "%s", tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	return -1;
}

/* `u8::MAX`, `core::i32::MIN`, `u32::BITS` */
bool tl_cx_builtin(const tl_cx_env *env, const tl_cexpr *x, tl_prim *ty,
		   tl_u128 *v)
{
	if (x->nsegs < 2)
		return false;
	const char *tname = x->segs[x->nsegs - 2], *what = x->segs[x->nsegs - 1];
	tl_prim p;
	if (!tl_rust_int_prim(tname, strlen(tname), &p))
		return false;
	unsigned w = tl_cx_width(env, p);
	bool sgn = tl_prim_is_signed(p);
	if (strcmp(what, "MAX") == 0)
		*v = sgn ? mask(w - 1) : mask(w);
	else if (strcmp(what, "MIN") == 0)
		*v = sgn ? ~mask(w - 1) : 0;
	else if (strcmp(what, "BITS") == 0) {
		*ty = TL_PRIM_U32;
		*v = w;
		return true;
	} else
		return false;
	*ty = p;
	return true;
}

static int eval(ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 *out);

static bool is_resolved(const tl_cexpr *x)
{
	return x->kind == TL_CX_PATH &&
	       (x->op == TL_CX_OP_VALUE || x->op == TL_CX_OP_BODY);
}

/* A resolved BODY path: its expression, evaluated once. */
static int body(ev *e, const tl_cexpr *x, tl_u128 *v)
{
	uintptr_t i = (uintptr_t)tl_ptrmap_get(&e->done, x->a);
	if (i) {
		*v = e->vals.items[i - 1];
		return 1;
	}
	if (eval(e, x->a, x->cast, v) < 0)
		return TL_CX_FAILED;
	if (TL_VEC_PUSH(e->vals, *v) &&
	    tl_ptrmap_put(&e->done, x->a, (void *)(uintptr_t)e->vals.len) < 0)
		e->vals.len--; /* out of memory: just not remembered */
	return 1;
}

/* The lookup's answers: 1 known, 0 unknown, -1 known but without a value
 * (generic), TL_CX_FAILED, TL_CX_DEFERRED */
static int named(ev *e, const tl_cexpr *x, tl_prim *ty, tl_u128 *v)
{
	if (is_resolved(x)) {
		*ty = x->cast;
		*v = x->value;
		return x->op == TL_CX_OP_VALUE ? 1 : body(e, x, v);
	}
	if (tl_cx_builtin(e->env, x, ty, v))
		return 1;
	if (e->env->lookup)
		return e->env->lookup(e->env->user, x, ty, v);
	return 0;
}

/* Comparisons and && ||: their value is a bool. */
static bool is_bool_op(int op)
{
	switch (op) {
	case TL_CX_OP_LT: case TL_CX_OP_LE: case TL_CX_OP_GT:
	case TL_CX_OP_GE: case TL_CX_OP_EQ: case TL_CX_OP_NE:
	case TL_CX_OP_AND: case TL_CX_OP_OR:
		return true;
	}
	return false;
}

/* The type an expression has on its own, TL_CX_NOTYPE if the context
 * decides (unsuffixed literals). */
static tl_prim natural(ev *e, const tl_cexpr *x)
{
	tl_prim t = TL_CX_NOTYPE;
	tl_u128 v;
	switch (x->kind) {
	case TL_CX_INT:
		return x->op == TL_CX_OP_SUFFIX ? x->cast : TL_CX_NOTYPE;
	case TL_CX_BOOL:
		return TL_PRIM_BOOL;
	case TL_CX_SIZEOF:
		return TL_PRIM_USIZE;
	case TL_CX_PATH:
		if (is_resolved(x))
			return x->cast;
		if (tl_cx_builtin(e->env, x, &t, &v))
			return t;
		if (!e->env->lookup)
			return TL_CX_NOTYPE;
		return e->env->lookup(e->env->user, x, &t, &v) != 0 ? t : TL_CX_NOTYPE;
	case TL_CX_UNARY:
		return natural(e, x->a);
	case TL_CX_CAST:
		return x->cast;
	case TL_CX_BINARY:
		if (is_bool_op(x->op))
			return TL_PRIM_BOOL;
		t = natural(e, x->a);
		if (t == TL_CX_NOTYPE && x->op != '<' && x->op != '>')
			t = natural(e, x->b);
		return t;
	}
	return t;
}

static int mismatch(const ev *e, const tl_cexpr *x, tl_prim want, tl_prim got)
{
	if (e->env->ctx)
		tl_error(e->env->ctx, x->loc, ID_EVAL,
			 "mismatched types in constant expression: expected '%s', found '%s'",
			 tl_prim_name(want), tl_prim_name(got));
	return -1;
}

/* `at` is where errors point: the literal, or the `-` before it. */
static int literal(const ev *e, const tl_cexpr *x, const tl_cexpr *at,
		   tl_prim ty, bool neg, tl_u128 *out)
{
	if (x->op == TL_CX_OP_SUFFIX && x->cast != ty)
		return mismatch(e, at, ty, x->cast);
	unsigned w = tl_cx_width(e->env, ty);
	tl_u128 limit = tl_prim_is_signed(ty) ? mask(w - 1) + neg : mask(w);
	if (neg && !tl_prim_is_signed(ty))
		return fail(e, at, ID_EVAL, "cannot negate a value of unsigned type '%s'",
			    tl_prim_name(ty));
	if (x->value > limit)
		return fail(e, at, ID_EVAL, "literal out of range for '%s'",
			    tl_prim_name(ty));
	*out = wrap(e->env, ty, neg ? (tl_u128)0 - x->value : x->value);
	return 0;
}

static int overflow(const ev *e, const tl_cexpr *x, tl_prim ty)
{
	return fail(e, x, ID_EVAL,
		    "arithmetic overflow in constant expression of type '%s'",
		    tl_prim_name(ty));
}

static const char *arith_text(int op)
{
	switch (op) {
	case '<': return "<<";
	case '>': return ">>";
	case '+': return "+";
	case '-': return "-";
	case '*': return "*";
	case '/': return "/";
	default: return "%";
	}
}

/* `true + 1`, `1 << false`: arithmetic has no bool operands. */
static int bool_operand(const ev *e, const tl_cexpr *x)
{
	return fail(e, x, ID_EVAL,
		    "binary operator '%s' cannot be applied to type 'bool'",
		    arith_text(x->op));
}

/* A use of size_of/align_of where no layout is known (front ends). */
static int needs_layout(const ev *e, const tl_cexpr *x)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_cexpr_print(&sb, x);
	fail(e, x, ID_EVAL,
	     "'%s' depends on a layout: only array lengths and const generic arguments may use size_of and align_of",
	     tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	return -1;
}

static int unary(ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 *out)
{
	if (x->op == '-' && x->a->kind == TL_CX_INT)
		return literal(e, x->a, x, ty, true, out); /* -128i8 is in range */
	tl_u128 a;
	if (eval(e, x->a, ty, &a) < 0)
		return -1;
	if (x->op == '!') {
		*out = wrap(e->env, ty, ~a);
		return 0;
	}
	if (!tl_prim_is_signed(ty))
		return fail(e, x, ID_EVAL, "cannot negate a value of unsigned type '%s'",
			    tl_prim_name(ty));
	if (a == ~mask(tl_cx_width(e->env, ty) - 1)) /* -MIN */
		return overflow(e, x, ty);
	*out = (tl_u128)0 - a;
	return 0;
}

static int shift(ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 a,
		 tl_u128 *out)
{
	tl_prim bt = natural(e, x->b);
	tl_u128 b;
	if (bt == TL_PRIM_BOOL)
		return bool_operand(e, x);
	if (eval(e, x->b, bt == TL_CX_NOTYPE ? TL_PRIM_I32 : bt, &b) < 0)
		return -1;
	unsigned w = tl_cx_width(e->env, ty);
	if (b >= w) /* negative amounts are huge patterns */
		return overflow(e, x, ty);
	if (x->op == '<')
		*out = wrap(e->env, ty, a << (unsigned)b);
	else if (tl_prim_is_signed(ty))
		*out = (tl_u128)((tl_i128)a >> (unsigned)b);
	else
		*out = a >> (unsigned)b;
	return 0;
}

static int arith(const ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 a,
		 tl_u128 b, tl_u128 *out)
{
	bool sgn = tl_prim_is_signed(ty);
	tl_i128 sa = (tl_i128)a, sb = (tl_i128)b, sr = 0;
	tl_u128 r = 0;
	bool of = false;
	if ((x->op == '/' || x->op == '%') && b == 0)
		return fail(e, x, ID_EVAL, "%s in constant expression",
			    x->op == '/' ? "division by zero" : "remainder by zero");
	switch (x->op) {
	case '+':
		of = sgn ? __builtin_add_overflow(sa, sb, &sr) :
			   __builtin_add_overflow(a, b, &r);
		break;
	case '-':
		of = sgn ? __builtin_sub_overflow(sa, sb, &sr) :
			   __builtin_sub_overflow(a, b, &r);
		break;
	case '*':
		of = sgn ? __builtin_mul_overflow(sa, sb, &sr) :
			   __builtin_mul_overflow(a, b, &r);
		break;
	case '/':
	case '%':
		if (sgn) {
			/* MIN / -1 overflows in every width */
			if (sb == -1 && wrap(e->env, ty, (tl_u128)0 - a) == a && a)
				return overflow(e, x, ty);
			sr = x->op == '/' ? sa / sb : sa % sb;
		} else {
			r = x->op == '/' ? a / b : a % b;
		}
		break;
	case '&': r = a & b; sr = sa & sb; break;
	case '|': r = a | b; sr = sa | sb; break;
	case '^': r = a ^ b; sr = sa ^ sb; break;
	}
	if (sgn)
		r = (tl_u128)sr;
	if (of || !tl_cx_fits(e->env, ty, r))
		return overflow(e, x, ty);
	*out = r;
	return 0;
}

/* A path in type `ty`: a constant's value, or the error saying why not. */
static int path(ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 *out)
{
	tl_prim t = TL_CX_NOTYPE;
	tl_u128 a = 0;
	int r = named(e, x, &t, &a);
	if (r == TL_CX_FAILED)
		return -1; /* its own error was reported */
	if (r == TL_CX_DEFERRED)
		return needs_layout(e, x);
	if (r <= 0) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_cexpr_print(&sb, x);
		if (r < 0)
			fail(e, x, ID_EVAL,
			     "generic parameter '%s' cannot be used in a constant expression (only alone, as in '[T; N]')",
			     tl_strbuf_cstr(&sb));
		else
			fail(e, x, "unknown-const", "unknown constant '%s'",
			     tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
		return -1;
	}
	if (t != ty)
		return mismatch(e, x, ty, t);
	*out = a;
	return 0;
}

/* a < b ... a != b: both sides in the type either side has (i32 if
 * neither has one); bools compare as 0 and 1. */
static int compare(ev *e, const tl_cexpr *x, tl_u128 *out)
{
	tl_prim t = natural(e, x->a);
	if (t == TL_CX_NOTYPE)
		t = natural(e, x->b);
	if (t == TL_CX_NOTYPE)
		t = TL_PRIM_I32;
	tl_u128 a, b;
	if (eval(e, x->a, t, &a) < 0 || eval(e, x->b, t, &b) < 0)
		return -1;
	int c;
	if (tl_prim_is_signed(t))
		c = (tl_i128)a < (tl_i128)b ? -1 : (tl_i128)a > (tl_i128)b;
	else
		c = a < b ? -1 : a > b;
	switch (x->op) {
	case TL_CX_OP_LT: *out = c < 0; break;
	case TL_CX_OP_LE: *out = c <= 0; break;
	case TL_CX_OP_GT: *out = c > 0; break;
	case TL_CX_OP_GE: *out = c >= 0; break;
	case TL_CX_OP_EQ: *out = c == 0; break;
	default: *out = c != 0; break;
	}
	return 0;
}

/* An expression of type bool: 0 or 1 in *out. */
static int eval_bool(ev *e, const tl_cexpr *x, tl_u128 *out)
{
	tl_u128 a, b;
	switch (x->kind) {
	case TL_CX_BOOL:
		*out = x->value;
		return 0;
	case TL_CX_INT:
		if (x->op == TL_CX_OP_SUFFIX)
			return mismatch(e, x, TL_PRIM_BOOL, x->cast);
		return fail(e, x, ID_EVAL,
			    "mismatched types in constant expression: expected 'bool', found an integer");
	case TL_CX_PATH:
		return path(e, x, TL_PRIM_BOOL, out);
	case TL_CX_CAST:
		return mismatch(e, x, TL_PRIM_BOOL, x->cast);
	case TL_CX_SIZEOF:
		return mismatch(e, x, TL_PRIM_BOOL, TL_PRIM_USIZE);
	case TL_CX_UNARY:
		if (x->op == '-')
			return fail(e, x, ID_EVAL,
				    "cannot apply unary operator '-' to type 'bool'");
		if (eval_bool(e, x->a, &a) < 0)
			return -1;
		*out = a ^ 1;
		return 0;
	case TL_CX_BINARY:
		break;
	}
	switch (x->op) {
	case TL_CX_OP_AND:
	case TL_CX_OP_OR:
		if (eval_bool(e, x->a, &a) < 0)
			return -1;
		if (a == (x->op == TL_CX_OP_OR)) { /* decided: b is not evaluated */
			*out = a;
			return 0;
		}
		return eval_bool(e, x->b, out);
	case '&':
	case '|':
	case '^':
		if (eval_bool(e, x->a, &a) < 0 || eval_bool(e, x->b, &b) < 0)
			return -1;
		*out = x->op == '&' ? a & b : x->op == '|' ? a | b : a ^ b;
		return 0;
	default:
		if (is_bool_op(x->op))
			return compare(e, x, out);
		return bool_operand(e, x);
	}
}

static int eval(ev *e, const tl_cexpr *x, tl_prim ty, tl_u128 *out)
{
	tl_u128 a, b;
	tl_prim t;
	if (ty == TL_PRIM_BOOL)
		return eval_bool(e, x, out);
	switch (x->kind) {
	case TL_CX_INT:
		return literal(e, x, x, ty, false, out);
	case TL_CX_BOOL:
		return mismatch(e, x, ty, TL_PRIM_BOOL);
	case TL_CX_PATH:
		return path(e, x, ty, out);
	case TL_CX_UNARY:
		return unary(e, x, ty, out);
	case TL_CX_CAST:
		if (x->cast != ty)
			return mismatch(e, x, ty, x->cast);
		t = natural(e, x->a);
		if (eval(e, x->a, t == TL_CX_NOTYPE ? TL_PRIM_I32 : t, &a) < 0)
			return -1;
		*out = wrap(e->env, ty, a);
		return 0;
	case TL_CX_SIZEOF:
		if (ty != TL_PRIM_USIZE)
			return mismatch(e, x, ty, TL_PRIM_USIZE);
		if (!e->env->layout)
			return needs_layout(e, x);
		if (e->env->layout(e->env->user, x, out) < 0)
			return -1;
		if (!tl_cx_fits(e->env, ty, *out))
			return overflow(e, x, ty);
		return 0;
	case TL_CX_BINARY:
		if (is_bool_op(x->op))
			return mismatch(e, x, ty, TL_PRIM_BOOL);
		if (eval(e, x->a, ty, &a) < 0)
			return -1;
		if (x->op == '<' || x->op == '>')
			return shift(e, x, ty, a, out);
		if (eval(e, x->b, ty, &b) < 0)
			return -1;
		return arith(e, x, ty, a, b, out);
	}
	return -1;
}

tl_status tl_cexpr_eval(const tl_cx_env *env, const tl_cexpr *e, tl_prim type,
			tl_u128 *out, tl_prim *out_type)
{
	ev st = {env, {0}, {0}};
	tl_ptrmap_init(&st.done);
	if (type == TL_CX_NOTYPE)
		type = natural(&st, e);
	if (type == TL_CX_NOTYPE)
		type = TL_PRIM_I32;
	tl_status r = TL_EINPUT;
	if (!tl_cx_width(env, type) && type != TL_PRIM_BOOL) {
		if (env->ctx)
			tl_error(env->ctx, e->loc, ID_EVAL,
				 "constant expressions of type '%s' are not supported",
				 tl_prim_name(type));
	} else if (eval(&st, e, type, out) == 0) {
		if (out_type)
			*out_type = type;
		r = TL_OK;
	}
	tl_ptrmap_release(&st.done);
	TL_VEC_FREE(st.vals);
	return r;
}

bool tl_cexpr_needs_layout(const tl_cx_env *env, const tl_cexpr *e)
{
	tl_prim t;
	tl_u128 v;
	if (!e)
		return false;
	switch (e->kind) {
	case TL_CX_SIZEOF:
		return true;
	case TL_CX_PATH:
		if (is_resolved(e))
			return e->op == TL_CX_OP_BODY;
		if (tl_cx_builtin(env, e, &t, &v) || !env->lookup)
			return false;
		return env->lookup(env->user, e, &t, &v) == TL_CX_DEFERRED;
	case TL_CX_UNARY:
	case TL_CX_CAST:
		return tl_cexpr_needs_layout(env, e->a);
	case TL_CX_BINARY:
		return tl_cexpr_needs_layout(env, e->a) ||
		       tl_cexpr_needs_layout(env, e->b);
	case TL_CX_INT:
	case TL_CX_BOOL:
		return false;
	}
	return false;
}
