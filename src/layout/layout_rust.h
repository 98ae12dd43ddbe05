/*
 * The Rust layout engine's internal interface (shared/spec/rust-layout.md).
 */
#ifndef TL_LAYOUT_RUST_H
#define TL_LAYOUT_RUST_H

#include "layout/layout_internal.h"

/* What a pointer to this type carries besides the address. */
tl_tail tl_rust_tail(tl_ctx *ctx, tl_type_id id);

/* Can this (possibly generic) declared type be unsized? Decides whether a
 * struct's last field is fixed (kind MAYBE_UNSIZED, spec 6). */
bool tl_rust_maybe_unsized(tl_ctx *ctx, const tl_def *owner, tl_type_id id);

tl_status tl_rust_tuple(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			tl_loc use, tl_layout *out);

/* ---- univariant (spec 6) ---- */

typedef enum tl_ukind {
	TL_UK_ALWAYS_SIZED,
	TL_UK_MAYBE_UNSIZED,
	TL_UK_PREFIXED
} tl_ukind;

typedef struct tl_uresult {
	uint64_t size;
	uint64_t align;
	uint64_t *offsets;  /* declaration order */
	uint32_t *order;    /* memory order */
	tl_niche niche;
	bool uninhabited;
	bool sized;
} tl_uresult;

tl_status tl_rust_univariant(tl_ctx *ctx, const tl_target *t,
			     const tl_layout *const *fields, uint32_t n,
			     const tl_repr *repr, tl_ukind kind,
			     uint64_t prefix_size, uint64_t prefix_align,
			     tl_uresult *out);

/* The same for at most 16 fields and no prefix, keeping nothing: size,
 * alignment, niche (offsets and order come back NULL). For analyses that
 * compare sizes: the context's arena does not grow. TL_ELIMIT for more
 * fields. */
tl_status tl_rust_univariant_size(tl_ctx *ctx, const tl_target *t,
				  const tl_layout *const *fields, uint32_t n,
				  const tl_repr *repr, tl_ukind kind,
				  tl_uresult *out);

/* Field layouts of an ADT's fields, instantiated. *out is in the
 * context's scratch arena (NULL only when out of memory): the caller
 * takes a mark before and rewinds to it when done, on error too. */
tl_status tl_rust_field_layouts(tl_ctx *ctx, const tl_target *t,
				const tl_type *adt, const tl_field *fields,
				uint32_t n, const tl_layout ***out);

/* ---- enums (spec 7) and niches (spec 5) ---- */

tl_status tl_rust_enum(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
		       tl_layout *out);

/* Niche::reserve: false when `count` values do not fit. */
bool tl_niche_reserve(const tl_niche *n, tl_u128 count, tl_u128 *niche_start,
		      tl_niche *grown);

/* Evaluates a prelude valid-range bound for a scalar of `width` bytes. */
bool tl_rust_eval_bound(const tl_cexpr *e, const tl_target *t, uint32_t width,
			tl_u128 *out);

#endif
