/*
 * A small evaluator for the integer constant expressions that appear in
 * alignment attributes as clang's pretty printer writes them:
 * `16`, `sizeof(long) * 2`, `4 * sizeof(__u64)`, `_Alignof(double)`,
 * `__alignof__(struct ebt_replace)`, `1 << 4`, `MY_ENUM_CONSTANT`.
 * libclang does not expose attribute arguments (c-layout.md 6.5), so the
 * front end evaluates them itself; names are resolved through callbacks that
 * ask the parse they came from. Plain C, no libclang.
 */
#ifndef TL_FRONT_CFRONT_EVAL_H
#define TL_FRONT_CFRONT_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ce_env {
	/* size and alignment (bytes) of a type name ("long", "struct x",
	 * "foo_t", "char *"); false when unknown */
	bool (*type_info)(void *ud, const char *type, int64_t *size,
			  int64_t *align);
	/* the value of an enumeration constant; false when unknown */
	bool (*constant)(void *ud, const char *name, int64_t *value);
	void *ud;
} ce_env;

/* Evaluates text[0..len); false when it uses something unsupported, divides
 * by zero or is malformed. */
bool ce_eval(const char *text, size_t len, const ce_env *env, int64_t *out);

/* Finds the alignment attributes in a declaration as clang prints it
 * (`int i __attribute__((aligned(16)))`, `short s _Alignas(8)`,
 * `struct __attribute__((aligned)) S {`), evaluates them and returns the
 * largest value: 0 when there is none, -1 when one could not be evaluated.
 * A bare `aligned` counts as `bare_aligned`. Only text after the last '}'
 * is read, so attributes of a record type printed inline are skipped. */
int64_t ce_written_align(const char *decl, const ce_env *env,
			 int64_t bare_aligned);

#endif
