/*
 * Layouts: computed on request, memoised per (type, target), owned by the
 * context. Offsets are bytes from the start of the type.
 */
#ifndef TYPELAYOUT_LAYOUT_H
#define TYPELAYOUT_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "typelayout/model.h"
#include "typelayout/status.h"
#include "typelayout/target.h"

/* A run of invalid values in one integer-like scalar. Values are unsigned
 * bit patterns of `size` bytes; the valid range wraps when start > end. */
typedef struct tl_niche {
	bool present;
	uint32_t size;   /* bytes of the scalar */
	uint64_t offset;
	tl_u128 start;
	tl_u128 end;
} tl_niche;

/* Number of invalid values: (start - end - 1) mod 2^(8*size). */
tl_u128 tl_niche_available(const tl_niche *n);

typedef enum tl_tag_encoding {
	TL_TAG_NONE,
	TL_TAG_DIRECT, /* a tag field is stored */
	TL_TAG_NICHE   /* the tag lives in invalid values of the untagged variant */
} tl_tag_encoding;

typedef struct tl_tag {     /* (fields by size: no holes) */
	tl_tag_encoding encoding;
	uint32_t size;
	uint64_t offset;
	uint32_t untagged;    /* NICHE: the variant stored as is */
	uint32_t niche_first; /* NICHE: variant indices encoded in the niche */
	uint32_t niche_last;
	bool is_signed;
	tl_u128 valid_start;  /* the tag scalar's valid range after encoding */
	tl_u128 valid_end;
	tl_u128 niche_start;  /* NICHE: value stored for niche_first */
} tl_tag;

typedef enum tl_tail {
	TL_TAIL_SIZED,
	TL_TAIL_SLICE, /* ends in [T] or str: pointers carry a length */
	TL_TAIL_DYN    /* ends in dyn Trait: pointers carry a vtable */
} tl_tail;

typedef struct tl_variant_layout {
	uint64_t size;       /* end of the last byte used by a field or the tag */
	uint64_t align;
	bool absent;         /* uninhabited and all 1-ZST: takes no value */
	bool uninhabited;
	uint32_t nfields;
	const uint64_t *offsets; /* declaration order, from the start of the enum */
	const uint32_t *order;   /* field indices by increasing offset */
} tl_variant_layout;

typedef struct tl_layout {  /* (fields by size: no holes) */
	uint64_t size;
	uint64_t align;
	tl_tail tail;
	uint32_t nfields;
	uint32_t nvariants;
	bool sized;
	bool uninhabited;
	tl_niche niche;          /* the largest niche */
	const uint64_t *offsets;     /* declaration order */
	const uint64_t *bit_offsets; /* C bit-fields: bits from the start; NULL if none */
	const uint32_t *order;       /* memory order */
	const tl_variant_layout *variants;
	tl_tag tag;
} tl_layout;

/*
 * Lays out `type` for `target`. On success *out points to a layout owned by
 * the context. Errors (infinite size, too big for the target, unknown
 * sizes) are recorded as diagnostics and return TL_EINPUT or TL_ELIMIT.
 */
tl_status tl_layout_of(tl_ctx *ctx, tl_type_id type, const tl_target *target,
		       const tl_layout **out);

/*
 * True when `type`, already laid out for both targets, has one layout
 * shared by them: targets that agree on everything the Rust engine reads
 * (x86_64 and aarch64 Linux do) share the layouts of types that reach no
 * C definition or C scalar, and then every field's layout is shared too.
 * False when they differ or it is not known.
 */
bool tl_layout_shared(const tl_ctx *ctx, tl_type_id type, const tl_target *a,
		      const tl_target *b);

#endif
