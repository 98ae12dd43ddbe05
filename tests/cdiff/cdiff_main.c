/*
 * The differential test of the C front end and engine against clang:
 * random records (cdiff_gen.c) are parsed for x86_64-linux-gnu and
 * aarch64-linux-gnu, laid out by our engine, and compared with clang's own
 * answers from the same parses (tl_verify_c: size, alignment, every field
 * offset in bits, offsetof through anonymous members).
 *
 *   cdiff [--seed N] [--records N] [--files N] [--jobs N]
 *
 * Without --seed (or TL_CDIFF_SEED) a fresh seed is drawn and printed, so
 * every run tries new records and a failure can be replayed. On failure the
 * generated files are kept and their paths printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cdiff_gen.h"
#include "typelayout/cfront.h"
#include "typelayout/layout.h"

#define MAX_FILES 64

static uint64_t fresh_seed(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec ^
	       ((uint64_t)getpid() << 32);
}

static void usage(void)
{
	fprintf(stderr, "usage: cdiff [--seed N] [--records N] [--files N] "
		"[--jobs N]\n");
	exit(2);
}

/* Record layouts compared: struct/union definitions with clang answers,
 * once per target they apply to. */
static size_t count_records(tl_ctx *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (d->lang != TL_LANG_C || !d->front ||
		    (d->kind != TL_DEF_STRUCT && d->kind != TL_DEF_UNION) ||
		    (d->repr.flags & TL_REPR_SIMD))
			continue;
		n += d->target_mask ? (size_t)__builtin_popcount(d->target_mask) :
				      tl_target_builtin_count();
	}
	return n;
}

int main(int argc, char **argv)
{
	uint64_t seed = 0;
	bool have_seed = false;
	int records = 6000, nfiles = 8;
	unsigned jobs = 0;
	const char *env = getenv("TL_CDIFF_SEED");
	if (env && *env) {
		seed = strtoull(env, NULL, 0);
		have_seed = true;
	}
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--seed")) {
			seed = strtoull(argv[++i], NULL, 0);
			have_seed = true;
		} else if (!strcmp(argv[i], "--records")) {
			records = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--files")) {
			nfiles = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--jobs")) {
			jobs = (unsigned)atoi(argv[++i]);
		} else {
			usage();
		}
	}
	if (nfiles < 1 || nfiles > MAX_FILES || records < 1)
		usage();
	if (!have_seed)
		seed = fresh_seed();
	printf("cdiff: seed %llu (replay: cdiff --seed %llu --records %d "
	       "--files %d)\n", (unsigned long long)seed,
	       (unsigned long long)seed, records, nfiles);
	fflush(stdout);

	char dir[] = "/tmp/tl_cdiff_XXXXXX";
	if (!mkdtemp(dir)) {
		perror("cdiff: mkdtemp");
		return 1;
	}
	char paths[MAX_FILES][64];
	const char *inputs[MAX_FILES];
	int generated = 0;
	for (int f = 0; f < nfiles; f++) {
		snprintf(paths[f], sizeof(paths[f]), "%s/gen%02d.h", dir, f);
		inputs[f] = paths[f];
		FILE *out = fopen(paths[f], "w");
		if (!out) {
			perror(paths[f]);
			return 1;
		}
		int n = cdiff_generate(out, seed + (uint64_t)f * 0x100000001b3u,
				       (records + nfiles - 1) / nfiles);
		fclose(out);
		if (n < 0)
			return 1;
		generated += n;
	}

	tl_ctx *ctx;
	if (tl_ctx_new(&ctx) != TL_OK)
		return 1;
	tl_c_opts o = TL_C_OPTS_INIT;
	o.verify = true;
	o.jobs = jobs;
	tl_status st = tl_load_c(ctx, inputs, (size_t)nfiles, &o);
	size_t checked = 0, failed = 0;
	if (st == TL_OK)
		st = tl_verify_c(ctx, &checked, &failed);
	size_t nrec = count_records(ctx);
	int bad = st != TL_OK || failed || tl_error_count(ctx);
	size_t shown = 0;
	for (size_t i = 0; i < tl_diag_count(ctx) && shown < 30; i++) {
		const tl_diag *d = tl_diag_get(ctx, i);
		if (d->severity != TL_SEV_ERROR)
			continue;
		shown++;
		printf("%s:%u:%u: error: %s\n",
		       d->loc.file ? tl_file_path(ctx, d->loc.file) : "cdiff",
		       d->loc.line, d->loc.col, d->message);
	}
	printf("cdiff: %d records generated in %d files; %zu record layouts "
	       "(x86_64 + aarch64) and %zu layouts in all compared with clang, "
	       "%zu disagreements\n", generated, nfiles, nrec, checked, failed);
	if (bad) {
		printf("cdiff: FAILED (seed %llu); inputs kept in %s\n",
		       (unsigned long long)seed, dir);
	} else {
		for (int f = 0; f < nfiles; f++)
			unlink(paths[f]);
		rmdir(dir);
		printf("%zu passed, 0 failed\n", checked);
	}
	tl_ctx_free(ctx);
	return bad ? 1 : 0;
}
