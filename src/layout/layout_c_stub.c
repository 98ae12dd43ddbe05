/*
 * Placeholder for the C layout engine until src/layout/layout_c_*.c land:
 * DELETE this file when they do (it defines the same two functions).
 */
#include "layout/layout_internal.h"

tl_status tl_layout__c_adt(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			   tl_layout *out)
{
	(void)t;
	(void)out;
	tl_error(ctx, ty->def->loc, "unsupported", "C layout engine not built");
	return TL_EUNSUPPORTED;
}

tl_status tl_layout__c_atomic(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			      tl_layout *out)
{
	(void)ctx;
	(void)t;
	(void)ty;
	(void)out;
	return TL_EUNSUPPORTED;
}
