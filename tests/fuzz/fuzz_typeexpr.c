/*
 * libFuzzer target for the Rust-syntax parser: the input is parsed as a
 * type (and resolved, as `--type` does), as a constant expression (and
 * evaluated, also as the layout engine would), as a variant and as a
 * generic parameter list; every result is printed back. Nothing may crash, leak or recurse without bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/const_eval.h"
#include "front/rust_parse.h"
#include "model/ctx_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* size_of/align_of answers: the type's nesting, so they vary */
static int some_layout(void *user, const tl_cexpr *x, tl_u128 *value)
{
	(void)user;
	*value = x->ty ? (tl_u128)x->ty->kind + x->ty->nsegs : 0;
	return 0;
}

static void parse_all(tl_ctx *ctx, const char *text, size_t len)
{
	tl_rparse p;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_loc at = {1, 1, 1};
	tl_rparse_init(&p, ctx);

	tl_rparse_begin(&p, text, len, at, false);
	const tl_texpr *t = tl_rparse_type(&p);
	if (t && tl_rparse_end(&p, "the type"))
		tl_texpr_print(&sb, t);

	tl_rparse_begin(&p, text, len, at, true);
	const tl_cexpr *e = tl_rparse_cexpr(&p);
	if (e && tl_rparse_end(&p, "the expression")) {
		tl_cx_env env = {ctx, 64, NULL, NULL, NULL};
		tl_u128 v;
		tl_cexpr_eval(&env, e, TL_CX_NOTYPE, &v, NULL);
		tl_cexpr_eval(&env, e, TL_PRIM_I8, &v, NULL);
		/* as the layout engine evaluates, on a 32-bit target */
		tl_cx_env lay = {ctx, 32, NULL, NULL, some_layout};
		if (tl_cexpr_needs_layout(&lay, e))
			tl_cexpr_eval(&lay, e, TL_PRIM_USIZE, &v, NULL);
		tl_cexpr_eval(&lay, e, TL_PRIM_BOOL, &v, NULL);
		tl_cexpr_print(&sb, e);
		tl_cexpr_key(&sb, e);
	}

	tl_variant v;
	tl_rparse_begin(&p, text, len, at, false);
	if (tl_rparse_variant(&p, &v))
		tl_rparse_end(&p, "the variant");

	tl_gparam *g;
	uint32_t n;
	tl_rparse_begin(&p, text, len, at, false);
	if (tl_rparse_generics(&p, &g, &n))
		tl_rparse_end(&p, "the list");

	tl_strbuf_release(&sb);
	tl_rparse_release(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_ctx *ctx;
	char *text = malloc(size + 1);
	if (!text || tl_ctx_new(&ctx) != TL_OK) {
		free(text);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	ctx->prelude_loaded = true; /* the parser is the target here */
	tl_source_add(ctx, "<fuzz>", text, size);
	parse_all(ctx, text, size);
	tl_type_id id;
	if (!memchr(text, '\0', size))
		tl_parse_type(ctx, text, &id);
	tl_ctx_free(ctx);
	free(text);
	return 0;
}
