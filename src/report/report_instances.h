/* Concrete instances of user generics met in reported types (report_instances.c). */
#ifndef TL_REPORT_INSTANCES_H
#define TL_REPORT_INSTANCES_H

#include <stddef.h>

#include "typelayout/model.h"
#include "typelayout/status.h"

/* Every instance of a user's generic definition reachable from the field
 * types of `roots` (not counting the roots), once, in discovery order.
 * *out is malloc'd (NULL when none). */
tl_status tl_report__instances(tl_ctx *ctx, const tl_type_id *roots, size_t n,
			       tl_type_id **out, size_t *nout);

#endif
