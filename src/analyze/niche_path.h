/*
 * Internal: the niche path written into a caller's buffer, for the report,
 * which keeps it only while the entry lives (tl_analyze_niche_path interns).
 */
#ifndef TL_ANALYZE_NICHE_PATH_H
#define TL_ANALYZE_NICHE_PATH_H

#include "typelayout/analysis.h"
#include "util/strbuf.h"

/* Appends the path tl_analyze_niche_path would return to `sb`. */
void tl_analyze__niche_path_into(tl_ctx *ctx, const tl_target *t,
				 tl_type_id type, int variant, uint64_t at,
				 tl_strbuf *sb);

#endif
