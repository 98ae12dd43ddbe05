/*
 * Layout benchmark (issue: Rust engine): loads a YAML file, then times the
 * layout of every type it defines, for both shipped targets, apart from
 * parsing. Prints types, layouts computed, and seconds per phase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "typelayout.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: tl_bench_layout FILE.yaml\n");
		return 2;
	}
	tl_ctx *ctx;
	if (tl_ctx_new(&ctx))
		return 1;
	double t0 = now();
	tl_load_file(ctx, argv[1], NULL);
	tl_ctx_resolve(ctx);
	double t1 = now();
	tl_type_id *types;
	size_t n;
	if (tl_report_default_types(ctx, &types, NULL, NULL, &n))
		return 1;
	size_t laid = 0, failed = 0;
	for (size_t k = 0; k < tl_target_builtin_count(); k++)
		for (size_t i = 0; i < n; i++) {
			const tl_layout *l;
			if (tl_layout_of(ctx, types[i], tl_target_builtin(k), &l))
				failed++;
			else
				laid++;
		}
	double t2 = now();
	printf("types %zu  layouts %zu  failed %zu  load+resolve %.3f s  layout %.3f s  (%.2f us/layout, %zu interned terms)\n",
	       n, laid, failed, t1 - t0, t2 - t1, (t2 - t1) * 1e6 / (double)(laid ? laid : 1),
	       tl_type_count(ctx));
	free(types);
	tl_ctx_free(ctx);
	return failed ? 1 : 0;
}
