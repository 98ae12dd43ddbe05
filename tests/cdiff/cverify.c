/*
 * Loads C inputs through the C front end for both targets and compares
 * every layout with clang's (tl_verify_c); prints the counts that
 * tests/cdiff/real_headers.sh and bench/c_headers.sh report.
 *
 *   cverify [--no-verify] [--all] [-j N] [--failed FILE] input...
 *           [-- clang-args...]
 *
 * --failed writes the inputs clang could not parse, one per line.
 * Exit status 1 when any layout disagrees with clang.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typelayout/cfront.h"
#include "typelayout/layout.h"

static void on_failed(const char *file, void *user)
{
	if (user)
		fprintf(user, "%s\n", file);
}

static size_t count_records(tl_ctx *ctx)
{
	size_t n = 0;
	for (size_t k = 0; k < tl_def_count(ctx); k++) {
		const tl_def *d = tl_def_get(ctx, k);
		if (d->lang == TL_LANG_C && d->front &&
		    (d->kind == TL_DEF_STRUCT || d->kind == TL_DEF_UNION) &&
		    !(d->repr.flags & TL_REPR_SIMD))
			n += d->target_mask ?
				(size_t)__builtin_popcount(d->target_mask) :
				tl_target_builtin_count();
	}
	return n;
}

int main(int argc, char **argv)
{
	tl_c_opts o = TL_C_OPTS_INIT;
	const char **inputs = calloc((size_t)argc + 1, sizeof(char *));
	size_t ninputs = 0;
	FILE *failed_out = NULL;
	o.verify = true;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--no-verify"))
			o.verify = false;
		else if (!strcmp(argv[i], "--all"))
			o.all = true;
		else if (!strcmp(argv[i], "-j") && i + 1 < argc)
			o.jobs = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--failed") && i + 1 < argc)
			failed_out = fopen(argv[++i], "w");
		else
			inputs[ninputs++] = argv[i];
	}
	if (i < argc) {
		o.clang_args = (const char *const *)argv + i + 1;
		o.nclang_args = (size_t)(argc - i - 1);
	}
	o.failed = on_failed;
	o.user = failed_out;
	tl_ctx *ctx;
	if (!inputs || tl_ctx_new(&ctx) != TL_OK)
		return 1;
	tl_status st = tl_load_c(ctx, inputs, ninputs, &o);
	size_t checked = 0, failed = 0, nerr = 0;
	if (o.verify)
		tl_verify_c(ctx, &checked, &failed);
	for (size_t k = 0; k < tl_diag_count(ctx); k++) {
		const tl_diag *d = tl_diag_get(ctx, k);
		if (d->severity != TL_SEV_ERROR)
			continue;
		bool internal = !strcmp(d->id, "internal-layout-mismatch");
		nerr += !internal;
		if (internal || getenv("CVERIFY_SHOW_ERRORS"))
			printf("%s:%u:%u: error: %s\n",
			       d->loc.file ? tl_file_path(ctx, d->loc.file) : "-",
			       d->loc.line, d->loc.col, d->message);
	}
	if (failed_out)
		fclose(failed_out);
	printf("inputs: %zu; status: %d; clang errors: %zu\n", ninputs, (int)st,
	       nerr);
	if (o.verify)
		printf("record layouts compared: %zu; all layouts compared: %zu; "
		       "disagreements: %zu\n", count_records(ctx), checked, failed);
	free(inputs);
	tl_ctx_free(ctx);
	return failed ? 1 : 0;
}
