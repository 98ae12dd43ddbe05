/*
 * Which field holds a niche: descends from a type (or one enum variant)
 * through the fields whose bytes contain the niche's offset, down to the
 * scalar, and names the path ("Array.0.buf.inner.cap"). The report uses
 * it to say *where* an Option or an enum keeps its discriminant.
 */
#include <stdio.h>

#include "analyze/niche_path.h"
#include "model/ctx_internal.h"
#include "typelayout/analysis.h"
#include "util/strbuf.h"

static bool contains(uint64_t start, uint64_t size, uint64_t at)
{
	return at >= start && at < start + size;
}

static void fields_path(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			int variant, uint64_t at, tl_strbuf *sb);

static void descend(tl_ctx *ctx, const tl_target *t, tl_type_id id,
		    uint64_t at, tl_strbuf *sb, int depth)
{
	const tl_type *ty = tl_type_get(ctx, id);
	const tl_layout *l;
	if (!ty || depth > 32 || tl_layout_of(ctx, id, t, &l))
		return;
	if (ty->kind == TL_TY_TUPLE) {
		for (uint32_t i = 0; i < ty->nargs; i++) {
			const tl_layout *fl;
			if (tl_layout_of(ctx, ty->args[i], t, &fl) == TL_OK &&
			    contains(l->offsets[i], fl->size, at)) {
				tl_strbuf_putc(sb, '.');
				tl_strbuf_add_u64(sb, i);
				descend(ctx, t, ty->args[i], at - l->offsets[i], sb, depth + 1);
				return;
			}
		}
		return;
	}
	if (ty->kind == TL_TY_ARRAY) {
		const tl_layout *el;
		if (tl_layout_of(ctx, ty->inner, t, &el) || !el->size)
			return;
		tl_strbuf_putc(sb, '[');
		tl_strbuf_add_u64(sb, at / el->size);
		tl_strbuf_putc(sb, ']');
		descend(ctx, t, ty->inner, at % el->size, sb, depth + 1);
		return;
	}
	if (ty->kind != TL_TY_ADT || ty->def->kind == TL_DEF_OPAQUE)
		return;
	const tl_def *d = ty->def;
	if (d->kind == TL_DEF_ENUM) {
		if (l->tag.encoding == TL_TAG_DIRECT && contains(l->tag.offset, l->tag.size, at)) {
			tl_strbuf_puts(sb, ".<tag>");
			return;
		}
		if (l->tag.encoding == TL_TAG_NICHE)
			fields_path(ctx, t, id, (int)l->tag.untagged, at, sb);
		else if (l->nvariants == 1 || l->tag.encoding == TL_TAG_NONE)
			for (uint32_t v = 0; v < l->nvariants; v++)
				if (!l->variants[v].absent)
					fields_path(ctx, t, id, (int)v, at, sb);
		return;
	}
	fields_path(ctx, t, id, -1, at, sb);
}

static void fields_path(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			int variant, uint64_t at, tl_strbuf *sb)
{
	const tl_type *ty = tl_type_get(ctx, id);
	const tl_layout *l;
	if (!ty || ty->kind != TL_TY_ADT || tl_layout_of(ctx, id, t, &l))
		return;
	const tl_def *d = ty->def;
	const tl_field *fs = d->fields;
	uint32_t n = d->nfields;
	const uint64_t *offsets = l->offsets;
	if (variant >= 0) {
		fs = d->variants[variant].fields;
		n = d->variants[variant].nfields;
		offsets = l->variants[variant].offsets;
		if (sb->len)
			tl_strbuf_putc(sb, '.');
		tl_strbuf_puts(sb, d->variants[variant].name);
	}
	for (uint32_t i = 0; i < n; i++) {
		tl_type_id ft = tl_type_field(ctx, id, &fs[i]);
		const tl_layout *fl;
		if (tl_layout_of(ctx, ft, t, &fl) || !contains(offsets[i], fl->size, at))
			continue;
		if (sb->len)
			tl_strbuf_putc(sb, '.');
		tl_strbuf_puts(sb, fs[i].name[0] ? fs[i].name : "?");
		descend(ctx, t, ft, at - offsets[i], sb, 1);
		return;
	}
}

void tl_analyze__niche_path_into(tl_ctx *ctx, const tl_target *t,
				 tl_type_id type, int variant, uint64_t at,
				 tl_strbuf *sb)
{
	const tl_type *ty = tl_type_get(ctx, type);
	if (ty && ty->kind == TL_TY_ADT)
		fields_path(ctx, t, type, variant, at, sb);
	else
		descend(ctx, t, type, at, sb, 0);
}

const char *tl_analyze_niche_path(tl_ctx *ctx, const tl_target *t,
				  tl_type_id type, int variant, uint64_t at)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_analyze__niche_path_into(ctx, t, type, variant, at, &sb);
	const char *s = sb.oom ? "" : tl_intern(ctx, tl_strbuf_cstr(&sb), sb.len);
	tl_strbuf_release(&sb);
	return s ? s : "";
}
