/* Shared between the report's files (never installed). */
#ifndef TL_REPORT_INT_H
#define TL_REPORT_INT_H

#include "analyze/niche_path.h"
#include "typelayout/report.h"
#include "util/arena.h"

/* Builds the entries of request type `i` (one per target it is defined
 * for) into out[0..*n); field arrays and holes come from `mem`, niche paths are
 * memoised in `memo` (may be NULL). Holes and padding are left out unless
 * `holes`: tl_report__holes adds them (report.c). */
tl_status tl_report__build_type(tl_ctx *ctx, tl_arena *mem,
				tl_niche_memo *memo,
				const tl_report_request *req, size_t i,
				bool holes, tl_report_entry *out, size_t *n);

/* The holes and padding of a built entry, from its fields, variants and
 * tag alone (it reads nothing else: any thread may call it), the array
 * from `mem` (report_holes.c). */
tl_status tl_report__holes(tl_report_entry *e, tl_arena *mem);

/* Asks the cache for what building request type `i` will read first, in
 * stages: call it for i + 8, i + 4 and i + 2 before building i (each
 * stage reads what the previous one fetched). */
void tl_report__prefetch(const tl_ctx *ctx, const tl_report_request *req,
			 size_t i, int stage);

#endif
