/*
 * The C front end as a loadable module: the CLI dlopen()s this only when
 * it is given C input, so YAML and Rust runs do not pay for loading
 * libclang and LLVM (~30 ms and ~58 MB at start-up, measured). The module
 * carries its own copy of the model code it needs; the context holds no
 * global state, so both copies can work on the same tl_ctx.
 */
#include "typelayout/cfront.h"

tl_status tl_cfront_module_load(tl_ctx *ctx, const char *const *inputs,
				size_t ninputs, const tl_c_opts *opts);
tl_status tl_cfront_module_verify(tl_ctx *ctx, size_t *nchecked, size_t *nfailed);

tl_status tl_cfront_module_load(tl_ctx *ctx, const char *const *inputs,
				size_t ninputs, const tl_c_opts *opts)
{
	return tl_load_c(ctx, inputs, ninputs, opts);
}

tl_status tl_cfront_module_verify(tl_ctx *ctx, size_t *nchecked, size_t *nfailed)
{
	return tl_verify_c(ctx, nchecked, nfailed);
}
