/*
 * Holes and padding: the bits of a type's storage that no field and no tag
 * covers (pahole's holes, counted in bits so bit-fields are exact).
 * Padding follows json-output.md: for enums, the variant that uses the most
 * storage; unused bit-field bits round down to whole bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/holes.h"
#include "model/ctx_internal.h"

bool tl_spans_add(tl_spans *sp, uint64_t start, uint64_t end)
{
	if (end <= start)
		return true;
	if (sp->len == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 16;
		tl_span *items = sp->heap ? realloc(sp->items, cap * sizeof(*items)) :
			malloc(cap * sizeof(*items));
		if (!items)
			return false;
		if (!sp->heap && sp->len)
			memcpy(items, sp->items, sp->len * sizeof(*items));
		sp->items = items;
		sp->cap = cap;
		sp->heap = true;
	}
	sp->items[sp->len++] = (tl_span){start, end};
	return true;
}

static int cmp_span(const void *a, const void *b)
{
	const tl_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static bool add_field(tl_ctx *ctx, const tl_target *t, tl_spans *sp,
		      tl_type_id ft, uint64_t offset, const uint64_t *bit_off,
		      int32_t bits)
{
	if (bits >= 0)
		return tl_spans_add(sp, *bit_off, *bit_off + (uint64_t)bits);
	const tl_layout *fl;
	if (tl_layout_of(ctx, ft, t, &fl) || !fl->size)
		return true;
	return tl_spans_add(sp, offset * 8, (offset + fl->size) * 8);
}

typedef struct layout_spans {
	tl_ctx *ctx;
	const tl_target *t;
	tl_type_id type;
	const tl_layout *l;
} layout_spans;

/* Covered bits of one field set (+ the tag when it is stored apart). */
static bool collect(void *arg, int variant, tl_spans *sp)
{
	const layout_spans *ls = arg;
	tl_ctx *ctx = ls->ctx;
	const tl_target *t = ls->t;
	tl_type_id type = ls->type;
	const tl_layout *l = ls->l;
	const tl_type *ty = tl_type_get(ctx, type);
	if (ty->kind == TL_TY_TUPLE) {
		for (uint32_t i = 0; i < ty->nargs; i++)
			if (!add_field(ctx, t, sp, ty->args[i], l->offsets[i], NULL, -1))
				return false;
		return true;
	}
	if (ty->kind != TL_TY_ADT)
		return true;
	const tl_def *d = ty->def;
	if (d->kind == TL_DEF_ENUM) {
		const tl_variant *v = &d->variants[variant];
		const tl_variant_layout *vl = &l->variants[variant];
		for (uint32_t i = 0; i < v->nfields; i++)
			if (!add_field(ctx, t, sp, tl_type_field(ctx, type, &v->fields[i]),
				       vl->offsets[i], NULL, -1))
				return false;
		return tl_spans_add_tag(sp, &l->tag, variant);
	}
	if (d->kind == TL_DEF_OPAQUE)
		return true;
	for (uint32_t i = 0; i < d->nfields && i < l->nfields; i++) {
		const tl_field *f = &d->fields[i];
		const uint64_t *bo = l->bit_offsets ? &l->bit_offsets[i] : NULL;
		if (!add_field(ctx, t, sp, tl_type_field(ctx, type, f), l->offsets[i],
			       bo, bo ? f->bit_width : -1))
			return false;
	}
	return true;
}

bool tl_spans_add_tag(tl_spans *sp, const tl_tag *tag, int variant)
{
	if (tag->encoding == TL_TAG_DIRECT ||
	    (tag->encoding == TL_TAG_NICHE && (uint32_t)variant != tag->untagged))
		return tl_spans_add(sp, tag->offset * 8, (tag->offset + tag->size) * 8);
	return true;
}

static uint64_t covered_bits(tl_spans *sp)
{
	if (sp->len <= 16) {
		/* stable, like glibc's merge sort; few spans per type */
		for (size_t i = 1; i < sp->len; i++) {
			tl_span k = sp->items[i];
			size_t j = i;
			for (; j > 0 && sp->items[j - 1].start > k.start; j--)
				sp->items[j] = sp->items[j - 1];
			sp->items[j] = k;
		}
	} else {
		qsort(sp->items, sp->len, sizeof(tl_span), cmp_span);
	}
	uint64_t covered = 0, end = 0;
	for (size_t i = 0; i < sp->len; i++) {
		uint64_t s = sp->items[i].start > end ? sp->items[i].start : end;
		if (sp->items[i].end > s)
			covered += sp->items[i].end - s;
		if (sp->items[i].end > end)
			end = sp->items[i].end;
	}
	return covered;
}

/* The holes between the sorted spans and up to `size_bits`, written to
 * out[] unless it is NULL; returns how many there are. */
static size_t walk_holes(const tl_spans *sp, uint64_t size_bits, tl_hole *out)
{
	size_t n = 0;
	uint64_t end = 0;
	for (size_t i = 0; i <= sp->len; i++) {
		uint64_t next = i < sp->len ? sp->items[i].start : size_bits;
		if (next > end) {
			if (out)
				out[n] = (tl_hole){end, next - end, i == sp->len};
			n++;
		}
		if (i < sp->len && sp->items[i].end > end)
			end = sp->items[i].end;
	}
	return n;
}

/* The holes in one array, from `mem` or else from malloc. */
static bool make_holes(const tl_spans *sp, uint64_t size_bits, tl_arena *mem,
		       tl_holes *out)
{
	size_t n = walk_holes(sp, size_bits, NULL);
	if (!n)
		return true;
	tl_hole *h = mem ? tl_arena_array_raw(mem, n, sizeof(*h)) :
			   malloc(n * sizeof(*h));
	if (!h)
		return false;
	walk_holes(sp, size_bits, h);
	out->items = h;
	out->len = n;
	return true;
}

tl_status tl_analyze__holes_from(uint64_t size, int nv, bool is_union,
				 tl_span_fn collect_fn, void *arg,
				 tl_arena *mem, tl_holes *out)
{
	tl_span small[32];
	tl_spans sp = {small, 0, sizeof(small) / sizeof(small[0]), false};
	int best = -1;
	uint64_t best_bits = 0;
	for (int v = 0; v < nv; v++) {
		sp.len = 0;
		if (!collect_fn(arg, v, &sp))
			goto oom;
		uint64_t c = covered_bits(&sp);
		if (best < 0 || c > best_bits) {
			best = v;
			best_bits = c;
		}
	}
	if (nv == 0) {
		best = 0;
		best_bits = 0;
	}
	out->padding = (size * 8 - best_bits) / 8;
	if (nv > 0 && !is_union) {
		/* the spans in hand are the last variant's, sorted: a struct's */
		if (best != nv - 1) {
			sp.len = 0;
			if (!collect_fn(arg, best, &sp))
				goto oom;
			covered_bits(&sp);
		}
		if (!make_holes(&sp, size * 8, mem, out))
			goto oom;
	}
	tl_spans_release(&sp);
	return TL_OK;
oom:
	tl_spans_release(&sp);
	return TL_ENOMEM;
}

void tl_spans_release(tl_spans *sp)
{
	if (sp->heap)
		free(sp->items);
	sp->items = NULL;
	sp->len = sp->cap = 0;
	sp->heap = false;
}

tl_status tl_analyze__holes_in(tl_ctx *ctx, tl_type_id type,
			       const tl_target *t, tl_arena *mem, tl_holes *out)
{
	memset(out, 0, sizeof(*out));
	const tl_layout *l;
	tl_status st = tl_layout_of(ctx, type, t, &l);
	if (st)
		return st;
	const tl_type *ty = tl_type_get(ctx, type);
	bool is_enum = ty->kind == TL_TY_ADT && ty->def->kind == TL_DEF_ENUM;
	bool is_union = ty->kind == TL_TY_ADT && ty->def->kind == TL_DEF_UNION;
	if (ty->kind != TL_TY_TUPLE && ty->kind != TL_TY_ADT)
		return TL_OK;
	if (ty->def && ty->def->kind == TL_DEF_OPAQUE)
		return TL_OK;
	if (is_enum && l->nvariants == 0)
		return TL_OK; /* a C enum is one integer: no padding */
	layout_spans ls = {ctx, t, type, l};
	return tl_analyze__holes_from(l->size, is_enum ? (int)l->nvariants : 1,
				      is_union, collect, &ls, mem, out);
}

tl_status tl_analyze_holes(tl_ctx *ctx, tl_type_id type, const tl_target *t,
			   tl_holes *out)
{
	return tl_analyze__holes_in(ctx, type, t, NULL, out);
}

void tl_holes_release(tl_holes *h)
{
	free(h->items);
	memset(h, 0, sizeof(*h));
}
