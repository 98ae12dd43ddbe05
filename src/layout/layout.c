/*
 * tl_layout_of: the memo per (type, target) and the dispatch by kind.
 * Scalars, pointers, arrays and tuples are handled here; ADTs go to the
 * Rust engine (layout_rust_*.c) or the C engine (layout_c_*.c).
 * Rules: shared/spec/rust-layout.md sections 3.1, 4.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/layout_rust.h"
#include "util/bigmem.h"
#include "util/u128.h"

/* memo states; MEMO_C is or-ed into MEMO_DONE when the layout (or one it
 * is built from) read a target property only the C engine uses */
enum { MEMO_NEW, MEMO_BUSY, MEMO_DONE, MEMO_FAILED, MEMO_C = 4 };

tl_u128 tl_niche_available(const tl_niche *n)
{
	if (!n->present)
		return 0;
	tl_u128 mask = tl_u128_max_bytes(n->size);
	return (n->start - n->end - 1) & mask;
}

uint64_t *tl_layout__u64s(tl_ctx *ctx, size_t n)
{
	uint64_t *p = tl_arena_array(&ctx->arena, n ? n : 1, sizeof(*p));
	if (!p)
		ctx->oom = true;
	return p;
}

uint32_t *tl_layout__u32s(tl_ctx *ctx, size_t n)
{
	uint32_t *p = tl_arena_array(&ctx->arena, n ? n : 1, sizeof(*p));
	if (!p)
		ctx->oom = true;
	return p;
}

static tl_layout_memo *memo_for(tl_ctx *ctx, const tl_target *t)
{
	for (size_t i = 0; i < ctx->nmemo; i++)
		if (ctx->memo[i].target == t)
			return &ctx->memo[i];
	if (ctx->nmemo == TL_MAX_TARGETS)
		return NULL;
	tl_layout_memo *m = &ctx->memo[ctx->nmemo++];
	memset(m, 0, sizeof(*m));
	m->target = t;
	return m;
}

static int memo_reserve(tl_layout_memo *m, size_t need)
{
	if (need <= m->cap)
		return 0;
	size_t cap = m->cap ? m->cap : 256;
	while (cap < need)
		cap *= 2;
	void **items = realloc(m->items, cap * sizeof(*items));
	if (!items)
		return -1;
	m->items = items;
	uint8_t *state = realloc(m->state, cap);
	if (!state)
		return -1;
	m->state = state;
	tl_advise_big(items, cap * sizeof(*items));
	memset(m->items + m->cap, 0, (cap - m->cap) * sizeof(*items));
	memset(m->state + m->cap, 0, cap - m->cap);
	m->cap = cap;
	return 0;
}

/* ---- scalars and pointers (rust-layout.md 4.1, 4.2) ---- */

static void scalar(tl_layout *out, uint64_t size, uint64_t align)
{
	out->size = size;
	out->align = align ? align : 1;
	out->sized = true;
}

static void set_niche(tl_niche *n, uint64_t offset, uint32_t size,
		      tl_u128 start, tl_u128 end)
{
	n->present = true;
	n->offset = offset;
	n->size = size;
	n->start = start;
	n->end = end;
	if (tl_niche_available(n) == 0)
		memset(n, 0, sizeof(*n));
}

static tl_status layout_prim(tl_ctx *ctx, const tl_target *t, tl_prim p,
			     tl_layout *out)
{
	tl_size_align sa = tl_target_prim(t, p);
	if (p >= TL_PRIM_C_BOOL)
		ctx->layout_c = true;
	scalar(out, sa.size, sa.align);
	if (p == TL_PRIM_BOOL)
		set_niche(&out->niche, 0, 1, 0, 1);
	else if (p == TL_PRIM_CHAR)
		set_niche(&out->niche, 0, 4, 0, 0x10FFFF);
	return TL_OK;
}

static tl_status layout_pointer(tl_ctx *ctx, const tl_target *t,
				const tl_type *ty, tl_layout *out)
{
	uint32_t ps = t->ptr_size;
	tl_u128 max = tl_u128_max_bytes(ps);
	bool raw = ty->kind == TL_TY_RAWPTR;
	tl_tail tail = tl_rust_tail(ctx, ty->inner);
	if (tail == TL_TAIL_SIZED) {
		scalar(out, ps, t->ptr_align);
		if (!raw)
			set_niche(&out->niche, 0, ps, 1, max);
		return TL_OK;
	}
	/* wide: data then metadata; ties between the halves go to offset 0 */
	scalar(out, 2u * ps, t->ptr_align);
	uint64_t *offsets = tl_layout__u64s(ctx, 2);
	uint32_t *order = tl_layout__u32s(ctx, 2);
	if (!offsets || !order)
		return TL_ENOMEM;
	offsets[1] = ps;
	order[1] = 1;
	out->nfields = 2;
	out->offsets = offsets;
	out->order = order;
	if (!raw)
		set_niche(&out->niche, 0, ps, 1, max);
	else if (tail == TL_TAIL_DYN)
		set_niche(&out->niche, ps, ps, 1, max);
	return TL_OK;
}

static tl_status layout_array(tl_ctx *ctx, const tl_target *t,
			      const tl_type *ty, tl_loc use, tl_layout *out)
{
	const tl_type *len = tl_type_get(ctx, ty->len);
	const tl_layout *el;
	tl_status st = tl_layout__of_at(ctx, ty->inner, t, use, &el);
	if (st)
		return st;
	tl_u128 value = (tl_u128)len->value;
	if (len->kind == TL_TY_CONST_EXPR) {
		st = tl_layout__const_expr(ctx, t, len, &value);
		if (st)
			return st;
	} else if (len->kind != TL_TY_CONST || len->value < 0) {
		tl_error(ctx, use, "generic-array", "array length of '%s' is not a constant",
			 tl_type_name(ctx, ty->id));
		return TL_EINPUT;
	}
	uint64_t n = (uint64_t)value, size;
	if (value > UINT64_MAX ||
	    __builtin_mul_overflow(n, el->size, &size) ||
	    size >= t->max_object_size) {
		tl_error(ctx, use, "too-big",
			 "array '%s' is too big for target %s (the limit is %llu bytes)",
			 tl_type_name(ctx, ty->id), t->triple,
			 (unsigned long long)(t->max_object_size - 1));
		return TL_ELIMIT;
	}
	/* clang rounds an array up to its element alignment, which matters
	 * only for C's over-aligned typedefs (size < align); Rust sizes are
	 * always multiples of their alignment */
	if (el->align > 1 && size % el->align)
		size += el->align - size % el->align;
	scalar(out, size, el->align);
	if (n > 0) {
		out->niche = el->niche;
		out->uninhabited = el->uninhabited;
	}
	return TL_OK;
}

static tl_status layout_uncached(tl_ctx *ctx, const tl_type *ty,
				 const tl_target *t, tl_loc use, tl_layout *out)
{
	switch (ty->kind) {
	case TL_TY_PRIM:
		return layout_prim(ctx, t, ty->prim, out);
	case TL_TY_UNIT:
	case TL_TY_FNITEM:
		scalar(out, 0, 1);
		return TL_OK;
	case TL_TY_NEVER:
		scalar(out, 0, 1);
		out->uninhabited = true;
		return TL_OK;
	case TL_TY_STR:
		scalar(out, 0, 1);
		out->sized = false;
		out->tail = TL_TAIL_SLICE;
		return TL_OK;
	case TL_TY_DYN:
		scalar(out, 0, 1);
		out->sized = false;
		out->tail = TL_TAIL_DYN;
		return TL_OK;
	case TL_TY_SLICE: {
		const tl_layout *el;
		tl_status st = tl_layout__of_at(ctx, ty->inner, t, use, &el);
		if (st)
			return st;
		scalar(out, 0, el->align);
		out->sized = false;
		out->tail = TL_TAIL_SLICE;
		return TL_OK;
	}
	case TL_TY_REF:
	case TL_TY_RAWPTR:
		return layout_pointer(ctx, t, ty, out);
	case TL_TY_FNPTR:
		scalar(out, t->ptr_size, t->ptr_align);
		set_niche(&out->niche, 0, t->ptr_size, 1,
			  tl_u128_max_bytes(t->ptr_size));
		return TL_OK;
	case TL_TY_ARRAY:
		return layout_array(ctx, t, ty, use, out);
	case TL_TY_TUPLE:
		return tl_rust_tuple(ctx, t, ty, use, out);
	case TL_TY_ADT:
		if (ty->def->lang == TL_LANG_C)
			return tl_layout__c_adt(ctx, t, ty, out);
		return tl_layout__rust_adt(ctx, t, ty, out);
	case TL_TY_C_ATOMIC:
		return tl_layout__c_atomic(ctx, t, ty, out);
	case TL_TY_PROJ:
		if (!ty->has_params) {
			tl_type__proj_report(ctx, ty->id, use);
			return TL_EINPUT;
		}
		break;
	case TL_TY_PARAM:
	case TL_TY_CONST:
	case TL_TY_CONST_EXPR:
		break;
	}
	tl_error(ctx, use, "generic-type", "type '%s' has no layout: it is a generic parameter",
		 tl_type_name(ctx, ty->id));
	return TL_EINPUT;
}

bool tl_layout__busy(tl_ctx *ctx, tl_type_id id, const tl_target *t)
{
	tl_layout_memo *m = memo_for(ctx, t);
	return m && id < m->cap && m->state[id] == MEMO_BUSY;
}

/* Whether the Rust engine sees two targets alike: it reads their pointer
 * size and alignment, Rust primitives, largest object size and repr(C)
 * enum tag minimum, and nothing else (whatever reads more sets
 * ctx->layout_c: C primitives, the C engine). */
static bool rust_alike(const tl_target *a, const tl_target *b)
{
	return a->ptr_size == b->ptr_size && a->ptr_align == b->ptr_align &&
	       a->max_object_size == b->max_object_size &&
	       a->c_enum_min_size == b->c_enum_min_size &&
	       memcmp(a->prim, b->prim, TL_PRIM_C_BOOL * sizeof(a->prim[0])) == 0;
}

/* A layout of `id` already made for a target the Rust engine sees like
 * `t`, from nothing but what both targets agree on; NULL if none. Such a
 * layout is `t`'s too, down to every field's, and is shared, not redone. */
static const tl_layout *alike_layout(const tl_ctx *ctx, tl_type_id id,
				     const tl_target *t)
{
	for (size_t i = 0; i < ctx->nmemo; i++) {
		const tl_layout_memo *o = &ctx->memo[i];
		if (o->target != t && id < o->cap && o->state[id] == MEMO_DONE &&
		    rust_alike(o->target, t))
			return o->items[id];
	}
	return NULL;
}

static const tl_layout_memo *memo_find(const tl_ctx *ctx, const tl_target *t)
{
	for (size_t i = 0; i < ctx->nmemo; i++)
		if (ctx->memo[i].target == t)
			return &ctx->memo[i];
	return NULL;
}

bool tl_layout_shared(const tl_ctx *ctx, tl_type_id type, const tl_target *a,
		      const tl_target *b)
{
	const tl_layout_memo *ma = memo_find(ctx, a), *mb = memo_find(ctx, b);
	return ma && mb && type < ma->cap && type < mb->cap &&
	       ma->state[type] == MEMO_DONE && mb->state[type] == MEMO_DONE &&
	       ma->items[type] == mb->items[type];
}

static tl_status layout_new(tl_ctx *ctx, const tl_type *ty, const tl_target *t,
			    tl_loc use, const tl_layout **out)
{
	tl_type_id id = ty->id;
	tl_layout_memo *m = memo_for(ctx, t);
	const tl_layout *alike = alike_layout(ctx, id, t);
	if (alike) {
		m->state[id] = MEMO_DONE;
		m->items[id] = (void *)alike;
		*out = alike;
		return TL_OK;
	}
	m->state[id] = MEMO_BUSY;
	tl_layout *l = tl_arena_alloc(&ctx->arena, sizeof(*l));
	if (!l) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	tl_status st = layout_uncached(ctx, ty, t, use, l);
	/* the memo may have moved while recursing */
	m = memo_for(ctx, t);
	if (st) {
		m->state[id] = MEMO_FAILED;
		return st;
	}
	if (l->size >= t->max_object_size) {
		tl_error(ctx, ty->kind == TL_TY_ADT ? ty->def->loc : use, "too-big",
			 "type '%s' is too big for target %s", tl_type_name(ctx, ty->id), t->triple);
		m->state[id] = MEMO_FAILED;
		return TL_ELIMIT;
	}
	m->state[id] = MEMO_DONE | (ctx->layout_c ? MEMO_C : 0);
	m->items[id] = l;
	*out = l;
	return TL_OK;
}

/* tl_layout__of_at past the memo's answer: kept out of line, so that a
 * layout found in the memo (most calls) costs no saved registers. */
__attribute__((noinline)) static tl_status
of_uncached(tl_ctx *ctx, tl_type_id id, const tl_target *t, tl_loc use,
	    const tl_layout **out)
{
	const tl_type *ty = tl_type_get(ctx, id);
	tl_layout_memo *m = memo_for(ctx, t);
	if (!ty || !m || memo_reserve(m, id + 1) < 0) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	/* a layout in the memo was answered by tl_layout__of_at */
	switch (m->state[id]) {
	case MEMO_FAILED:
		return TL_EINPUT;
	case MEMO_BUSY: {
		const tl_loc at = ty->kind == TL_TY_ADT ? ty->def->loc : use;
		tl_diag *d = tl_error(ctx, at, "infinite-size",
			"recursive type '%s' has infinite size", tl_type_name(ctx, ty->id));
		tl_diag_note(ctx, d, use,
			"'%s' contains itself here without indirection; "
			"insert a pointer such as Box<%s>", tl_type_name(ctx, ty->id), tl_type_name(ctx, ty->id));
		return TL_EINPUT;
	}
	default:
		break;
	}
	/* whether this layout reads C-only properties, apart from the one
	 * that uses it */
	bool outer_c = ctx->layout_c;
	ctx->layout_c = false;
	tl_status st = layout_new(ctx, ty, t, use, out);
	ctx->layout_c = ctx->layout_c || outer_c;
	return st;
}

tl_status tl_layout__of_at(tl_ctx *ctx, tl_type_id id, const tl_target *t,
			   tl_loc use, const tl_layout **out)
{
	*out = NULL;
	const tl_layout_memo *m = memo_find(ctx, t);
	if (m && id < m->cap) {
		switch (m->state[id]) {
		case MEMO_DONE | MEMO_C:
			ctx->layout_c = true;
			/* fall through */
		case MEMO_DONE:
			*out = m->items[id];
			return TL_OK;
		default:
			break;
		}
	}
	return of_uncached(ctx, id, t, use, out);
}

tl_status tl_layout_of(tl_ctx *ctx, tl_type_id type, const tl_target *target,
		       const tl_layout **out)
{
	const tl_loc none = {0, 0, 0};
	return tl_layout__of_at(ctx, type, target, none, out);
}
