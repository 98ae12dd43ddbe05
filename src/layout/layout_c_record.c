/*
 * C structs and unions, Itanium/SysV family (c-layout.md sections 3 and 5;
 * clang 14's ItaniumRecordLayoutBuilder). Members are placed in declaration
 * order; an ordinary member goes to the next whole byte after everything
 * before it (bit-fields included), rounded up to its alignment:
 *
 *     a := (record packed or member packed) ? 1 : alignof(declared type)
 *     a := max(a, aligned(N)/_Alignas on the member)          (5.2)
 *     if #pragma pack(P): a := min(a, P)                      (5.3, 5.4)
 *
 * The record's alignment is the largest member contribution and its own
 * aligned(N) (never capped by a pack); its size is the end rounded up to
 * that alignment, and may be 0 (3.5). Tail padding of members is never
 * reused (3.2). Bit-fields: layout_c_bitfield.c.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_c.h"

tl_status tl_c_size_align(tl_ctx *ctx, const tl_target *t, tl_type_id type,
			  tl_loc use, uint64_t *size, uint64_t *align)
{
	const tl_type *ty = tl_type_get(ctx, type);
	const tl_type *len = ty && ty->kind == TL_TY_ARRAY ?
			     tl_type_get(ctx, ty->len) : NULL;
	if (len && len->kind == TL_TY_CONST && len->value >= 0) {
		uint64_t es, ea, n = (uint64_t)len->value, s;
		tl_status st = tl_c_size_align(ctx, t, ty->inner, use, &es, &ea);
		if (st)
			return st;
		bool over = __builtin_mul_overflow(n, es, &s);
		/* clang: Width = alignTo(EltWidth * Size, EltAlign) */
		s = tl_c_round_up(s, ea, &over);
		if (over || s >= t->max_object_size) {
			tl_error(ctx, use, "too-big",
				 "array '%s' is too big for target %s",
				 tl_type_name(ctx, ty->id), t->triple);
			return TL_ELIMIT;
		}
		*size = s;
		*align = ea;
		return TL_OK;
	}
	const tl_layout *l;
	tl_status st = tl_layout__of_at(ctx, type, t, use, &l);
	if (st)
		return st;
	*size = l->size;
	*align = l->align ? l->align : 1;
	return TL_OK;
}

/* An ordinary (non-bit-field) member; returns its bit offset. */
static uint64_t place_member(tl_c_rec *r, const tl_field *f, uint64_t size,
			     uint64_t align)
{
	uint64_t a = (r->packed || f->c_packed) ? 1 : align;
	if (f->c_align > a)
		a = f->c_align;
	if (r->pack_bits && a > r->pack_bits / 8)
		a = r->pack_bits / 8;
	uint64_t off = 0, bits = 0;
	if (!r->is_union)
		off = tl_c_round_up(r->end / 8, a, &r->overflow);
	if (__builtin_mul_overflow(off, 8, &bits) ||
	    __builtin_mul_overflow(size, 8, &size))
		r->overflow = true;
	if (r->is_union) {
		if (size > r->end)
			r->end = size;
	} else {
		if (__builtin_add_overflow(bits, size, &r->end))
			r->overflow = true;
		r->next = r->end;
	}
	if (a * 8 > r->align_bits)
		r->align_bits = a * 8;
	return bits;
}

/* Memory order: by bit offset, then declaration order (records are
 * small; insertion sort keeps it simple and stable). */
static void insertion_sort(uint32_t *order, uint32_t n, const uint64_t *key)
{
	for (uint32_t i = 1; i < n; i++) {
		uint32_t v = order[i];
		uint32_t j = i;
		while (j > 0 && (key[order[j - 1]] > key[v] ||
				 (key[order[j - 1]] == key[v] && order[j - 1] > v))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

static tl_status layout_record(tl_ctx *ctx, const tl_target *t,
			       const tl_type *ty, tl_layout *out)
{
	const tl_def *def = ty->def;
	tl_c_rec r;
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.is_union = def->kind == TL_DEF_UNION;
	r.packed = (def->repr.flags & TL_REPR_PACKED) != 0;
	r.pack_bits = (uint64_t)def->c_pack * 8;
	r.align_bits = 8;
	if ((def->repr.flags & TL_REPR_ALIGN) && def->repr.align > 1)
		r.align_bits = def->repr.align * 8;

	uint32_t n = def->nfields;
	uint64_t *bits = calloc(n ? n : 1, sizeof(*bits));
	if (!bits) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	bool any_bitfield = false;
	tl_status st = TL_OK;
	for (uint32_t i = 0; i < n && !st; i++) {
		const tl_field *f = &def->fields[i];
		uint64_t size, align;
		tl_type_id ft = tl_type_field(ctx, ty->id, f);
		st = tl_c_size_align(ctx, t, ft, f->loc, &size, &align);
		if (st)
			break;
		if (f->bit_width >= 0) {
			any_bitfield = true;
			bits[i] = tl_c_place_bitfield(&r, f, size, align);
		} else {
			bits[i] = place_member(&r, f, size, align);
		}
	}
	if (st) {
		free(bits);
		return st;
	}
	uint64_t align = r.align_bits / 8;
	uint64_t size = tl_c_round_up(r.end / 8, align, &r.overflow);
	if (r.overflow || size >= t->max_object_size) {
		free(bits);
		tl_error(ctx, def->loc, "too-big", "'%s' is too big for target %s",
			 def->name, t->triple);
		return TL_ELIMIT;
	}
	out->size = size;
	out->align = align;
	out->sized = true;
	out->nfields = n;
	uint64_t *offsets = tl_layout__u64s(ctx, n);
	uint32_t *order = tl_layout__u32s(ctx, n);
	uint64_t *bitoffs = any_bitfield ? tl_layout__u64s(ctx, n) : NULL;
	if (!offsets || !order || (any_bitfield && !bitoffs)) {
		free(bits);
		return TL_ENOMEM;
	}
	for (uint32_t i = 0; i < n; i++) {
		offsets[i] = bits[i] / 8;
		order[i] = i;
		if (bitoffs)
			bitoffs[i] = bits[i];
	}
	insertion_sort(order, n, bits);
	free(bits);
	out->offsets = offsets;
	out->bit_offsets = bitoffs;
	out->order = order;
	return TL_OK;
}

tl_status tl_layout__c_adt(tl_ctx *ctx, const tl_target *t, const tl_type *ty,
			   tl_layout *out)
{
	const tl_def *def = ty->def;
	ctx->layout_c = true; /* never shared between targets (layout.c) */
	switch (def->kind) {
	case TL_DEF_STRUCT:
		if (def->repr.flags & TL_REPR_SIMD)
			return tl_c_vector(ctx, t, def, out);
		return layout_record(ctx, t, ty, out);
	case TL_DEF_UNION:
		return layout_record(ctx, t, ty, out);
	case TL_DEF_ENUM:
		return tl_c_enum(ctx, t, def, out);
	case TL_DEF_ALIAS:
		return tl_c_alias(ctx, t, def, out);
	case TL_DEF_OPAQUE:
		out->size = def->opaque_size;
		out->align = def->opaque_align ? def->opaque_align : 1;
		out->sized = true;
		return TL_OK;
	case TL_DEF_CLOSURE:
		break;
	}
	tl_error(ctx, def->loc, "unsupported", "'%s' has no C layout", def->name);
	return TL_EUNSUPPORTED;
}
