/*
 * The C scalars that are definitions: enums (c-layout.md 2.2), typedefs
 * (3.1, 5.2), vectors (2.4), and _Atomic (2.3). clang 14's
 * ASTContext::getTypeInfo is the reference for each rule.
 */
#include "layout/layout_c.h"

/* 2.2: the first of int/unsigned int, long, long long (packed: starting
 * from char) that holds every value; signed when some value is negative. */
tl_prim tl_c_enum_int_type(const tl_target *t, const tl_def *def)
{
	static const tl_prim sgn[] = {TL_PRIM_C_SCHAR, TL_PRIM_C_SHORT,
		TL_PRIM_C_INT, TL_PRIM_C_LONG, TL_PRIM_C_LONGLONG};
	static const tl_prim uns[] = {TL_PRIM_C_UCHAR, TL_PRIM_C_USHORT,
		TL_PRIM_C_UINT, TL_PRIM_C_ULONG, TL_PRIM_C_ULONGLONG};
	bool neg = false;
	tl_i128 lo = 0, hi = 0;
	for (uint32_t i = 0; i < def->nvariants; i++) {
		tl_i128 v = def->variants[i].disc;
		if (v < 0)
			neg = true;
		if (v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	size_t first = (def->repr.flags & TL_REPR_PACKED) ? 0 : 2;
	for (size_t k = first; k < 5; k++) {
		tl_prim p = neg ? sgn[k] : uns[k];
		unsigned bits = tl_target_prim(t, p).size * 8u;
		tl_i128 max = neg ? ((tl_i128)1 << (bits - 1)) - 1 :
				    (tl_i128)(((unsigned __int128)1 << bits) - 1);
		tl_i128 min = neg ? -((tl_i128)1 << (bits - 1)) : 0;
		if (lo >= min && hi <= max)
			return p;
	}
	return neg ? TL_PRIM_C_LONGLONG : TL_PRIM_C_ULONGLONG;
}

tl_status tl_c_enum(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		    tl_layout *out)
{
	(void)ctx;
	tl_prim p = (def->repr.flags & TL_REPR_INT) ? def->repr.int_type :
		    tl_c_enum_int_type(t, def);
	tl_size_align sa = tl_target_prim(t, p);
	out->size = sa.size;
	out->align = sa.align ? sa.align : 1;
	out->sized = true;
	/* aligned(N) on an enum sets its alignment (it may lower it) and
	 * widens it to N bytes if smaller (getTypeInfo, Type::Enum) */
	if ((def->repr.flags & TL_REPR_ALIGN) && def->repr.align) {
		out->align = def->repr.align;
		if (out->size < def->repr.align)
			out->size = def->repr.align;
	}
	return TL_OK;
}

/* A typedef has its target's layout, with the alignment replaced by its
 * own aligned(N) when it has one, higher or lower (5.2; getTypeInfo,
 * Type::Typedef: "this violates the GCC documentation ... but matches its
 * implementation"). */
tl_status tl_c_alias(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		     tl_layout *out)
{
	uint64_t size, align;
	tl_status st = tl_c_size_align(ctx, t, def->alias_type, def->loc,
				       &size, &align);
	if (st)
		return st;
	out->size = size;
	out->align = align;
	out->sized = true;
	if ((def->repr.flags & TL_REPR_ALIGN) && def->repr.align)
		out->align = def->repr.align;
	return TL_OK;
}

static uint64_t pow2_ceil(uint64_t v)
{
	uint64_t p = 1;
	while (p < v && p < ((uint64_t)1 << 62))
		p <<= 1;
	return p;
}

/* 2.4: a vector of n elements is n * sizeof(elem) bytes aligned to that
 * size, both rounded up to a power of two, the alignment capped by the
 * target (getTypeInfo, Type::Vector). The definition's one field is the
 * element array. */
tl_status tl_c_vector(tl_ctx *ctx, const tl_target *t, const tl_def *def,
		      tl_layout *out)
{
	uint64_t size, align;
	if (def->nfields != 1)
		return TL_EUNSUPPORTED;
	tl_status st = tl_c_size_align(ctx, t, def->fields[0].type, def->loc,
				       &size, &align);
	if (st)
		return st;
	align = size ? size : 1;
	if (align & (align - 1)) {
		bool over = false;
		align = pow2_ceil(align);
		size = tl_c_round_up(size, align, &over);
	}
	if (t->c_vector_align_cap && align > t->c_vector_align_cap)
		align = t->c_vector_align_cap;
	out->size = size;
	out->align = align;
	out->sized = true;
	return TL_OK;
}

/* 2.3: a type of size s <= the target's promotion limit becomes a power of
 * two in size, aligned to its size; a zero-sized one takes one byte. */
tl_status tl_layout__c_atomic(tl_ctx *ctx, const tl_target *t,
			      const tl_type *ty, tl_layout *out)
{
	ctx->layout_c = true; /* never shared between targets (layout.c) */
	uint64_t size, align;
	const tl_loc none = {0, 0, 0};
	tl_status st = tl_c_size_align(ctx, t, ty->inner, none, &size, &align);
	if (st)
		return st;
	if (size == 0) {
		size = 1;
	} else if (size <= t->c_atomic_promote_max) {
		size = pow2_ceil(size);
		align = size;
	}
	out->size = size;
	out->align = align;
	out->sized = true;
	return TL_OK;
}
