/*
 * From the user's inputs to a list of translation units: files as given,
 * directories walked for .c and .h files (sorted, so runs are
 * reproducible), or the commands of a compile_commands.json read through
 * libclang's CXCompilationDatabase (no JSON reader of our own).
 */
#include <clang-c/CXCompilationDatabase.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "front/clang/cfront_clang.h"
#include "front/clang/cfront_inputs.h"
#include "util/vec.h"

void cf_tus_release(cf_tus *l)
{
	for (size_t i = 0; i < l->len; i++) {
		cf_tu *t = &l->items[i];
		free(t->file);
		for (size_t k = 0; k < t->argc; k++)
			free(t->argv[k]);
		free(t->argv);
		free(t->dir);
	}
	TL_VEC_FREE(*l);
}

static bool push_file(cf_tus *l, const char *path)
{
	cf_tu t;
	memset(&t, 0, sizeof(t));
	t.file = strdup(path);
	if (!t.file || !TL_VEC_PUSH(*l, t)) {
		free(t.file);
		return false;
	}
	return true;
}

static bool is_source(const char *name)
{
	size_t n = strlen(name);
	return n > 2 && name[0] != '.' &&
	       (!strcmp(name + n - 2, ".c") || !strcmp(name + n - 2, ".h"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .c and .h file under dir, sorted; hidden entries skipped. */
static bool walk_dir(cf_tus *l, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return true;
	TL_VEC(char *) names = {0};
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		if (!p) {
			ok = false;
			break;
		}
		snprintf(p, n, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (!TL_VEC_PUSH(names, p)) {
			free(p);
			ok = false;
		}
	}
	closedir(d);
	if (names.len)
		qsort(names.items, names.len, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.len; i++) {
		struct stat st;
		const char *p = names.items[i];
		const char *base = strrchr(p, '/');
		base = base ? base + 1 : p;
		if (ok && stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < 64)
				ok = walk_dir(l, p, depth + 1);
			else if (S_ISREG(st.st_mode) && is_source(base))
				ok = push_file(l, p);
		}
		free(names.items[i]);
	}
	TL_VEC_FREE(names);
	return ok;
}

bool cf_inputs_files(cf_tus *out, const char *const *inputs, size_t n,
		     cf_missing_fn missing, void *ud)
{
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i], &st) < 0) {
			missing(ud, inputs[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode) ? !walk_dir(out, inputs[i], 0) :
					  !push_file(out, inputs[i]))
			return false;
	}
	return true;
}

static char *strdup_cx(CXString s)
{
	return cw_string(s);
}

/* Is `real` one of the inputs, or under an input directory? */
static bool selected(const cf_select *sel, const char *path, const char *dir)
{
	char buf[PATH_MAX * 2];
	if (!sel->npaths)
		return true;
	if (path[0] != '/' && dir) {
		snprintf(buf, sizeof(buf), "%s/%s", dir, path);
		path = buf;
	}
	char *real = cf_realpath(path);
	bool r = real && cf_select_file(sel, real);
	free(real);
	return r;
}

int cf_inputs_compdb(cf_tus *out, const char *dbdir, const cf_select *sel)
{
	/* libclang prints its own complaint to stderr when the file is
	 * missing; the library must not print, so look first */
	char path[4096];
	snprintf(path, sizeof(path), "%s/compile_commands.json", dbdir);
	if (access(path, R_OK) != 0)
		return -1;
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dbdir, &err);
	if (err != CXCompilationDatabase_NoError || !db)
		return -1;
	CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	int rc = 0;
	for (unsigned i = 0; i < n && rc == 0; i++) {
		CXCompileCommand c = clang_CompileCommands_getCommand(cmds, i);
		cf_tu t;
		memset(&t, 0, sizeof(t));
		t.file = strdup_cx(clang_CompileCommand_getFilename(c));
		t.dir = strdup_cx(clang_CompileCommand_getDirectory(c));
		if (!t.file || !t.dir || !selected(sel, t.file, t.dir)) {
			free(t.file);
			free(t.dir);
			rc = t.file && t.dir ? 0 : -2;
			continue;
		}
		if (t.file[0] != '/') {
			/* relative to the command's directory */
			size_t len = strlen(t.dir) + strlen(t.file) + 2;
			char *abs = malloc(len);
			if (abs)
				snprintf(abs, len, "%s/%s", t.dir, t.file);
			free(t.file);
			t.file = abs;
			if (!abs) {
				free(t.dir);
				rc = -2;
				continue;
			}
		}
		t.argc = clang_CompileCommand_getNumArgs(c);
		t.argv = calloc(t.argc ? t.argc : 1, sizeof(char *));
		for (size_t k = 0; t.argv && k < t.argc; k++)
			t.argv[k] = strdup_cx(clang_CompileCommand_getArg(c, (unsigned)k));
		if (!t.argv || !TL_VEC_PUSH(*out, t)) {
			for (size_t k = 0; t.argv && k < t.argc; k++)
				free(t.argv[k]);
			free(t.argv);
			free(t.file);
			free(t.dir);
			rc = -2;
		}
	}
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	return rc;
}
