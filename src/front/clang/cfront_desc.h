/*
 * The intermediate description of one parse (one translation unit for one
 * target): what the libclang walker saw, as plain data in the unit's own
 * arena. Worker threads build these without touching the context (tl_ctx is
 * not thread-safe); the calling thread merges them into the model
 * (cfront_merge.c). No libclang types appear here.
 */
#ifndef TL_FRONT_CFRONT_DESC_H
#define TL_FRONT_CFRONT_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/clang/cfront_answers.h"
#include "typelayout/model.h"
#include "typelayout/target.h"
#include "util/arena.h"

/* A location: index into cd_unit.files (0 = none), 1-based line and byte
 * column as libclang gives them. */
typedef struct cd_loc {
	uint32_t file;
	uint32_t line;
	uint32_t col;
} cd_loc;

typedef struct cd_file {
	const char *path;   /* as clang names it (the main file as given) */
	const char *real;   /* realpath, for identity across translation units */
	const char *text;   /* contents (NUL-terminated), for carets */
	size_t len;
} cd_file;

typedef enum cd_tkind {
	CD_T_PRIM,    /* prim */
	CD_T_VOID,    /* only as a pointee */
	CD_T_PTR,     /* inner; mut = the pointee is not const */
	CD_T_FUNC,    /* a function type (only as a pointee); text */
	CD_T_ARRAY,   /* inner[n]; incomplete = T[] */
	CD_T_ATOMIC,  /* _Atomic(inner) */
	CD_T_COMPLEX, /* _Complex inner: laid out as inner[2] */
	CD_T_VECTOR,  /* vector of n inner; text = clang's spelling */
	CD_T_DECL,    /* a record, enum or typedef of this unit: decl */
	CD_T_UNSUPPORTED /* text names the construct */
} cd_tkind;

typedef struct cd_type {
	cd_tkind kind;
	tl_prim prim;
	bool mut;
	bool incomplete;
	uint64_t n;
	const struct cd_type *inner;
	uint32_t decl;
	const char *text;
	int64_t csize;   /* UNSUPPORTED: clang's size and alignment */
	int64_t calign;
} cd_type;

typedef struct cd_field {
	const char *name;      /* "" for unnamed bit-fields and anonymous members */
	const char *type_text; /* clang's spelling of the declared type */
	const cd_type *type;
	cd_loc loc;
	int32_t bit_width;     /* -1 when not a bit-field */
	uint32_t align;        /* aligned(N) / _Alignas on the field, 0 none */
	bool packed;
	int64_t clang_bits;    /* clang_Cursor_getOffsetOfField */
} cd_field;

typedef struct cd_item {
	const char *name;
	tl_i128 value;
	cd_loc loc;
} cd_item;

typedef enum cd_dkind {
	CD_D_STRUCT,
	CD_D_UNION,
	CD_D_ENUM,
	CD_D_TYPEDEF,
	CD_D_INCOMPLETE, /* a record or enum declared but not defined here */
	CD_D_VECTOR      /* a synthetic definition for a vector type */
} cd_dkind;

typedef struct cd_decl {
	cd_dkind kind;
	const char *name; /* "struct foo", "foo_t", "struct (unnamed at f.h:3:9)" */
	const char *key;  /* identity across units: the name, or file@offset */
	cd_loc loc;
	bool report;      /* in a named file, or asked for by name / all */
	bool anon_member; /* an anonymous struct/union member's record */
	/* records */
	cd_field *fields;
	uint32_t nfields;
	bool packed;
	uint32_t align;   /* record or enum aligned(N); typedef's alignment */
	uint32_t pack;    /* #pragma pack / -fpack-struct in effect, 0 none */
	/* enums */
	cd_item *items;
	uint32_t nitems;
	tl_prim int_type;
	/* typedefs, vectors (vector: the element type, n elements) */
	const cd_type *aliased;
	uint64_t n;
	/* clang's answers (bytes; negative = CXTypeLayoutError) */
	int64_t clang_size;
	int64_t clang_align;
	tl_c_flat *flat;
	uint32_t nflat;
	/* merge scratch */
	uint64_t sig;
	uint8_t sig_state; /* 0 = not computed, 1 = computing, 2 = done */
} cd_decl;

typedef struct cd_diag {
	bool error;       /* else a warning */
	cd_loc loc;
	const char *message;
} cd_diag;

typedef struct cd_unit {
	tl_arena arena;
	size_t target_index;
	const tl_target *target;
	bool failed;      /* clang reported errors: decls are not used */
	bool keep_answers;
	cd_file *files;   /* files[0] unused */
	uint32_t nfiles, capfiles;
	cd_decl *decls;
	uint32_t ndecls, capdecls;
	cd_diag *diags;
	uint32_t ndiags, capdiags;
} cd_unit;

void cd_unit_init(cd_unit *u, size_t target_index);
void cd_unit_release(cd_unit *u);

/* Appends a zeroed declaration and returns its index; UINT32_MAX on OOM. */
uint32_t cd_decl_new(cd_unit *u);
cd_type *cd_type_new(cd_unit *u, cd_tkind kind);
/* Adds a file (path and text are copied); returns its index, 0 on OOM. */
uint32_t cd_file_add(cd_unit *u, const char *path, const char *real,
		     const char *text, size_t len);
/* Records a diagnostic; message is copied. */
void cd_diag_add(cd_unit *u, bool error, cd_loc loc, const char *message);
const char *cd_strdup(cd_unit *u, const char *s);

/* Structural signature of a declaration: equal signatures mean the same
 * model definition (by-value members included, pointees by name). */
uint64_t cd_decl_sig(cd_unit *u, uint32_t decl);

#endif
