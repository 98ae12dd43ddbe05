/*
 * The report: one flat view model (entries of type x target) built once.
 * Every emitter formats this same structure, so they cannot disagree.
 */
#ifndef TYPELAYOUT_REPORT_H
#define TYPELAYOUT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/analysis.h"
#include "typelayout/ctx.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"

typedef struct tl_report_field {
	const char *name;
	const char *type;
	uint64_t offset;
	uint64_t size;
	uint64_t align;
	bool is_bitfield;
	uint64_t bit_offset;
	uint32_t bit_width;
	const struct tl_report_field *fields; /* C anonymous members */
	size_t nfields;
} tl_report_field;

typedef struct tl_report_variant {
	const char *name;
	tl_i128 discriminant;
	uint64_t size;
	bool absent;
	bool uninhabited;
	const tl_report_field *fields; /* declaration order */
	size_t nfields;
} tl_report_variant;

typedef struct tl_report_entry {
	const char *name;
	const tl_target *target;
	tl_type_id type;
	tl_lang lang;
	const char *kind;      /* struct tuple union enum scalar pointer array closure opaque */
	const char *repr;      /* rust, c, packed(2), c,u8 ... */
	bool ok;               /* false: the layout failed (see diagnostics) */
	uint64_t size;
	uint64_t align;
	uint64_t padding;
	const tl_report_field *fields;
	size_t nfields;
	const uint32_t *memory_order; /* field indices by offset */
	const tl_report_variant *variants;
	size_t nvariants;
	tl_tag tag;            /* encoding NONE when there is no tag */
	const char *tag_path;  /* NICHE: the field holding the tag ("Array.0.buf.inner.cap") */
	tl_niche niche;
	const char *niche_path;/* the field holding the largest niche, "" if none */
	tl_holes holes;        /* items in the report's memory (freed with it) */
	tl_enum_explain explain;
	uint64_t budget;
	tl_loc loc;
	const char *file;      /* loc.file's path, or NULL */
	const char *path;      /* qualified path ("crate::ast::Span"), or NULL */
	/* 1 + the index, among the entries of the same type, of an earlier
	 * one this entry equals in everything but `target` (the targets
	 * share the type's layout; the two share their arrays too), or 0 */
	uint32_t same_as;
} tl_report_entry;

typedef struct tl_report_request {
	const tl_type_id *types;      /* in report order */
	size_t ntypes;
	const char *const *names;     /* names to show for types[i] (an alias's
				       * own name), NULL entries or NULL = the
				       * type's name */
	const uint32_t *masks;        /* the built-in targets types[i] is
				       * reported on (bit i), 0 entries or
				       * NULL = all (see default_types) */
	const tl_target *const *targets;
	size_t ntargets;
	const char *const *inputs;    /* paths as given, for the JSON */
	size_t ninputs;
} tl_report_request;

typedef struct tl_report {
	const tl_ctx *ctx;
	const char *const *inputs;
	size_t ninputs;
	const tl_target *const *targets;
	size_t ntargets;
	tl_report_entry *entries;     /* ntypes x ntargets, type-major */
	size_t nentries;
	size_t ntypes;
} tl_report;

/* The types a report covers by default: every non-generic definition the
 * inputs define, in input order (C definitions for any target); a type
 * alias stands for its target under its own name (names[i], else NULL)
 * and on the targets it is defined for (masks[i]: bit i = built-in target
 * i, 0 = all; an alias split per target by #[cfg] or #ifdef). The arrays
 * belong to the caller (free()); masks may be NULL. */
tl_status tl_report_default_types(tl_ctx *ctx, tl_type_id **out,
				  const char ***names, uint32_t **masks,
				  size_t *n);

/* Builds the report; entries whose layout failed have ok = false and the
 * reason in the context's diagnostics. The report belongs to the caller. */
tl_status tl_report_build(tl_ctx *ctx, const tl_report_request *req,
			  tl_report **out);
void tl_report_free(tl_report *r);

/* Receives the entries of one requested type (one per target it is defined
 * for, in target order). They and everything they point to, except strings,
 * are valid only during the call. A non-zero return stops the walk. Calls
 * come one at a time and in order, but maybe from a thread of the
 * library's (see tl_report_each): the function must not use the context. */
typedef tl_status (*tl_report_each_fn)(const tl_report_entry *entries,
				       size_t n, void *user);

/* The report as a stream: builds the same entries as tl_report_build, type
 * by type in scratch memory reused for later types, and hands each type's
 * entries to `fn`. Memory stays flat in the number of types. With a second
 * core (tl_ctx_set_jobs) `fn` runs on a thread of its own, a few hundred
 * types behind the build. Returns the first non-zero status of the build
 * or of `fn`. */
tl_status tl_report_each(tl_ctx *ctx, const tl_report_request *req,
			 tl_report_each_fn fn, void *user);

#endif
