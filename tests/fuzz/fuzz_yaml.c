/*
 * libFuzzer target for the YAML front end and name resolution: any input
 * must give diagnostics, never a crash, a leak or a hang. A small builtin
 * prelude stands in for the embedded one (loading 400 lines per input
 * would slow fuzzing tenfold) so prelude lookups are exercised too.
 */
#include <stddef.h>
#include <stdint.h>

#include "front/front_yaml.h"
#include "model/ctx_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char prelude[] =
	"types:\n"
	"  Vec<T>: { path: std::vec::Vec, struct: [p: \"*const T\", c: usize, l: usize] }\n"
	"  \"Box<T: ?Sized>\": { path: std::boxed::Box, tuple: [\"*const T\"] }\n"
	"  Option<T>: { path: std::option::Option, enum: [None, Some(T)] }\n"
	"  String: { struct: [v: Vec<u8>] }\n"
	"  HashMap<K, V, S = String>: { struct: [s: S, p: \"*const (K, V)\"] }\n"
	"  \"ToOwned<B: ?Sized>\": { cases: [ {str: String}, {\"[T]\": Vec<T>}, {_: B} ] }\n"
	"  Two<T>: { alias: \"(T, T)\" }\n";

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
	tl_load_yaml_buffer(ctx, "fuzz.yaml", (const char *)data, size);
	tl_ctx_resolve(ctx);
	tl_type_id id;
	tl_parse_type(ctx, "Option<Box<Vec<u8>>>", &id);
	tl_ctx_free(ctx);
	return 0;
}
