/*
 * Shared between the `.rs` front end's files:
 *  front_rust.c        inputs: files, directories, module files; the driver
 *  front_rust_items.c  the item loop: attributes, visibility, skipping
 *  front_rust_types.c  struct / enum / union / type bodies
 *  front_rust_attrs.c  #[cfg], #[cfg_attr], #[repr], #[path]
 *  front_rust_cfg.c    cfg predicates: target facts, --cfg, evaluation
 *  front_rust_use.c    use trees
 *  front_rust_scope.c  module scopes: paths to items, the resolve hooks
 *  front_rust_emit.c   per-target masks, the dependency closure, tl_defs
 *  front_rust_const.c  const items: parsing on demand, evaluation
 *  front_rust_impl.c   inherent impls: their associated consts
 *  front_rust_opaque.c tl_add_opaque (ctx.h)
 *  front_rust_expand.c macro_rules! at item position: scope, expansion
 *                      (the engine: front_rust_macro.h)
 *
 * Everything kept after loading (modules, items, cfg trees) lives in the
 * context's arena, since resolution asks about it later through
 * def->front; scratch vectors are malloc'd and released by the load.
 */
#ifndef TL_FRONT_FRONT_RUST_INT_H
#define TL_FRONT_FRONT_RUST_INT_H

#include "front/front_rust.h"
#include "front/front_rust_macro.h"
#include "front/rust_parse.h"

#define ID_RS_SYNTAX "rust-syntax"
#define ID_RS_UNSUPPORTED "rust-unsupported"
#define ID_RS_CFG "bad-cfg"
#define ID_RS_REPR "bad-repr"
#define ID_RS_MODULE "module-not-found"
#define ID_RS_AMBIGUOUS "ambiguous-type"
#define ID_RS_TARGET "target-specific"
#define ID_RS_IO "io-error"
#define ID_RS_OPAQUE "bad-opaque"

/* The built-in targets whose cfg facts front_rust_cfg.c knows, in the
 * order of tl_target_builtin (a unit test checks they agree). */
#define RS_MAX_TARGETS 2
#define RS_ALL ((rs_mask)((1u << RS_MAX_TARGETS) - 1))

/* Nesting limits: inline modules and module files, and use trees. */
#define RS_MAX_MOD_DEPTH 64
#define RS_MAX_USE_DEPTH 32
/* How many `use` hops a name may take before we call it a cycle. */
#define RS_MAX_HOPS 32

typedef uint32_t rs_mask; /* bit i = built-in target i */

/* For diagnostics about options and inputs as a whole. */
static const tl_loc RS_NOLOC = {0, 0, 0};

/* ---- cfg predicates (model.h only declares struct tl_cfg) ---- */
typedef enum rs_cfg_kind {
	RS_CFG_TRUE,
	RS_CFG_FALSE,
	RS_CFG_NAME, /* unix */
	RS_CFG_PAIR, /* target_arch = "x86_64" */
	RS_CFG_ALL,
	RS_CFG_ANY,
	RS_CFG_NOT
} rs_cfg_kind;

struct tl_cfg {
	rs_cfg_kind kind;
	tl_loc loc;
	const char *name;   /* NAME, PAIR (interned) */
	const char *value;  /* PAIR: without quotes (interned) */
	const struct tl_cfg *const *kids;
	uint32_t nkids;
};

/* The --cfg predicates of one load, as "name" or "name=value". */
typedef struct rs_cfgset {
	const char **items;
	size_t len;
} rs_cfgset;

/* ---- items ---- */
typedef enum rs_kind {
	RS_TYPE,         /* struct, enum, union, type alias */
	RS_CONST,        /* const NAME: T = expr; */
	RS_USE,          /* one leaf of a use tree */
	RS_MOD           /* mod name { } / mod name; */
} rs_kind;

/* One repr hint (`C`, `packed(2)`, `u8`), kept with the cfg of the
 * cfg_attr it came from, so it can apply to some targets only. */
typedef struct rs_repr {
	const struct tl_cfg *cfg;
	tl_loc loc;
	uint32_t flag;    /* one TL_REPR_* (0 for repr(Rust)) */
	uint64_t n;       /* packed(N), align(N) */
	tl_prim prim;     /* TL_REPR_INT */
} rs_repr;

typedef struct rs_module rs_module;
typedef struct rs_crate rs_crate;

#define RS_ITEM_MAGIC 0x52534954u /* "RSIT": def->front is an rs_item */

typedef struct rs_item {
	uint32_t magic;
	rs_kind kind;
	const char *name;      /* binding name (use: the last segment or the
				* `as` name; NULL for a glob or `as _`) */
	tl_loc loc;
	const struct tl_cfg *cfg;
	rs_module *mod;        /* the module it is declared in */
	struct rs_item *next;  /* in mod's list, source order */
	rs_mask mask;          /* targets it exists on (set by emit) */
	/* RS_TYPE */
	tl_def *tmpl;          /* as parsed: fields and variants keep cfg */
	const rs_repr *reprs;
	uint32_t nreprs;
	bool varying;          /* differs between targets: one def each */
	tl_def *defs[RS_MAX_TARGETS]; /* the def for each target, or NULL */
	/* RS_CONST */
	tl_prim ctype;
	bool cint;             /* an integer or bool type we can evaluate */
	const char *ctext;     /* the value's source text (parsed on demand) */
	size_t clen;
	tl_loc cloc;
	const tl_cexpr *cexpr;
	bool cparse_failed;
	uint8_t cwalked;       /* bit t: dependencies checked on target t */
	uint8_t cwalking;      /* bit t: being checked (meeting it: a cycle) */
	uint8_t cstate[RS_MAX_TARGETS]; /* RS_CONST_NEW... below */
	tl_u128 cval[RS_MAX_TARGETS];
	/* where the names of a deferred value resolve, per target: a tl_def
	 * in name only (tl_front_rust_const_body) */
	tl_def *cscope[RS_MAX_TARGETS];
	/* RS_CONST made by a macro: the value's tokens (an expansion is not
	 * one run of source text), ending at cend */
	const tl_token *ctoks;
	uint32_t nctoks;
	bool cfrom_macro;
	tl_loc cend;
	/* RS_CONST in an inherent impl: the self type's path, as written
	 * in the impl's module; such consts are found as `Type::NAME` */
	const char *const *owner;
	uint32_t nowner;
	struct rs_item *next_assoc; /* in the crate's list */
	/* RS_USE: the path */
	const char *const *segs;
	uint32_t nsegs;
	bool glob;
	bool global;           /* ::a::b */
	/* RS_MOD */
	rs_module *child;
	bool busy;             /* RS_USE being followed: a cycle if met again */
} rs_item;

struct rs_module {
	const char *name;      /* "" for a crate root */
	const char *path;      /* "crate", "crate::a::b" */
	rs_module *parent;
	rs_crate *crate;
	rs_item *items;
	rs_item **tail;
	/* where `mod x;` inside this module looks: dir/x.rs, dir/x/mod.rs
	 * (NULL for buffers: no files) */
	const char *dir;
	/* the directory of the module's source file: #[path] outside inline
	 * modules is relative to it (Rust Reference, "The path attribute") */
	const char *file_dir;
	bool inline_mod;      /* mod name { ... } */
	unsigned depth;
	rs_mask mask;         /* targets on which it exists */
	bool busy;            /* its globs are being searched */
};

struct rs_crate {
	tl_ctx *ctx;
	rs_module *root;
	rs_item *assoc;       /* associated consts of inherent impls */
	/* the name other crates use for it (`regex_syntax`), from the
	 * Cargo.toml beside its src/; NULL when unknown */
	const char *name;
	rs_crate *next;       /* every crate of the context (ctx->rust_crates) */
};

/* ---- one load: the parser and the scratch state ---- */
typedef struct rs_attrs {
	const struct tl_cfg *cfg;  /* every #[cfg] (and cfg_attr'd cfg), ANDed */
	const char *path;          /* #[path = "..."] */
	tl_loc path_loc;
	TL_VEC(rs_repr) reprs;     /* scratch, copied by the item */
	bool macro_use;            /* #[macro_use] (on a module) */
	bool macro_export;         /* #[macro_export] (on macro_rules!) */
	unsigned recursion_limit;  /* #![recursion_limit = "N"] (crate root) */
} rs_attrs;

/* A macro expansion being read by the item loop (front_rust_expand.c). */
typedef struct rs_replay {
	const tl_token *toks;
	size_t n;
	tl_loc end;                /* where its end of input is reported */
	rs_module *mod;            /* the module it is read into */
	/* an invocation that ends the expansion, expanded but not read yet:
	 * the expansion's reader goes on with it in a loop, so that
	 * tt-munchers (`m! { @next $($rest)* }` at the end of m's own
	 * expansion) do not grow the C stack */
	tl_token *tail;
	size_t ntail;
	tl_loc tail_end;
	const struct tl_cfg *tail_cfg;
} rs_replay;

struct rs_macro;

typedef struct rs_load {
	tl_ctx *ctx;
	tl_rparse p;
	rs_cfgset cfgs;
	rs_crate *crate;
	TL_VEC(rs_item *) types;   /* every type item, for emission */
	TL_VEC(tl_field) fields;   /* scratch */
	TL_VEC(tl_variant) variants;
	TL_VEC(const char *) segs;
	TL_VEC(const struct tl_cfg *) cfgkids;
	/* the file being parsed */
	uint32_t file;
	const char *text;
	size_t len;
	/* macros (front_rust_expand.c) */
	rs_replay *replay;         /* reading an expansion (else the text) */
	const struct tl_cfg *outer_cfg; /* the cfg of the invocation read */
	TL_VEC(const struct rs_macro *) macros;       /* textual scope */
	TL_VEC(const struct rs_macro *) crate_macros; /* all read so far */
	rs_module *mod;            /* the module whose items are read */
	unsigned mdepth;           /* nested expansions, rustc's count */
	unsigned mnest;            /* of those, nested on the C stack */
	unsigned mlimit;           /* #![recursion_limit], else rustc's 128 */
	size_t mcalls, mtokens, msteps; /* used up by this crate */
	bool mstop;                /* a limit ran out: expand no more */
} rs_load;

/* ---- front_rust.c ---- */
void rs_error(rs_load *ld, tl_loc loc, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void *rs_oom(rs_load *ld);
bool rs_is(const rs_load *ld, uint32_t punct);
/* Puts back a parser saved by value around a nested parse (a module
 * file, a macro expansion), keeping the scratch stacks it grew. */
void rs_parser_restore(rs_load *ld, const tl_rparse *saved);
/* `include!("rel")` in module mod: reads the file (relative to the
 * directory of the file being read) and its items into mod. */
void rs_include(rs_load *ld, rs_module *mod, const char *rel, tl_loc loc);
/* Loads the module file for `mod name;` declared in `parent`. */
void rs_load_mod_file(rs_load *ld, rs_item *mod_item, const char *path_attr,
		      tl_loc path_loc);

/* ---- front_rust_items.c ---- */
/* Parses items up to EOF (or `}` when `inner`) into `mod`. */
void rs_items(rs_load *ld, rs_module *mod, bool inner);
/* Skips one balanced token tree at the current token. */
void rs_skip_tree(rs_load *ld);
/* Skips the rest of an item: up to `;`, or a `{...}` body unless `semi`. */
void rs_skip_item(rs_load *ld, bool semi);
/* At `const NAME` (not `const fn`)? */
bool rs_at_const_item(rs_load *ld);
/* At `const`: reads `const NAME: T = value;` into an RS_CONST item of mod
 * (NULL for `const _` and after errors). */
rs_item *rs_const_item(rs_load *ld, rs_module *mod, const rs_attrs *a,
		       tl_loc loc);

/* ---- front_rust_expand.c, for the built-in macros ---- */

/* Collects the tokens of the group at the current token (an opening
 * delimiter) without its delimiters, and leaves the parser after it.
 * Returns the opening delimiter, 0 when the input ends inside the group. */
uint32_t rs_collect_group(tl_rparse *p, rs_tokvec *v, tl_loc *end);
/* The arguments of a macro invoked at item position, the current token
 * being its `!`: the group's tokens, and the `;` after `(..)` or `[..]`
 * consumed. Returns the delimiter as rs_collect_group does. */
uint32_t rs_item_macro_args(tl_rparse *p, rs_tokvec *in, tl_loc *end);
/* Reads toks (taking them over) as items of mod under `cfg`. */
void rs_replay_items(rs_load *ld, rs_module *mod, rs_tokvec *toks, tl_loc end,
		     const struct tl_cfg *cfg);

/* ---- front_rust_cfg_if.c ---- */

/* At the `!` of `cfg_if!` (no macro of that name in scope): reads the
 * items of every branch, each under the cfg that selects it. */
void rs_cfg_if(rs_load *ld, rs_module *mod, const rs_attrs *a, tl_loc loc);

/* ---- front_rust_crate.c ---- */
/* The crate name for the root file `src/lib.rs` from the Cargo.toml
 * beside `src/` (interned), NULL when there is none. */
const char *rs_crate_name(rs_load *ld, const char *root_file);
/* Makes a crate reachable by name from the context's other crates. */
void rs_crate_register(tl_ctx *ctx, rs_crate *crate);
/* The root module of the loaded crate `name` (interned), or NULL. */
rs_module *rs_crate_root(tl_ctx *ctx, const char *name);
/* ---- front_rust_expand.c ---- */
/* At the `!` of `path!` at item position (segs: the path's identifiers,
 * loc: its start): reads a `macro_rules!` definition, or expands a macro
 * of this crate and reads the expansion's items into mod. False when the
 * macro is not one of ours (another crate's): the caller skips it. */
bool rs_macro_item(rs_load *ld, rs_module *mod, const rs_attrs *a,
		   const tl_token *segs, size_t nsegs, tl_loc loc);
/* Around a module's items: what it defines leaves the textual scope
 * with it, unless the module is #[macro_use] (keep). */
/* tl_rparse.type_macro for the .rs front end (user: the rs_load). */
const tl_texpr *rs_type_macro(void *user, tl_rparse *p,
			      const char *const *segs, uint32_t nsegs,
			      tl_loc loc);
#define RS_MACRO_MAX_PATH 8 /* segments of a macro path we look up */
/* nested invocations: rustc's default recursion_limit (a crate may raise
 * it with #![recursion_limit = "N"]) */
#define RS_MACRO_DEPTH_DEFAULT 128
size_t rs_macro_scope_enter(const rs_load *ld);
void rs_macro_scope_leave(rs_load *ld, size_t mark, bool keep);
void rs_macro_release(rs_load *ld);
/* Where the current token is: its offset in ld->text, or its index in
 * the expansion being read. */
size_t rs_pos(const rs_load *ld);

/* ---- front_rust_impl.c ---- */
/* At `impl` (or `unsafe impl`): keeps the associated consts of an inherent
 * impl (`impl Foo { const MAX: usize = 15; }`) and the associated types of
 * a trait impl (`impl Iterator for It { type Item = u8; }`) under the
 * impl's attributes `a`; skips everything else. */
void rs_impl(rs_load *ld, rs_module *mod, const rs_attrs *a);
/* The module path for a child: "crate::a" + "b". */
const char *rs_child_path(rs_load *ld, const rs_module *mod, const char *name);
rs_module *rs_module_new(rs_load *ld, rs_module *parent, const char *name,
			 const char *dir);
void rs_module_add(rs_module *mod, rs_item *it);

/* ---- front_rust_types.c ---- */
/* At `struct`/`union`/`enum`/`type` (the keyword is the current token). */
rs_item *rs_type_item(rs_load *ld, rs_module *mod, tl_loc loc);
/* Makes `it` the RS_TYPE item of definition `d` (and d->front `it`). */
void rs_type_item_bind(rs_item *it, tl_def *d, const char *name, tl_loc loc,
		       rs_module *mod);
/* Skips a where clause up to `{`, `;` or `=`; records `T: ?Sized`. */
void rs_where(rs_load *ld, tl_gparam *params, uint32_t nparams);

/* ---- front_rust_attrs.c ---- */
void rs_attrs_init(rs_attrs *a);
void rs_attrs_release(rs_attrs *a);
/* Reads the outer attributes at the current token (`#[...]`), keeping
 * cfg, cfg_attr, repr and path; false after a syntax error. */
bool rs_outer_attrs(rs_load *ld, rs_attrs *a);
/* Reads inner attributes (`#![...]`) at the start of a module; their cfg
 * goes to *cfg. */
bool rs_inner_attrs(rs_load *ld, rs_attrs *a);
/* Copies the repr hints into the arena. */
const rs_repr *rs_attrs_reprs(rs_load *ld, const rs_attrs *a, uint32_t *n);

/* ---- front_rust_cfg.c ---- */
/* Parses a predicate at the current token (inside `cfg(...)`). */
const struct tl_cfg *rs_cfg_parse(rs_load *ld);
const struct tl_cfg *rs_cfg_and(rs_load *ld, const struct tl_cfg *a,
				const struct tl_cfg *b);
/* not(a); NULL (true) stays NULL: callers never negate "always" */
const struct tl_cfg *rs_cfg_not(rs_load *ld, const struct tl_cfg *a);
const struct tl_cfg *rs_cfg_implies(rs_load *ld, const struct tl_cfg *pred,
				    const struct tl_cfg *then);
/* The targets on which `c` holds (NULL: all). */
rs_mask rs_cfg_eval(const rs_cfgset *set, const struct tl_cfg *c);
/* Reads --cfg options; records an error for a malformed one. */
tl_status rs_cfgset_init(rs_cfgset *set, tl_ctx *ctx, const tl_load_opts *opts);
void rs_cfgset_release(rs_cfgset *set);

/* ---- front_rust_use.c ---- */
/* At `use` (current token): adds one RS_USE item per leaf. */
void rs_use(rs_load *ld, rs_module *mod, const rs_attrs *a, tl_loc loc);

/* ---- front_rust_scope.c ---- */
typedef enum rs_ns { RS_NS_TYPE, RS_NS_VALUE } rs_ns;

typedef struct rs_found {
	tl_rust_res res;
	rs_item *item;            /* RS_TYPE or RS_CONST item */
	const char *const *segs;  /* EXTERN */
	uint32_t nsegs;
} rs_found;

/* Resolves `segs` written in `mod` in namespace `ns`, on target `t`. */
rs_found rs_resolve(tl_ctx *ctx, rs_module *mod, const char *const *segs,
		    uint32_t nsegs, bool global, rs_ns ns, unsigned t);

/* ---- front_rust_emit.c ---- */
/* Masks, the dependency closure and the definitions of every type item. */
void rs_emit(rs_load *ld);
/* `I::Item`, `Self::Output`, `<T as Trait>::X` written in definition d */
bool rs_is_projection(const tl_def *d, const tl_texpr *x);

/* ---- front_rust_const.c ---- */
/* rs_item.cstate: a constant's value on one target. DEFERRED: it uses
 * size_of/align_of (maybe through other constants), so only the layout
 * engine can evaluate it; array lengths using it become TL_TY_CONST_EXPR
 * terms. */
enum { RS_CONST_NEW, RS_CONST_BUSY, RS_CONST_DONE, RS_CONST_FAILED,
       RS_CONST_DEFERRED };
/* The const item `path` names when written in `from` (a type or const
 * item), on target t; `Self::X` in an associated const is the impl's. */
rs_item *rs_const_find(tl_ctx *ctx, const rs_item *from, unsigned t,
		       const tl_cexpr *path);
/* Parses the value of const item `c` once (errors are recorded). */
bool rs_const_parse(tl_ctx *ctx, rs_item *c);
/* Parses (once) and evaluates const item `c` on target `t`; quiet: no
 * diagnostics from evaluation. Returns false when it has no value (also
 * when it is deferred: see cstate). */
bool rs_const_value(tl_ctx *ctx, rs_item *c, unsigned t, bool quiet);
/* A tl_cx_env.lookup answer for const item c on target t: 1 with its type
 * and value, TL_CX_FAILED when its value failed, TL_CX_DEFERRED when it
 * needs a layout, 0 when it has none. */
int rs_const_answer(tl_ctx *ctx, rs_item *c, unsigned t, tl_prim *type,
		    tl_u128 *value);

#endif
