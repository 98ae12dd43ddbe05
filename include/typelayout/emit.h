/*
 * Emitters: (report, options, FILE*) -> status. They only format.
 */
#ifndef TYPELAYOUT_EMIT_H
#define TYPELAYOUT_EMIT_H

#include <stdio.h>

#include "typelayout/report.h"

typedef struct tl_emit_opts {
	unsigned columns;   /* terminal width; 0 = unlimited */
	bool color;
} tl_emit_opts;

#define TL_EMIT_OPTS_INIT {0, false}

/* One row per type: name, size, align, padding; targets side by side
 * when they differ. */
tl_status tl_emit_table(const tl_report *r, const tl_emit_opts *o, FILE *out);
/* Field-by-field view (like pahole's struct view) for every entry. */
tl_status tl_emit_show(const tl_report *r, const tl_emit_opts *o, FILE *out);
/* JSON, schema "typelayout/1" (shared/spec/json-output.md). */
tl_status tl_emit_json(const tl_report *r, const tl_emit_opts *o, FILE *out);
/* The same JSON, byte for byte, streamed type by type through
 * tl_report_each: memory does not grow with the number of types. On a
 * build error the output is cut short and the status says why. */
tl_status tl_emit_json_stream(tl_ctx *ctx, const tl_report_request *req,
			      const tl_emit_opts *o, FILE *out);

#endif
