/*
 * Storage for the intermediate description of one parse, and its
 * structural signatures (which decide when two parses describe the same
 * definition: see doc/c-frontend.md, "one definition or one per target").
 */
#include <string.h>

#include "front/clang/cfront_desc.h"
#include "util/hashmap.h"
#include "util/vec.h"

void cd_unit_init(cd_unit *u, size_t target_index)
{
	memset(u, 0, sizeof(*u));
	tl_arena_init(&u->arena);
	u->target_index = target_index;
	u->target = tl_target_builtin(target_index);
	u->nfiles = 1; /* index 0 means "no file" */
}

void cd_unit_release(cd_unit *u)
{
	if (!u)
		return;
	free(u->files);
	free(u->decls);
	free(u->diags);
	tl_arena_release(&u->arena);
	memset(u, 0, sizeof(*u));
}

uint32_t cd_decl_new(cd_unit *u)
{
	size_t cap = u->capdecls;
	if (!tl_grow((void **)&u->decls, &cap, (size_t)u->ndecls + 1,
		     sizeof(*u->decls)) || cap > UINT32_MAX)
		return UINT32_MAX;
	u->capdecls = (uint32_t)cap;
	memset(&u->decls[u->ndecls], 0, sizeof(*u->decls));
	return u->ndecls++;
}

cd_type *cd_type_new(cd_unit *u, cd_tkind kind)
{
	cd_type *t = tl_arena_alloc(&u->arena, sizeof(*t));
	if (t)
		t->kind = kind;
	return t;
}

const char *cd_strdup(cd_unit *u, const char *s)
{
	return tl_arena_strdup(&u->arena, s ? s : "");
}

uint32_t cd_file_add(cd_unit *u, const char *path, const char *real,
		     const char *text, size_t len)
{
	size_t cap = u->capfiles;
	if (!tl_grow((void **)&u->files, &cap, (size_t)u->nfiles + 1,
		     sizeof(*u->files)) || cap > UINT32_MAX)
		return 0;
	u->capfiles = (uint32_t)cap;
	cd_file *f = &u->files[u->nfiles];
	f->path = cd_strdup(u, path);
	f->real = cd_strdup(u, real && *real ? real : path);
	f->text = tl_arena_strndup(&u->arena, text ? text : "", text ? len : 0);
	f->len = text ? len : 0;
	if (!f->path || !f->real || !f->text)
		return 0;
	return u->nfiles++;
}

void cd_diag_add(cd_unit *u, bool error, cd_loc loc, const char *message)
{
	size_t cap = u->capdiags;
	if (!tl_grow((void **)&u->diags, &cap, (size_t)u->ndiags + 1,
		     sizeof(*u->diags)) || cap > UINT32_MAX)
		return;
	u->capdiags = (uint32_t)cap;
	cd_diag *d = &u->diags[u->ndiags];
	d->error = error;
	d->loc = loc;
	d->message = cd_strdup(u, message);
	if (d->message)
		u->ndiags++;
}

static uint64_t hstr(const char *s, uint64_t h)
{
	s = s ? s : "";
	return tl_hash_bytes(s, strlen(s) + 1, h);
}

#define HVAL(v, h) tl_hash_bytes(&(v), sizeof(v), (h))

static uint64_t type_sig(cd_unit *u, const cd_type *t, bool by_value,
			 uint64_t h)
{
	for (; t; t = t->inner) {
		uint32_t k = t->kind;
		h = HVAL(k, h);
		switch (t->kind) {
		case CD_T_PRIM:
			h = HVAL(t->prim, h);
			break;
		case CD_T_PTR:
			h = HVAL(t->mut, h);
			by_value = false; /* a pointee's layout does not matter */
			break;
		case CD_T_ARRAY:
		case CD_T_VECTOR:
			h = HVAL(t->n, h);
			h = HVAL(t->incomplete, h);
			break;
		case CD_T_DECL: {
			const cd_decl *d = &u->decls[t->decl];
			h = hstr(d->key, h);
			if (by_value) {
				uint64_t s = cd_decl_sig(u, t->decl);
				h = HVAL(s, h);
			}
			break;
		}
		case CD_T_UNSUPPORTED:
			h = HVAL(t->csize, h);
			h = HVAL(t->calign, h);
			break;
		default:
			break;
		}
		h = hstr(t->text, h);
	}
	return h;
}

uint64_t cd_decl_sig(cd_unit *u, uint32_t index)
{
	cd_decl *d = &u->decls[index];
	if (d->sig_state == 2)
		return d->sig;
	if (d->sig_state == 1) /* a by-value cycle: clang rejected it already */
		return 0;
	d->sig_state = 1;
	uint64_t h = 0x9e3779b97f4a7c15u;
	uint32_t k = d->kind;
	h = HVAL(k, h);
	h = hstr(d->name, h);
	h = HVAL(d->anon_member, h);
	h = HVAL(d->packed, h);
	h = HVAL(d->align, h);
	h = HVAL(d->pack, h);
	h = HVAL(d->int_type, h);
	h = HVAL(d->n, h);
	for (uint32_t i = 0; i < d->nfields; i++) {
		const cd_field *f = &d->fields[i];
		h = hstr(f->name, h);
		h = hstr(f->type_text, h);
		h = HVAL(f->bit_width, h);
		h = HVAL(f->align, h);
		h = HVAL(f->packed, h);
		h = type_sig(u, f->type, true, h);
	}
	for (uint32_t i = 0; i < d->nitems; i++) {
		h = hstr(d->items[i].name, h);
		h = HVAL(d->items[i].value, h);
	}
	h = type_sig(u, d->aliased, true, h);
	d->sig = h;
	d->sig_state = 2;
	return h;
}
