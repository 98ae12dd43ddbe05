/*
 * repr(Rust) and repr(C) structs, tuples and closures: rustc's
 * "univariant" algorithm (shared/spec/rust-layout.md section 6), plus
 * unions (6.5) and the std niche attributes (valid range, hidden niche).
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_rust.h"
#include "util/align.h"
#include "util/u128.h"

enum bias { START, END };

typedef struct sort_key {
	uint32_t index;
	uint64_t group;
	tl_u128 avail;
	uint64_t off;   /* START: niche offset; END: bytes after the niche */
} sort_key;

static unsigned lg(uint64_t a)
{
	return (unsigned)__builtin_ctzll(a);
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Descending by group, then by avail (START: desc, END: asc), then offset
 * (START: asc, END: bytes after desc); ties keep declaration order. */
static int cmp_start(const sort_key *a, const sort_key *b)
{
	if (a->group != b->group)
		return a->group > b->group ? -1 : 1;
	if (a->avail != b->avail)
		return a->avail > b->avail ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return a->index < b->index ? -1 : 1;
}

static int cmp_end(const sort_key *a, const sort_key *b)
{
	if (a->group != b->group)
		return a->group > b->group ? -1 : 1;
	if (a->avail != b->avail)
		return a->avail < b->avail ? -1 : 1;
	if (a->off != b->off)
		return a->off > b->off ? -1 : 1;
	return a->index < b->index ? -1 : 1;
}

static int cmp_prefixed(const sort_key *a, const sort_key *b)
{
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->avail != b->avail)
		return a->avail < b->avail ? -1 : 1;
	return a->index < b->index ? -1 : 1;
}

static int qs_start(const void *a, const void *b) { return cmp_start(a, b); }
static int qs_end(const void *a, const void *b) { return cmp_end(a, b); }
static int qs_prefixed(const void *a, const void *b) { return cmp_prefixed(a, b); }

/* Insertion sort, which wins for a few fields: the keys are a total order
 * (index breaks ties), so any sort gives the same result. Inlined into
 * each caller with its comparison, not calling it through a pointer. */
static inline __attribute__((always_inline)) void
insertion_sort(sort_key *keys, uint32_t h,
	       int (*cmp)(const sort_key *, const sort_key *))
{
	for (uint32_t i = 1; i < h; i++) {
		sort_key k = keys[i];
		uint32_t j = i;
		for (; j > 0 && cmp(&k, &keys[j - 1]) < 0; j--)
			keys[j] = keys[j - 1];
		keys[j] = k;
	}
}

/* The field order of one pass (6.1, 6.2). */
static void sort_fields(const tl_layout *const *f, uint32_t n,
			const tl_repr *repr, tl_ukind kind, enum bias bias,
			uint32_t *order, sort_key *keys)
{
	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	bool reorder = !(repr->flags & (TL_REPR_C | TL_REPR_INT | TL_REPR_SIMD)) &&
		       n > 1;
	if (!reorder)
		return;
	uint32_t h = kind == TL_UK_MAYBE_UNSIZED ? n - 1 : n;
	uint64_t max_align = 1;
	tl_u128 max_avail = 0;
	for (uint32_t i = 0; i < h; i++) {
		if (f[i]->align > max_align)
			max_align = f[i]->align;
		keys[i].avail = tl_niche_available(&f[i]->niche);
		if (keys[i].avail > max_avail)
			max_avail = keys[i].avail;
	}
	uint32_t packed = repr->flags & TL_REPR_PACKED ? repr->packed : 0;
	for (uint32_t i = 0; i < h; i++) {
		const tl_layout *l = f[i];
		sort_key *k = &keys[i];
		k->index = i;
		if (packed) {
			k->group = min64(l->align, packed);
		} else {
			/* "size as alignment": [u8; 4] groups with u32 */
			uint64_t m = l->size > l->align ? l->size : l->align;
			uint64_t g = (uint64_t)__builtin_ctzll(m);
			if (max_avail > 0) {
				if (bias == START)
					g = min64(lg(max_align), g);
				else if (k->avail == max_avail)
					g = lg(l->align);
			}
			k->group = g;
		}
		if (bias == START || kind == TL_UK_PREFIXED)
			k->off = l->niche.present ? l->niche.offset : 0;
		else
			k->off = l->niche.present ?
				l->size - l->niche.offset - l->niche.size : 0;
	}
	if (h > 16)
		qsort(keys, h, sizeof(*keys),
		      kind == TL_UK_PREFIXED ? qs_prefixed :
		      bias == START ? qs_start : qs_end);
	else if (kind == TL_UK_PREFIXED)
		insertion_sort(keys, h, cmp_prefixed);
	else if (bias == START)
		insertion_sort(keys, h, cmp_start);
	else
		insertion_sort(keys, h, cmp_end);
	for (uint32_t i = 0; i < h; i++)
		order[i] = keys[i].index;
}

/* One pass into the caller's offsets and order arrays (n entries each). */
static tl_status layout_pass(tl_ctx *ctx, const tl_target *t,
			     const tl_layout *const *f, uint32_t n,
			     const tl_repr *repr, tl_ukind kind, enum bias bias,
			     uint64_t psize, uint64_t palign, tl_uresult *out,
			     uint64_t *offsets, uint32_t *order)
{
	sort_key small[16];
	sort_key *keys = n <= 16 ? small : malloc(n * sizeof(*keys));
	out->offsets = offsets;
	out->order = order;
	if (!keys || !out->offsets || !out->order) {
		if (keys != small)
			free(keys);
		ctx->oom = true;
		return TL_ENOMEM;
	}
	sort_fields(f, n, repr, kind, bias, out->order, keys);
	if (keys != small)
		free(keys);
	uint64_t packed = repr->flags & TL_REPR_PACKED ? repr->packed : 0;
	uint64_t align = 1, offset = 0;
	if (kind == TL_UK_PREFIXED) {
		if (packed)
			palign = min64(palign, packed);
		align = palign;
		offset = tl_align_up(psize, palign);
	}
	tl_u128 best = 0;
	memset(&out->niche, 0, sizeof(out->niche));
	out->uninhabited = false;
	out->sized = true;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = out->order[k];
		const tl_layout *l = f[i];
		uint64_t a = packed ? min64(l->align, packed) : l->align;
		offset = tl_align_up(offset, a);
		if (a > align)
			align = a;
		out->offsets[i] = offset;
		if (l->niche.present) {
			tl_u128 v = tl_niche_available(&l->niche);
			if (bias == START ? v > best : v >= best) {
				best = v;
				out->niche = l->niche;
				out->niche.offset += offset;
			}
		}
		if (l->uninhabited)
			out->uninhabited = true;
		if (!l->sized)
			out->sized = false;
		if (__builtin_add_overflow(offset, l->size, &offset) ||
		    offset >= t->max_object_size)
			return TL_ELIMIT;
	}
	if ((repr->flags & TL_REPR_ALIGN) && repr->align > align)
		align = repr->align;
	out->align = align;
	out->size = tl_align_up(offset, align);
	return out->size >= t->max_object_size ? TL_ELIMIT : TL_OK;
}

/* Spec 6 with the arrays of each pass from `alloc` (the context's arena
 * for layouts, the stack for a size asked in passing). */
static tl_status univariant(tl_ctx *ctx, const tl_target *t,
			    const tl_layout *const *f, uint32_t n,
			    const tl_repr *repr, tl_ukind kind, uint64_t psize,
			    uint64_t palign, tl_uresult *out,
			    uint64_t *offs[2], uint32_t *order[2])
{
	tl_status st = layout_pass(ctx, t, f, n, repr, kind, START, psize,
				   palign, out, offs[0], order[0]);
	if (st || kind == TL_UK_MAYBE_UNSIZED || !out->niche.present || n < 2)
		return st;
	/* 6.4: prefer a layout with the niche nearer an end */
	uint64_t head = out->niche.offset;
	uint64_t tail = out->size - head - out->niche.size;
	if (head == 0 || tail == 0)
		return TL_OK;
	tl_uresult alt;
	if (!offs[1]) { /* the arena's second pass */
		offs[1] = tl_layout__u64s(ctx, n);
		order[1] = tl_layout__u32s(ctx, n);
	}
	st = layout_pass(ctx, t, f, n, repr, kind, END, psize, palign, &alt,
			 offs[1], order[1]);
	if (st == TL_OK && alt.niche.present && alt.niche.offset > head &&
	    alt.niche.offset > tail)
		*out = alt;
	return st;
}

tl_status tl_rust_univariant(tl_ctx *ctx, const tl_target *t,
			     const tl_layout *const *f, uint32_t n,
			     const tl_repr *repr, tl_ukind kind,
			     uint64_t psize, uint64_t palign, tl_uresult *out)
{
	uint64_t *offs[2] = {tl_layout__u64s(ctx, n), NULL};
	uint32_t *order[2] = {tl_layout__u32s(ctx, n), NULL};
	return univariant(ctx, t, f, n, repr, kind, psize, palign, out, offs,
			  order);
}

tl_status tl_rust_univariant_size(tl_ctx *ctx, const tl_target *t,
				  const tl_layout *const *f, uint32_t n,
				  const tl_repr *repr, tl_ukind kind,
				  tl_uresult *out)
{
	uint64_t o0[16], o1[16];
	uint32_t r0[16], r1[16];
	if (n > 16)
		return TL_ELIMIT;
	uint64_t *offs[2] = {o0, o1};
	uint32_t *order[2] = {r0, r1};
	tl_status st = univariant(ctx, t, f, n, repr, kind, 0, 1, out, offs,
				  order);
	out->offsets = NULL; /* on this stack frame */
	out->order = NULL;
	return st;
}

tl_status tl_rust_field_layouts(tl_ctx *ctx, const tl_target *t,
				const tl_type *adt, const tl_field *fields,
				uint32_t n, const tl_layout ***out)
{
	/* every element is written below (NULL when it has no layout) */
	const tl_layout **ls = tl_arena_array_raw(&ctx->scratch, n ? n : 1,
						  sizeof(*ls));
	*out = ls;
	if (!ls) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	tl_status result = TL_OK;
	for (uint32_t i = 0; i < n; i++) {
		tl_type_id ft = adt ? tl_type_field(ctx, adt->id, &fields[i]) :
			fields[i].type;
		tl_status st = tl_layout__of_at(ctx, ft, t, fields[i].loc, &ls[i]);
		if (st)
			result = st; /* keep going: report every bad field */
	}
	return result;
}

static void to_layout(const tl_uresult *u, uint32_t n, tl_layout *out)
{
	out->size = u->size;
	out->align = u->align;
	out->sized = u->sized;
	out->uninhabited = u->uninhabited;
	out->niche = u->niche;
	out->nfields = n;
	out->offsets = u->offsets;
	out->order = u->order;
}

tl_status tl_rust_tuple(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			tl_loc use, tl_layout *out)
{
	tl_arena_mark mark = tl_arena_get_mark(&ctx->scratch);
	const tl_layout **ls = tl_arena_array(&ctx->scratch,
					      ty->nargs ? ty->nargs : 1, sizeof(*ls));
	if (!ls) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	tl_status st = TL_OK;
	for (uint32_t i = 0; i < ty->nargs && !st; i++)
		st = tl_layout__of_at(ctx, ty->args[i], t, use, &ls[i]);
	tl_repr repr = {0};
	tl_uresult u;
	if (!st) {
		st = tl_rust_univariant(ctx, t, ls, ty->nargs, &repr,
					TL_UK_MAYBE_UNSIZED, 0, 1, &u);
		if (st == TL_ELIMIT)
			tl_error(ctx, use, "too-big", "type '%s' is too big for target %s",
				 tl_type_name(ctx, ty->id), t->triple);
	}
	if (!st) {
		to_layout(&u, ty->nargs, out);
		out->tail = ty->nargs ? ls[ty->nargs - 1]->tail : TL_TAIL_SIZED;
	}
	tl_arena_rewind(&ctx->scratch, mark);
	return st;
}

/* ---- sizedness ---- */

static tl_tail tail_depth(tl_ctx *ctx, tl_type_id id, int depth)
{
	const tl_type *ty = tl_type_get(ctx, id);
	if (!ty || depth > 64)
		return TL_TAIL_SIZED;
	switch (ty->kind) {
	case TL_TY_STR:
	case TL_TY_SLICE:
		return TL_TAIL_SLICE;
	case TL_TY_DYN:
		return TL_TAIL_DYN;
	case TL_TY_TUPLE:
		return tail_depth(ctx, ty->args[ty->nargs - 1], depth + 1);
	case TL_TY_ADT:
		if (ty->def->kind == TL_DEF_STRUCT && ty->def->nfields &&
		    ty->def->lang == TL_LANG_RUST) {
			const tl_field *last = &ty->def->fields[ty->def->nfields - 1];
			return tail_depth(ctx, tl_type_field(ctx, ty->id, last),
					  depth + 1);
		}
		return TL_TAIL_SIZED;
	default:
		return TL_TAIL_SIZED;
	}
}

tl_tail tl_rust_tail(tl_ctx *ctx, tl_type_id id)
{
	return tail_depth(ctx, id, 0);
}

static bool maybe_unsized_depth(tl_ctx *ctx, const tl_def *owner,
				tl_type_id id, int depth)
{
	const tl_type *ty = tl_type_get(ctx, id);
	if (!ty || depth > 64)
		return false;
	switch (ty->kind) {
	case TL_TY_PARAM:
		return ty->param < owner->nparams &&
		       owner->params[ty->param].maybe_unsized;
	case TL_TY_STR:
	case TL_TY_SLICE:
	case TL_TY_DYN:
		return true;
	case TL_TY_TUPLE:
		return maybe_unsized_depth(ctx, owner, ty->args[ty->nargs - 1],
					   depth + 1);
	case TL_TY_ADT:
		if (ty->def->kind == TL_DEF_STRUCT && ty->def->nfields) {
			const tl_field *last = &ty->def->fields[ty->def->nfields - 1];
			return maybe_unsized_depth(ctx, owner,
				tl_type_field(ctx, ty->id, last), depth + 1);
		}
		return false;
	default:
		return false;
	}
}

bool tl_rust_maybe_unsized(tl_ctx *ctx, const tl_def *owner, tl_type_id id)
{
	return maybe_unsized_depth(ctx, owner, id, 0);
}

/* ---- unions (6.5) ---- */

static tl_status layout_union(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			      const tl_layout *const *ls, tl_layout *out)
{
	const tl_def *d = ty->def;
	uint64_t align = 1, size = 0;
	for (uint32_t i = 0; i < d->nfields; i++) {
		if (ls[i]->align > align)
			align = ls[i]->align;
		if (ls[i]->size > size)
			size = ls[i]->size;
	}
	if ((d->repr.flags & TL_REPR_ALIGN) && d->repr.align > align)
		align = d->repr.align;
	if ((d->repr.flags & TL_REPR_PACKED) && d->repr.packed < align)
		align = d->repr.packed;
	out->size = tl_align_up(size, align);
	out->align = align;
	out->sized = true;
	out->nfields = d->nfields;
	uint32_t *order = tl_layout__u32s(ctx, d->nfields);
	out->offsets = tl_layout__u64s(ctx, d->nfields);
	out->order = order;
	if (!out->offsets || !order)
		return TL_ENOMEM;
	for (uint32_t i = 0; i < d->nfields; i++)
		order[i] = i;
	(void)t;
	return TL_OK;
}

/* The width of the scalar at offset 0 that a std niche type narrows. */
static uint32_t first_scalar_width(tl_ctx *ctx, const tl_target *t,
				   tl_type_id id, int depth)
{
	const tl_type *ty = tl_type_get(ctx, id);
	if (!ty || depth > 16)
		return 0;
	switch (ty->kind) {
	case TL_TY_PRIM:
		if (ty->prim >= TL_PRIM_C_BOOL)
			ctx->layout_c = true; /* see layout.c */
		return tl_target_prim(t, ty->prim).size;
	case TL_TY_REF:
	case TL_TY_RAWPTR:
	case TL_TY_FNPTR:
		return t->ptr_size;
	case TL_TY_ADT:
		for (uint32_t i = 0; i < ty->def->nfields; i++) {
			tl_type_id ft = tl_type_field(ctx, ty->id, &ty->def->fields[i]);
			uint32_t w = first_scalar_width(ctx, t, ft, depth + 1);
			if (w)
				return w;
		}
		return 0;
	default:
		return 0;
	}
}

static tl_status apply_valid_range(tl_ctx *ctx, const tl_target *t,
				   const tl_type *ty, tl_layout *out)
{
	const tl_def *d = ty->def;
	uint32_t w = 0;
	for (uint32_t i = 0; i < d->nfields && !w; i++)
		w = first_scalar_width(ctx, t, tl_type_field(ctx, ty->id, &d->fields[i]), 0);
	tl_niche n = {0};
	if (!w || !tl_rust_eval_bound(d->valid_start, t, w, &n.start) ||
	    !tl_rust_eval_bound(d->valid_end, t, w, &n.end)) {
		tl_error(ctx, d->loc, "bad-valid-range",
			 "cannot apply the valid range of '%s'", d->name);
		return TL_EINPUT;
	}
	n.present = true;
	n.size = w;
	n.offset = 0;
	tl_u128 v = tl_niche_available(&n);
	if (v && (!out->niche.present || tl_niche_available(&out->niche) <= v))
		out->niche = n;
	return TL_OK;
}

static tl_status rust_struct(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			     const tl_layout *const *ls, tl_layout *out)
{
	const tl_def *d = ty->def;
	tl_status st;
	tl_ukind kind = TL_UK_ALWAYS_SIZED;
	if (d->kind == TL_DEF_STRUCT && d->nfields &&
	    tl_rust_maybe_unsized(ctx, d, d->fields[d->nfields - 1].type))
		kind = TL_UK_MAYBE_UNSIZED;
	tl_uresult u;
	st = tl_rust_univariant(ctx, t, ls, d->nfields, &d->repr, kind, 0, 1, &u);
	if (st == TL_ELIMIT)
		tl_error(ctx, d->loc, "too-big", "type '%s' is too big for target %s",
			 tl_type_name(ctx, ty->id), t->triple);
	if (st)
		return st;
	to_layout(&u, d->nfields, out);
	out->tail = d->nfields ? ls[d->nfields - 1]->tail : TL_TAIL_SIZED;
	if (d->hide_niche)
		memset(&out->niche, 0, sizeof(out->niche));
	else if (d->valid_start && d->valid_end)
		return apply_valid_range(ctx, t, ty, out);
	return TL_OK;
}

tl_status tl_layout__rust_adt(tl_ctx *ctx, const tl_target *t,
			      const tl_type *ty, tl_layout *out)
{
	const tl_def *d = ty->def;
	if (d->kind == TL_DEF_ENUM)
		return tl_rust_enum(ctx, t, ty, out);
	if (d->kind == TL_DEF_OPAQUE) {
		out->size = d->opaque_size;
		out->align = d->opaque_align ? d->opaque_align : 1;
		out->sized = true;
		return TL_OK;
	}
	if (d->kind == TL_DEF_ALIAS)
		return TL_EINPUT; /* aliases are resolved away */
	/* a repr(C) record with bit-fields (YAML `bits:`) is a C record:
	 * Rust has no bit-fields, and their storage units follow the C ABI */
	for (uint32_t i = 0; i < d->nfields; i++)
		if (d->fields[i].bit_width >= 0)
			return tl_layout__c_adt(ctx, t, ty, out);
	tl_arena_mark mark = tl_arena_get_mark(&ctx->scratch);
	const tl_layout **ls;
	tl_status st = tl_rust_field_layouts(ctx, t, ty, d->fields, d->nfields, &ls);
	if (!st)
		st = d->kind == TL_DEF_UNION ? layout_union(ctx, t, ty, ls, out) :
			rust_struct(ctx, t, ty, ls, out);
	tl_arena_rewind(&ctx->scratch, mark);
	return st;
}
