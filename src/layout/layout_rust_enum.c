/*
 * Rust enums (shared/spec/rust-layout.md section 7): the easy cases, the
 * tagged layout with tag widening, the niche-filled layout, and the choice
 * between them. Tag valid ranges follow rustc 1.95 (7.5).
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_rust.h"
#include "util/align.h"
#include "util/u128.h"

typedef struct enum_in {
	const tl_def *def;
	uint32_t nv;
	const tl_layout ***fields; /* per variant */
	bool *absent;
	bool *uninh;
	bool repr_c, repr_int;
} enum_in;

typedef struct enum_out {
	uint64_t size, align;
	tl_niche niche;
	tl_tag tag;
	tl_uresult *v;     /* per variant */
	bool uninhabited;
} enum_out;

static bool is_1zst(const tl_layout *l)
{
	return l->sized && l->size == 0 && l->align == 1;
}

/* ---- discriminants and the tag integer (7.3, 7.5) ---- */

typedef struct discr_type {
	unsigned bits;
	bool is_signed;
} discr_type;

static discr_type discr_of(const enum_in *e, const tl_target *t)
{
	discr_type d = {(unsigned)t->ptr_size * 8, true};
	if (e->repr_int) {
		tl_prim p = e->def->repr.int_type;
		d.bits = (unsigned)tl_target_prim(t, p).size * 8;
		d.is_signed = tl_prim_is_signed(p);
	}
	return d;
}

/* The discriminant as a plain integer of D: sign-extended or masked. */
static tl_u128 discr_bits(tl_i128 v, discr_type d)
{
	tl_u128 u = (tl_u128)v;
	if (d.bits >= 128)
		return u;
	tl_u128 mask = ((tl_u128)1 << d.bits) - 1;
	u &= mask;
	if (d.is_signed && (u >> (d.bits - 1)) & 1)
		u |= ~mask;
	return u;
}

static int cmp_signed(const void *a, const void *b)
{
	tl_i128 x = *(const tl_i128 *)a, y = *(const tl_i128 *)b;
	return x < y ? -1 : x > y;
}

static int cmp_unsigned(const void *a, const void *b)
{
	tl_u128 x = *(const tl_u128 *)a, y = *(const tl_u128 *)b;
	return x < y ? -1 : x > y;
}

/* The smallest integer size (bytes) that holds [lo, hi]. */
static unsigned fit_bytes(tl_u128 lo, tl_u128 hi, bool is_signed)
{
	for (unsigned b = 1; b < 16; b *= 2) {
		unsigned bits = 8 * b;
		if (is_signed) {
			tl_i128 mn = -((tl_i128)1 << (bits - 1));
			tl_i128 mx = ((tl_i128)1 << (bits - 1)) - 1;
			if ((tl_i128)lo >= mn && (tl_i128)hi <= mx)
				return b;
		} else if (hi <= (((tl_u128)1 << bits) - 1)) {
			return b;
		}
	}
	return 16;
}

static tl_prim int_prim(unsigned bytes, bool is_signed)
{
	switch (bytes) {
	case 1: return is_signed ? TL_PRIM_I8 : TL_PRIM_U8;
	case 2: return is_signed ? TL_PRIM_I16 : TL_PRIM_U16;
	case 4: return is_signed ? TL_PRIM_I32 : TL_PRIM_U32;
	case 8: return is_signed ? TL_PRIM_I64 : TL_PRIM_U64;
	default: return is_signed ? TL_PRIM_I128 : TL_PRIM_U128;
	}
}

typedef struct tag_choice {
	tl_prim prim;
	unsigned size;
	bool is_signed;
	tl_u128 *vals; /* sorted discriminants of inhabited variants */
	uint32_t nvals;
	discr_type d;
} tag_choice;

static tl_status choose_tag(tl_ctx *ctx, const enum_in *e, const tl_target *t,
			    tag_choice *out)
{
	out->d = discr_of(e, t);
	out->vals = tl_arena_array(&ctx->scratch, e->nv ? e->nv : 1,
				   sizeof(*out->vals));
	if (!out->vals)
		return TL_ENOMEM;
	out->nvals = 0;
	for (uint32_t v = 0; v < e->nv; v++)
		if (e->repr_c || !e->uninh[v])
			out->vals[out->nvals++] =
				discr_bits(e->def->variants[v].disc, out->d);
	if (!out->nvals)
		out->vals[out->nvals++] = 0;
	/* discriminants usually come in order (0, 1, 2, ...): skip the sort */
	bool sorted = true;
	for (uint32_t i = 1; i < out->nvals && sorted; i++)
		sorted = out->d.is_signed ?
			(tl_i128)out->vals[i - 1] <= (tl_i128)out->vals[i] :
			out->vals[i - 1] <= out->vals[i];
	if (!sorted)
		qsort(out->vals, out->nvals, sizeof(*out->vals),
		      out->d.is_signed ? cmp_signed : cmp_unsigned);
	tl_u128 lo = out->vals[0], hi = out->vals[out->nvals - 1];
	if (e->repr_int) {
		out->prim = e->def->repr.int_type;
		out->is_signed = tl_prim_is_signed(out->prim);
		out->size = tl_target_prim(t, out->prim).size;
		return TL_OK;
	}
	unsigned least = e->repr_c ? t->c_enum_min_size : 1;
	bool neg = out->d.is_signed && (tl_i128)lo < 0;
	unsigned b = fit_bytes(lo, hi, neg);
	out->size = b > least ? b : least;
	out->is_signed = neg;
	out->prim = int_prim(out->size, neg);
	return TL_OK;
}

/* 7.5: the largest gap between consecutive values, with 1.95's scoring. */
static void tag_range(const tag_choice *tc, unsigned width, tl_u128 *start,
		      tl_u128 *end)
{
	const tl_u128 *v = tc->vals;
	uint32_t k = tc->nvals;
	tl_u128 maxd = tc->d.bits >= 128 ? ~(tl_u128)0 :
		(((tl_u128)1 << tc->d.bits) - 1);
	if (tc->d.is_signed)
		maxd >>= 1;
	tl_u128 best = 0, s = v[0], en = v[k - 1];
	bool have = false;
	for (uint32_t i = 0; i + 1 < k; i++) {
		tl_u128 score = v[i + 1] - v[i];
		if (!have || score >= best) {
			best = score;
			s = v[i + 1];
			en = v[i];
			have = true;
		}
	}
	tl_u128 score = maxd - (v[k - 1] - v[0]);
	if (!have || score >= best) {
		s = v[0];
		en = v[k - 1];
	}
	tl_u128 mask = tl_u128_max_bytes(width);
	*start = s & mask;
	*end = en & mask;
}

/* ---- the tagged layout (7.4) ---- */

static tl_status tagged_layout(tl_ctx *ctx, const tl_target *t,
			       const enum_in *e, const tag_choice *tc,
			       enum_out *out)
{
	const tl_def *d = e->def;
	uint64_t ts = tc->size;
	uint64_t palign = tl_target_prim(t, tc->prim).align;
	if (e->repr_c)
		for (uint32_t v = 0; v < e->nv; v++)
			for (uint32_t i = 0; i < d->variants[v].nfields; i++)
				if (e->fields[v][i]->align > palign)
					palign = e->fields[v][i]->align;
	uint64_t size = 0, align = 1, first_align = 256;
	for (uint32_t v = 0; v < e->nv; v++) {
		tl_uresult *u = &out->v[v];
		uint32_t n = d->variants[v].nfields;
		tl_status st = tl_rust_univariant(ctx, t, e->fields[v], n, &d->repr,
						  TL_UK_PREFIXED, ts, palign, u);
		if (st)
			return st;
		for (uint32_t k = 0; k < n; k++) {
			const tl_layout *f = e->fields[v][u->order[k]];
			if (!is_1zst(f)) {
				if (f->align < first_align)
					first_align = f->align;
				break;
			}
		}
		if (u->size > size)
			size = u->size;
		if (u->align > align)
			align = u->align;
	}
	out->size = tl_align_up(size, align);
	out->align = align;
	if (out->size >= t->max_object_size)
		return TL_ELIMIT;
	unsigned width = (unsigned)ts;
	if (!e->repr_c && !e->repr_int && first_align > ts && first_align <= 16) {
		tl_prim w = int_prim((unsigned)first_align, tc->is_signed);
		tl_size_align sa = tl_target_prim(t, w);
		if (sa.size == first_align && sa.align == first_align) {
			width = (unsigned)first_align;
			for (uint32_t v = 0; v < e->nv; v++) {
				tl_uresult *u = &out->v[v];
				for (uint32_t i = 0; i < d->variants[v].nfields; i++)
					if (u->offsets[i] <= ts)
						u->offsets[i] = width;
				if (u->size <= ts)
					u->size = width;
			}
		}
	}
	out->tag.encoding = TL_TAG_DIRECT;
	out->tag.size = width;
	out->tag.offset = 0;
	out->tag.is_signed = tc->is_signed;
	tag_range(tc, width, &out->tag.valid_start, &out->tag.valid_end);
	tl_niche n = {true, width, 0, out->tag.valid_start, out->tag.valid_end};
	if (tl_niche_available(&n))
		out->niche = n;
	out->uninhabited = true;
	for (uint32_t v = 0; v < e->nv; v++)
		if (!out->v[v].uninhabited)
			out->uninhabited = false;
	return TL_OK;
}

/* ---- the niche-filled layout (7.6); false when there is none ---- */

static bool niche_layout(tl_ctx *ctx, const tl_target *t, const enum_in *e,
			 enum_out *out, tl_status *st)
{
	const tl_def *d = e->def;
	uint64_t align = 1;
	*st = TL_OK;
	for (uint32_t v = 0; v < e->nv; v++) {
		*st = tl_rust_univariant(ctx, t, e->fields[v], d->variants[v].nfields,
					 &d->repr, TL_UK_ALWAYS_SIZED, 0, 1, &out->v[v]);
		if (*st)
			return false;
		if (out->v[v].align > align)
			align = out->v[v].align;
	}
	uint32_t u = 0;
	for (uint32_t v = 0; v < e->nv; v++)
		if (out->v[v].size >= out->v[u].size)
			u = v;
	uint32_t first = UINT32_MAX, last = 0;
	for (uint32_t v = 0; v < e->nv; v++) {
		if (v == u || e->absent[v])
			continue;
		if (first == UINT32_MAX)
			first = v;
		last = v;
	}
	const tl_niche *n = &out->v[u].niche;
	tl_u128 niche_start;
	tl_niche grown;
	if (first == UINT32_MAX || !n->present ||
	    !tl_niche_reserve(n, (tl_u128)(last - first) + 1, &niche_start, &grown))
		return false;
	uint64_t size = tl_align_up(out->v[u].size, align);
	for (uint32_t v = 0; v < e->nv; v++) {
		tl_uresult *lv = &out->v[v];
		if (v == u || lv->size <= n->offset)
			continue;
		uint64_t o = tl_align_up(n->offset + n->size, lv->align);
		if (o + lv->size > size)
			return false;
		for (uint32_t i = 0; i < d->variants[v].nfields; i++)
			lv->offsets[i] += o;
		lv->size += o;
	}
	out->size = size;
	out->align = align;
	out->tag.encoding = TL_TAG_NICHE;
	out->tag.size = n->size;
	out->tag.offset = n->offset;
	out->tag.valid_start = grown.start;
	out->tag.valid_end = grown.end;
	out->tag.untagged = u;
	out->tag.niche_first = first;
	out->tag.niche_last = last;
	out->tag.niche_start = niche_start;
	memset(&out->niche, 0, sizeof(out->niche));
	if (tl_niche_available(&grown))
		out->niche = grown;
	out->uninhabited = true;
	for (uint32_t v = 0; v < e->nv; v++)
		if (!out->v[v].uninhabited)
			out->uninhabited = false;
	return true;
}

/* ---- assembling the result ---- */

static uint64_t variant_extent(const enum_in *e, uint32_t v, const tl_uresult *u,
			       const tl_tag *tag)
{
	uint64_t end = 0;
	for (uint32_t i = 0; i < e->def->variants[v].nfields; i++) {
		uint64_t fe = u->offsets[i] + e->fields[v][i]->size;
		if (fe > end)
			end = fe;
	}
	if (tag->encoding == TL_TAG_DIRECT ||
	    (tag->encoding == TL_TAG_NICHE && v != tag->untagged)) {
		uint64_t te = tag->offset + tag->size;
		if (te > end)
			end = te;
	}
	return end;
}

static tl_status finish(tl_ctx *ctx, const enum_in *e, const enum_out *r,
			tl_layout *out)
{
	out->size = r->size;
	out->align = r->align;
	out->sized = true;
	out->uninhabited = r->uninhabited;
	out->niche = r->niche;
	out->tag = r->tag;
	out->nvariants = e->nv;
	tl_variant_layout *vl = tl_arena_array(&ctx->arena, e->nv ? e->nv : 1,
					       sizeof(*vl));
	if (!vl)
		return TL_ENOMEM;
	for (uint32_t v = 0; v < e->nv; v++) {
		const tl_uresult *u = &r->v[v];
		vl[v].nfields = e->def->variants[v].nfields;
		vl[v].offsets = u->offsets;
		vl[v].order = u->order;
		vl[v].align = u->align ? u->align : 1;
		vl[v].absent = e->absent[v];
		vl[v].uninhabited = e->uninh[v];
		vl[v].size = u->offsets ? variant_extent(e, v, u, &r->tag) : 0;
	}
	out->variants = vl;
	return TL_OK;
}

static tl_status zero_variants(tl_ctx *ctx, const enum_in *e, enum_out *r)
{
	for (uint32_t v = 0; v < e->nv; v++) {
		uint32_t n = e->def->variants[v].nfields;
		r->v[v].offsets = tl_layout__u64s(ctx, n);
		r->v[v].order = tl_layout__u32s(ctx, n);
		if (!r->v[v].offsets || !r->v[v].order)
			return TL_ENOMEM;
		for (uint32_t i = 0; i < n; i++)
			r->v[v].order[i] = i;
	}
	return TL_OK;
}

static tl_status layout_enum(tl_ctx *ctx, const tl_target *t, enum_in *e,
			     tl_layout *out)
{
	const tl_def *d = e->def;
	uint32_t present = 0, only = 0;
	for (uint32_t v = 0; v < e->nv; v++) {
		if (!e->absent[v]) {
			present++;
			only = v;
		}
	}
	enum_out r = {0};
	enum_out alt = {0};
	tag_choice tc = {0};
	tl_status st = TL_ENOMEM;
	/* scratch under tl_rust_enum's mark */
	r.v = tl_arena_array(&ctx->scratch, e->nv ? e->nv : 1, sizeof(*r.v));
	alt.v = tl_arena_array(&ctx->scratch, e->nv ? e->nv : 1, sizeof(*alt.v));
	if (!r.v || !alt.v)
		goto out;
	if (present == 0) {
		/* 7.2.1: no value can exist */
		st = zero_variants(ctx, e, &r);
		r.size = 0;
		r.align = 1;
		r.uninhabited = true;
	} else if (present == 1 && !e->repr_c && !e->repr_int) {
		/* 7.2.2: laid out as a struct of the one present variant */
		st = zero_variants(ctx, e, &r);
		if (st)
			goto out;
		st = tl_rust_univariant(ctx, t, e->fields[only], d->variants[only].nfields,
					&d->repr, TL_UK_ALWAYS_SIZED, 0, 1, &r.v[only]);
		r.size = r.v[only].size;
		r.align = r.v[only].align;
		r.niche = r.v[only].niche;
		r.uninhabited = r.v[only].uninhabited;
	} else {
		st = choose_tag(ctx, e, t, &tc);
		if (!st)
			st = tagged_layout(ctx, t, e, &tc, &r);
		if (!st && !e->repr_c && !e->repr_int &&
		    niche_layout(ctx, t, e, &alt, &st)) {
			tl_u128 spare_t = tl_niche_available(&r.niche);
			tl_u128 spare_n = tl_niche_available(&alt.niche);
			if (r.size > alt.size || (r.size == alt.size && spare_t < spare_n)) {
				enum_out tmp = r;
				r = alt;
				alt = tmp;
			}
		}
	}
	if (st == TL_ELIMIT)
		tl_error(ctx, d->loc, "too-big", "type '%s' is too big for target %s",
			 d->name, t->triple);
	if (!st)
		st = finish(ctx, e, &r, out);
out:
	return st;
}

tl_status tl_rust_enum(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
		       tl_layout *out)
{
	const tl_def *d = ty->def;
	enum_in e = {0};
	e.def = d;
	e.nv = d->nvariants;
	e.repr_c = d->repr.flags & TL_REPR_C;
	e.repr_int = d->repr.flags & TL_REPR_INT;
	/* scratch: only the layout built from them is kept */
	tl_arena_mark mark = tl_arena_get_mark(&ctx->scratch);
	/* every variant's is written below */
	e.fields = tl_arena_array_raw(&ctx->scratch, e.nv ? e.nv : 1,
				      sizeof(*e.fields));
	e.absent = tl_arena_array(&ctx->scratch, e.nv ? e.nv : 1, sizeof(bool));
	e.uninh = tl_arena_array(&ctx->scratch, e.nv ? e.nv : 1, sizeof(bool));
	tl_status result = TL_OK;
	if (!e.fields || !e.absent || !e.uninh) {
		ctx->oom = true;
		result = TL_ENOMEM;
		goto out;
	}
	for (uint32_t v = 0; v < e.nv; v++) {
		const tl_variant *var = &d->variants[v];
		tl_status st = tl_rust_field_layouts(ctx, t, ty, var->fields,
						     var->nfields, &e.fields[v]);
		if (st) {
			result = st;
			continue;
		}
		bool all_1zst = true;
		for (uint32_t i = 0; i < var->nfields; i++) {
			if (e.fields[v][i]->uninhabited)
				e.uninh[v] = true;
			if (!is_1zst(e.fields[v][i]))
				all_1zst = false;
		}
		e.absent[v] = !e.repr_c && e.uninh[v] && all_1zst;
	}
	if (!result)
		result = layout_enum(ctx, t, &e, out);
out:
	tl_arena_rewind(&ctx->scratch, mark);
	return result;
}
