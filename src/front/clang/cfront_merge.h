/*
 * Merging the descriptions of one translation unit (one per target) into
 * the model, on the calling thread. State kept across translation units so
 * a record seen in several is added once.
 */
#ifndef TL_FRONT_CFRONT_MERGE_H
#define TL_FRONT_CFRONT_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "front/clang/cfront_desc.h"
#include "model/ctx_internal.h"

typedef struct cm_state {
	tl_ctx *ctx;
	bool keep_answers;
	size_t ntargets;
	tl_ptrmap files;   /* interned realpath -> file id */
	tl_ptrmap known;   /* interned key -> cm_entry list */
	bool failed;       /* some unit had errors */
	bool unsupported;  /* some type was replaced by clang's numbers */
} cm_state;

void cm_init(cm_state *m, tl_ctx *ctx, size_t ntargets, bool keep_answers);
void cm_release(cm_state *m);

/* Merges units[0..ntargets) (units[t] parsed for built-in target t).
 * Returns TL_OK or TL_ENOMEM; errors of the units are recorded as
 * diagnostics and set m->failed. */
tl_status cm_merge(cm_state *m, cd_unit *units);

#endif
