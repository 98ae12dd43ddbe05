/*
 * The walker's bookkeeping (cfront_walk.c): cursor maps, the files of a
 * translation unit with their report flag, and the names and keys of
 * declarations (doc/c-frontend.md, naming and identity).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"
#include "util/strbuf.h"
#include "util/vec.h"

char *cw_string(CXString s)
{
	const char *p = clang_getCString(s);
	char *r = strdup(p ? p : "");
	clang_disposeString(s);
	return r;
}

/* ---- cursor maps ---- */

uint32_t cw_map_get(const cw_map *m, CXCursor c)
{
	if (!m->cap)
		return UINT32_MAX;
	size_t j = clang_hashCursor(c) & (m->cap - 1);
	while (m->slots[j].used) {
		if (clang_equalCursors(m->slots[j].cur, c))
			return m->slots[j].decl;
		j = (j + 1) & (m->cap - 1);
	}
	return UINT32_MAX;
}

bool cw_map_put(cw_map *m, CXCursor c, uint32_t decl)
{
	if ((m->len + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		cw_slot *s = calloc(cap, sizeof(*s));
		if (!s)
			return false;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slots[i].used)
				continue;
			size_t j = clang_hashCursor(m->slots[i].cur) & (cap - 1);
			while (s[j].used)
				j = (j + 1) & (cap - 1);
			s[j] = m->slots[i];
		}
		free(m->slots);
		m->slots = s;
		m->cap = cap;
	}
	size_t j = clang_hashCursor(c) & (m->cap - 1);
	while (m->slots[j].used)
		j = (j + 1) & (m->cap - 1);
	m->slots[j].cur = c;
	m->slots[j].decl = decl;
	m->slots[j].used = true;
	m->len++;
	return true;
}

void cw_release(cw_ctx *w)
{
	tl_strtab_release(&w->unnamed);
	tl_ptrmap_release(&w->unnamed_n);
	free(w->decls.slots);
	free(w->refs.slots);
	free(w->files);
	cw_pack_release(w);
	for (size_t i = 0; i < w->names.len; i++)
		free(w->names.names[i]);
	free(w->names.names);
	free(w->names.cursors);
}

/* ---- files and locations ---- */

static const cw_file *file_of(cw_ctx *w, CXFile f, CXSourceLocation loc)
{
	for (size_t i = w->nfiles; i-- > 0;)
		if (w->files[i].file == f)
			return &w->files[i];
	if (!tl_grow((void **)&w->files, &w->capfiles, w->nfiles + 1,
		     sizeof(*w->files))) {
		w->oom = true;
		return NULL;
	}
	char *path = cw_string(clang_getFileName(f));
	char *real = cw_string(clang_File_tryGetRealPathName(f));
	size_t len = 0;
	const char *text = clang_getFileContents(w->tu, f, &len);
	cw_file *cf = &w->files[w->nfiles];
	cf->file = f;
	cf->index = path && real ? cd_file_add(w->u, path, real, text, len) : 0;
	const char *id = real && *real ? real : path;
	cf->named = w->sel->all || cf_select_file(w->sel, id) ||
		    (w->sel->nonsystem && !clang_Location_isInSystemHeader(loc));
	free(path);
	free(real);
	if (!cf->index)
		w->oom = true;
	w->nfiles++;
	return cf;
}

/* Expansion locations, so a record written inside a macro is placed where
 * the macro is used. */
cd_loc cw_loc_at(cw_ctx *w, CXSourceLocation loc, const cw_file **file)
{
	cd_loc r = {0, 0, 0};
	CXFile f;
	unsigned line, col;
	clang_getExpansionLocation(loc, &f, &line, &col, NULL);
	const cw_file *cf = f ? file_of(w, f, loc) : NULL;
	if (file)
		*file = cf;
	if (cf) {
		r.file = cf->index;
		r.line = line;
		r.col = col;
	}
	return r;
}

cd_loc cw_loc(cw_ctx *w, CXCursor c, const cw_file **file)
{
	return cw_loc_at(w, clang_getCursorLocation(c), file);
}

/* ---- names ---- */

const char *cw_kind_word(enum CXCursorKind k)
{
	return k == CXCursor_UnionDecl ? "union" :
	       k == CXCursor_EnumDecl  ? "enum" : "struct";
}

/* "struct foo"; the typedef's name for an unnamed record named by one;
 * "struct (anonymous at f.h:3:5)" for anonymous members and
 * "struct (unnamed at f.h:3:5)" for other unnamed ones. */
char *cw_decl_name(cw_ctx *w, CXCursor c, cd_loc loc, bool *unnamed)
{
	char *sp = cw_string(clang_getCursorSpelling(c));
	tl_strbuf sb = TL_STRBUF_INIT;
	*unnamed = false;
	if (sp && *sp) {
		tl_strbuf_addf(&sb, "%s %s", cw_kind_word(clang_getCursorKind(c)), sp);
	} else {
		char *ts = cw_string(clang_getTypeSpelling(clang_getCursorType(c)));
		*unnamed = true; /* keyed by place, even when a typedef names it */
		if (ts && !strstr(ts, "(anonymous") && !strstr(ts, "(unnamed")) {
			tl_strbuf_puts(&sb, ts); /* named by a typedef */
		} else {
			const char *path = loc.file ? w->u->files[loc.file].path : "?";
			tl_strbuf_addf(&sb, "%s (%s at %s:%u:%u)",
				       cw_kind_word(clang_getCursorKind(c)),
				       clang_Cursor_isAnonymousRecordDecl(c) ?
				       "anonymous" : "unnamed",
				       path, loc.line, loc.col);
		}
		free(ts);
	}
	free(sp);
	const char *r = sb.oom ? NULL : cd_strdup(w->u, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	if (!r)
		w->oom = true;
	return (char *)r;
}

/* Identity across translation units and targets: the name, or for unnamed
 * declarations the place (file and offset, expansion and spelling). */
const char *cw_decl_key(cw_ctx *w, CXCursor c, const char *name,
			    bool unnamed, const cw_file *cf)
{
	if (!unnamed)
		return name;
	CXSourceLocation loc = clang_getCursorLocation(c);
	unsigned eoff = 0, soff = 0;
	clang_getExpansionLocation(loc, NULL, NULL, NULL, &eoff);
	clang_getSpellingLocation(loc, NULL, NULL, NULL, &soff);
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_addf(&sb, "%s@%s:%u:%u", cw_kind_word(clang_getCursorKind(c)),
		       cf ? w->u->files[cf->index].real : "?", eoff, soff);
	/* records written by one macro expansion share their location (and
	 * libclang 14's spelling location is the expansion's too): number
	 * them in walk order */
	const char *base = sb.oom ? NULL :
		tl_strtab_intern(&w->unnamed, &w->u->arena, sb.buf, sb.len);
	uintptr_t n = base ? (uintptr_t)tl_ptrmap_get(&w->unnamed_n, base) : 0;
	if (base && tl_ptrmap_put(&w->unnamed_n, base, (void *)(n + 1)) < 0)
		base = NULL;
	if (n)
		tl_strbuf_addf(&sb, "#%lu", (unsigned long)n);
	const char *r = sb.oom || !base ? NULL : cd_strdup(w->u, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	return r;
}



/* Typedef keys differ from record keys: `typedef struct S {..} S;` */
const char *cw_typedef_key(cw_ctx *w, const char *name)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_addf(&sb, "typedef %s", name ? name : "");
	const char *r = sb.oom ? NULL : cd_strdup(w->u, tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	return r;
}
