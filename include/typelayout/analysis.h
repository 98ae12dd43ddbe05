/*
 * Analyses over layouts. They read the model and layouts and return result
 * records; they never change input types and never format text.
 */
#ifndef TYPELAYOUT_ANALYSIS_H
#define TYPELAYOUT_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/layout.h"
#include "typelayout/model.h"

/* A run of bits that no field and no tag covers. */
typedef struct tl_hole {
	uint64_t bit_offset;
	uint64_t bits;
	bool tail;             /* trailing padding after the last field */
} tl_hole;

typedef struct tl_holes {
	tl_hole *items;        /* malloc'd */
	size_t len;
	uint64_t padding;      /* bytes; see json-output.md "padding" */
} tl_holes;

/* Holes of a struct-like layout (or of the variant that uses most storage,
 * for enums). Field sizes come from their own layouts. */
tl_status tl_analyze_holes(tl_ctx *ctx, tl_type_id type, const tl_target *t,
			   tl_holes *out);
void tl_holes_release(tl_holes *h);

/* Enum explanation: what the naive "tag + largest variant" model gives. */
typedef struct tl_enum_explain {
	bool applies;
	uint64_t naive_size;   /* align_up(tag + largest payload, align) */
	uint64_t largest_payload;
	uint32_t largest_variant;
} tl_enum_explain;

tl_status tl_analyze_enum(tl_ctx *ctx, tl_type_id type, const tl_target *t,
			  tl_enum_explain *out);

/* The field path ("Array.0.buf.inner.cap") of the scalar at byte `at` of
 * `type`, or of its variant `variant` (-1 for structs); "" when there is no
 * field there. The string belongs to the context. */
const char *tl_analyze_niche_path(tl_ctx *ctx, const tl_target *t,
				  tl_type_id type, int variant, uint64_t at);

#endif
