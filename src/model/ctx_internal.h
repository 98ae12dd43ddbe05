/*
 * The context's insides, shared by the library's layers (never installed).
 */
#ifndef TL_MODEL_CTX_INTERNAL_H
#define TL_MODEL_CTX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/ctx.h"
#include "typelayout/diag.h"
#include "typelayout/model.h"
#include "util/arena.h"
#include "util/hashmap.h"
#include "util/vec.h"

typedef struct tl_source {
	const char *path;
	char *text;           /* arena copy or mapped file, NUL-terminated */
	size_t len;
	size_t mapped;        /* bytes mapped at text (munmap'd), or 0 */
	uint32_t *line_starts;/* malloc'd lazily */
	uint32_t nlines;
} tl_source;

/* Definitions that share a last path segment, for lookup by name. */
typedef struct tl_def_list {
	const tl_def *def;
	struct tl_def_list *next;
} tl_def_list;

#define TL_MAX_TARGETS 8

typedef struct tl_def_range {
	size_t from, to;
} tl_def_range;

typedef struct tl_layout_memo {
	const void *target;   /* const tl_target * */
	void **items;         /* const tl_layout * per type id, malloc'd */
	uint8_t *state;       /* 0 = not started, 1 = in progress, 2 = done, 3 = failed */
	size_t cap;
} tl_layout_memo;

struct tl_ctx {
	tl_arena arena;
	/* syntax only resolution reads (YAML field types, discriminants):
	 * handed to `arena` when resolution is done (front/load.c) */
	tl_arena syntax;
	/* scratch memory of the layout engine, in stack order: each user
	 * takes a mark and rewinds to it before it returns (arena.h) */
	tl_arena scratch;
	/* definitions whose fields point into `syntax`: [from, to) index
	 * ranges, one per YAML file loaded since the last release */
	TL_VEC(tl_def_range) syntax_defs;
	/* a TL_TY_CONST_EXPR term was made: the layout engine reads its
	 * expression, which may point into `syntax`, so it is never released */
	bool keep_syntax;
	tl_strtab strings;
	TL_VEC(tl_source) files;
	TL_VEC(tl_diag) diags;
	size_t nerrors;
	/* type terms: types.items[id - 1] */
	TL_VEC(tl_type *) types;
	uint64_t *type_slots;  /* hash table: id | hash bits (types.c) */
	size_t type_cap;
	/* definitions in load order */
	TL_VEC(tl_def *) defs;
	/* by name: the interned last segment's note (tl_strtab_note) is its
	 * tl_def_list* (tl_def_lookup) */
	tl_ptrmap impls;       /* interned impl_assoc -> tl_def_list* of the
				* impls' associated types (projection.c) */
	TL_VEC(uint32_t) impl_defs; /* their indices in `defs`, in order:
				     * resolved first (resolve_defs.c) */
	tl_ptrmap proj_reported; /* unanswered projections already reported */
	/* the ADT term of defs[i] without arguments, 0 = not made yet: found
	 * by index, not by hashing the term (types.c) */
	tl_type_id *def_types;
	size_t def_types_cap;
	/* ADT terms without arguments made for definitions not in `defs`:
	 * while there are none, those of definitions in `defs` are not put
	 * in the hash table at all (types.c) */
	size_t loose_adts;
	tl_type_id prim_types[TL_PRIM__COUNT]; /* their PRIM terms, 0 = not made */
	tl_ptrmap diag_seen;   /* interned "loc id message" of every diagnostic */
	/* field types of generic instances: (adt id << 32 | field term) ->
	 * substituted term, so each is computed once, not once per target */
	uint64_t *fcache_keys;
	uint32_t *fcache_vals;
	size_t fcache_cap, fcache_len;
	size_t nresolved;      /* defs[0..nresolved) are resolved */
	/* YAML field types found while the file was read (front_yaml_def.c):
	 * a single name that named the one user definition so far, or a
	 * primitive. They hold unless another user definition takes such a
	 * name later (or one is named like a primitive), which tl_def_add
	 * notes in spec_invalid; resolution then forgets them (load.c). */
	size_t spec_fields;
	bool spec_invalid;
	bool prelude_loaded;
	bool oom;
	/* the `.rs` front end's crates (an rs_crate list in the arena), so
	 * one crate's paths can reach another's items */
	void *rust_crates;
	/* > 0: diagnostics are dropped (trying something that may fail,
	 * such as the self type of an impl of a foreign type) */
	unsigned mute;
	size_t muted;             /* diagnostics dropped while muted */
	unsigned jobs;         /* threads to use; 0 = one per core */
	/* large arena blocks faulted in ahead by an idle-priority thread,
	 * for `arena` and `syntax`, once a large input is expected (NULL
	 * until then, and with one core) */
	struct tl_block_pool *pool;
	tl_layout_memo memo[TL_MAX_TARGETS];
	size_t nmemo;
	/* set while a layout is computed when it reads a property only the C
	 * engine uses (layout.c: such layouts are never shared by targets) */
	bool layout_c;
	/* `targets:` named by the inputs, in order, with their locations
	 * (arena arrays; read through tl_input_target) */
	const char **input_targets;
	tl_loc *input_target_locs;
	size_t ninput_targets;
};

const char *tl_intern(tl_ctx *ctx, const char *s, size_t n);

/* types.c and projection.c: a TL_TY_PROJ term as is (text "Trait::Name"
 * or "Name", interned), and the projection `t` answered for a new self. */
tl_type_id tl_type__proj_term(tl_ctx *ctx, tl_type_id self, const char *text);
tl_type_id tl_type__proj_subst(tl_ctx *ctx, const tl_type *t, tl_type_id self);
/* A trait impl's header, `impl<params> trait for self`, as both front ends
 * read it (projection.c). */
typedef struct tl_impl_head {
	tl_gparam *params;
	uint32_t nparams;
	const char *trait;     /* the trait's last segment (interned) */
	const tl_texpr *self;
} tl_impl_head;
/* The alias definition for `type name = value;` inside the impl `h`
 * (tl_def.impl_for), named "<Self as Trait>::name", in the context's
 * arena; the caller fills in the rest and adds it. NULL when out of
 * memory (ctx->oom is set). */
tl_def *tl_impl_assoc_def(tl_ctx *ctx, const tl_impl_head *h, const char *name,
			  const tl_texpr *value, tl_loc loc);
/* Records why the projection term `proj` has no answer, at `loc`. */
void tl_type__proj_report(tl_ctx *ctx, tl_type_id proj, tl_loc loc);
/* Room for ntypes type terms and ndefs definitions' terms in all; -1 when
 * out of memory. */
int tl_type__reserve(tl_ctx *ctx, size_t ntypes, size_t ndefs);
/* About `ndefs` more definitions are coming (a front end's guess from the
 * size of its input): the tables that grow with them are sized once,
 * instead of growing and rehashing (and faulting in fresh pages) time
 * after time. Only a hint: out of memory here is not an error. */
void tl_ctx_expect_defs(tl_ctx *ctx, size_t ndefs);
/* Whether work asked to use `jobs` threads (ctx->jobs: 0 = one per core)
 * may put a part of it on a second thread. */
bool tl_jobs_second_thread(unsigned jobs);
const char *tl_intern_cstr(tl_ctx *ctx, const char *s);

/* Adds a loaded file; returns its id (>= 1), 0 when out of memory. */
uint32_t tl_source_add(tl_ctx *ctx, const char *path, const char *text,
		       size_t len);
/* The same for text already in the context's arena, NUL-terminated at
 * text[len] (a large input read in place, not copied). */
uint32_t tl_source_add_arena(tl_ctx *ctx, const char *path, char *text,
			     size_t len);
/* The same for a file mapped by the caller (`mapped` bytes at `text`,
 * NUL-terminated at text[len]), which the context unmaps when it is
 * freed; 0 (and the mapping left to the caller) when out of memory. */
uint32_t tl_source_add_mapped(tl_ctx *ctx, const char *path, char *text,
			      size_t len, size_t mapped);
const tl_source *tl_source_get(const tl_ctx *ctx, uint32_t file);

/* Records a diagnostic; the message is formatted into the arena. */
tl_diag *tl_diag_add(tl_ctx *ctx, tl_severity sev, tl_loc loc, const char *id,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define tl_error(ctx, loc, id, ...) \
	tl_diag_add((ctx), TL_SEV_ERROR, (loc), (id), __VA_ARGS__)
/* Appends a note to a diagnostic (d may be NULL: then nothing happens). */
void tl_diag_note(tl_ctx *ctx, tl_diag *d, tl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Adds a definition (allocated by the caller in ctx->arena), indexes its
 * name; fills def->index. */
int tl_def_add(tl_ctx *ctx, tl_def *def);
/* The same when the caller has the interned last segment of the name. */
int tl_def_add_keyed(tl_ctx *ctx, tl_def *def, const char *key);
/* Definitions whose last path segment is `name` (interned), newest first. */
const tl_def_list *tl_def_lookup(const tl_ctx *ctx, const char *name);

#endif
