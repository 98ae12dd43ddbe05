/*
 * The naive enum model, for the explanation: a tag padded to the payload's
 * alignment plus the largest variant, as the seed article and most
 * introductions describe it. When rustc does better (a niche, a tag that
 * shares a word with small fields), the report says by how much.
 */
#include <string.h>

#include "layout/layout_rust.h"
#include "model/ctx_internal.h"
#include "typelayout/analysis.h"
#include "util/align.h"

/* A variant's payload laid out as the tuple of its fields would be
 * (rust-layout.md 6, as tl_rust_tuple does), without interning that tuple:
 * the report asks this for every enum on every target, and the tuples and
 * their layouts would otherwise stay in the type table and the memo. */
static bool payload_of(tl_ctx *ctx, const tl_target *t, tl_type_id type,
		       const tl_variant *var, tl_uresult *out)
{
	const tl_layout *ls[16];
	uint32_t n = var->nfields;
	if (n > 16)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (tl_layout_of(ctx, tl_type_field(ctx, type, &var->fields[i]), t, &ls[i]))
			return false;
	tl_repr repr = {0};
	if (tl_rust_univariant_size(ctx, t, ls, n, &repr, TL_UK_MAYBE_UNSIZED, out))
		return false;
	return out->size < t->max_object_size;
}

tl_status tl_analyze_enum(tl_ctx *ctx, tl_type_id type, const tl_target *t,
			  tl_enum_explain *out)
{
	memset(out, 0, sizeof(*out));
	const tl_type *ty = tl_type_get(ctx, type);
	if (ty->kind != TL_TY_ADT || ty->def->kind != TL_DEF_ENUM ||
	    ty->def->nvariants < 2 || ty->def->lang != TL_LANG_RUST)
		return TL_OK;
	const tl_def *d = ty->def;
	const tl_layout *l;
	tl_status st = tl_layout_of(ctx, type, t, &l);
	if (st)
		return st;
	bool data = false;
	for (uint32_t v = 0; v < d->nvariants; v++)
		data = data || d->variants[v].nfields;
	if (!data)
		return TL_OK; /* fieldless: the naive model is the real one */
	uint64_t payload = 0, align = 1;
	for (uint32_t v = 0; v < d->nvariants; v++) {
		tl_uresult pl;
		if (!payload_of(ctx, t, type, &d->variants[v], &pl))
			return TL_OK;
		if (pl.size > payload || v == 0) {
			if (pl.size > payload)
				out->largest_variant = v;
			payload = pl.size > payload ? pl.size : payload;
		}
		if (pl.align > align)
			align = pl.align;
	}
	uint64_t tag = d->nvariants <= 256 ? 1 : d->nvariants <= 65536 ? 2 : 4;
	out->largest_payload = payload;
	out->naive_size = tl_align_up(tl_align_up(tag, align) + payload, align);
	out->applies = out->naive_size != l->size;
	return TL_OK;
}
