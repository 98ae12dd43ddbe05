/*
 * Niches: reserving values for enum discriminants (rust-layout.md 5.2) and
 * evaluating the prelude's valid-range bounds.
 */
#include <string.h>

#include "layout/layout_rust.h"
#include "util/u128.h"

bool tl_niche_reserve(const tl_niche *n, tl_u128 count, tl_u128 *niche_start,
		      tl_niche *grown)
{
	if (!n->present || count == 0 || count > tl_niche_available(n))
		return false;
	tl_u128 mask = tl_u128_max_bytes(n->size);
	tl_u128 start = n->start, end = n->end;
	bool up;
	if (start > end) {
		up = true;
	} else if (start <= mask - end) {
		up = count > start;
	} else {
		tl_u128 e2 = (end + count) & mask;
		up = !(e2 >= 1 && e2 <= end);
	}
	*grown = *n;
	if (up) {
		*niche_start = (end + 1) & mask;
		grown->end = (end + count) & mask;
	} else {
		*niche_start = (start - count) & mask;
		grown->start = *niche_start;
	}
	return true;
}

static bool prim_max(const char *ty, const tl_target *t, tl_u128 *out, bool min)
{
	static const struct {
		const char *name;
		unsigned bytes;
		bool is_signed;
	} ints[] = {
		{"u8", 1, 0}, {"u16", 2, 0}, {"u32", 4, 0}, {"u64", 8, 0},
		{"u128", 16, 0}, {"i8", 1, 1}, {"i16", 2, 1}, {"i32", 4, 1},
		{"i64", 8, 1}, {"i128", 16, 1}, {"usize", 0, 0}, {"isize", 0, 1},
	};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (strcmp(ints[i].name, ty) != 0)
			continue;
		unsigned bytes = ints[i].bytes ? ints[i].bytes : t->ptr_size;
		tl_u128 umax = tl_u128_max_bytes(bytes);
		if (!ints[i].is_signed)
			*out = min ? 0 : umax;
		else
			*out = min ? (umax >> 1) + 1 : umax >> 1;
		return true;
	}
	return false;
}

bool tl_rust_eval_bound(const tl_cexpr *e, const tl_target *t, uint32_t width,
			tl_u128 *out)
{
	tl_u128 a, b;
	switch (e->kind) {
	case TL_CX_INT:
		*out = e->value;
		return true;
	case TL_CX_PATH:
		if (e->nsegs == 1 && strcmp(e->segs[0], "MAX") == 0) {
			*out = tl_u128_max_bytes(width);
			return true;
		}
		if (e->nsegs == 2 && strcmp(e->segs[1], "MAX") == 0)
			return prim_max(e->segs[0], t, out, false);
		if (e->nsegs == 2 && strcmp(e->segs[1], "MIN") == 0)
			return prim_max(e->segs[0], t, out, true);
		return false;
	case TL_CX_UNARY:
		if (!tl_rust_eval_bound(e->a, t, width, &a))
			return false;
		*out = e->op == '-' ? (tl_u128)0 - a : ~a;
		*out &= tl_u128_max_bytes(width);
		return true;
	case TL_CX_BINARY:
		if (!tl_rust_eval_bound(e->a, t, width, &a) ||
		    !tl_rust_eval_bound(e->b, t, width, &b))
			return false;
		switch (e->op) {
		case '+': *out = a + b; break;
		case '-': *out = a - b; break;
		case '*': *out = a * b; break;
		case '/': if (!b) return false; *out = a / b; break;
		case '<': *out = b < 128 ? a << b : 0; break;
		case '>': *out = b < 128 ? a >> b : 0; break;
		default: return false;
		}
		*out &= tl_u128_max_bytes(width);
		return true;
	case TL_CX_CAST:
		return tl_rust_eval_bound(e->a, t, width, out);
	case TL_CX_BOOL:
	case TL_CX_SIZEOF:
		return false;
	}
	return false;
}
