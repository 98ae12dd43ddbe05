/*
 * The context: owns everything of one run (arena, interned strings, loaded
 * sources, type table, layout memo, diagnostics). No global state.
 */
#ifndef TYPELAYOUT_CTX_H
#define TYPELAYOUT_CTX_H

#include <stddef.h>

#include "typelayout/diag.h"
#include "typelayout/model.h"
#include "typelayout/status.h"

typedef struct tl_load_opts {
	/* C inputs: arguments passed to clang (after `--`), NULL-terminated
	 * list of `nclang_args` entries */
	const char *const *clang_args;
	size_t nclang_args;
	/* Rust inputs: extra `--cfg` predicates ("unix", "feature=\"x\"") */
	const char *const *cfgs;
	size_t ncfgs;
} tl_load_opts;

#define TL_LOAD_OPTS_INIT {NULL, 0, NULL, 0}

tl_status tl_ctx_new(tl_ctx **out);
void tl_ctx_free(tl_ctx *ctx);

/* How many threads the library may use (parsing YAML ahead of the model,
 * writing the report): 0, the default, is one per online core; 1 keeps
 * everything on the calling thread. Results never depend on it. */
void tl_ctx_set_jobs(tl_ctx *ctx, unsigned jobs);

/* Reads a file; the front end is chosen by extension (.yaml/.yml, .rs). */
tl_status tl_load_file(tl_ctx *ctx, const char *path, const tl_load_opts *opts);

/*
 * Adds a type known only by its size and alignment, for a type the inputs
 * use but do not define (another crate's): `spec` is "NAME=SIZE:ALIGN",
 * e.g. "Span=24:8" or "proc_macro2::Span=24:8" (the CLI's `--opaque`).
 * NAME is matched like a definition's path: by all of it, else by its last
 * segment. ALIGN must be a power of two up to 2^29 and divide SIZE.
 * Returns TL_EINPUT (a diagnostic "bad-opaque" is recorded) for a bad
 * spec, TL_ENOMEM when memory runs out.
 */
tl_status tl_add_opaque(tl_ctx *ctx, const char *spec);

/* Loads YAML from memory; `name` is used in diagnostics. The buffer is copied. */
tl_status tl_load_yaml_buffer(tl_ctx *ctx, const char *name, const char *data,
			      size_t len);

/* Resolves every definition loaded so far: field types, discriminants,
 * array lengths. Call once after loading; idempotent. The syntax of YAML
 * field types and discriminants is read only by this: once everything is
 * resolved their tl_texpr/tl_cexpr are dropped (the fields say NULL) and
 * their memory is reused. */
tl_status tl_ctx_resolve(tl_ctx *ctx);

/* Parses and resolves a type expression given on the command line. */
tl_status tl_parse_type(tl_ctx *ctx, const char *text, tl_type_id *out);

/* Targets named by the loaded inputs (YAML `targets: [x86_64, aarch64]`), in
 * input order, for when the command line names none. The names are as
 * written: the caller checks them (tl_target_find) and can point a
 * diagnostic at *loc (may be NULL). NULL when index >= count. */
size_t tl_input_target_count(const tl_ctx *ctx);
const char *tl_input_target(const tl_ctx *ctx, size_t index, tl_loc *loc);

/* Every non-generic type the inputs define with exactly this name
 * ("struct foo", "bar_t", "a::b::Foo" or "Foo"), oldest first, at most
 * `max` of them: a C record or a Rust item whose #[cfg] differs between
 * targets has one definition per target. Returns how many were found.
 * Lets the CLI take C names, which are not Rust type expressions. */
size_t tl_find_types(tl_ctx *ctx, const char *name, tl_type_id *out, size_t max);

/* Diagnostics recorded so far, in order. */
size_t tl_diag_count(const tl_ctx *ctx);
const tl_diag *tl_diag_get(const tl_ctx *ctx, size_t index);
size_t tl_error_count(const tl_ctx *ctx);

/* Loaded sources, for rendering carets. File ids start at 1. */
const char *tl_file_path(const tl_ctx *ctx, uint32_t file);
/* The text of line `line` (1-based) without its newline; NULL if absent. */
const char *tl_file_line(const tl_ctx *ctx, uint32_t file, uint32_t line,
			 size_t *len);

#endif
