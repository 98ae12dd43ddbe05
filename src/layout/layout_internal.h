/*
 * Shared between the layout engine's files (never installed).
 * tl_layout_of (layout.c) memoises and dispatches: scalars, pointers,
 * arrays and tuples are laid out in layout.c / layout_rust_*.c; ADTs go to
 * the Rust engine or, for C definitions, to the C engine.
 */
#ifndef TL_LAYOUT_INTERNAL_H
#define TL_LAYOUT_INTERNAL_H

#include "model/ctx_internal.h"
#include "typelayout/layout.h"

/* Layout of a field's type, with cycle detection; `use` is the location of
 * the use, for the "contains itself" diagnostic. */
tl_status tl_layout__of_at(tl_ctx *ctx, tl_type_id type, const tl_target *t,
			   tl_loc use, const tl_layout **out);

/* Whether the layout of `type` on t is being computed (a cycle when it
 * is needed again). */
bool tl_layout__busy(tl_ctx *ctx, tl_type_id type, const tl_target *t);

/* The value on t of a TL_TY_CONST_EXPR term `c` (layout_const.c); errors
 * are recorded with the expression's locations. */
tl_status tl_layout__const_expr(tl_ctx *ctx, const tl_target *t,
				const tl_type *c, tl_u128 *out);

/* Rust ADTs: structs, unions, enums, closures (layout_rust_*.c). */
tl_status tl_layout__rust_adt(tl_ctx *ctx, const tl_target *t,
			      const tl_type *ty, tl_layout *out);

/* C records and enums, and _Atomic (layout_c_*.c). */
tl_status tl_layout__c_adt(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			   tl_layout *out);
tl_status tl_layout__c_atomic(tl_ctx *ctx, const tl_target *t,
			      const tl_type *ty, tl_layout *out);

/* Arena helpers for layout arrays. */
uint64_t *tl_layout__u64s(tl_ctx *ctx, size_t n);
uint32_t *tl_layout__u32s(tl_ctx *ctx, size_t n);

#endif
