/*
 * Internal: the holes with their array in a caller's arena, for the report,
 * whose entries live in a batch's arena (tl_analyze_holes mallocs it, and
 * a free on the JSON thread would wait for malloc's lock).
 */
#ifndef TL_ANALYZE_HOLES_H
#define TL_ANALYZE_HOLES_H

#include "typelayout/analysis.h"
#include "util/arena.h"

/* Bits a field set covers, [start, end): in an array of the caller's
 * until it outgrows it, then malloc'd. */
typedef struct tl_span {
	uint64_t start, end;
} tl_span;

typedef struct tl_spans {
	tl_span *items;
	size_t len, cap;
	bool heap;        /* items malloc'd (tl_spans_release frees them) */
} tl_spans;

/* Adds [start, end) unless it is empty; false when out of memory. */
bool tl_spans_add(tl_spans *sp, uint64_t start, uint64_t end);
/* Adds the bits of an enum's tag when variant `variant` stores it. */
bool tl_spans_add_tag(tl_spans *sp, const tl_tag *tag, int variant);
void tl_spans_release(tl_spans *sp);

/* Adds the bits field set `v` covers to `sp`; false when out of memory. */
typedef bool (*tl_span_fn)(void *arg, int v, tl_spans *sp);

/* The padding and holes of `size` bytes that `nv` field sets (an enum's
 * variants, else one) cover as `collect` tells: padding by the set that
 * covers most, holes of that set (none for a union), the array from `mem`
 * (malloc'd when mem is NULL). */
tl_status tl_analyze__holes_from(uint64_t size, int nv, bool is_union,
				 tl_span_fn collect, void *arg,
				 tl_arena *mem, tl_holes *out);

/* tl_analyze_holes, the array from `mem` (malloc'd when mem is NULL). */
tl_status tl_analyze__holes_in(tl_ctx *ctx, tl_type_id type,
			       const tl_target *t, tl_arena *mem, tl_holes *out);

#endif
