/*
 * Helpers shared by the front-end unit tests (YAML, .rs, type
 * expressions, resolution): a context, and assertions on the recorded
 * diagnostics and on parsed fields.
 */
#ifndef TL_TESTS_FRONT_TEST_UTIL_H
#define TL_TESTS_FRONT_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/ctx_internal.h"
#include "model/syntax_print.h"
#include "util/strbuf.h"

static inline tl_ctx *new_ctx(void)
{
	tl_ctx *ctx = NULL;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	return ctx;
}

/* Prints every diagnostic (for failing tests). */
static inline void dump_diags(const tl_ctx *ctx)
{
	for (size_t i = 0; i < tl_diag_count(ctx); i++) {
		const tl_diag *d = tl_diag_get(ctx, i);
		print_message("  diag %zu: %u:%u [%s] %s\n", i, d->loc.line,
			      d->loc.col, d->id, d->message);
	}
}

/* Asserts that diagnostic `i` is an error with this id, location and
 * message. */
static inline void expect_diag(const tl_ctx *ctx, size_t i, const char *id,
			       uint32_t line, uint32_t col, const char *msg)
{
	const tl_diag *d = tl_diag_get(ctx, i);
	if (!d || strcmp(d->id, id) != 0 || d->loc.line != line ||
	    d->loc.col != col || strcmp(d->message, msg) != 0) {
		print_message("expected diag %zu: %u:%u [%s] %s\n", i, line, col,
			      id, msg);
		dump_diags(ctx);
		fail();
	}
}

/* Asserts a field's name and its type as the normalised printer writes
 * it. */
static inline void expect_field(const tl_field *f, const char *name,
				const char *type)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_texpr_print(&sb, f->texpr);
	assert_string_equal(f->name, name);
	assert_string_equal(tl_strbuf_cstr(&sb), type);
	tl_strbuf_release(&sb);
}

/* Asserts there is exactly one diagnostic, as described. */
static inline void expect_only(const tl_ctx *ctx, const char *id,
			       uint32_t line, uint32_t col, const char *msg)
{
	expect_diag(ctx, 0, id, line, col, msg);
	if (tl_diag_count(ctx) != 1) {
		dump_diags(ctx);
		fail_msg("expected exactly one diagnostic");
	}
}

static inline void expect_no_diags(const tl_ctx *ctx)
{
	if (tl_diag_count(ctx)) {
		dump_diags(ctx);
		fail_msg("expected no diagnostics");
	}
}

/* The first definition named `name` that is not from the prelude. */
static inline const tl_def *find_def(const tl_ctx *ctx, const char *name)
{
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (!d->builtin && strcmp(d->name, name) == 0)
			return d;
	}
	fail_msg("no definition '%s'", name);
	return NULL;
}

#endif
