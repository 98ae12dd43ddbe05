/*
 * Typed evaluation of constant expressions (array lengths, enum
 * discriminants, const generic arguments), following Rust's rules: every
 * operation happens in one integer type, overflow and division by zero
 * are errors, `as` casts truncate or sign-extend, an unsuffixed literal
 * takes its type from the context (i32 when nothing constrains it).
 * Comparisons, `&&`, `||` and `!` work on `bool` (0 or 1), which casts
 * to integers with `as`.
 *
 * One evaluator for two callers: the front ends fold what they can while
 * resolving (usize 64 bits, no layouts), and the layout engine evaluates
 * TL_TY_CONST_EXPR terms per target, answering size_of/align_of.
 *
 * Values are returned as 128-bit two's complement patterns: sign-extended
 * for signed types, zero-extended for unsigned ones, so a cast to tl_i128
 * gives the value for every type except u128 values above i128::MAX.
 */
#ifndef TL_MODEL_CONST_EVAL_H
#define TL_MODEL_CONST_EVAL_H

#include "model/ctx_internal.h"
#include "typelayout/status.h"

/* tl_cx_env.lookup's answer for a constant whose value failed. */
#define TL_CX_FAILED (-2)
/* tl_cx_env.lookup's answer for a constant whose value needs a layout: it
 * uses size_of/align_of, itself or through other constants (fill *type). */
#define TL_CX_DEFERRED (-3)

/* Sentinel for "no type known yet". */
#define TL_CX_NOTYPE TL_PRIM__COUNT

typedef struct tl_cx_env {
	tl_ctx *ctx;         /* diagnostics go here; NULL evaluates silently */
	/* usize/isize width: the target's pointer width in the layout
	 * engine. NEEDSWORK: the front ends fold with 64 bits (every built-in
	 * target is 64-bit); a 32-bit target would need them to defer every
	 * expression that uses usize, as they do for size_of. */
	unsigned usize_bits;
	/*
	 * Extension point for named constants other than the built-in
	 * `u8::MAX`, `i32::MIN`, `u32::BITS`...: generic const parameters
	 * today, `const` items of `.rs` input later. Must not record
	 * diagnostics (it is also asked while inferring types). Returns 1 and
	 * fills *type and *value when `path` (a TL_CX_PATH) names a constant, -1
	 * when it names one without a value here (a generic parameter; fill
	 * *type), 0 when it is unknown, TL_CX_FAILED when it names a constant
	 * whose own value failed (already reported: the evaluation fails
	 * without a second message; fill *type), TL_CX_DEFERRED when its
	 * value needs a layout (fill *type).
	 */
	int (*lookup)(void *user, const tl_cexpr *path, tl_prim *type,
		      tl_u128 *value);
	void *user;
	/*
	 * size_of/align_of of a resolved SIZEOF node (x->type): fills *value
	 * and returns 0, or returns -1 after recording a diagnostic. NULL
	 * where no layout is known (the front ends): then a SIZEOF, or a
	 * constant the lookup answers TL_CX_DEFERRED for, is an error; ask
	 * tl_cexpr_needs_layout first to defer instead. Gets `user` too.
	 */
	int (*layout)(void *user, const tl_cexpr *x, tl_u128 *value);
} tl_cx_env;

/*
 * Evaluates `e` as a value of integer type `type` (TL_CX_NOTYPE: the
 * expression's own type, i32 if it has none). On success *out holds the
 * value and *out_type (may be NULL) its type. Errors record a diagnostic
 * with e's location (id "const-eval" or "unknown-const") and return
 * TL_EINPUT.
 */
tl_status tl_cexpr_eval(const tl_cx_env *env, const tl_cexpr *e, tl_prim type,
			tl_u128 *out, tl_prim *out_type);

/* The built-in constants `u8::MAX`, `core::i32::MIN`, `u32::BITS`: true
 * with the type and value (usize ones at env's width) when `path` is one. */
bool tl_cx_builtin(const tl_cx_env *env, const tl_cexpr *path, tl_prim *type,
		   tl_u128 *value);

/* Whether `e` uses size_of/align_of, itself or through a constant the
 * lookup answers TL_CX_DEFERRED for (no diagnostics). */
bool tl_cexpr_needs_layout(const tl_cx_env *env, const tl_cexpr *e);

/* Width in bits of an integer primitive under `env` (0 if not integer). */
unsigned tl_cx_width(const tl_cx_env *env, tl_prim p);
/* Whether the pattern `v` (see above) is a value of type `p`. */
bool tl_cx_fits(const tl_cx_env *env, tl_prim p, tl_u128 v);

#endif
