/*
 * The libclang walker: records, enums and typedefs of one translation unit
 * into the intermediate description (cfront_desc.h). Facts come from the
 * declarations (types with their typedef chains, bit widths, attributes);
 * clang's own layout answers are read only to be kept for the verifier.
 * See shared/spec/c-layout.md section 6 for the libclang behaviour relied on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"
#include "util/strbuf.h"
#include "util/vec.h"

/* ---- records ---- */

typedef struct rec_walk {
	cw_ctx *w;
	uint32_t decl;
	cd_field *fields;
	size_t nfields, cap;
	bool has_align;
	bool has_pack;
	bool ms_struct;
} rec_walk;

/* __attribute__((ms_struct)) selects the Microsoft bit-field model inside
 * clang's Itanium builder (c-layout.md 4.6, note), which the engine does
 * not implement: such records are named in a warning. */
static bool is_ms_struct(cw_ctx *w, CXCursor attr)
{
	CXToken *toks = NULL;
	unsigned n = 0;
	bool r = false;
	clang_tokenize(w->tu, clang_getCursorExtent(attr), &toks, &n);
	for (unsigned i = 0; i < n && !r; i++) {
		char *sp = cw_string(clang_getTokenSpelling(w->tu, toks[i]));
		r = sp && (!strcmp(sp, "ms_struct") || !strcmp(sp, "__ms_struct__"));
		free(sp);
	}
	clang_disposeTokens(w->tu, toks, n);
	return r;
}

static enum CXChildVisitResult field_attr(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	cd_field *f = data;
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_PackedAttr)
		f->packed = true;
	else if (clang_getCursorKind(c) == CXCursor_AlignedAttr)
		f->align = 1; /* marks "evaluate" */
	return CXChildVisit_Continue;
}

/* The field's type as clang spells it, but with our name for unnamed
 * records (clang 14 says "struct S::(anonymous at ...)" in C). */
static const char *field_text(cw_ctx *w, CXType t, const cd_type *ct)
{
	if (ct && ct->kind == CD_T_DECL &&
	    w->u->decls[ct->decl].kind != CD_D_TYPEDEF) {
		char *sp = cw_string(clang_getTypeSpelling(t));
		bool odd = sp && (strstr(sp, "(anonymous") || strstr(sp, "(unnamed"));
		free(sp);
		if (odd)
			return w->u->decls[ct->decl].name;
	}
	char *sp = cw_string(clang_getTypeSpelling(t));
	const char *r = cd_strdup(w->u, sp);
	free(sp);
	return r;
}

static enum CXVisitorResult on_field(CXCursor c, CXClientData data)
{
	rec_walk *rw = data;
	cw_ctx *w = rw->w;
	if (!tl_grow((void **)&rw->fields, &rw->cap, rw->nfields + 1,
		     sizeof(*rw->fields))) {
		w->oom = true;
		return CXVisit_Break;
	}
	cd_field *f = &rw->fields[rw->nfields++];
	memset(f, 0, sizeof(*f));
	char *name = cw_string(clang_getCursorSpelling(c));
	f->name = cd_strdup(w->u, name);
	free(name);
	f->bit_width = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
	CXType t = clang_getCursorType(c);
	f->type = cw_conv_type(w, t, false);
	f->type_text = field_text(w, t, f->type);
	f->loc = cw_loc(w, c, NULL);
	if (clang_Cursor_hasAttrs(c)) {
		clang_visitChildren(c, field_attr, f);
		if (f->align) {
			int64_t a = cw_written_align(w, c);
			f->align = a > 0 ? (uint32_t)a : 0;
			if (a < 0)
				cd_diag_add(w->u, false, f->loc,
					    "cannot evaluate the alignment attribute of this field");
		}
	}
	if (w->u->keep_answers)
		f->clang_bits = clang_Cursor_getOffsetOfField(c);
	return CXVisit_Continue;
}

static enum CXChildVisitResult record_child(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	rec_walk *rw = data;
	cw_ctx *w = rw->w;
	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_PackedAttr:
		w->u->decls[rw->decl].packed = true;
		break;
	case CXCursor_AlignedAttr:
		rw->has_align = true;
		break;
	case CXCursor_UnexposedAttr: {
		/* #pragma pack shows as an implicit attribute with no location
		 * (spec 6.4); written attributes have one. */
		CXFile f = NULL;
		clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL,
					   NULL, NULL);
		if (!f)
			rw->has_pack = true;
		else if (is_ms_struct(w, c))
			rw->ms_struct = true;
		break;
	}
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		/* nested definitions are file-scope types in C: report them */
		if (clang_isCursorDefinition(c))
			cw_walk_record(w, c);
		break;
	case CXCursor_EnumDecl:
		if (clang_isCursorDefinition(c))
			cw_walk_enum(w, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

typedef TL_VEC(tl_c_flat) flat_vec;

/* Named fields inside anonymous members, with the offset clang gives from
 * the start of the outer record (what offsetof gives). */
static void flat_names(cw_ctx *w, CXType outer, const cd_decl *anon,
		       flat_vec *out)
{
	for (uint32_t i = 0; i < anon->nfields; i++) {
		const cd_field *f = &anon->fields[i];
		if (*f->name) {
			tl_c_flat fl = {f->name,
					clang_Type_getOffsetOf(outer, f->name)};
			if (!TL_VEC_PUSH(*out, fl))
				w->oom = true;
		} else if (f->bit_width < 0 && f->type &&
			   f->type->kind == CD_T_DECL &&
			   w->u->decls[f->type->decl].anon_member) {
			flat_names(w, outer, &w->u->decls[f->type->decl], out);
		}
	}
}

static void record_answers(cw_ctx *w, uint32_t decl, CXType t)
{
	cd_decl *d = &w->u->decls[decl];
	d->clang_size = clang_Type_getSizeOf(t);
	d->clang_align = clang_Type_getAlignOf(t);
	flat_vec flat = {0};
	for (uint32_t i = 0; i < d->nfields; i++) {
		const cd_field *f = &d->fields[i];
		if (!*f->name && f->bit_width < 0 && f->type &&
		    f->type->kind == CD_T_DECL &&
		    w->u->decls[f->type->decl].anon_member)
			flat_names(w, t, &w->u->decls[f->type->decl], &flat);
		d = &w->u->decls[decl];
	}
	if (flat.len) {
		d->flat = tl_arena_memdup(&w->u->arena, flat.items,
					  flat.len * sizeof(*flat.items));
		d->nflat = d->flat ? (uint32_t)flat.len : 0;
	}
	TL_VEC_FREE(flat);
}

static uint32_t new_decl(cw_ctx *w, CXCursor c, cw_map *m)
{
	uint32_t d = cd_decl_new(w->u);
	if (d == UINT32_MAX || !cw_map_put(m, c, d)) {
		w->oom = true;
		return UINT32_MAX;
	}
	return d;
}

static void name_decl(cw_ctx *w, uint32_t d, CXCursor c)
{
	const cw_file *cf = NULL;
	cd_loc loc = cw_loc(w, c, &cf);
	bool unnamed = false;
	const char *name = cw_decl_name(w, c, loc, &unnamed);
	cd_decl *dd = &w->u->decls[d];
	dd->loc = loc;
	dd->name = name;
	dd->key = name ? cw_decl_key(w, c, name, unnamed, cf) : NULL;
	dd->report = (cf && cf->named) ||
		     (name && cf_select_name(w->sel, name));
	if (!dd->key)
		w->oom = true;
}

uint32_t cw_walk_record(cw_ctx *w, CXCursor c)
{
	CXCursor def = clang_getCursorDefinition(c);
	if (clang_Cursor_isNull(def))
		return cw_pointee_decl(w, c) ? cw_map_get(&w->refs, c) : UINT32_MAX;
	uint32_t d = cw_map_get(&w->decls, def);
	if (d != UINT32_MAX)
		return d;
	if ((d = new_decl(w, def, &w->decls)) == UINT32_MAX)
		return d;
	w->u->decls[d].kind = clang_getCursorKind(def) == CXCursor_UnionDecl ?
			      CD_D_UNION : CD_D_STRUCT;
	w->u->decls[d].anon_member = clang_Cursor_isAnonymousRecordDecl(def);
	name_decl(w, d, def);
	rec_walk rw = {w, d, NULL, 0, 0, false, false, false};
	clang_visitChildren(def, record_child, &rw);
	CXType t = clang_getCursorType(def);
	clang_Type_visitFields(t, on_field, &rw);
	cd_decl *dd = &w->u->decls[d];
	if (rw.nfields) {
		dd->fields = tl_arena_memdup(&w->u->arena, rw.fields,
					     rw.nfields * sizeof(*rw.fields));
		if (!dd->fields)
			w->oom = true;
		dd->nfields = (uint32_t)rw.nfields;
	}
	free(rw.fields);
	if (rw.has_align) {
		/* The written value; if it is an expression we cannot evaluate,
		 * clang's alignment of the record is an equivalent value on this
		 * target (a record's aligned() is never capped by a pack). */
		int64_t a = cw_written_align(w, def);
		dd = &w->u->decls[d];
		dd->align = a > 0 ? (uint32_t)a :
			    (uint32_t)clang_Type_getAlignOf(t);
	}
	if (rw.ms_struct) {
		char msg[600];
		snprintf(msg, sizeof(msg), "'%s' uses __attribute__((ms_struct)), "
			 "whose layout typelayout does not implement",
			 w->u->decls[d].name);
		cd_diag_add(w->u, false, w->u->decls[d].loc, msg);
	}
	uint32_t pack = rw.has_pack ? cw_pragma_pack(w, def) : 0;
	dd = &w->u->decls[d];
	dd->pack = pack ? pack : w->pack_default;
	if (w->u->keep_answers)
		record_answers(w, d, t);
	return d;
}

/* ---- enums ---- */

typedef struct enum_walk {
	cw_ctx *w;
	bool is_unsigned;
	TL_VEC(cd_item) items;
	bool packed;
	bool aligned;
} enum_walk;

static enum CXChildVisitResult enum_child(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	enum_walk *ew = data;
	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_EnumConstantDecl: {
		cd_item it;
		char *sp = cw_string(clang_getCursorSpelling(c));
		it.name = cd_strdup(ew->w->u, sp);
		free(sp);
		it.value = ew->is_unsigned ?
			(tl_i128)clang_getEnumConstantDeclUnsignedValue(c) :
			(tl_i128)clang_getEnumConstantDeclValue(c);
		it.loc = cw_loc(ew->w, c, NULL);
		if (!TL_VEC_PUSH(ew->items, it))
			ew->w->oom = true;
		break;
	}
	case CXCursor_PackedAttr:
		ew->packed = true;
		break;
	case CXCursor_AlignedAttr:
		ew->aligned = true;
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

uint32_t cw_walk_enum(cw_ctx *w, CXCursor c)
{
	CXCursor def = clang_getCursorDefinition(c);
	if (clang_Cursor_isNull(def))
		return cw_pointee_decl(w, c) ? cw_map_get(&w->refs, c) : UINT32_MAX;
	uint32_t d = cw_map_get(&w->decls, def);
	if (d != UINT32_MAX)
		return d;
	if ((d = new_decl(w, def, &w->decls)) == UINT32_MAX)
		return d;
	w->u->decls[d].kind = CD_D_ENUM;
	name_decl(w, d, def);
	bool ok;
	CXType it = clang_getCanonicalType(clang_getEnumDeclIntegerType(def));
	tl_prim p = cw_builtin_prim(it.kind, &ok);
	enum_walk ew = {w, ok && !tl_prim_is_signed(p), {0}, false, false};
	clang_visitChildren(def, enum_child, &ew);
	CXType t = clang_getCursorType(def);
	cd_decl *dd = &w->u->decls[d];
	dd->int_type = p;
	dd->packed = ew.packed;
	/* An enum's aligned(N) sets its alignment exactly (can lower), so
	 * clang's answer is the written value. */
	dd->align = ew.aligned ? (uint32_t)clang_Type_getAlignOf(t) : 0;
	if (ew.items.len) {
		dd->items = tl_arena_memdup(&w->u->arena, ew.items.items,
					    ew.items.len * sizeof(cd_item));
		dd->nitems = (uint32_t)ew.items.len;
	}
	TL_VEC_FREE(ew.items);
	if (!ok)
		cd_diag_add(w->u, true, dd->loc, "unsupported enum integer type");
	if (w->u->keep_answers) {
		dd->clang_size = clang_Type_getSizeOf(t);
		dd->clang_align = clang_Type_getAlignOf(t);
	}
	return d;
}

/* ---- typedefs ---- */

static enum CXChildVisitResult td_child(CXCursor c, CXCursor parent,
					CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_AlignedAttr)
		*(bool *)data = true;
	return CXChildVisit_Continue;
}

uint32_t cw_walk_typedef(cw_ctx *w, CXCursor c)
{
	uint32_t d = cw_map_get(&w->decls, c);
	if (d != UINT32_MAX)
		return d;
	bool aligned = false;
	if (clang_Cursor_hasAttrs(c))
		clang_visitChildren(c, td_child, &aligned);
	CXType under = clang_getTypedefDeclUnderlyingType(c);
	CXType named = under.kind == CXType_Elaborated ?
		       clang_Type_getNamedType(under) : under;
	if (!aligned && (named.kind == CXType_Record || named.kind == CXType_Enum)) {
		/* `typedef struct { ... } T;`: the record itself is T */
		CXCursor rd = clang_getTypeDeclaration(named);
		char *sp = cw_string(clang_getCursorSpelling(rd));
		char *ts = cw_string(clang_getTypeSpelling(named));
		char *tn = cw_string(clang_getCursorSpelling(c));
		bool same = sp && !*sp && ts && tn && strcmp(ts, tn) == 0;
		free(sp);
		free(ts);
		free(tn);
		if (same) {
			uint32_t r = named.kind == CXType_Record ?
				     cw_walk_record(w, rd) : cw_walk_enum(w, rd);
			if (r != UINT32_MAX && !cw_map_put(&w->decls, c, r))
				w->oom = true;
			return r;
		}
	}
	if ((d = new_decl(w, c, &w->decls)) == UINT32_MAX)
		return d;
	const cw_file *cf = NULL;
	cd_decl *dd = &w->u->decls[d];
	dd->kind = CD_D_TYPEDEF;
	dd->loc = cw_loc(w, c, &cf);
	char *sp = cw_string(clang_getCursorSpelling(c));
	const char *name = cd_strdup(w->u, sp);
	free(sp);
	dd->name = name;
	dd->key = cw_typedef_key(w, name);
	dd->report = name && cf_select_name(w->sel, name);
	const cd_type *al = cw_conv_type(w, under, false);
	CXType t = clang_getCursorType(c);
	dd = &w->u->decls[d];
	dd->aliased = al;
	/* A typedef's aligned(N) replaces the alignment (c-layout.md 5.2), so
	 * clang's alignment of the typedef type is the written value. */
	dd->align = aligned ? (uint32_t)clang_Type_getAlignOf(t) : 0;
	if (w->u->keep_answers) {
		/* only for the verifier: asking lays records out in clang */
		dd->clang_size = clang_Type_getSizeOf(t);
		dd->clang_align = clang_Type_getAlignOf(t);
	}
	return d;
}

/* ---- the translation unit ---- */

static bool wanted(cw_ctx *w, CXCursor c)
{
	const cw_file *cf = NULL;
	cw_loc(w, c, &cf);
	if (cf && cf->named)
		return true;
	if (!w->sel->nnames)
		return false;
	char *sp = cw_string(clang_getCursorSpelling(c));
	bool r = false;
	if (sp && *sp) {
		enum CXCursorKind k = clang_getCursorKind(c);
		tl_strbuf sb = TL_STRBUF_INIT;
		if (k == CXCursor_TypedefDecl)
			tl_strbuf_puts(&sb, sp);
		else
			tl_strbuf_addf(&sb, "%s %s", cw_kind_word(k), sp);
		r = cf_select_name(w->sel, tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
	} else if (clang_getCursorKind(c) != CXCursor_TypedefDecl) {
		char *ts = cw_string(clang_getTypeSpelling(clang_getCursorType(c)));
		r = ts && cf_select_name(w->sel, ts);
		free(ts);
	}
	free(sp);
	return r;
}

static enum CXChildVisitResult top_child(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	cw_ctx *w = data;
	(void)parent;
	if (w->oom)
		return CXChildVisit_Break;
	switch (clang_getCursorKind(c)) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c) && wanted(w, c))
			cw_walk_record(w, c);
		break;
	case CXCursor_EnumDecl:
		if (clang_isCursorDefinition(c) && wanted(w, c))
			cw_walk_enum(w, c);
		break;
	case CXCursor_TypedefDecl:
		if (wanted(w, c))
			cw_walk_typedef(w, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

void cw_walk(cw_ctx *w)
{
	clang_visitChildren(clang_getTranslationUnitCursor(w->tu), top_child, w);
}

