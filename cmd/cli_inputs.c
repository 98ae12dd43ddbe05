/*
 * Loading the inputs of report/show: each path goes to its front end by
 * kind (.yaml/.yml, .rs, C sources and headers, directories by what they
 * hold); C inputs are parsed together so translation units run in
 * parallel and records seen twice are added once.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_inputs.h"
#ifdef TL_WITH_CLANG
#include "typelayout/cfront.h"
#endif

static bool has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return false;
	for (; *exts; exts++)
		if (!strcmp(dot, *exts))
			return true;
	return false;
}

static const char *const c_exts[] = {".h", ".c", ".hh", ".hpp", ".hxx", ".cc", ".cpp", ".cxx", NULL};
static const char *const rs_exts[] = {".rs", NULL};

/* 1 when a directory holds .rs files, 2 when it holds C files, 0 neither
 * (searched breadth-first to a small depth). */
static int dir_kind(const char *path, int depth)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int kind = 0;
	struct dirent *e;
	while ((e = readdir(d)) && kind != 1) {
		if (e->d_name[0] == '.')
			continue;
		if (has_ext(e->d_name, rs_exts))
			kind = 1;
		else if (has_ext(e->d_name, c_exts))
			kind = 2;
		else if (depth < 3) {
			size_t n = strlen(path) + strlen(e->d_name) + 2;
			char *sub = malloc(n);
			struct stat st;
			if (!sub)
				break;
			snprintf(sub, n, "%s/%s", path, e->d_name);
			if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
				int k = dir_kind(sub, depth + 1);
				if (k == 1 || (k == 2 && !kind))
					kind = k;
			}
			free(sub);
		}
	}
	closedir(d);
	return kind;
}

bool tl_cli_is_c_input(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return dir_kind(path, 0) == 2;
	return has_ext(path, c_exts);
}

#ifdef TL_WITH_CLANG
static void progress(size_t done, size_t total, void *user)
{
	(void)user;
	fprintf(stderr, "\rtypelayout: parsed %zu/%zu translation units", done, total);
	if (done == total)
		fputs("\n", stderr);
}

typedef tl_status (*cfront_load_fn)(tl_ctx *, const char *const *, size_t,
				    const tl_c_opts *);
typedef tl_status (*cfront_verify_fn)(tl_ctx *, size_t *, size_t *);

/* The C front end module, loaded on first use (one per process; the CLI
 * is the only place allowed process-wide state). It sits next to the
 * executable; TL_CFRONT_MODULE in the environment overrides the path. */
static struct {
	void *handle;
	cfront_load_fn load;
	cfront_verify_fn verify;
} cfront;

static bool cfront_open(void)
{
	if (cfront.handle)
		return true;
	char path[PATH_MAX];
	const char *env = getenv("TL_CFRONT_MODULE");
	if (env) {
		snprintf(path, sizeof(path), "%s", env);
	} else {
		ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
		if (n < 0)
			n = 0;
		path[n] = '\0';
		char *slash = strrchr(path, '/');
		size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
		snprintf(path + dir, sizeof(path) - dir, "%s", TL_CFRONT_MODULE);
	}
	cfront.handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!cfront.handle) {
		fprintf(stderr, "typelayout: cannot load the C front end: %s\n", dlerror());
		return false;
	}
	cfront.load = (cfront_load_fn)(uintptr_t)dlsym(cfront.handle, "tl_cfront_module_load");
	cfront.verify = (cfront_verify_fn)(uintptr_t)dlsym(cfront.handle, "tl_cfront_module_verify");
	if (!cfront.load || !cfront.verify) {
		fprintf(stderr, "typelayout: %s is not the C front end module\n", path);
		dlclose(cfront.handle);
		cfront.handle = NULL;
		return false;
	}
	return true;
}
#endif

int tl_cli_load_inputs(tl_ctx *ctx, const tl_cli_inputs *in)
{
	int status = 0;
	const char **c_inputs = calloc(in->ninputs + 1, sizeof(*c_inputs));
	size_t nc = 0;
	if (!c_inputs)
		return -1;
	tl_load_opts lo = TL_LOAD_OPTS_INIT;
	lo.cfgs = in->cfgs;
	lo.ncfgs = in->ncfgs;
	for (size_t i = 0; i < in->ninputs; i++) {
		if (tl_cli_is_c_input(in->inputs[i]))
			c_inputs[nc++] = in->inputs[i];
		else if (tl_load_file(ctx, in->inputs[i], &lo) != TL_OK)
			status = -1;
	}
	if (nc || in->compdb_dir) {
#ifdef TL_WITH_CLANG
		tl_c_opts co = TL_C_OPTS_INIT;
		co.clang_args = in->clang_args;
		co.nclang_args = in->nclang_args;
		co.compdb_dir = in->compdb_dir;
		co.jobs = in->jobs;
		co.all = in->all;
		co.names = in->names;
		co.nnames = in->nnames;
		co.verify = in->verify;
		if (isatty(STDERR_FILENO))
			co.progress = progress;
		if (!cfront_open() || cfront.load(ctx, c_inputs, nc, &co) != TL_OK)
			status = -1;
#else
		fprintf(stderr, "typelayout: C inputs need a build with libclang\n");
		status = -1;
#endif
	}
	free(c_inputs);
	return status;
}

int tl_cli_verify(tl_ctx *ctx, size_t *nchecked, size_t *nfailed)
{
#ifdef TL_WITH_CLANG
	*nchecked = *nfailed = 0;
	if (!cfront.handle) /* no C input was loaded: nothing to compare */
		return 0;
	return cfront.verify(ctx, nchecked, nfailed) == TL_OK ? 0 : -1;
#else
	(void)ctx;
	*nchecked = *nfailed = 0;
	return 0;
#endif
}
