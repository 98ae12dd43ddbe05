/*
 * One translation unit to parse, and the settings every parse shares.
 * A job is parsed once per target (cfront_parse.c) on a worker thread.
 */
#ifndef TL_FRONT_CFRONT_JOB_H
#define TL_FRONT_CFRONT_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/clang/cfront_desc.h"
#include "front/clang/cfront_select.h"

typedef struct cf_tu {
	char *file;       /* the main file as given (or from the database) */
	char **argv;      /* compile command (argv[0] is the compiler), or NULL */
	size_t argc;
	char *dir;        /* its working directory, or NULL */
} cf_tu;

typedef struct cf_common {
	const char *const *clang_args;
	size_t nclang_args;
	const cf_select *sel;
	bool keep_answers;
	uint32_t pack_default; /* -fpack-struct=N in clang_args */
} cf_common;

/* Parses `tu` for built-in target `target_index` with the index `cx_index`
 * (a CXIndex, owned by the calling thread) into `out`, which the caller
 * has initialised with cd_unit_init. Never fails as a function: clang's
 * errors end up in out->diags and set out->failed. */
void cf_parse(void *cx_index, const cf_common *cm, const cf_tu *tu,
	      cd_unit *out);

#endif
