/*
 * The type model every front end fills and every engine reads.
 *
 * Two levels:
 *  - definitions (tl_def): what the source said -- a struct, enum, union,
 *    opaque type, alias or closure, with its repr, generic parameters, and
 *    fields whose types are written as syntax (tl_texpr) and, after
 *    resolution, as type terms.
 *  - type terms (tl_type): interned, hash-consed instances such as
 *    `Vec<i32>`, `&str`, `[u8; 16]`. Each has a dense id; layouts are
 *    memoised per (type id, target) outside the model.
 *
 * The model records what the source said, never computed numbers.
 */
#ifndef TYPELAYOUT_MODEL_H
#define TYPELAYOUT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/diag.h"

__extension__ typedef unsigned __int128 tl_u128;
__extension__ typedef __int128 tl_i128;

typedef struct tl_ctx tl_ctx;
typedef struct tl_def tl_def;
typedef struct tl_texpr tl_texpr;
typedef struct tl_cexpr tl_cexpr;

/* Primitive scalars. Rust's first, then C's; sizes live in the target table. */
typedef enum tl_prim {
	TL_PRIM_BOOL,
	TL_PRIM_CHAR, /* Rust char: 4 bytes, 0..=0x10FFFF */
	TL_PRIM_U8,
	TL_PRIM_U16,
	TL_PRIM_U32,
	TL_PRIM_U64,
	TL_PRIM_U128,
	TL_PRIM_USIZE,
	TL_PRIM_I8,
	TL_PRIM_I16,
	TL_PRIM_I32,
	TL_PRIM_I64,
	TL_PRIM_I128,
	TL_PRIM_ISIZE,
	TL_PRIM_F16,
	TL_PRIM_F32,
	TL_PRIM_F64,
	TL_PRIM_F128,
	/* C scalars */
	TL_PRIM_C_BOOL,
	TL_PRIM_C_CHAR,
	TL_PRIM_C_SCHAR,
	TL_PRIM_C_UCHAR,
	TL_PRIM_C_SHORT,
	TL_PRIM_C_USHORT,
	TL_PRIM_C_INT,
	TL_PRIM_C_UINT,
	TL_PRIM_C_LONG,
	TL_PRIM_C_ULONG,
	TL_PRIM_C_LONGLONG,
	TL_PRIM_C_ULONGLONG,
	TL_PRIM_C_INT128,
	TL_PRIM_C_UINT128,
	TL_PRIM_C_FLOAT,
	TL_PRIM_C_DOUBLE,
	TL_PRIM_C_LONGDOUBLE,
	TL_PRIM_C_FLOAT16,   /* _Float16 / __fp16 */
	TL_PRIM_C_FLOAT128,  /* __float128 */
	TL_PRIM_C_WCHAR,
	TL_PRIM_C_VA_LIST,   /* __builtin_va_list */
	TL_PRIM_C_PTR,       /* any data or function pointer */
	TL_PRIM__COUNT
} tl_prim;

/* Rust spelling of a primitive ("u8"), or the C spelling ("unsigned long"). */
const char *tl_prim_name(tl_prim p);
bool tl_prim_is_signed(tl_prim p);
bool tl_prim_is_int(tl_prim p);
bool tl_prim_is_float(tl_prim p);

/* ---- type terms ---- */

typedef uint32_t tl_type_id; /* 0 is never a valid type */

typedef enum tl_ty_kind {
	TL_TY_PRIM,   /* prim */
	TL_TY_UNIT,   /* () -- the empty tuple, kept distinct for display */
	TL_TY_NEVER,  /* ! */
	TL_TY_STR,    /* str (unsized) */
	TL_TY_SLICE,  /* [inner] (unsized) */
	TL_TY_DYN,    /* dyn Trait (unsized); text is the bound list */
	TL_TY_REF,    /* &inner / &mut inner */
	TL_TY_RAWPTR, /* *const inner / *mut inner */
	TL_TY_FNPTR,  /* fn(args...) -> ret; text is the whole signature */
	TL_TY_FNITEM, /* a function item: zero-sized; text is its name */
	TL_TY_ARRAY,  /* [inner; len] where len is a CONST or PARAM term */
	TL_TY_TUPLE,  /* (args...) with nargs >= 1 */
	TL_TY_ADT,    /* def<args...> */
	TL_TY_PARAM,  /* generic parameter `index` of the definition being read */
	TL_TY_CONST,  /* a constant value used as a generic argument */
	TL_TY_CONST_EXPR, /* a constant the layout engine evaluates per target
			   * (it uses size_of/align_of): expr, of type prim */
	TL_TY_C_ATOMIC, /* C _Atomic(inner) */
	TL_TY_PROJ     /* an associated type `<inner as Trait>::Name`; text is
			* "Trait::Name", or "Name" when no trait was written
			* (`I::Item`). Only stays a term while inner holds
			* parameters, or when no impl answers it (an error) */
} tl_ty_kind;

typedef struct tl_type {
	tl_type_id id;
	tl_ty_kind kind;
	tl_prim prim;         /* PRIM; CONST_EXPR: the value's type */
	bool mut;             /* REF, RAWPTR */
	bool has_params;      /* contains a PARAM somewhere */
	tl_type_id inner;     /* REF, RAWPTR, SLICE, ARRAY, C_ATOMIC */
	tl_type_id len;       /* ARRAY: a CONST, CONST_EXPR or PARAM term */
	uint32_t param;       /* PARAM: index into the definition's params */
	tl_i128 value;        /* CONST */
	const tl_def *def;    /* ADT */
	const tl_type_id *args; /* TUPLE elements, ADT arguments, FNPTR params+ret */
	uint32_t nargs;
	const char *text;     /* DYN bounds, FNPTR signature, FNITEM name, PARAM
			       * name; CONST_EXPR: tl_cexpr_key of expr */
	const tl_cexpr *expr; /* CONST_EXPR: a resolved expression (below) */
	const char *name;     /* display name cache: read it with tl_type_name() */
} tl_type;

const tl_type *tl_type_get(const tl_ctx *ctx, tl_type_id id);
const char *tl_type_name(const tl_ctx *ctx, tl_type_id id);
size_t tl_type_count(const tl_ctx *ctx); /* ids are 1..count */

/* Interning constructors: equal terms get equal ids. 0 on out of memory. */
tl_type_id tl_type_prim(tl_ctx *ctx, tl_prim p);
tl_type_id tl_type_unit(tl_ctx *ctx);
tl_type_id tl_type_never(tl_ctx *ctx);
tl_type_id tl_type_str(tl_ctx *ctx);
tl_type_id tl_type_slice(tl_ctx *ctx, tl_type_id elem);
tl_type_id tl_type_dyn(tl_ctx *ctx, const char *bounds);
tl_type_id tl_type_ref(tl_ctx *ctx, tl_type_id inner, bool mut);
tl_type_id tl_type_rawptr(tl_ctx *ctx, tl_type_id inner, bool mut);
tl_type_id tl_type_fnptr(tl_ctx *ctx, const char *signature);
tl_type_id tl_type_fnitem(tl_ctx *ctx, const char *name);
tl_type_id tl_type_array(tl_ctx *ctx, tl_type_id elem, tl_type_id len);
tl_type_id tl_type_array_n(tl_ctx *ctx, tl_type_id elem, uint64_t n);
tl_type_id tl_type_tuple(tl_ctx *ctx, const tl_type_id *elems, uint32_t n);
tl_type_id tl_type_adt(tl_ctx *ctx, const tl_def *def, const tl_type_id *args,
		       uint32_t nargs);
tl_type_id tl_type_param(tl_ctx *ctx, uint32_t index, const char *name);
tl_type_id tl_type_const(tl_ctx *ctx, tl_i128 value);
/* A constant whose value depends on the target or on layouts, evaluated by
 * the layout engine: `expr` must be resolved (see tl_cexpr) and of type
 * `type`. Equal expressions (same structure, types and constants) give
 * equal ids, whatever their addresses. */
tl_type_id tl_type_const_expr(tl_ctx *ctx, const tl_cexpr *expr, tl_prim type);
tl_type_id tl_type_c_atomic(tl_ctx *ctx, tl_type_id inner);
/* `<self as trait>::name` (trait NULL: any trait with that associated
 * type). When self holds no parameters the impls known to the context
 * answer at once (the result is the impl's type); a term of kind
 * TL_TY_PROJ without parameters means no impl or several disagreeing
 * ones: see tl_type_proj_impls. */
tl_type_id tl_type_proj(tl_ctx *ctx, tl_type_id self, const char *trait,
			const char *name);
/* How many impls match the projection term `proj` (kind TL_TY_PROJ). */
uint32_t tl_type_proj_impls(tl_ctx *ctx, tl_type_id proj);

/* Replaces PARAM i by args[i] throughout `id`. */
tl_type_id tl_type_subst(tl_ctx *ctx, tl_type_id id, const tl_type_id *args,
			 uint32_t nargs);

/* ---- syntax: type expressions and constant expressions ---- */

typedef enum tl_tx_kind {
	TL_TX_PATH,   /* a::b::Name<args> (also `Self`, generic params) */
	TL_TX_REF,    /* &'a mut T */
	TL_TX_RAWPTR, /* *const T / *mut T */
	TL_TX_SLICE,  /* [T] */
	TL_TX_ARRAY,  /* [T; len] */
	TL_TX_TUPLE,  /* (A, B,) -- zero elements is () */
	TL_TX_FNPTR,  /* [unsafe] [extern "C"] fn(A, B) -> R */
	TL_TX_DYN,    /* dyn A + B + 'a (also bare trait objects from `impl`) */
	TL_TX_NEVER,  /* ! */
	TL_TX_INFER   /* _ */
} tl_tx_kind;

typedef struct tl_garg {
	const tl_texpr *type;   /* a type argument, or NULL */
	const tl_cexpr *value;  /* a const argument (`16`, `{ N + 1 }`), or NULL */
	const char *lifetime;   /* a lifetime argument ("'a"), or NULL */
	const char *assoc;      /* `Item = T` binding: the name; type holds T */
} tl_garg;

struct tl_texpr {
	tl_tx_kind kind;
	tl_loc loc;
	bool mut;                 /* REF, RAWPTR; FNPTR: a function item `fn() {f}` */
	bool global;              /* PATH starting with `::` */
	bool shared;              /* a single-name PATH that stands for every
				   * field typed with that name in a YAML file
				   * (one node, not one per use): `loc` is the
				   * first use's; a field's own is its loc, or
				   * its line at type_col */
	const char *lifetime;     /* REF */
	const char *const *segs;  /* PATH segments */
	uint32_t nsegs;
	const tl_garg *args;      /* PATH: generic arguments of the last segment */
	uint32_t nargs;
	const tl_texpr *inner;    /* REF, RAWPTR, SLICE, ARRAY; PATH: the self
				   * type of a qualified path `<T as Tr>::X`
				   * (segs[0] is then its text "<T as Tr>") */
	const tl_cexpr *len;      /* ARRAY */
	const tl_texpr *const *elems; /* TUPLE elements, FNPTR params */
	uint32_t nelems;
	const tl_texpr *ret;      /* FNPTR, NULL for () */
	const char *text;         /* DYN: the bounds as written; FNPTR: the
				   * signature; a qualified PATH: the trait's
				   * last segment, NULL for `<T>::X` */
	const char *shared_text;  /* a type of several parts that stands for
				   * every YAML field whose type is this text
				   * (one tree, not one per use): resolution
				   * parses the text again at a use that has
				   * something to report, so that diagnostics
				   * point into that use */
};

typedef enum tl_cx_kind {
	TL_CX_INT,    /* integer literal */
	TL_CX_BOOL,   /* `true` (value 1) or `false` (value 0) */
	TL_CX_PATH,   /* a constant's path: N, MAX, u32::MAX, crate::LEN */
	TL_CX_UNARY,  /* op a */
	TL_CX_BINARY, /* a op b */
	TL_CX_CAST,   /* a as prim */
	TL_CX_SIZEOF  /* size_of::<ty>() or align_of::<ty>() (op), a usize */
} tl_cx_kind;

/* tl_cexpr.op: arithmetic is its character ('-', '!', '+', '*', '/', '%',
 * '&', '|', '^'; '<' is <<, '>' is >>); the others are these. */
enum {
	TL_CX_OP_SUFFIX = 's',   /* INT: `16u8`, the suffix type is in `cast` */
	TL_CX_OP_LT = 'l', TL_CX_OP_LE = 'L', TL_CX_OP_GT = 'g',
	TL_CX_OP_GE = 'G', TL_CX_OP_EQ = 'e', TL_CX_OP_NE = 'n',
	TL_CX_OP_AND = 'A',      /* && */
	TL_CX_OP_OR = 'O',       /* || */
	TL_CX_OP_SIZE_OF = 'z',  /* SIZEOF */
	TL_CX_OP_ALIGN_OF = 'a', /* SIZEOF */
	TL_CX_OP_VALUE = 'v',    /* resolved PATH: see below */
	TL_CX_OP_BODY = 'b'      /* resolved PATH: see below */
};

/*
 * As parsed, an expression names constants by path and types by syntax.
 * A resolved expression (the front end builds one for a TL_TY_CONST_EXPR
 * term) stands alone: every SIZEOF has its `type`, and every path to a
 * constant item has op VALUE (its value in `value`, its type in `cast`) or
 * BODY (its resolved value expression in `a`, its type in `cast`); paths
 * with op 0 are built-in constants (`usize::MAX`, evaluated per target).
 */
struct tl_cexpr {
	tl_cx_kind kind;
	tl_loc loc;
	int op;                   /* see above */
	tl_u128 value;            /* INT: magnitude, a literal is never
				   * negative; BOOL: 0 or 1; PATH VALUE: the
				   * value's pattern (const_eval.h) */
	const char *const *segs;  /* PATH */
	uint32_t nsegs;
	const tl_cexpr *a, *b;
	tl_prim cast;             /* CAST; INT with a suffix; resolved PATH */
	const tl_texpr *ty;       /* SIZEOF: the type argument as written */
	tl_type_id type;          /* SIZEOF, resolved: ty's term */
};

/* ---- definitions ---- */

typedef enum tl_lang { TL_LANG_RUST, TL_LANG_C } tl_lang;

typedef enum tl_def_kind {
	TL_DEF_STRUCT,
	TL_DEF_UNION,
	TL_DEF_ENUM,
	TL_DEF_OPAQUE,  /* known only by size and alignment */
	TL_DEF_ALIAS,   /* type Name = T; C typedef */
	TL_DEF_CLOSURE  /* captures as fields */
} tl_def_kind;

typedef enum tl_shape {
	TL_SHAPE_NAMED, /* { a: T } */
	TL_SHAPE_TUPLE, /* (T, U) */
	TL_SHAPE_UNIT   /* no fields, no braces */
} tl_shape;

typedef enum tl_repr_flags {
	TL_REPR_C = 1 << 0,
	TL_REPR_TRANSPARENT = 1 << 1,
	TL_REPR_PACKED = 1 << 2, /* packed = N */
	TL_REPR_ALIGN = 1 << 3,  /* align = N */
	TL_REPR_INT = 1 << 4,    /* int_type */
	TL_REPR_SIMD = 1 << 5
} tl_repr_flags;

typedef struct tl_repr {
	uint32_t flags;
	uint32_t packed;   /* N of packed(N); 1 for bare packed */
	uint64_t align;    /* N of align(N) */
	tl_prim int_type;  /* repr(u8) ...; C enums: the underlying type */
} tl_repr;

typedef enum tl_capture {
	TL_CAPTURE_NONE,
	TL_CAPTURE_REF,
	TL_CAPTURE_REF_MUT,
	TL_CAPTURE_MOVE
} tl_capture;

typedef struct tl_field {
	const char *name;       /* "" when unnamed; "0", "1" in tuple shapes */
	const tl_texpr *texpr;  /* the type as written, or NULL (YAML fields:
				 * NULL once resolved, see tl_ctx_resolve) */
	const char *type_text;  /* C: the type as clang spells it, or NULL */
	tl_type_id type;        /* resolved; may hold PARAMs in a generic def */
	tl_loc loc;
	int32_t bit_width;      /* C bit-field width, -1 when not a bit-field */
	uint32_t c_align;       /* C: aligned(N)/_Alignas on the field, 0 none */
	bool c_packed;          /* C: packed attribute on the field */
	uint8_t capture;        /* tl_capture, closures only */
	uint32_t type_col;      /* a `shared` texpr on the field's line: the
				 * column where the type is written (else 0:
				 * loc is where it is written) */
	const struct tl_cfg *cfg; /* #[cfg] predicate, NULL = always */
} tl_field;

typedef struct tl_variant {
	const char *name;
	tl_loc loc;
	tl_shape shape;
	tl_field *fields;
	uint32_t nfields;
	const tl_cexpr *disc_expr; /* `= expr`, or NULL (YAML: NULL once resolved) */
	tl_i128 disc;              /* value after resolution */
	const struct tl_cfg *cfg;
} tl_variant;

typedef struct tl_gparam {
	const char *name;
	bool is_const;
	bool maybe_unsized;        /* T: ?Sized */
	const tl_texpr *deflt;     /* default type, or NULL */
	tl_prim const_type;        /* const N: usize */
} tl_gparam;

/* One case of a type function (std's `<B as ToOwned>::Owned`): when the
 * definition's first argument has this shape, the type is `target`, in
 * which PARAM 0 is the argument and PARAM 1 a slice's element type. */
typedef enum tl_case_pattern {
	TL_CASE_STR,   /* str */
	TL_CASE_SLICE, /* [T] */
	TL_CASE_ANY    /* _ */
} tl_case_pattern;

typedef struct tl_type_case {
	tl_case_pattern pattern;
	const tl_texpr *target_texpr;
	tl_type_id target;
	tl_loc loc;
	const char *elem;   /* SLICE: the element's name in target_texpr ("T"
			     * of a `[T]` pattern), PARAM 1 there */
} tl_type_case;

struct tl_def {
	/* the fields every pass over the definitions reads come first, in
	 * one cache line; the rest by size, without holes */
	uint32_t index;            /* definition order in the context */
	tl_def_kind kind;
	tl_shape shape;
	tl_lang lang;
	uint32_t nparams;
	uint32_t nfields;
	uint32_t nvariants;
	tl_type_id alias_type;
	const char *name;          /* as reported: "Data", "struct foo" */
	tl_field *fields;          /* STRUCT, UNION, CLOSURE */
	tl_variant *variants;      /* ENUM */
	bool builtin;              /* from the embedded prelude */
	bool report;               /* listed by default in reports */
	bool hide_niche;           /* UnsafeCell: same layout, no niche */
	uint32_t target_mask;      /* C: bit i set = parsed for builtin target i;
				    * 0 = valid for every target */
	tl_loc loc;
	uint32_t ncases;
	tl_gparam *params;
	tl_repr repr;
	const char *path;          /* qualified path ("a::b::Foo"), or NULL; the
				    * prelude lists re-exports after a space */
	const struct tl_cfg *cfg;
	uint64_t opaque_size;      /* OPAQUE */
	uint64_t opaque_align;
	const tl_texpr *alias_of;  /* ALIAS */
	/* std niche types (NonNull, NonZero, Vec's capacity): the valid range of
	 * the scalar at offset 0, as constant expressions evaluated per target. */
	const tl_cexpr *valid_start;
	const tl_cexpr *valid_end;
	const tl_type_case *cases; /* a type function: see tl_type_case */
	uint64_t budget;           /* size budget in bytes, 0 = none */
	void *front;               /* front-end private data */
	uint32_t c_pack;           /* C: #pragma pack(N) in effect, 0 = none */
	tl_type_id impl_self;      /* impl_for resolved; PARAMs are the impl's */
	/* ALIAS only: an associated type of a trait impl,
	 *   impl<params> impl_trait for impl_for { type assoc = alias_of; }
	 * Never reported nor found by name; it answers tl_type_proj. */
	const tl_texpr *impl_for;
	const char *impl_trait;    /* the trait's last segment (interned) */
	const char *impl_assoc;    /* the associated type's name (interned) */
};

size_t tl_def_count(const tl_ctx *ctx);
const tl_def *tl_def_get(const tl_ctx *ctx, size_t index);

/* The type of field `f` of the ADT instance `adt`, generic arguments applied. */
tl_type_id tl_type_field(tl_ctx *ctx, tl_type_id adt, const tl_field *f);

/* The non-generic instance of a definition (its ADT term), 0 if generic. */
tl_type_id tl_def_type(tl_ctx *ctx, const tl_def *def);

#endif
