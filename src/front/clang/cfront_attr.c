/*
 * Attribute values libclang does not expose (c-layout.md 6.5):
 *  - aligned(N) / _Alignas(N) on fields and records: read from clang's
 *    pretty printer (macros expanded, expressions not evaluated) and
 *    evaluated by cfront_eval.c, with sizeof/_Alignof and enum constants
 *    answered by this parse;
 * (#pragma pack values are replayed in cfront_pack.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"
#include "front/clang/cfront_eval.h"
#include "util/vec.h"

/* ---- names an expression may use ---- */

static bool names_add(cw_names *nm, const char *name, CXCursor c)
{
	if (!tl_grow((void **)&nm->names, &nm->cap, nm->len + 1,
		     sizeof(*nm->names)))
		return false;
	size_t cap = nm->cap;
	CXCursor *cur = realloc(nm->cursors, cap * sizeof(*cur));
	if (!cur)
		return false;
	nm->cursors = cur;
	nm->names[nm->len] = strdup(name);
	if (!nm->names[nm->len])
		return false;
	nm->cursors[nm->len++] = c;
	return true;
}

static enum CXChildVisitResult collect_names(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	cw_ctx *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	char *sp = NULL;
	char buf[512];
	(void)parent;
	switch (k) {
	case CXCursor_TypedefDecl:
	case CXCursor_EnumConstantDecl:
		sp = cw_string(clang_getCursorSpelling(c));
		if (sp && *sp && !names_add(&w->names, sp, c))
			w->oom = true;
		break;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
	case CXCursor_EnumDecl:
		sp = cw_string(clang_getCursorSpelling(c));
		if (sp && *sp) {
			snprintf(buf, sizeof(buf), "%s %s",
				 k == CXCursor_StructDecl ? "struct" :
				 k == CXCursor_UnionDecl ? "union" : "enum", sp);
			if (!names_add(&w->names, buf, c))
				w->oom = true;
		}
		free(sp);
		/* enum constants are children; nested records too */
		return CXChildVisit_Recurse;
	default:
		break;
	}
	free(sp);
	return CXChildVisit_Continue;
}

static const CXCursor *find_name(cw_ctx *w, const char *name)
{
	if (!w->names.built) {
		w->names.built = true;
		clang_visitChildren(clang_getTranslationUnitCursor(w->tu),
				    collect_names, w);
	}
	/* last one wins: a later definition completes an earlier declaration */
	for (size_t i = w->names.len; i-- > 0;)
		if (strcmp(w->names.names[i], name) == 0)
			return &w->names.cursors[i];
	return NULL;
}

/* Builtin type names, with their words in any order ("long unsigned int"). */
static bool builtin_info(const tl_target *t, const char *name, int64_t *size,
			 int64_t *align)
{
	int nlong = 0, nshort = 0, nchar = 0, nint = 0, nflt = 0, ndbl = 0;
	int nbool = 0, n128 = 0, nsign = 0, other = 0;
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", name);
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		if (!strcmp(w, "long")) nlong++;
		else if (!strcmp(w, "short")) nshort++;
		else if (!strcmp(w, "char")) nchar++;
		else if (!strcmp(w, "int")) nint++;
		else if (!strcmp(w, "float")) nflt++;
		else if (!strcmp(w, "double")) ndbl++;
		else if (!strcmp(w, "_Bool")) nbool++;
		else if (!strcmp(w, "__int128")) n128++;
		else if (!strcmp(w, "signed") || !strcmp(w, "unsigned")) nsign++;
		else if (!strcmp(w, "const") || !strcmp(w, "volatile")) ;
		else other++;
	}
	tl_prim p;
	if (other) return false;
	else if (nbool) p = TL_PRIM_C_BOOL;
	else if (nchar) p = TL_PRIM_C_CHAR;
	else if (nshort) p = TL_PRIM_C_SHORT;
	else if (n128) p = TL_PRIM_C_INT128;
	else if (nflt) p = TL_PRIM_C_FLOAT;
	else if (ndbl) p = nlong ? TL_PRIM_C_LONGDOUBLE : TL_PRIM_C_DOUBLE;
	else if (nlong >= 2) p = TL_PRIM_C_LONGLONG;
	else if (nlong) p = TL_PRIM_C_LONG;
	else if (nint || nsign) p = TL_PRIM_C_INT;
	else return false;
	tl_size_align sa = tl_target_prim(t, p);
	if (!sa.size)
		return false;
	*size = sa.size;
	*align = sa.align;
	return true;
}

bool cw_named_type(cw_ctx *w, const char *name, int64_t *size, int64_t *align)
{
	size_t n = strlen(name);
	if (n && name[n - 1] == '*') {
		*size = w->u->target->ptr_size;
		*align = w->u->target->ptr_align;
		return true;
	}
	if (builtin_info(w->u->target, name, size, align))
		return true;
	const CXCursor *c = find_name(w, name);
	if (!c)
		return false;
	CXType t = clang_getCursorType(*c);
	*size = clang_Type_getSizeOf(t);
	*align = clang_Type_getAlignOf(t);
	return *size >= 0 && *align > 0;
}

bool cw_named_const(cw_ctx *w, const char *name, int64_t *value)
{
	const CXCursor *c = find_name(w, name);
	if (!c || clang_getCursorKind(*c) != CXCursor_EnumConstantDecl)
		return false;
	*value = clang_getEnumConstantDeclValue(*c);
	return true;
}

static bool env_type(void *ud, const char *type, int64_t *size, int64_t *align)
{
	return cw_named_type(ud, type, size, align);
}

static bool env_const(void *ud, const char *name, int64_t *value)
{
	return cw_named_const(ud, name, value);
}

int64_t cw_written_align(cw_ctx *w, CXCursor c)
{
	CXPrintingPolicy pp = clang_getCursorPrintingPolicy(c);
	/* terse: a record prints as its head `struct __attribute__(...) S {}` */
	clang_PrintingPolicy_setProperty(pp, CXPrintingPolicy_TerseOutput, 1);
	char *text = cw_string(clang_getCursorPrettyPrinted(c, pp));
	clang_PrintingPolicy_dispose(pp);
	if (!text)
		return -1;
	if (clang_getCursorKind(c) != CXCursor_FieldDecl) {
		/* only the head, before the body's '{' */
		char *brace = strchr(text, '{');
		if (brace)
			*brace = 0;
	}
	ce_env env = {env_type, env_const, w};
	int64_t r = ce_written_align(text, &env, w->u->target->c_default_aligned);
	free(text);
	return r;
}
