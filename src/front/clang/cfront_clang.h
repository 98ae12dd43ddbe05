/*
 * Shared by the files that talk to libclang (parse, walk, attributes): the
 * state of one walk over one translation unit. Only files in this folder
 * include clang-c headers.
 */
#ifndef TL_FRONT_CFRONT_CLANG_H
#define TL_FRONT_CFRONT_CLANG_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "front/clang/cfront_desc.h"
#include "front/clang/cfront_select.h"
#include "util/hashmap.h"

/* Cursor -> declaration index (clang_hashCursor / clang_equalCursors). */
typedef struct cw_slot {
	CXCursor cur;
	uint32_t decl;
	bool used;
} cw_slot;

typedef struct cw_map {
	cw_slot *slots;
	size_t cap, len;
} cw_map;

/* A file of the translation unit as the walker knows it. */
typedef struct cw_file {
	CXFile file;
	uint32_t index;   /* in cd_unit.files */
	bool named;       /* its types are reported by default */
} cw_file;

/* Names a size/alignment expression may use (sizeof(struct x), enum
 * constants), gathered on first need. */
typedef struct cw_names {
	bool built;
	char **names;
	CXCursor *cursors;
	size_t len, cap;
} cw_names;

typedef struct cw_ctx {
	cd_unit *u;
	CXTranslationUnit tu;
	const cf_select *sel;
	uint32_t pack_default; /* -fpack-struct=N */
	cw_map decls;          /* full declarations */
	cw_map refs;           /* pointee references */
	cw_file *files;
	size_t nfiles, capfiles;
	struct cw_pack *pack;  /* #pragma pack replay state (cfront_pack.c) */
	bool detailed;         /* parsed with a detailed preprocessing record */
	bool need_detailed;    /* a pragma sits in a conditional: parse again */
	cw_names names;
	tl_strtab unnamed;     /* keys of unnamed records, and how often seen */
	tl_ptrmap unnamed_n;
	bool oom;
} cw_ctx;

/* Walks the translation unit and fills the unit's declarations. */
void cw_walk(cw_ctx *w);
void cw_release(cw_ctx *w);

/* Declarations (cfront_walk.c): each returns the declaration's index in
 * the unit, UINT32_MAX when out of memory. */
uint32_t cw_walk_record(cw_ctx *w, CXCursor c);
uint32_t cw_walk_enum(cw_ctx *w, CXCursor c);
uint32_t cw_walk_typedef(cw_ctx *w, CXCursor c);

/* Types (cfront_wtypes.c). A pointee's record, enum or typedef is only
 * named (cw_pointee_decl), unless already walked. */
cd_type *cw_conv_type(cw_ctx *w, CXType t, bool pointee);
cd_type *cw_pointee_decl(cw_ctx *w, CXCursor c);
tl_prim cw_builtin_prim(enum CXTypeKind k, bool *ok);

/* Maps, files and names (cfront_wnames.c). */
uint32_t cw_map_get(const cw_map *m, CXCursor c);
bool cw_map_put(cw_map *m, CXCursor c, uint32_t decl);
const char *cw_kind_word(enum CXCursorKind k);
/* "struct foo", a typedef's name, or "struct (unnamed at f.h:3:9)";
 * *unnamed tells whether the declaration has no tag of its own. */
char *cw_decl_name(cw_ctx *w, CXCursor c, cd_loc loc, bool *unnamed);
const char *cw_decl_key(cw_ctx *w, CXCursor c, const char *name,
			bool unnamed, const cw_file *cf);
const char *cw_typedef_key(cw_ctx *w, const char *name);
cd_loc cw_loc(cw_ctx *w, CXCursor c, const cw_file **file);
cd_loc cw_loc_at(cw_ctx *w, CXSourceLocation loc, const cw_file **file);
char *cw_string(CXString s); /* malloc'd copy, disposes s */

/* #pragma pack (cfront_pack.c). */
/* The #pragma pack value in force where the record `c` starts (0 none). */
uint32_t cw_pragma_pack(cw_ctx *w, CXCursor c);
void cw_pack_release(cw_ctx *w);

/* Attribute values (cfront_attr.c). */
/* aligned(N) / _Alignas(N) written on a field or a record, evaluated; 0 when
 * there is none; -1 when an expression could not be evaluated. */
int64_t cw_written_align(cw_ctx *w, CXCursor c);
/* Size and alignment of a type named in an expression; false if unknown. */
bool cw_named_type(cw_ctx *w, const char *name, int64_t *size,
		   int64_t *align);
bool cw_named_const(cw_ctx *w, const char *name, int64_t *value);

#endif
