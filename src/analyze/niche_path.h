/*
 * Internal: the niche path written into a caller's buffer, for the report,
 * which keeps it only while the entry lives (tl_analyze_niche_path interns).
 */
#ifndef TL_ANALYZE_NICHE_PATH_H
#define TL_ANALYZE_NICHE_PATH_H

#include "typelayout/analysis.h"
#include "util/strbuf.h"

/* Paths already walked below each (target, type, variant, offset): a
 * report asks for the niche of types that contain one another, and
 * without it re-walks the same nested types for every container. */
typedef struct tl_niche_memo tl_niche_memo;

tl_niche_memo *tl_niche_memo_new(void);
void tl_niche_memo_free(tl_niche_memo *m);

/* Appends the path tl_analyze_niche_path would return to `sb`; `memo` may
 * be NULL. */
void tl_analyze__niche_path_into(tl_ctx *ctx, const tl_target *t,
				 tl_type_id type, int variant, uint64_t at,
				 tl_strbuf *sb, tl_niche_memo *memo);

#endif
