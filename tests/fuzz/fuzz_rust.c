/*
 * libFuzzer target for the `.rs` front end and its resolution hooks: any
 * bytes as a Rust source file must give diagnostics, never a crash, a leak
 * or a hang. Inputs that resolve are laid out on every built-in target
 * (array lengths using size_of are evaluated there). As in fuzz_yaml.c, a small builtin prelude stands in for the
 * embedded one so each input stays cheap. The replay driver runs the seeds
 * of testdata/fuzz/rust/ as an ordinary test in every build.
 */
#include <stddef.h>
#include <stdint.h>

#include "front/front_rust.h"
#include "front/front_yaml.h"
#include "model/ctx_internal.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char prelude[] =
	"types:\n"
	"  Vec<T>: { path: std::vec::Vec, struct: [p: \"*const T\", c: usize, l: usize] }\n"
	"  \"Box<T: ?Sized>\": { path: std::boxed::Box, tuple: [\"*const T\"] }\n"
	"  Option<T>: { path: std::option::Option, enum: [None, Some(T)] }\n"
	"  String: { path: std::string::String, struct: [v: Vec<u8>] }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_ctx *ctx;
	if (tl_ctx_new(&ctx) != TL_OK)
		return 0;
	ctx->prelude_loaded = true;
	uint32_t file = tl_source_add(ctx, "<prelude>", prelude,
				      sizeof(prelude) - 1);
	if (file)
		tl_front_yaml_load(ctx, file, true);
	const char *cfgs[] = {"feature=\"std\""};
	tl_load_opts opts = TL_LOAD_OPTS_INIT;
	opts.cfgs = cfgs;
	opts.ncfgs = 1;
	tl_front_rust_load_buffer(ctx, "fuzz.rs", (const char *)data, size, &opts);
	if (tl_ctx_resolve(ctx) == TL_OK) {
		/* lengths using size_of are evaluated while laying out */
		for (size_t i = 0; i < tl_def_count(ctx); i++) {
			tl_type_id t = tl_def_type(ctx, tl_def_get(ctx, i));
			const tl_layout *l;
			for (size_t k = 0; t && k < tl_target_builtin_count(); k++)
				tl_layout_of(ctx, t, tl_target_builtin(k), &l);
		}
	}
	tl_type_id id;
	tl_parse_type(ctx, "Option<Box<Vec<u8>>>", &id);
	tl_ctx_free(ctx);
	return 0;
}
