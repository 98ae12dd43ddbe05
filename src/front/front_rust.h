/*
 * The `.rs` front end: reads Rust type items (struct, enum, union, type
 * aliases, const items) from source files, a crate root or a directory,
 * and adds one tl_def per type item -- or one per target when a #[cfg]
 * makes the item differ between the built-in targets. doc/rust-frontend.md
 * is the user's description; this header is the library's.
 *
 * Names: def->name is the item's name as written ("Span"), def->path its
 * path in the crate ("crate::ast::Span"); def->loc is where rustc's span
 * of the item starts: the first token after its outer attributes and doc
 * comments (the visibility, else the keyword), 1-based byte columns.
 *
 * Resolution is scope-aware: every definition this front end adds points
 * (def->front) at its item, and resolve.c asks tl_front_rust_resolve_type
 * and tl_front_rust_const_lookup before falling back to the global rules
 * (last path segment, then the prelude).
 */
#ifndef TL_FRONT_FRONT_RUST_H
#define TL_FRONT_FRONT_RUST_H

#include <stdbool.h>
#include <stdint.h>

#include "model/ctx_internal.h"
#include "typelayout/status.h"

/*
 * Loads `path`: a `.rs` file (read as a crate root, as rustc would read
 * it: `mod b;` is b.rs or b/mod.rs beside it) or a directory (its lib.rs
 * and main.rs, or src/lib.rs and src/main.rs, as crate roots; without
 * those, every `.rs` file directly in it, in name order). A file already
 * loaded as a module of an earlier crate is skipped. `opts` (may be NULL)
 * supplies `--cfg` predicates. Every error of the input is recorded;
 * returns TL_EINPUT when there was one, TL_EIO when a file cannot be read,
 * TL_ENOMEM when memory ran out.
 */
tl_status tl_front_rust_load(tl_ctx *ctx, const char *path,
			     const tl_load_opts *opts);

/* Loads Rust source from memory as one crate root named `name` (tests,
 * fuzzing); `mod b;` declarations are errors since there is no directory. */
tl_status tl_front_rust_load_buffer(tl_ctx *ctx, const char *name,
				    const char *text, size_t len,
				    const tl_load_opts *opts);

/* The triple of built-in target `i` as the cfg facts table knows it (its
 * order must be tl_target_builtin's; a unit test checks), NULL past the
 * end. */
const char *tl_front_rust_cfg_triple(size_t i);

/* True when `def` was added by this front end (def->front is its item). */
bool tl_front_rust_owns(const tl_def *def);

typedef enum tl_rust_res {
	TL_RUST_RES_NONE,   /* not found in scope: apply the global rules */
	TL_RUST_RES_DEF,    /* *out is the definition (for from's targets) */
	TL_RUST_RES_EXTERN, /* a path into another crate (std::, a crate
			     * name): apply the global rules to *segs */
	TL_RUST_RES_ERROR   /* a diagnostic was recorded */
} tl_rust_res;

/*
 * Resolves the path type `path` (TL_TX_PATH) written in the definition
 * `from` (tl_front_rust_owns(from)) through the scope of its module: its
 * items, `use` imports (also grouped, renamed and glob ones), `crate::`,
 * `self::`, `super::` and `Self`. Generic parameters are the caller's
 * business (check them first). For TL_RUST_RES_EXTERN, *segs and *nsegs hold
 * the path with imports expanded ("std", "sync", "atomic", "Ordering").
 */
tl_rust_res tl_front_rust_resolve_type(tl_ctx *ctx, const tl_def *from,
				       const tl_texpr *path, const tl_def **out,
				       const char *const **segs,
				       uint32_t *nsegs);

/*
 * The value of the constant `path` (a TL_CX_PATH) written in `from`: a
 * `const` item of the crate reached through the same scope rules, on the
 * target of `from`. Never records diagnostics (the evaluator asks while
 * inferring types). Returns 1 and fills *type and *value when found, 0
 * otherwise -- the contract of tl_cx_env.lookup in model/const_eval.h
 * (TL_CX_FAILED, TL_CX_DEFERRED included).
 */
int tl_front_rust_const(tl_ctx *ctx, const tl_def *from, const tl_cexpr *path,
			tl_prim *type, tl_u128 *value);

/*
 * For a constant `path` written in `from` whose value needs a layout (the
 * lookup above answered TL_CX_DEFERRED): its value expression as parsed,
 * its declared type, and the scope its names resolve in -- a definition
 * standing for the constant's module on from's target, for
 * tl_front_rust_resolve_type and tl_front_rust_const (`Self` there is the
 * impl's type). False when `path` names no such constant.
 */
bool tl_front_rust_const_body(tl_ctx *ctx, const tl_def *from,
			      const tl_cexpr *path, const tl_cexpr **body,
			      tl_prim *type, const tl_def **scope);
/* Whether `def` is such a scope (it has no fields, parameters or Self of
 * its own). */
bool tl_front_rust_is_const_scope(const tl_def *def);

/* Whether two definitions of this front end come from the same crate (a
 * path into "another crate" must not find the crate's own types). */
bool tl_front_rust_same_crate(const tl_def *a, const tl_def *b);

#endif
