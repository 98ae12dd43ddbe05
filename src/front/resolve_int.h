/*
 * Shared by resolve.c (types, paths, generic arguments), resolve_alias.c
 * (aliases, defaults, cases, the substitution guard), resolve_lookup.c
 * (the global name rules), resolve_const.c (lengths that need a layout)
 * and resolve_defs.c (definitions, fields, discriminants, entry points).
 */
#ifndef TL_FRONT_RESOLVE_INT_H
#define TL_FRONT_RESOLVE_INT_H

#include "model/const_eval.h"
#include "front/resolve.h"

/* Resolution nesting (type expressions within alias expansions); keeps
 * hostile alias chains off the C stack. */
#define RSV_MAX_DEPTH 512
/* Longest type name an alias or default may expand to: substitution can
 * double a name per alias level (`B<T> = A<A<T>>`), so expansion is
 * checked before it happens. */
#define RSV_MAX_NAME ((size_t)1 << 20)
/* "did you mean" looks through every definition; stop offering after
 * this many so a file full of typos stays linear. */
#define RSV_MAX_SUGGESTIONS 64

#define ID_UNKNOWN_TYPE "unknown-type"
#define ID_GENERIC_ARGS "generic-args"

typedef struct rsv_use rsv_use;

typedef struct rsv {
	tl_ctx *ctx;
	const tl_def *def;     /* the definition being resolved, or NULL */
	tl_cx_env env;
	tl_ptrmap prims;       /* interned primitive name -> prim + 1 */
	tl_ptrmap alias_state; /* alias or cases def -> 1 resolving, 2 done,
				* 3 failed */
	tl_ptrmap defaults;    /* tl_gparam * -> resolved default (id) */
	tl_ptrmap const_bodies;/* constant's scope -> resolved body (or a
				* state: resolve_const.c) */
	const char *self_name; /* interned "Self" */
	unsigned depth;
	unsigned suggestions;
	TL_VEC(const tl_def *) cands; /* scratch for rsv_lookup_global */
	/* the ADT term of each non-generic definition, by def->index, and of
	 * each primitive: found once, not re-interned per use */
	tl_type_id *adt_ids;
	size_t nadt_ids;
	tl_type_id prim_ids[TL_PRIM__COUNT + 1]; /* + str */
	/* single names that resolved to a primitive or a prelude type, for
	 * user code and for the prelude: a small table that stays in cache,
	 * where the name index of a million-type file does not */
	tl_ptrmap simple[2];
	/* a YAML file's shared type trees (tl_texpr.shared_text) -> the term
	 * they resolve to in a non-generic definition without a word, found
	 * once instead of at every field written so (resolve_defs.c) */
	tl_ptrmap shared_ids;
	/* generic instances checked for unanswered projections (resolve_proj.c) */
	tl_ptrmap instances;
	TL_VEC(struct rsv_use { tl_type_id id; tl_loc loc; }) uses;
} rsv;

/* Primitive names (resolve_lookup.c); `str` has prim RSV_PRIM_STR. */
#define RSV_PRIM_STR 0xFFu
extern const struct rsv_prim_name {
	const char *name;
	unsigned prim;
} tl_rsv_prims[];
extern const size_t tl_rsv_nprims;
/* Fills `m` with interned primitive name -> prim + 1 (RSV_PRIM_STR + 1
 * for `str`); false when out of memory. */
bool rsv_prims_map(tl_ctx *ctx, tl_ptrmap *m);

/* The path a global lookup works on: the written one, or the one the
 * `.rs` scope expanded through its imports (`external`: a path into
 * another crate, which must not find the crate's own types). */
typedef struct rsv_path_ref {
	const char *const *segs;
	uint32_t nsegs;
	bool external;
} rsv_path_ref;

typedef enum rsv_found {
	RSV_NOT_FOUND, /* reported */
	RSV_FOUND_DEF,
	RSV_FOUND_PRIM
} rsv_found;

/* The global rules of resolve.h for the path `p` written as `t` (for
 * locations, generic arguments): user definitions by last segment (a
 * qualified path prefers the ones whose `path` it matches; several left
 * with different paths is "ambiguous-type"), primitives, then the
 * prelude. Reports unknown and ambiguous types. */
rsv_found rsv_lookup_global(rsv *r, const tl_texpr *t, const rsv_path_ref *p,
			    const tl_def **def, tl_type_id *prim);

bool rsv_init(rsv *r, tl_ctx *ctx);
void rsv_release(rsv *r);
/* 0 after recording a diagnostic (or on out of memory). */
tl_type_id rsv_type(rsv *r, const tl_texpr *t);
/* The resolved default of parameter i of `def` (with PARAM terms). */
tl_type_id rsv_default(rsv *r, const tl_def *def, uint32_t i);
/* Resolves an alias definition's target (once; cycles are errors). */
tl_type_id rsv_alias(rsv *r, tl_def *def);
/* Resolves the targets of a type function's cases (once). */
void rsv_cases(rsv *r, tl_def *def);
/* resolve_proj.c: `<T as Trait>::Name` (a qualified path: t->inner is T)
 * or `P::Name` on a generic parameter; *handled false for other paths. */
tl_type_id rsv_projection(rsv *r, const tl_texpr *t, bool *handled);
/* The first projection no impl answers inside the concrete term `id`,
 * through the fields of generic instances; 0 if none. Needs every
 * definition's fields resolved: uses are queued (rsv_check_instance, the
 * first use of each instance) and checked at the end (rsv_check_instances). */
tl_type_id rsv_unanswered(rsv *r, tl_type_id id, unsigned depth);
void rsv_check_instance(rsv *r, tl_type_id id, tl_loc loc);
void rsv_check_instances(rsv *r);
/* An array length or const argument whose value needs a layout (see
 * tl_cexpr_needs_layout): its TL_TY_CONST_EXPR term of type `type`, 0
 * after recording a diagnostic (resolve_const.c). */
tl_type_id rsv_const_expr(rsv *r, const tl_cexpr *e, tl_prim type);
/* tl_type_subst, refusing (with a diagnostic naming `name` at `loc`)
 * results too large or too deeply nested (resolve_alias.c). */
tl_type_id rsv_subst_checked(rsv *r, tl_type_id id, const tl_type_id *args,
			     uint32_t n, const char *name, tl_loc loc);

#endif
