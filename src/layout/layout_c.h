/*
 * The C layout engine's internal interface (layout_c_*.c). Rules:
 * shared/spec/c-layout.md (clang 14, Itanium/SysV family with the AAPCS
 * bit-field variant); the engine reads target properties only.
 */
#ifndef TL_LAYOUT_C_H
#define TL_LAYOUT_C_H

#include "layout/layout_internal.h"
#include "util/align.h"

/* State of one record while its members are placed; positions in bits. */
typedef struct tl_c_rec {
	const tl_target *t;
	bool is_union;
	bool packed;          /* __attribute__((packed)) on the record */
	uint64_t pack_bits;   /* #pragma pack value * 8, 0 = none */
	uint64_t next;        /* first free bit (where a bit-field may go) */
	uint64_t end;         /* bits occupied so far, a multiple of 8 */
	uint64_t align_bits;  /* the record's alignment so far */
	bool overflow;
} tl_c_rec;

/* Size and alignment (bytes) of a member's declared type. C arrays are
 * computed here: clang rounds an array's size up to its element alignment
 * (c-layout.md 3.4, elements of an over-aligned typedef). */
tl_status tl_c_size_align(tl_ctx *ctx, const tl_target *t, tl_type_id type,
			  tl_loc use, uint64_t *size, uint64_t *align);

/* Places a bit-field of width `width` whose declared type has `size` and
 * `align` bytes; returns its bit offset from the start of the record
 * (layout_c_bitfield.c). */
uint64_t tl_c_place_bitfield(tl_c_rec *r, const tl_field *f, uint64_t size,
			     uint64_t align);

/* Enums, typedefs, opaque and vector definitions (layout_c_enum.c). */
tl_status tl_c_enum(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		    tl_layout *out);
tl_status tl_c_alias(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		     tl_layout *out);
tl_status tl_c_vector(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		      tl_layout *out);

/* The underlying integer type of an enum without a fixed one, from its
 * values (c-layout.md 2.2). */
tl_prim tl_c_enum_int_type(const tl_target *t, const tl_def *def);

/* tl_align_up, with *overflow set (and v returned) when the rounding
 * would wrap. */
static inline uint64_t tl_c_round_up(uint64_t v, uint64_t a, bool *overflow)
{
	uint64_t r;
	if (a <= 1)
		return v;
	if (__builtin_add_overflow(v, a - 1, &r)) {
		*overflow = true;
		return v;
	}
	return tl_align_up(v, a);
}

#endif
