/*
 * Report selection by file and by name (see cfront_select.h).
 */
/* realpath(3) is XSI: the only place in the front end that needs it */
#define _XOPEN_SOURCE 700
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "front/clang/cfront_select.h"

int cf_select_init(cf_select *s, const char *const *inputs, size_t ninputs,
		   const char *const *names, size_t nnames, bool all)
{
	memset(s, 0, sizeof(*s));
	s->names = names;
	s->nnames = nnames;
	s->all = all;
	if (!ninputs)
		return 0;
	s->paths = calloc(ninputs, sizeof(*s->paths));
	s->is_dir = calloc(ninputs, sizeof(*s->is_dir));
	if (!s->paths || !s->is_dir)
		return -1;
	for (size_t i = 0; i < ninputs; i++) {
		struct stat st;
		char *real = cf_realpath(inputs[i]);
		if (!real)
			continue;
		if (stat(real, &st) < 0) {
			free(real);
			continue;
		}
		s->is_dir[s->npaths] = S_ISDIR(st.st_mode);
		s->paths[s->npaths++] = real;
	}
	return 0;
}

char *cf_realpath(const char *path)
{
	return realpath(path, NULL);
}

void cf_select_release(cf_select *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npaths; i++)
		free(s->paths[i]);
	free(s->paths);
	free(s->is_dir);
	memset(s, 0, sizeof(*s));
}

bool cf_select_file(const cf_select *s, const char *real)
{
	if (!real)
		return false;
	for (size_t i = 0; i < s->npaths; i++) {
		const char *p = s->paths[i];
		size_t n = strlen(p);
		if (!s->is_dir[i]) {
			if (strcmp(p, real) == 0)
				return true;
			continue;
		}
		if (strncmp(p, real, n) == 0 &&
		    (real[n] == '/' || (n && p[n - 1] == '/')))
			return true;
	}
	return false;
}

bool cf_select_name(const cf_select *s, const char *name)
{
	for (size_t i = 0; i < s->nnames; i++)
		if (fnmatch(s->names[i], name, 0) == 0)
			return true;
	return false;
}
