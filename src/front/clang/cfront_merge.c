/*
 * From the per-target descriptions of one translation unit to model
 * definitions (doc/c-frontend.md):
 *  - declarations are grouped by key (the C name, or file and offset for
 *    unnamed ones); a group whose structural signatures (cd_decl_sig, which
 *    includes every by-value member's signature) agree on every target
 *    becomes one definition with target_mask 0, otherwise one definition
 *    per class of equal signatures, target_mask = the targets' bits;
 *  - (key, signature, mask) identifies a definition across translation
 *    units, so a header included by many .c files is added once;
 *  - pointees are resolved by key, to a placeholder opaque definition when
 *    nothing defines them.
 */
#include <stdint.h>
#include <string.h>

#include "front/clang/cfront_merge.h"
#include "util/strbuf.h"
#include "util/vec.h"

typedef struct cm_entry {
	uint64_t sig;
	uint32_t mask;
	tl_def *def;
	struct cm_entry *next;
} cm_entry;

typedef struct cm_group {
	const char *key;          /* interned */
	uint32_t decl[TL_C_MAX_TARGETS]; /* per unit, UINT32_MAX = absent */
} cm_group;

/* Per-merge scratch. */
typedef struct cm_tu {
	cm_state *m;
	cd_unit *units;
	TL_VEC(cm_group) groups;
	uint32_t *group_of[TL_C_MAX_TARGETS]; /* unit decl -> group */
	tl_def **def_of[TL_C_MAX_TARGETS];    /* unit decl -> def */
	bool oom;
} cm_tu;

void cm_init(cm_state *m, tl_ctx *ctx, size_t ntargets, bool keep_answers)
{
	memset(m, 0, sizeof(*m));
	m->ctx = ctx;
	m->ntargets = ntargets < TL_C_MAX_TARGETS ? ntargets : TL_C_MAX_TARGETS;
	m->keep_answers = keep_answers;
	tl_ptrmap_init(&m->files);
	tl_ptrmap_init(&m->known);
}

void cm_release(cm_state *m)
{
	tl_ptrmap_release(&m->files);
	tl_ptrmap_release(&m->known);
}

/* ---- locations ---- */

static tl_loc to_loc(cm_tu *t, const cd_unit *u, cd_loc l)
{
	tl_loc r = {0, 0, 0};
	if (!l.file || l.file >= u->nfiles)
		return r;
	const cd_file *f = &u->files[l.file];
	tl_ctx *ctx = t->m->ctx;
	const char *real = tl_intern_cstr(ctx, f->real);
	if (!real) {
		t->oom = true;
		return r;
	}
	uintptr_t id = (uintptr_t)tl_ptrmap_get(&t->m->files, real);
	if (!id) {
		id = tl_source_add(ctx, f->path, f->text, f->len);
		if (!id || tl_ptrmap_put(&t->m->files, real, (void *)id) < 0) {
			t->oom = true;
			return r;
		}
	}
	r.file = (uint32_t)id;
	r.line = l.line;
	r.col = l.col;
	return r;
}

/* ---- diagnostics ---- */

static bool same_diag(const cd_unit *a, const cd_diag *x, const cd_unit *b,
		      const cd_diag *y)
{
	if (x->error != y->error || x->loc.line != y->loc.line ||
	    x->loc.col != y->loc.col || strcmp(x->message, y->message))
		return false;
	if (!x->loc.file || !y->loc.file)
		return x->loc.file == y->loc.file;
	return strcmp(a->files[x->loc.file].real, b->files[y->loc.file].real) == 0;
}

/* clang's errors, once per distinct message; a note names the targets
 * when only some of them saw it. */
static void merge_diags(cm_tu *t)
{
	cm_state *m = t->m;
	for (size_t ui = 0; ui < m->ntargets; ui++) {
		cd_unit *u = &t->units[ui];
		if (u->failed)
			m->failed = true;
		for (uint32_t i = 0; i < u->ndiags; i++) {
			const cd_diag *d = &u->diags[i];
			bool seen = false, everywhere = true;
			for (size_t uj = 0; uj < ui && !seen; uj++)
				for (uint32_t k = 0; k < t->units[uj].ndiags && !seen; k++)
					seen = same_diag(u, d, &t->units[uj],
							 &t->units[uj].diags[k]);
			if (seen)
				continue;
			uint32_t mask = 1u << ui;
			for (size_t uj = ui + 1; uj < m->ntargets; uj++) {
				bool found = false;
				for (uint32_t k = 0; k < t->units[uj].ndiags && !found; k++)
					found = same_diag(u, d, &t->units[uj],
							  &t->units[uj].diags[k]);
				if (found)
					mask |= 1u << uj;
				else
					everywhere = false;
			}
			tl_loc loc = to_loc(t, u, d->loc);
			tl_diag *td = tl_diag_add(m->ctx, d->error ? TL_SEV_ERROR :
						  TL_SEV_WARNING, loc,
						  d->error ? "clang" : "c-attribute",
						  "%s", d->message);
			if (everywhere)
				continue;
			for (size_t uj = 0; uj < m->ntargets; uj++)
				if (mask & (1u << uj))
					tl_diag_note(m->ctx, td, loc,
						     "in the parse for %s",
						     t->units[uj].target->clang_triple);
		}
	}
}

/* ---- grouping ---- */

static bool make_groups(cm_tu *t)
{
	tl_ptrmap index;
	tl_ptrmap_init(&index);
	bool ok = true;
	for (size_t ui = 0; ui < t->m->ntargets && ok; ui++) {
		cd_unit *u = &t->units[ui];
		t->group_of[ui] = calloc(u->ndecls ? u->ndecls : 1, sizeof(uint32_t));
		t->def_of[ui] = calloc(u->ndecls ? u->ndecls : 1, sizeof(tl_def *));
		if (!t->group_of[ui] || !t->def_of[ui]) {
			ok = false;
			break;
		}
		for (uint32_t d = 0; d < u->ndecls; d++) {
			t->group_of[ui][d] = UINT32_MAX;
			if (u->failed || u->decls[d].kind == CD_D_INCOMPLETE)
				continue;
			const char *key = tl_intern_cstr(t->m->ctx, u->decls[d].key);
			if (!key) {
				ok = false;
				break;
			}
			uintptr_t g = (uintptr_t)tl_ptrmap_get(&index, key);
			if (!g) {
				cm_group ng;
				ng.key = key;
				for (size_t k = 0; k < TL_C_MAX_TARGETS; k++)
					ng.decl[k] = UINT32_MAX;
				if (!TL_VEC_PUSH(t->groups, ng) ||
				    tl_ptrmap_put(&index, key,
						  (void *)(uintptr_t)t->groups.len) < 0) {
					ok = false;
					break;
				}
				g = t->groups.len;
			}
			cm_group *gr = &t->groups.items[g - 1];
			if (gr->decl[ui] == UINT32_MAX)
				gr->decl[ui] = d;
			t->group_of[ui][d] = (uint32_t)(g - 1);
		}
	}
	tl_ptrmap_release(&index);
	return ok;
}

/* ---- definitions ---- */

static tl_def *new_def(cm_tu *t, const cd_unit *u, const cd_decl *d)
{
	tl_ctx *ctx = t->m->ctx;
	tl_def *def = tl_arena_alloc(&ctx->arena, sizeof(*def));
	if (!def || !(def->name = tl_intern_cstr(ctx, d->name))) {
		t->oom = true;
		return NULL;
	}
	def->loc = to_loc(t, u, d->loc);
	def->lang = TL_LANG_C;
	def->shape = TL_SHAPE_NAMED;
	def->repr.flags = TL_REPR_C;
	switch (d->kind) {
	case CD_D_STRUCT: def->kind = TL_DEF_STRUCT; break;
	case CD_D_UNION: def->kind = TL_DEF_UNION; break;
	case CD_D_ENUM: def->kind = TL_DEF_ENUM; break;
	case CD_D_TYPEDEF: def->kind = TL_DEF_ALIAS; break;
	case CD_D_VECTOR:
		def->kind = TL_DEF_STRUCT;
		def->repr.flags |= TL_REPR_SIMD;
		break;
	case CD_D_INCOMPLETE:
		def->kind = TL_DEF_OPAQUE;
		def->opaque_align = 1;
		break;
	}
	if (tl_def_add(ctx, def) < 0) {
		t->oom = true;
		return NULL;
	}
	return def;
}

static cm_entry *known_list(cm_tu *t, const char *key)
{
	return tl_ptrmap_get(&t->m->known, key);
}

static bool remember(cm_tu *t, const char *key, uint64_t sig, uint32_t mask,
		     tl_def *def)
{
	cm_entry *e = tl_arena_alloc(&t->m->ctx->arena, sizeof(*e));
	if (!e)
		return false;
	e->sig = sig;
	e->mask = mask;
	e->def = def;
	e->next = known_list(t, key);
	return tl_ptrmap_put(&t->m->known, key, e) == 0;
}

/* Chooses or creates the definition(s) of one group. */
static void place_group(cm_tu *t, const cm_group *g, bool *fresh)
{
	cm_state *m = t->m;
	bool done[TL_C_MAX_TARGETS] = {false};
	for (size_t ui = 0; ui < m->ntargets; ui++) {
		fresh[ui] = false;
		if (g->decl[ui] == UINT32_MAX || done[ui])
			continue;
		uint64_t sig = cd_decl_sig(&t->units[ui], g->decl[ui]);
		uint32_t mask = 0;
		for (size_t uj = ui; uj < m->ntargets; uj++)
			if (g->decl[uj] != UINT32_MAX &&
			    cd_decl_sig(&t->units[uj], g->decl[uj]) == sig)
				mask |= 1u << uj;
		if (mask == (1u << m->ntargets) - 1)
			mask = 0; /* the same for every target */
		tl_def *def = NULL;
		for (cm_entry *e = known_list(t, g->key); e && !def; e = e->next)
			if (e->sig == sig && e->mask == mask)
				def = e->def;
		bool created = !def;
		if (created) {
			def = new_def(t, &t->units[ui], &t->units[ui].decls[g->decl[ui]]);
			if (!def || !remember(t, g->key, sig, mask, def)) {
				t->oom = true;
				return;
			}
			def->target_mask = mask;
		}
		for (size_t uj = ui; uj < m->ntargets; uj++) {
			if (g->decl[uj] == UINT32_MAX ||
			    !(mask == 0 || (mask & (1u << uj))))
				continue;
			done[uj] = true;
			fresh[uj] = created && uj == ui;
			const cd_decl *d = &t->units[uj].decls[g->decl[uj]];
			if (d->report && !d->anon_member)
				def->report = true;
			t->def_of[uj][g->decl[uj]] = def;
		}
	}
}

/* A pointee (or a typedef of an incomplete type): the definition of the
 * same key, preferring a complete one, else a placeholder. */
static tl_def *resolve_ref(cm_tu *t, const cd_unit *u, uint32_t ui,
			   const cd_decl *d)
{
	tl_ctx *ctx = t->m->ctx;
	const char *key = tl_intern_cstr(ctx, d->key);
	if (!key) {
		t->oom = true;
		return NULL;
	}
	tl_def *best = NULL;
	for (cm_entry *e = known_list(t, key); e; e = e->next) {
		bool fits = e->mask == 0 || (e->mask & (1u << ui));
		if (!best || (fits && e->def->kind != TL_DEF_OPAQUE &&
			      best->kind == TL_DEF_OPAQUE))
			best = e->def;
	}
	if (best)
		return best;
	best = new_def(t, u, d);
	if (!best || !remember(t, key, 0, 0, best)) {
		t->oom = true;
		return NULL;
	}
	best->kind = TL_DEF_OPAQUE;
	best->opaque_align = 1;
	return best;
}

static tl_def *decl_def(cm_tu *t, uint32_t ui, uint32_t decl)
{
	cd_unit *u = &t->units[ui];
	tl_def *def = t->def_of[ui][decl];
	if (!def) {
		def = resolve_ref(t, u, ui, &u->decls[decl]);
		t->def_of[ui][decl] = def;
	}
	return def;
}

static tl_def *unsupported_def(cm_tu *t, const cd_type *ct)
{
	tl_ctx *ctx = t->m->ctx;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_addf(&sb, "%s@%lld/%lld", ct->text, (long long)ct->csize,
		       (long long)ct->calign);
	const char *key = sb.oom ? NULL : tl_intern_cstr(ctx, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	if (!key) {
		t->oom = true;
		return NULL;
	}
	cm_entry *e = known_list(t, key);
	if (e)
		return e->def;
	tl_def *def = tl_arena_alloc(&ctx->arena, sizeof(*def));
	if (!def || !(def->name = tl_intern_cstr(ctx, ct->text)) ||
	    tl_def_add(ctx, def) < 0 || !remember(t, key, 0, 0, def)) {
		t->oom = true;
		return NULL;
	}
	def->lang = TL_LANG_C;
	def->kind = TL_DEF_OPAQUE;
	def->opaque_size = ct->csize > 0 ? (uint64_t)ct->csize : 0;
	def->opaque_align = ct->calign > 0 ? (uint64_t)ct->calign : 1;
	tl_diag_add(ctx, TL_SEV_WARNING, (tl_loc){0, 0, 0}, "unsupported-type",
		    "type '%s' is not supported; using clang's size and "
		    "alignment (%lld/%lld)", ct->text, (long long)ct->csize,
		    (long long)ct->calign);
	t->m->unsupported = true;
	return def;
}

static tl_type_id conv(cm_tu *t, uint32_t ui, const cd_type *ct)
{
	tl_ctx *ctx = t->m->ctx;
	tl_def *def;
	if (!ct)
		return 0;
	switch (ct->kind) {
	case CD_T_PRIM: return tl_type_prim(ctx, ct->prim);
	case CD_T_VOID: return tl_type_unit(ctx);
	case CD_T_PTR: return tl_type_rawptr(ctx, conv(t, ui, ct->inner), ct->mut);
	case CD_T_FUNC: return tl_type_fnitem(ctx, ct->text);
	case CD_T_ARRAY: return tl_type_array_n(ctx, conv(t, ui, ct->inner), ct->n);
	case CD_T_ATOMIC: return tl_type_c_atomic(ctx, conv(t, ui, ct->inner));
	case CD_T_COMPLEX:
		/* _Complex T is laid out as T[2] (c-layout.md 2.1) */
		return tl_type_array_n(ctx, conv(t, ui, ct->inner), 2);
	case CD_T_VECTOR:
	case CD_T_DECL:
		def = decl_def(t, ui, ct->decl);
		return def ? tl_type_adt(ctx, def, NULL, 0) : 0;
	case CD_T_UNSUPPORTED:
		def = unsupported_def(t, ct);
		return def ? tl_type_adt(ctx, def, NULL, 0) : 0;
	}
	return 0;
}

static void fill_answers(cm_tu *t, tl_def *def, uint32_t ui, const cd_decl *d)
{
	tl_ctx *ctx = t->m->ctx;
	tl_c_answers *a = def->front;
	if (!a) {
		a = tl_arena_alloc(&ctx->arena, sizeof(*a));
		if (!a) {
			t->oom = true;
			return;
		}
		a->magic = TL_C_ANSWERS_MAGIC;
		def->front = a;
	}
	size_t ti = t->units[ui].target_index;
	tl_c_answer *an = &a->target[ti];
	if (an->present)
		return;
	an->present = true;
	an->size = d->clang_size;
	an->align = d->clang_align;
	if (d->nfields) {
		int64_t *bits = tl_arena_array(&ctx->arena, d->nfields, sizeof(*bits));
		if (!bits) {
			t->oom = true;
			return;
		}
		for (uint32_t i = 0; i < d->nfields; i++)
			bits[i] = d->fields[i].clang_bits;
		an->field_bits = bits;
		an->nfields = d->nfields;
	}
	if (d->nflat) {
		tl_c_flat *fl = tl_arena_array(&ctx->arena, d->nflat, sizeof(*fl));
		if (!fl) {
			t->oom = true;
			return;
		}
		for (uint32_t i = 0; i < d->nflat; i++) {
			fl[i].name = tl_intern_cstr(ctx, d->flat[i].name);
			fl[i].bits = d->flat[i].bits;
		}
		an->flat = fl;
		an->nflat = d->nflat;
	}
}

static void fill_def(cm_tu *t, tl_def *def, uint32_t ui, const cd_decl *d)
{
	tl_ctx *ctx = t->m->ctx;
	cd_unit *u = &t->units[ui];
	if (d->packed) {
		def->repr.flags |= TL_REPR_PACKED;
		def->repr.packed = 1;
	}
	if (d->align) {
		def->repr.flags |= TL_REPR_ALIGN;
		def->repr.align = d->align;
	}
	def->c_pack = d->pack;
	if (d->kind == CD_D_ENUM) {
		def->repr.flags |= TL_REPR_INT;
		def->repr.int_type = d->int_type;
		def->variants = tl_arena_array(&ctx->arena, d->nitems ? d->nitems : 1,
					       sizeof(tl_variant));
		if (!def->variants) {
			t->oom = true;
			return;
		}
		for (uint32_t i = 0; i < d->nitems; i++) {
			tl_variant *v = &def->variants[i];
			v->name = tl_intern_cstr(ctx, d->items[i].name);
			v->loc = to_loc(t, u, d->items[i].loc);
			v->shape = TL_SHAPE_UNIT;
			v->disc = d->items[i].value;
		}
		def->nvariants = d->nitems;
	} else if (d->kind == CD_D_TYPEDEF) {
		def->alias_type = conv(t, ui, d->aliased);
	} else if (d->kind == CD_D_VECTOR) {
		/* one unnamed member: the elements as an array */
		def->fields = tl_arena_alloc(&ctx->arena, sizeof(tl_field));
		if (!def->fields) {
			t->oom = true;
			return;
		}
		def->fields[0].name = "";
		def->fields[0].type_text = def->name;
		def->fields[0].type = tl_type_array_n(ctx, conv(t, ui, d->aliased), d->n);
		def->fields[0].bit_width = -1;
		def->nfields = 1;
	} else if (d->nfields) {
		def->fields = tl_arena_array(&ctx->arena, d->nfields, sizeof(tl_field));
		if (!def->fields) {
			t->oom = true;
			return;
		}
		for (uint32_t i = 0; i < d->nfields; i++) {
			const cd_field *cf = &d->fields[i];
			tl_field *f = &def->fields[i];
			f->name = tl_intern_cstr(ctx, cf->name);
			f->type_text = tl_intern_cstr(ctx, cf->type_text);
			f->type = conv(t, ui, cf->type);
			f->loc = to_loc(t, u, cf->loc);
			f->bit_width = cf->bit_width;
			f->c_align = cf->align;
			f->c_packed = cf->packed;
			if (!f->name || !f->type_text || !f->type)
				t->oom = true;
		}
		def->nfields = d->nfields;
	}
}

tl_status cm_merge(cm_state *m, cd_unit *units)
{
	cm_tu t;
	memset(&t, 0, sizeof(t));
	t.m = m;
	t.units = units;
	merge_diags(&t);
	if (!make_groups(&t)) {
		t.oom = true;
		goto out;
	}
	/* first every definition, so references resolve in any order */
	bool *fresh = calloc(t.groups.len * TL_C_MAX_TARGETS + 1, sizeof(bool));
	if (!fresh) {
		t.oom = true;
		goto out;
	}
	for (size_t g = 0; g < t.groups.len && !t.oom; g++)
		place_group(&t, &t.groups.items[g], fresh + g * TL_C_MAX_TARGETS);
	for (size_t g = 0; g < t.groups.len && !t.oom; g++) {
		const cm_group *gr = &t.groups.items[g];
		for (uint32_t ui = 0; ui < m->ntargets; ui++) {
			if (gr->decl[ui] == UINT32_MAX)
				continue;
			tl_def *def = t.def_of[ui][gr->decl[ui]];
			const cd_decl *d = &units[ui].decls[gr->decl[ui]];
			if (fresh[g * TL_C_MAX_TARGETS + ui])
				fill_def(&t, def, ui, d);
			if (m->keep_answers && def)
				fill_answers(&t, def, ui, d);
		}
	}
	free(fresh);
out:
	for (size_t ui = 0; ui < TL_C_MAX_TARGETS; ui++) {
		free(t.group_of[ui]);
		free(t.def_of[ui]);
	}
	TL_VEC_FREE(t.groups);
	return t.oom || m->ctx->oom ? TL_ENOMEM : TL_OK;
}
