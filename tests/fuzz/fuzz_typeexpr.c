/*
 * libFuzzer target for the Rust-syntax parser: the input is parsed as a
 * type (and resolved, as `--type` does), as a constant expression (and
 * evaluated), as a variant and as a generic parameter list; every result
 * is printed back. Nothing may crash, leak or recurse without bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/const_eval.h"
#include "front/rust_parse.h"
#include "model/ctx_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		tl_cexpr_print(&sb, e);
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
