/* Inputs to translation units (cfront_inputs.c). */
#ifndef TL_FRONT_CFRONT_INPUTS_H
#define TL_FRONT_CFRONT_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "front/clang/cfront_job.h"
#include "util/vec.h"

typedef TL_VEC(cf_tu) cf_tus;

typedef void (*cf_missing_fn)(void *ud, const char *path);

/* Files as given, directories expanded; a missing input is reported to
 * `missing` and skipped. false when out of memory. */
bool cf_inputs_files(cf_tus *out, const char *const *inputs, size_t n,
		     cf_missing_fn missing, void *ud);

/* The commands of dbdir/compile_commands.json whose file is selected by
 * `sel` (all when sel names no path). 0, -1 when the database cannot be
 * read, -2 when out of memory. */
int cf_inputs_compdb(cf_tus *out, const char *dbdir, const cf_select *sel);

void cf_tus_release(cf_tus *l);

#endif
