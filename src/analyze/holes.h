/*
 * Internal: the holes with their array in a caller's arena, for the report,
 * whose entries live in a batch's arena (tl_analyze_holes mallocs it, and
 * a free on the JSON thread would wait for malloc's lock).
 */
#ifndef TL_ANALYZE_HOLES_H
#define TL_ANALYZE_HOLES_H

#include "typelayout/analysis.h"
#include "util/arena.h"

/* tl_analyze_holes, the array from `mem` (malloc'd when mem is NULL). */
tl_status tl_analyze__holes_in(tl_ctx *ctx, tl_type_id type,
			       const tl_target *t, tl_arena *mem, tl_holes *out);

#endif
