/*
 * tl_load_c: every translation unit parsed for every built-in target on a
 * pool of worker threads (libclang is thread-safe per CXIndex and
 * translation unit; each worker owns its CXIndex). Workers only fill
 * intermediate descriptions (cd_unit); the calling thread merges them into
 * the context in input order (tl_ctx is not thread-safe), reports progress
 * and frees them. Job k is translation unit k / T for target k % T, so the
 * targets of one file are parsed side by side.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "front/clang/cfront_clang.h"
#include "front/clang/cfront_inputs.h"
#include "front/clang/cfront_merge.h"
#include "typelayout/cfront.h"

typedef struct cl_pool {
	pthread_mutex_t lock;
	pthread_cond_t done_cv;
	const cf_common *cm;
	const cf_tus *tus;
	size_t ntargets;
	size_t njobs;
	size_t next;        /* next job to start */
	cd_unit *units;     /* per job */
	bool *done;         /* per job */
	bool stop;
} cl_pool;

static void *worker(void *arg)
{
	cl_pool *p = arg;
	CXIndex idx = clang_createIndex(0, 0);
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t k = p->stop ? p->njobs : p->next++;
		pthread_mutex_unlock(&p->lock);
		if (k >= p->njobs)
			break;
		cd_unit *u = &p->units[k];
		cd_unit_init(u, k % p->ntargets);
		cf_parse(idx, p->cm, &p->tus->items[k / p->ntargets], u);
		pthread_mutex_lock(&p->lock);
		p->done[k] = true;
		pthread_cond_broadcast(&p->done_cv);
		pthread_mutex_unlock(&p->lock);
	}
	clang_disposeIndex(idx);
	return NULL;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* -fpack-struct[=N] sets every record's default maximum field alignment
 * (c-layout.md 5.3 and 6.8); a bare -fpack-struct means 1. */
static uint32_t pack_default(const char *const *args, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(args[i], "-fpack-struct"))
			v = 1;
		else if (!strncmp(args[i], "-fpack-struct=", 14))
			v = (uint32_t)strtoul(args[i] + 14, NULL, 10);
		else if (!strcmp(args[i], "-fno-pack-struct"))
			v = 0;
	}
	return v;
}

static const tl_loc no_loc = {0, 0, 0};

static void missing(void *ud, const char *path)
{
	tl_error(ud, no_loc, "io", "cannot read '%s': no such file "
		 "or directory", path);
}

/* Input files the compile database has no command for are parsed with the
 * plain clang arguments; directories only select commands. */
static bool add_uncovered(tl_ctx *ctx, cf_tus *tus, const char *const *inputs,
			  size_t n)
{
	size_t ncmd = tus->len;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i], &st) < 0) {
			missing(ctx, inputs[i]);
			continue;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		char *real = cf_realpath(inputs[i]);
		bool covered = !real;
		for (size_t k = 0; real && k < ncmd && !covered; k++) {
			char *r2 = cf_realpath(tus->items[k].file);
			covered = r2 && !strcmp(r2, real);
			free(r2);
		}
		free(real);
		if (!covered && !cf_inputs_files(tus, &inputs[i], 1, missing, ctx))
			return false;
	}
	return true;
}

static tl_status run_pool(tl_ctx *ctx, const cf_common *cm, const cf_tus *tus,
			  const tl_c_opts *o)
{
	cl_pool p;
	memset(&p, 0, sizeof(p));
	p.cm = cm;
	p.tus = tus;
	p.ntargets = tl_target_builtin_count();
	if (p.ntargets > TL_C_MAX_TARGETS)
		p.ntargets = TL_C_MAX_TARGETS;
	p.njobs = tus->len * p.ntargets;
	p.units = calloc(p.njobs ? p.njobs : 1, sizeof(*p.units));
	p.done = calloc(p.njobs ? p.njobs : 1, sizeof(*p.done));
	unsigned nthreads = o->jobs ? o->jobs : default_jobs();
	if (nthreads > p.njobs)
		nthreads = (unsigned)p.njobs;
	pthread_t *th = calloc(nthreads ? nthreads : 1, sizeof(*th));
	if (!p.units || !p.done || !th) {
		free(p.units);
		free(p.done);
		free(th);
		return TL_ENOMEM;
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	unsigned started = 0;
	for (; started < nthreads; started++)
		if (pthread_create(&th[started], NULL, worker, &p) != 0)
			break;
	cm_state m;
	cm_init(&m, ctx, p.ntargets, cm->keep_answers);
	tl_status st = started ? TL_OK : TL_ENOMEM;
	for (size_t i = 0; i < tus->len && st == TL_OK; i++) {
		size_t first = i * p.ntargets;
		pthread_mutex_lock(&p.lock);
		for (size_t k = first; k < first + p.ntargets; k++)
			while (!p.done[k])
				pthread_cond_wait(&p.done_cv, &p.lock);
		pthread_mutex_unlock(&p.lock);
		st = cm_merge(&m, &p.units[first]);
		bool failed = false;
		for (size_t k = first; k < first + p.ntargets; k++)
			failed = failed || p.units[k].failed;
		if (failed && o->failed)
			o->failed(tus->items[i].file, o->user);
		for (size_t k = first; k < first + p.ntargets; k++)
			cd_unit_release(&p.units[k]);
		if (o->progress)
			o->progress(i + 1, tus->len, o->user);
	}
	pthread_mutex_lock(&p.lock);
	p.stop = true;
	pthread_mutex_unlock(&p.lock);
	for (unsigned i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (size_t k = 0; k < p.njobs; k++)
		cd_unit_release(&p.units[k]);
	if (st == TL_OK && m.failed)
		st = TL_EINPUT;
	cm_release(&m);
	pthread_cond_destroy(&p.done_cv);
	pthread_mutex_destroy(&p.lock);
	free(th);
	free(p.units);
	free(p.done);
	return st;
}

tl_status tl_load_c(tl_ctx *ctx, const char *const *inputs, size_t ninputs,
		    const tl_c_opts *opts)
{
	tl_c_opts dflt = TL_C_OPTS_INIT;
	const tl_c_opts *o = opts ? opts : &dflt;
	cf_select sel;
	cf_tus tus = {0};
	tl_status st = TL_OK;
	size_t nerr = tl_error_count(ctx);
	if (cf_select_init(&sel, inputs, ninputs, o->names, o->nnames, o->all) < 0) {
		cf_select_release(&sel);
		return TL_ENOMEM;
	}
	if (o->compdb_dir) {
		int rc = cf_inputs_compdb(&tus, o->compdb_dir, &sel);
		if (rc == -1) {
			tl_error(ctx, no_loc, "io", "cannot read "
				 "'%s/compile_commands.json'", o->compdb_dir);
			st = TL_EINPUT;
		} else if (rc < 0 || !add_uncovered(ctx, &tus, inputs, ninputs)) {
			st = TL_ENOMEM;
		}
		/* with no inputs, the project's own files are the named ones */
		sel.nonsystem = ninputs == 0;
	} else if (!cf_inputs_files(&tus, inputs, ninputs, missing, ctx)) {
		st = TL_ENOMEM;
	}
	cf_common cm = {o->clang_args, o->nclang_args, &sel, o->verify,
			pack_default(o->clang_args, o->nclang_args)};
	if (st != TL_ENOMEM) {
		tl_status r = run_pool(ctx, &cm, &tus, o);
		if (r != TL_OK && (st == TL_OK || r == TL_ENOMEM))
			st = r;
	}
	if (st == TL_OK && tl_error_count(ctx) > nerr)
		st = TL_EINPUT;
	cf_tus_release(&tus);
	cf_select_release(&sel);
	return st;
}
