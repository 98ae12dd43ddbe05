/*
 * Which types are reported by default: those defined in the files the user
 * named (or under the directories the user named), plus those whose name
 * matches a --type glob, or everything with `all`. Plain C: read by the
 * walker threads (never written after cf_select_init), so it needs no lock.
 */
#ifndef TL_FRONT_CFRONT_SELECT_H
#define TL_FRONT_CFRONT_SELECT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cf_select {
	char **paths;     /* realpaths of the named files and directories */
	bool *is_dir;
	size_t npaths;
	const char *const *names; /* fnmatch globs */
	size_t nnames;
	bool all;
	bool nonsystem;   /* every file outside system headers counts as named */
} cf_select;

/* 0, or -1 when out of memory. Inputs that do not exist are skipped. */
int cf_select_init(cf_select *s, const char *const *inputs, size_t ninputs,
		   const char *const *names, size_t nnames, bool all);
void cf_select_release(cf_select *s);

/* realpath(path, NULL): malloc'd, NULL when the file does not exist. */
char *cf_realpath(const char *path);

/* Is the file with this realpath one of the named files or under a named
 * directory? */
bool cf_select_file(const cf_select *s, const char *real);
/* Does a type name match one of the globs? */
bool cf_select_name(const cf_select *s, const char *name);

#endif
