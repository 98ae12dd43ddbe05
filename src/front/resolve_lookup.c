/*
 * The global name rules of resolve.h: what a path names when no generic
 * parameter and no `.rs` module scope claims it -- user definitions by
 * last segment, primitives, the prelude -- and the messages for unknown
 * and ambiguous names.
 */
#include <string.h>

#include "front/front_rust.h"
#include "front/resolve_int.h"
#include "util/strbuf.h"

const struct rsv_prim_name tl_rsv_prims[] = {
	{"bool", TL_PRIM_BOOL}, {"char", TL_PRIM_CHAR}, {"str", RSV_PRIM_STR},
	{"u8", TL_PRIM_U8}, {"u16", TL_PRIM_U16}, {"u32", TL_PRIM_U32},
	{"u64", TL_PRIM_U64}, {"u128", TL_PRIM_U128}, {"usize", TL_PRIM_USIZE},
	{"i8", TL_PRIM_I8}, {"i16", TL_PRIM_I16}, {"i32", TL_PRIM_I32},
	{"i64", TL_PRIM_I64}, {"i128", TL_PRIM_I128}, {"isize", TL_PRIM_ISIZE},
	{"f16", TL_PRIM_F16}, {"f32", TL_PRIM_F32}, {"f64", TL_PRIM_F64},
	{"f128", TL_PRIM_F128},
};
const size_t tl_rsv_nprims = sizeof(tl_rsv_prims) / sizeof(*tl_rsv_prims);

bool rsv_prims_map(tl_ctx *ctx, tl_ptrmap *m)
{
	for (size_t i = 0; i < tl_rsv_nprims; i++) {
		const char *k = tl_intern_cstr(ctx, tl_rsv_prims[i].name);
		if (!k || tl_ptrmap_put(m, k, (void *)(uintptr_t)(tl_rsv_prims[i].prim + 1)) < 0)
			return false;
	}
	return true;
}

size_t tl_front_distance(const char *a, const char *b, size_t max)
{
	/* optimal string alignment: Levenshtein plus adjacent swaps, so
	 * `Itme` is one edit from `Item` */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > max)
		return max + 1;
	size_t rows[3][65], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		size_t *tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb] > max ? max + 1 : prev[lb];
}

static void join(tl_strbuf *sb, const char *const *segs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			tl_strbuf_puts(sb, "::");
		tl_strbuf_puts(sb, segs[i]);
	}
}

bool tl_resolve_is_std_crate(const char *s)
{
	return !strcmp(s, "std") || !strcmp(s, "core") || !strcmp(s, "alloc");
}

static const char *path_of(const tl_def *d)
{
	return d->path ? d->path : d->name;
}

/* Whether def's path ends with the written path at a `::` boundary
 * (`rc::Weak` matches `std::rc::Weak`); a leading std/core/alloc may
 * differ, as alloc::sync::Arc is std::sync::Arc. */
static bool path_matches_one(const char *dp, size_t pl, const rsv_path_ref *p)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	bool match = false;
	bool crate = p->nsegs > 2 && tl_resolve_is_std_crate(p->segs[0]);
	for (uint32_t k = 0; k < (crate ? 2u : 1u) && !match; k++) {
		tl_strbuf_reset(&sb);
		join(&sb, p->segs + k, p->nsegs - k);
		match = !sb.oom && pl >= sb.len &&
			strncmp(dp + pl - sb.len, tl_strbuf_cstr(&sb), sb.len) == 0 &&
			(pl == sb.len || dp[pl - sb.len - 1] == ':');
	}
	tl_strbuf_release(&sb);
	return match;
}

/* The prelude's `path` may list re-exports, separated by spaces
 * ("std::collections::HashMap std::collections::hash_map::HashMap"). */
static bool path_matches(const tl_def *def, const rsv_path_ref *p)
{
	const char *dp = path_of(def);
	while (*dp) {
		const char *end = strchr(dp, ' ');
		size_t len = end ? (size_t)(end - dp) : strlen(dp);
		if (path_matches_one(dp, len, p))
			return true;
		if (!end)
			break;
		dp = end + 1;
	}
	return false;
}

bool tl_resolve_prelude_has(tl_ctx *ctx, const char *const *segs, uint32_t n)
{
	rsv_path_ref p = {segs, n, true};
	if (!n)
		return false;
	for (const tl_def_list *l = tl_def_lookup(ctx, segs[n - 1]); l; l = l->next)
		if (l->def->builtin && l->def->path && path_matches(l->def, &p))
			return true;
	return false;
}

static void unknown_type(rsv *r, const tl_texpr *t, const rsv_path_ref *p)
{
	const char *name = p->segs[p->nsegs - 1];
	if (p->external || p->nsegs > 1) {
		tl_strbuf sb = TL_STRBUF_INIT;
		join(&sb, p->segs, p->nsegs);
		if (tl_resolve_is_std_crate(p->segs[0]) || !p->external)
			tl_error(r->ctx, t->loc, ID_UNKNOWN_TYPE,
				 "unknown type '%s'", tl_strbuf_cstr(&sb));
		else
			tl_error(r->ctx, t->loc, ID_UNKNOWN_TYPE,
				 "unknown type '%s' (from another crate: give its shape with --opaque '%s=SIZE:ALIGN')",
				 tl_strbuf_cstr(&sb), name);
		tl_strbuf_release(&sb);
		return;
	}
	const char *best = NULL;
	size_t len = strlen(name);
	size_t best_d = (len <= 2 ? 0 : len <= 5 ? 1 : 2) + 1;
	if (r->suggestions++ < RSV_MAX_SUGGESTIONS) {
		for (uint32_t i = 0; r->def && i < r->def->nparams; i++) {
			size_t d = tl_front_distance(name, r->def->params[i].name, best_d - 1);
			if (d < best_d)
				best = r->def->params[i].name, best_d = d;
		}
		for (size_t i = 0; i < tl_rsv_nprims; i++) {
			size_t d = tl_front_distance(name, tl_rsv_prims[i].name, best_d - 1);
			if (d < best_d)
				best = tl_rsv_prims[i].name, best_d = d;
		}
		for (size_t i = 0; i < r->ctx->defs.len; i++) {
			const char *cand = r->ctx->defs.items[i]->name;
			size_t d = tl_front_distance(name, cand, best_d - 1);
			if (d < best_d)
				best = cand, best_d = d;
		}
	}
	if (best)
		tl_error(r->ctx, t->loc, ID_UNKNOWN_TYPE,
			 "unknown type '%s' (did you mean '%s'?)", name, best);
	else
		tl_error(r->ctx, t->loc, ID_UNKNOWN_TYPE, "unknown type '%s'", name);
}

static void ambiguous(rsv *r, const tl_texpr *t, const char *name)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	size_t n = r->cands.len, shown = 0;
	for (size_t i = 0; i < n; i++) {
		const char *pi = path_of(r->cands.items[i]);
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(pi, path_of(r->cands.items[j]));
		if (seen)
			continue;
		bool last = true;
		for (size_t j = i + 1; j < n && last; j++)
			last = !strcmp(pi, path_of(r->cands.items[j]));
		if (shown)
			tl_strbuf_puts(&sb, last ? " and " : ", ");
		tl_strbuf_addf(&sb, "'%s'", pi);
		shown++;
	}
	tl_error(r->ctx, t->loc, "ambiguous-type",
		 "ambiguous type '%s': candidates are %s", name,
		 tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
}

/* The user definition `p` names: 1 found, 0 none, -1 ambiguous
 * (reported). Candidates are kept oldest first in r->cands. */
static int pick_user(rsv *r, const tl_texpr *t, const rsv_path_ref *p,
		     const tl_def **out)
{
	/* lookups key on interned names; a front end's expanded path may
	 * hold copies (our own parser interns every segment) */
	const char *name = p->external ? tl_intern_cstr(r->ctx, p->segs[p->nsegs - 1]) :
					 p->segs[p->nsegs - 1];
	r->cands.len = 0;
	if (!name)
		return -1;
	for (const tl_def_list *l = tl_def_lookup(r->ctx, name); l; l = l->next) {
		const tl_def *d = l->def;
		/* a path into another crate never names this crate's types,
		 * and a std path never names any crate's (only --opaque and
		 * YAML definitions can stand in for std types) */
		if (d->builtin || (p->external && r->def &&
				   tl_front_rust_same_crate(d, r->def)) ||
		    (p->nsegs > 1 && tl_resolve_is_std_crate(p->segs[0]) &&
		     tl_front_rust_owns(d)))
			continue;
		if (!TL_VEC_PUSH(r->cands, d)) {
			r->ctx->oom = true;
			return -1;
		}
	}
	size_t n = r->cands.len;
	for (size_t i = 0; i < n / 2; i++) { /* the list is newest first */
		const tl_def *tmp = r->cands.items[i];
		r->cands.items[i] = r->cands.items[n - 1 - i];
		r->cands.items[n - 1 - i] = tmp;
	}
	if (!n)
		return 0;
	if (p->nsegs > 1) { /* a qualified path keeps the matching ones */
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (path_matches(r->cands.items[i], p))
				r->cands.items[m++] = r->cands.items[i];
		if (m)
			r->cands.len = n = m;
	}
	for (size_t i = 1; i < n; i++)
		if (strcmp(path_of(r->cands.items[i]), path_of(r->cands.items[0]))) {
			ambiguous(r, t, name);
			return -1;
		}
	/* one item, maybe one definition per target: take the user's */
	*out = r->cands.items[0];
	uint32_t want = r->def ? r->def->target_mask : 0;
	for (size_t i = 0; i < n && want; i++)
		if (!r->cands.items[i]->target_mask ||
		    (r->cands.items[i]->target_mask & want)) {
			*out = r->cands.items[i];
			break;
		}
	return 1;
}

rsv_found rsv_lookup_global(rsv *r, const tl_texpr *t, const rsv_path_ref *p,
			    const tl_def **def, tl_type_id *prim)
{
	const char *name = p->external ? tl_intern_cstr(r->ctx, p->segs[p->nsegs - 1]) :
					 p->segs[p->nsegs - 1];
	if (!name)
		return RSV_NOT_FOUND;
	/* the prelude is self-contained: a user's `Vec` must not change
	 * what the prelude's `String` is made of */
	if (!(r->def && r->def->builtin)) {
		int found = pick_user(r, t, p, def);
		if (found)
			return found > 0 ? RSV_FOUND_DEF : RSV_NOT_FOUND;
	}
	uintptr_t pr = (uintptr_t)tl_ptrmap_get(&r->prims, name);
	bool single = p->nsegs == 1 && !t->global;
	if (pr && (single || (p->nsegs == 3 && !strcmp(p->segs[1], "primitive")))) {
		if (t->nargs) {
			tl_error(r->ctx, t->loc, ID_GENERIC_ARGS,
				 "primitive type '%s' takes no generic arguments", name);
			return RSV_NOT_FOUND;
		}
		unsigned k = pr - 1 == RSV_PRIM_STR ? TL_PRIM__COUNT : (unsigned)(pr - 1);
		if (!r->prim_ids[k])
			r->prim_ids[k] = k == TL_PRIM__COUNT ?
				tl_type_str(r->ctx) : tl_type_prim(r->ctx, (tl_prim)k);
		*prim = r->prim_ids[k];
		return *prim ? RSV_FOUND_PRIM : RSV_NOT_FOUND;
	}
	const tl_def *match = NULL, *any = NULL;
	for (const tl_def_list *l = tl_def_lookup(r->ctx, name); l; l = l->next) {
		if (!l->def->builtin)
			continue;
		any = l->def; /* newest first: the oldest wins among equals */
		if (p->nsegs > 1 && path_matches(l->def, p))
			match = l->def;
	}
	/* a qualified std path must name the type it means: `btree_map::Iter`
	 * is not `slice::Iter`, whatever their last segments say */
	if (!match && any && p->nsegs > 1)
		any = NULL;
	if (match || any) {
		*def = match ? match : any;
		return RSV_FOUND_DEF;
	}
	unknown_type(r, t, p);
	return RSV_NOT_FOUND;
}
