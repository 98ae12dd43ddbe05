/*
 * Renders diagnostics gcc/clang style: `path:line:col: error: message`,
 * then the source line and a caret under the column. The library stores the
 * text; this is the only place that draws it.
 */
#include <stdio.h>

#include "cli.h"

static const char *sev_name(tl_severity s)
{
	return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "note";
}

static void print_one(const tl_ctx *ctx, const tl_diag *d, FILE *out)
{
	const char *path = tl_file_path(ctx, d->loc.file);
	if (path && d->loc.line)
		fprintf(out, "%s:%u:%u: ", path, d->loc.line, d->loc.col);
	else if (path)
		fprintf(out, "%s: ", path);
	else
		fputs("typelayout: ", out);
	fprintf(out, "%s: %s\n", sev_name(d->severity), d->message);
	size_t len;
	const char *line = tl_file_line(ctx, d->loc.file, d->loc.line, &len);
	if (!line || !d->loc.col)
		return;
	fprintf(out, "%5u | %.*s\n      | ", d->loc.line, (int)len, line);
	for (uint32_t i = 1; i < d->loc.col && i <= len; i++)
		fputc(line[i - 1] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

size_t tl_cli_print_diags(const tl_ctx *ctx, FILE *out, bool color)
{
	(void)color;
	size_t errors = 0;
	for (size_t i = 0; i < tl_diag_count(ctx); i++) {
		const tl_diag *d = tl_diag_get(ctx, i);
		print_one(ctx, d, out);
		for (size_t k = 0; k < d->nnotes; k++)
			print_one(ctx, &d->notes[k], out);
		errors += d->severity == TL_SEV_ERROR;
	}
	return errors;
}
