/*
 * Name resolution: turns the syntax the front ends recorded (field types
 * as tl_texpr, discriminants and array lengths as tl_cexpr) into interned
 * type terms and values. Rules (doc/yaml-format.md, "Resolution"):
 *
 *  - a path names, by its last segment: a generic parameter of the
 *    enclosing definition, else a user definition, else a primitive
 *    (bool char str u8..u128 usize i8..i128 isize f16..f128), else a
 *    definition of the embedded prelude (qualified paths pick among
 *    prelude definitions sharing a name by their `path`). Prelude
 *    definitions only see the prelude and primitives.
 *  - aliases resolve to their target, generic ones by substitution;
 *    missing generic arguments take the declared defaults.
 *  - closures' captures by `ref`/`ref_mut` become `&T`/`&mut T`.
 *  - lifetimes are dropped; `dyn` and `fn` types become text-identified
 *    terms.
 */
#ifndef TL_FRONT_RESOLVE_H
#define TL_FRONT_RESOLVE_H

#include "model/ctx_internal.h"
#include "typelayout/status.h"

/* Resolves definitions [ctx->nresolved, count) and advances nresolved.
 * Returns TL_EINPUT when errors were recorded, TL_ENOMEM on out of memory. */
tl_status tl_resolve_defs(tl_ctx *ctx);

/* Resolves one type expression outside any definition (the command
 * line's --type). */
tl_status tl_resolve_texpr(tl_ctx *ctx, const tl_texpr *t, tl_type_id *out);

/* std, core or alloc. */
bool tl_resolve_is_std_crate(const char *s);
/* Whether a prelude definition has the full path segs[0..n) (a leading
 * std/core/alloc may differ): what a glob import of a std module brings. */
bool tl_resolve_prelude_has(tl_ctx *ctx, const char *const *segs, uint32_t n);
/* Levenshtein distance of a and b, or max + 1 when it exceeds max (cheap
 * early exit); for "did you mean" suggestions. */
size_t tl_front_distance(const char *a, const char *b, size_t max);

#endif
