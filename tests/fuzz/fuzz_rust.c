/*
 * Fuzz target for the `.rs` front end: any bytes as a Rust source file,
 * loaded, resolved and laid out for every built-in target. It must never
 * crash, hang or leak, whatever it reports. Built with libFuzzer
 * (-fsanitize=fuzzer) when asked; the replay driver runs the seeds of
 * testdata/fuzz/rust/ as an ordinary test in every build.
 */
#include <stddef.h>
#include <stdint.h>

#include "front/front_rust.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_ctx *ctx = NULL;
	if (tl_ctx_new(&ctx) != TL_OK)
		return 0;
	const char *cfgs[] = {"feature=\"std\""};
	tl_load_opts opts = TL_LOAD_OPTS_INIT;
	opts.cfgs = cfgs;
	opts.ncfgs = 1;
	tl_front_rust_load_buffer(ctx, "fuzz.rs", (const char *)data, size, &opts);
	tl_ctx_resolve(ctx);
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		tl_type_id id = d->builtin ? 0 : tl_def_type(ctx, d);
		for (size_t t = 0; id && t < tl_target_builtin_count(); t++) {
			const tl_layout *l;
			tl_layout_of(ctx, id, tl_target_builtin(t), &l);
		}
	}
	tl_ctx_free(ctx);
	return 0;
}
