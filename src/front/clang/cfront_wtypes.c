/*
 * clang's types to the description's (cfront_desc.h): builtins to the
 * TL_PRIM_C_* scalars, typedef chains kept (a typedef's alignment matters,
 * c-layout.md 6.4), records and enums walked when held by value and only
 * named when pointed to, arrays, _Atomic, _Complex, vectors; anything else
 * keeps clang's spelling and numbers as an unsupported type.
 */
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"

/* ---- types ---- */

tl_prim cw_builtin_prim(enum CXTypeKind k, bool *ok)
{
	*ok = true;
	switch (k) {
	case CXType_Bool: return TL_PRIM_C_BOOL;
	case CXType_Char_U:
	case CXType_Char_S: return TL_PRIM_C_CHAR;
	case CXType_SChar: return TL_PRIM_C_SCHAR;
	case CXType_UChar: return TL_PRIM_C_UCHAR;
	case CXType_Short: return TL_PRIM_C_SHORT;
	case CXType_UShort: return TL_PRIM_C_USHORT;
	case CXType_Int: return TL_PRIM_C_INT;
	case CXType_UInt: return TL_PRIM_C_UINT;
	case CXType_Long: return TL_PRIM_C_LONG;
	case CXType_ULong: return TL_PRIM_C_ULONG;
	case CXType_LongLong: return TL_PRIM_C_LONGLONG;
	case CXType_ULongLong: return TL_PRIM_C_ULONGLONG;
	case CXType_Int128: return TL_PRIM_C_INT128;
	case CXType_UInt128: return TL_PRIM_C_UINT128;
	case CXType_Float: return TL_PRIM_C_FLOAT;
	case CXType_Double: return TL_PRIM_C_DOUBLE;
	case CXType_LongDouble: return TL_PRIM_C_LONGDOUBLE;
	case CXType_Half:
	case CXType_Float16: return TL_PRIM_C_FLOAT16;
	case CXType_Float128: return TL_PRIM_C_FLOAT128;
	case CXType_WChar: return TL_PRIM_C_WCHAR;
	default:
		*ok = false;
		return TL_PRIM_C_INT;
	}
}

static cd_type *unsupported(cw_ctx *w, CXType t)
{
	cd_type *r = cd_type_new(w->u, CD_T_UNSUPPORTED);
	char *sp = cw_string(clang_getTypeSpelling(t));
	if (r) {
		r->text = cd_strdup(w->u, sp);
		r->csize = clang_Type_getSizeOf(t);
		r->calign = clang_Type_getAlignOf(t);
	}
	free(sp);
	return r;
}

static cd_type *decl_type(cw_ctx *w, uint32_t decl)
{
	if (decl == UINT32_MAX) {
		w->oom = true;
		return NULL;
	}
	cd_type *r = cd_type_new(w->u, CD_T_DECL);
	if (r)
		r->decl = decl;
	return r;
}

/* A record, enum or typedef seen only through a pointer: a reference by
 * name (its layout does not matter there), unless it is already walked. */
cd_type *cw_pointee_decl(cw_ctx *w, CXCursor c)
{
	CXCursor def = clang_getCursorDefinition(c);
	if (!clang_Cursor_isNull(def))
		c = def;
	uint32_t d = cw_map_get(&w->decls, c);
	if (d == UINT32_MAX)
		d = cw_map_get(&w->refs, c);
	if (d != UINT32_MAX)
		return decl_type(w, d);
	const cw_file *cf = NULL;
	cd_loc loc = cw_loc(w, c, &cf);
	bool unnamed = false;
	const char *name;
	const char *key;
	if (clang_getCursorKind(c) == CXCursor_TypedefDecl) {
		char *sp = cw_string(clang_getCursorSpelling(c));
		name = cd_strdup(w->u, sp);
		free(sp);
		key = cw_typedef_key(w, name);
	} else {
		name = cw_decl_name(w, c, loc, &unnamed);
		key = name ? cw_decl_key(w, c, name, unnamed, cf) : NULL;
	}
	d = cd_decl_new(w->u);
	if (d == UINT32_MAX || !name || !key || !cw_map_put(&w->refs, c, d)) {
		w->oom = true;
		return NULL;
	}
	cd_decl *dd = &w->u->decls[d];
	dd->kind = CD_D_INCOMPLETE;
	dd->name = name;
	dd->key = key;
	dd->loc = loc;
	return decl_type(w, d);
}

static bool is_builtin_va_list(CXCursor td)
{
	char *sp = cw_string(clang_getCursorSpelling(td));
	bool r = sp && strcmp(sp, "__builtin_va_list") == 0;
	free(sp);
	return r;
}

static cd_type *vector_type(cw_ctx *w, CXType t)
{
	CXType canon = clang_getCanonicalType(t);
	char *sp = cw_string(clang_getTypeSpelling(canon));
	const char *name = cd_strdup(w->u, sp);
	free(sp);
	for (uint32_t i = 0; name && i < w->u->ndecls; i++) {
		cd_decl *d = &w->u->decls[i];
		if (d->kind == CD_D_VECTOR && strcmp(d->name, name) == 0)
			return decl_type(w, i);
	}
	const cd_type *elem = cw_conv_type(w, clang_getElementType(canon), false);
	uint32_t d = cd_decl_new(w->u);
	if (d == UINT32_MAX || !name) {
		w->oom = true;
		return NULL;
	}
	cd_decl *dd = &w->u->decls[d];
	dd->kind = CD_D_VECTOR;
	dd->name = name;
	dd->key = name;
	dd->aliased = elem;
	dd->n = (uint64_t)clang_getNumElements(canon);
	if (w->u->keep_answers) {
		dd->clang_size = clang_Type_getSizeOf(canon);
		dd->clang_align = clang_Type_getAlignOf(canon);
	}
	return decl_type(w, d);
}

static cd_type *wrap(cw_ctx *w, cd_tkind kind, const cd_type *inner)
{
	cd_type *r = cd_type_new(w->u, kind);
	if (r)
		r->inner = inner;
	return r;
}

cd_type *cw_conv_type(cw_ctx *w, CXType t, bool pointee)
{
	bool ok;
	cd_type *r;
	switch (t.kind) {
	case CXType_Elaborated:
		return cw_conv_type(w, clang_Type_getNamedType(t), pointee);
	case CXType_Attributed:
		return cw_conv_type(w, clang_Type_getModifiedType(t), pointee);
	case CXType_Typedef: {
		CXCursor td = clang_getTypeDeclaration(t);
		if (is_builtin_va_list(td)) {
			r = cd_type_new(w->u, CD_T_PRIM);
			if (r)
				r->prim = TL_PRIM_C_VA_LIST;
			return r;
		}
		if (pointee)
			return cw_pointee_decl(w, td);
		return decl_type(w, cw_walk_typedef(w, td));
	}
	case CXType_Record:
	case CXType_Enum: {
		CXCursor d = clang_getTypeDeclaration(t);
		if (pointee)
			return cw_pointee_decl(w, d);
		return decl_type(w, t.kind == CXType_Record ? cw_walk_record(w, d) :
					  cw_walk_enum(w, d));
	}
	case CXType_Pointer:
	case CXType_BlockPointer: {
		CXType p = clang_getPointeeType(t);
		r = wrap(w, CD_T_PTR, cw_conv_type(w, p, true));
		if (r)
			r->mut = !clang_isConstQualifiedType(p);
		return r;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		r = wrap(w, CD_T_ARRAY,
			 cw_conv_type(w, clang_getArrayElementType(t), pointee));
		if (r) {
			long long n = clang_getArraySize(t);
			r->incomplete = t.kind == CXType_IncompleteArray;
			r->n = n > 0 ? (uint64_t)n : 0;
		}
		return r;
	case CXType_Atomic:
		return wrap(w, CD_T_ATOMIC,
			    cw_conv_type(w, clang_Type_getValueType(t), pointee));
	case CXType_Complex:
		return wrap(w, CD_T_COMPLEX,
			    cw_conv_type(w, clang_getElementType(t), pointee));
	case CXType_Vector:
	case CXType_ExtVector:
		return vector_type(w, t);
	case CXType_FunctionProto:
	case CXType_FunctionNoProto: {
		r = cd_type_new(w->u, CD_T_FUNC);
		char *sp = cw_string(clang_getTypeSpelling(t));
		if (r)
			r->text = cd_strdup(w->u, sp);
		free(sp);
		return r;
	}
	case CXType_Void:
		return cd_type_new(w->u, CD_T_VOID);
	case CXType_Unexposed: {
		CXType c = clang_getCanonicalType(t);
		if (c.kind != CXType_Unexposed)
			return cw_conv_type(w, c, pointee);
		return unsupported(w, t);
	}
	default: {
		tl_prim p = cw_builtin_prim(t.kind, &ok);
		if (!ok)
			return unsupported(w, t);
		r = cd_type_new(w->u, CD_T_PRIM);
		if (r)
			r->prim = p;
		return r;
	}
	}
}
