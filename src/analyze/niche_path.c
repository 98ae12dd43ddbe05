/*
 * Which field holds a niche: descends from a type (or one enum variant)
 * through the fields whose bytes contain the niche's offset, down to the
 * scalar, and names the path ("Array.0.buf.inner.cap"). The report uses
 * it to say *where* an Option or an enum keeps its discriminant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/niche_path.h"
#include "model/ctx_internal.h"
#include "typelayout/analysis.h"
#include "util/strbuf.h"

static bool contains(uint64_t start, uint64_t size, uint64_t at)
{
	return at >= start && at < start + size;
}

/* ---- the memo: by target and type id, the suffix of one (variant,
 * offset) -- a nested type is asked about its own niche nearly always --
 * with the text pooled in one buffer ---- */

typedef struct memo_entry {
	uint64_t at;
	int32_t variant;
	uint32_t used;            /* 0: empty */
	uint32_t off, len;        /* in the text pool */
} memo_entry;

enum { MEMO_TARGETS = 8 };

struct tl_niche_memo {
	struct memo_target {
		const tl_target *t;
		memo_entry *e;    /* by type id */
		size_t cap;
	} targets[MEMO_TARGETS];
	tl_strbuf text;
	bool oom;                 /* out of memory: no more memoising */
};

tl_niche_memo *tl_niche_memo_new(void)
{
	tl_niche_memo *m = calloc(1, sizeof(*m));
	if (m)
		tl_strbuf_init(&m->text);
	return m;
}

void tl_niche_memo_free(tl_niche_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < MEMO_TARGETS; i++)
		free(m->targets[i].e);
	tl_strbuf_release(&m->text);
	free(m);
}

/* The entry for (t, id), made room for; NULL when there is none. */
static memo_entry *memo_entry_of(tl_niche_memo *m, const tl_target *t,
				 tl_type_id id)
{
	struct memo_target *mt = NULL;
	for (size_t i = 0; i < MEMO_TARGETS && !mt; i++)
		if (m->targets[i].t == t || !m->targets[i].t)
			mt = &m->targets[i];
	if (!mt)
		return NULL;
	mt->t = t;
	if (id >= mt->cap) {
		size_t cap = mt->cap ? mt->cap : 1024;
		while (cap <= id)
			cap *= 2;
		memo_entry *e = realloc(mt->e, cap * sizeof(*e));
		if (!e) {
			m->oom = true;
			return NULL;
		}
		memset(e + mt->cap, 0, (cap - mt->cap) * sizeof(*e));
		mt->e = e;
		mt->cap = cap;
	}
	return &mt->e[id];
}

static void memo_put(tl_niche_memo *m, memo_entry *e, int variant, uint64_t at,
		     const char *text, size_t len)
{
	size_t off = m->text.len;
	if (off + len > UINT32_MAX) {
		m->oom = true; /* stop memoising: paths are still walked */
		return;
	}
	tl_strbuf_add(&m->text, text, len);
	if (m->text.oom) {
		m->oom = true;
		return;
	}
	*e = (memo_entry){at, variant, 1, (uint32_t)off, (uint32_t)len};
}

/* Appends a suffix written as if after a non-empty path: its leading '.'
 * goes when the path is still empty (fields_path's only dependence on
 * what came before). */
static void append_suffix(tl_strbuf *sb, const char *text, size_t len)
{
	if (!sb->len && len && text[0] == '.') {
		text++;
		len--;
	}
	tl_strbuf_add(sb, text, len);
}

static void fields_path(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			int variant, uint64_t at, tl_strbuf *sb,
			tl_niche_memo *memo);

static void descend(tl_ctx *ctx, const tl_target *t, tl_type_id id,
		    uint64_t at, tl_strbuf *sb, int depth, tl_niche_memo *memo)
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
				descend(ctx, t, ty->args[i], at - l->offsets[i], sb,
					depth + 1, memo);
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
		descend(ctx, t, ty->inner, at % el->size, sb, depth + 1, memo);
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
			fields_path(ctx, t, id, (int)l->tag.untagged, at, sb, memo);
		else if (l->nvariants == 1 || l->tag.encoding == TL_TAG_NONE)
			for (uint32_t v = 0; v < l->nvariants; v++)
				if (!l->variants[v].absent)
					fields_path(ctx, t, id, (int)v, at, sb, memo);
		return;
	}
	fields_path(ctx, t, id, -1, at, sb, memo);
}

static void fields_path_walk(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			     int variant, uint64_t at, tl_strbuf *sb,
			     tl_niche_memo *memo);

/* The walk below an ADT does not depend on how deep it sits (descend's
 * depth starts over at each field), only on whether the path is empty
 * yet: a memoised suffix is the text written after a non-empty path. */
static void fields_path(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			int variant, uint64_t at, tl_strbuf *sb,
			tl_niche_memo *memo)
{
	memo_entry *e = memo && !memo->oom ? memo_entry_of(memo, t, id) : NULL;
	if (e && e->used && e->variant == variant && e->at == at) {
		append_suffix(sb, memo->text.buf + e->off, e->len);
		return;
	}
	if (!e || e->used) { /* another key holds the entry: walk */
		fields_path_walk(ctx, t, id, variant, at, sb, memo);
		return;
	}
	char small[128];
	tl_strbuf tmp;
	tl_strbuf_on(&tmp, small, sizeof(small));
	tl_strbuf_putc(&tmp, 'x'); /* a non-empty path */
	fields_path_walk(ctx, t, id, variant, at, &tmp, memo);
	if (tmp.oom) {
		sb->oom = true;
	} else {
		/* the walk may have moved the entries */
		e = memo_entry_of(memo, t, id);
		if (e && !e->used)
			memo_put(memo, e, variant, at, tmp.buf + 1, tmp.len - 1);
		append_suffix(sb, tmp.buf + 1, tmp.len - 1);
	}
	tl_strbuf_release(&tmp);
}

static void fields_path_walk(tl_ctx *ctx, const tl_target *t, tl_type_id id,
			     int variant, uint64_t at, tl_strbuf *sb,
			     tl_niche_memo *memo)
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
		descend(ctx, t, ft, at - offsets[i], sb, 1, memo);
		return;
	}
}

void tl_analyze__niche_path_into(tl_ctx *ctx, const tl_target *t,
				 tl_type_id type, int variant, uint64_t at,
				 tl_strbuf *sb, tl_niche_memo *memo)
{
	const tl_type *ty = tl_type_get(ctx, type);
	if (ty && ty->kind == TL_TY_ADT)
		fields_path(ctx, t, type, variant, at, sb, memo);
	else
		descend(ctx, t, type, at, sb, 0, memo);
}

const char *tl_analyze_niche_path(tl_ctx *ctx, const tl_target *t,
				  tl_type_id type, int variant, uint64_t at)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_analyze__niche_path_into(ctx, t, type, variant, at, &sb, NULL);
	const char *s = sb.oom ? "" : tl_intern(ctx, tl_strbuf_cstr(&sb), sb.len);
	tl_strbuf_release(&sb);
	return s ? s : "";
}
