/*
 * Name resolution inside a crate (Rust Reference, "Paths" and "Use
 * declarations"; edition 2018 rules, with the 2015 crate-relative `use`
 * as a fallback): a path is looked up from the module it is written in
 * through its items, its `use` imports (followed, also when renamed or
 * grouped) and its glob imports; `crate::`, `self::` and `super::` move
 * between modules. A first segment that names nothing in the crate is
 * another crate's (std, core, alloc or a dependency): the path is handed
 * back with imports expanded, for the global rules of resolve.c.
 *
 * Lookups are per target: an item whose #[cfg] excludes target t is
 * invisible on t, so `#[cfg(x)] struct A; #[cfg(not(x))] struct A;` is
 * one name with two meanings.
 */
#include <string.h>

#include "front/front_rust_int.h"
#include "front/resolve.h"

typedef struct scope_q {
	tl_ctx *ctx;
	unsigned t;
	unsigned hops;
} scope_q;

static rs_found found_none(void)
{
	rs_found f = {TL_RUST_RES_NONE, NULL, NULL, 0};
	return f;
}

static bool on_target(const rs_item *it, unsigned t)
{
	return (it->mask >> t) & 1;
}

static bool is_kw(const char *s, const char *kw)
{
	return !strcmp(s, kw);
}

/* A path into another crate: `a` ++ `b`, in the arena. */
static rs_found external(scope_q *q, const char *const *a, uint32_t na,
			 const char *const *b, uint32_t nb)
{
	rs_found f = found_none();
	const char **segs = tl_arena_array(&q->ctx->arena, na + nb + 1,
					   sizeof(*segs));
	if (!segs) {
		q->ctx->oom = true;
		return f;
	}
	if (na)
		memcpy(segs, a, na * sizeof(*segs));
	if (nb)
		memcpy(segs + na, b, nb * sizeof(*segs));
	f.res = TL_RUST_RES_EXTERN;
	f.segs = segs;
	f.nsegs = na + nb;
	return f;
}

/* What a path resolves to while walking modules. */
typedef struct walk {
	rs_module *mod;   /* a module, or */
	rs_found ext;     /* an external path, or */
	rs_item *item;    /* an item (type/const) */
} walk;

static walk lookup(scope_q *q, rs_module *m, const char *name, rs_ns ns,
		   bool want_mod);
static walk walk_path(scope_q *q, rs_module *m, const char *const *segs,
		      uint32_t n, bool global, bool is_use, rs_ns ns,
		      bool want_mod);

/* Follows a `use` leaf: the module, item or external path it names. */
static walk follow_use(scope_q *q, rs_item *u, rs_ns ns, bool want_mod);

/* A path into another crate. When that crate is loaded too (its name is
 * the path's first segment, front_rust_crate.c), what the path names in
 * it; else the external path, for the global rules. */
static walk outside(scope_q *q, const rs_module *root, rs_found ext, rs_ns ns,
		    bool want_mod)
{
	walk w = {NULL, ext, NULL};
	rs_module *other = ext.nsegs ? rs_crate_root(q->ctx, ext.segs[0]) : NULL;
	if (!other || other == root || q->hops >= RS_MAX_HOPS)
		return w;
	if (ext.nsegs == 1) {
		w.ext = found_none();
		w.mod = want_mod ? other : NULL;
		return w;
	}
	q->hops++;
	w = walk_path(q, other, ext.segs + 1, ext.nsegs - 1, false, false, ns,
		      want_mod);
	q->hops--;
	return w;
}

/* Resolves segs[0..n) from module `m`; want_mod: the last one must be a
 * module (a path prefix), else an item of namespace ns. */
static walk walk_path(scope_q *q, rs_module *m, const char *const *segs,
		      uint32_t n, bool global, bool is_use, rs_ns ns,
		      bool want_mod)
{
	walk w = {NULL, found_none(), NULL};
	uint32_t i = 0;
	rs_module *root = m;
	while (root->parent)
		root = root->parent;
	if (n == 0)
		return w;
	if (global) {
		/* `::a`: crate-relative in 2015, another crate in 2018; a
		 * crate is never named like a type or constant of the root,
		 * so `::c_int` (libc, 2015) is the root's */
		walk first = lookup(q, root, segs[0], n == 1 ? ns : RS_NS_TYPE,
				    n > 1 || want_mod);
		if (!first.mod && !first.item)
			return outside(q, root, external(q, segs, n, NULL, 0), ns,
				       want_mod);
		m = root;
	} else if (is_kw(segs[0], "crate")) {
		m = root;
		i = 1;
	} else if (is_kw(segs[0], "self")) {
		i = 1;
	} else {
		while (i < n && is_kw(segs[i], "super")) {
			if (!m->parent)
				return w; /* `super` at the crate root: rustc's error */
			m = m->parent;
			i++;
		}
	}
	for (; i < n; i++) {
		bool last = i + 1 == n;
		walk step = lookup(q, m, segs[i], last ? ns : RS_NS_TYPE,
				   last ? want_mod : true);
		if (!step.mod && !step.item && !step.ext.res && i == 0 && is_use)
			step = lookup(q, root, segs[i], last ? ns : RS_NS_TYPE,
				      last ? want_mod : true);
		if (step.ext.res)
			return outside(q, root, external(q, step.ext.segs, step.ext.nsegs,
							 segs + i + 1, n - i - 1),
				       ns, want_mod);
		if (!step.mod && !step.item && i == 0) {
			/* nothing of that name here: another crate's path --
			 * unless it is a local type (`Kind::*`, `Self::X`,
			 * `Type::Assoc`), which we cannot follow */
			bool local = is_kw(segs[0], "Self") ||
				     ((!last || want_mod) &&
				      lookup(q, m, segs[0], RS_NS_TYPE, false).item);
			if (!local && (n > 1 || is_use))
				return outside(q, root, external(q, segs, n, NULL, 0),
					       ns, want_mod);
			return w;
		}
		if (last) {
			w.mod = want_mod ? step.mod : NULL;
			w.item = want_mod ? NULL : step.item;
			return w;
		}
		if (!step.mod)
			return w; /* `Type::Assoc`, or a module we do not have */
		m = step.mod;
	}
	if (want_mod)
		w.mod = m; /* `crate`, `self`, `super` alone */
	return w;
}

/* An import being followed is marked busy: meeting it again is a cycle
 * (`use a::*;` in a standalone file where `a` is missing refers back to
 * itself), and without the mark the search would grow exponentially. */
static walk follow_use(scope_q *q, rs_item *u, rs_ns ns, bool want_mod)
{
	walk w = {NULL, found_none(), NULL};
	if (u->busy || q->hops >= RS_MAX_HOPS)
		return w;
	u->busy = true;
	q->hops++;
	w = walk_path(q, u->mod, u->segs, u->nsegs, u->global, true, ns, want_mod);
	q->hops--;
	u->busy = false;
	return w;
}

static bool ns_item(const rs_item *it, rs_ns ns)
{
	return ns == RS_NS_TYPE ? it->kind == RS_TYPE : it->kind == RS_CONST;
}

/* Whether `use <from>::*;`, from another crate, may bring `name`. Another
 * crate's modules we cannot see: any name may come from them. Std's we
 * know as far as the prelude goes: `use std::iter::*;` brings Peekable,
 * not Option or Vec (the std prelude's) nor the crate `std` itself. */
static bool glob_may_have(scope_q *q, const rs_found *from, const char *name,
			  bool want_mod)
{
	const char *segs[16];
	if (!from->nsegs || !tl_resolve_is_std_crate(from->segs[0]) ||
	    from->nsegs >= 16)
		return true;
	if (want_mod)
		return !tl_resolve_is_std_crate(name);
	memcpy(segs, from->segs, from->nsegs * sizeof(*segs));
	segs[from->nsegs] = name;
	return tl_resolve_prelude_has(q->ctx, segs, from->nsegs + 1);
}

/* `name` in module m: items first, then named imports, then globs. */
static walk lookup(scope_q *q, rs_module *m, const char *name, rs_ns ns,
		   bool want_mod)
{
	walk w = {NULL, found_none(), NULL};
	if (!name)
		return w;
	for (rs_item *it = m->items; it; it = it->next) {
		if (it->name != name || !on_target(it, q->t))
			continue;
		if (want_mod && it->kind == RS_MOD) {
			w.mod = it->child;
			return w;
		}
		if (!want_mod && ns_item(it, ns) && !it->owner) {
			w.item = it;
			return w;
		}
	}
	for (rs_item *it = m->items; it; it = it->next) {
		if (it->kind != RS_USE || it->glob || it->name != name ||
		    !on_target(it, q->t))
			continue;
		walk r = follow_use(q, it, ns, want_mod);
		if (r.mod || r.item || r.ext.res)
			return r;
	}
	rs_found ext = found_none();
	if (m->busy)
		return w;
	m->busy = true;
	for (rs_item *it = m->items; it; it = it->next) {
		if (it->kind != RS_USE || !it->glob || !on_target(it, q->t))
			continue;
		walk g = follow_use(q, it, RS_NS_TYPE, true);
		if (g.mod && !g.mod->busy) {
			walk r = lookup(q, g.mod, name, ns, want_mod);
			if (r.mod || r.item) {
				m->busy = false;
				return r;
			}
			/* that module imports it from another crate (serde's
			 * `mod lib { pub use self::core::iter; }`) */
			if (r.ext.res && !ext.res)
				ext = r.ext;
		} else if (g.ext.res && !ext.res &&
			   glob_may_have(q, &g.ext, name, want_mod)) {
			/* `use other::*;`: the name may come from there */
			ext = external(q, g.ext.segs, g.ext.nsegs, &name, 1);
		}
	}
	m->busy = false;
	w.ext = ext;
	return w;
}

/* `Type::NAME`: an associated const of an inherent impl of Type. */
static rs_item *assoc_const(tl_ctx *ctx, rs_module *mod,
			    const char *const *segs, uint32_t nsegs,
			    bool global, unsigned t)
{
	rs_found ty = rs_resolve(ctx, mod, segs, nsegs - 1, global,
				 RS_NS_TYPE, t);
	if (ty.res != TL_RUST_RES_DEF)
		return NULL;
	const char *name = segs[nsegs - 1];
	for (rs_item *c = mod->crate->assoc; c; c = c->next_assoc) {
		if (c->name != name || !on_target(c, t))
			continue;
		rs_found o = rs_resolve(ctx, c->mod, c->owner, c->nowner, false,
					RS_NS_TYPE, t);
		if (o.res == TL_RUST_RES_DEF && o.item == ty.item)
			return c;
	}
	return NULL;
}

rs_found rs_resolve(tl_ctx *ctx, rs_module *mod, const char *const *segs,
		    uint32_t nsegs, bool global, rs_ns ns, unsigned t)
{
	scope_q q = {ctx, t, 0};
	walk w = walk_path(&q, mod, segs, nsegs, global, false, ns, false);
	rs_found f = found_none();
	if (!w.item && ns == RS_NS_VALUE && nsegs > 1)
		w.item = assoc_const(ctx, mod, segs, nsegs, global, t);
	if (w.item) {
		f.res = TL_RUST_RES_DEF;
		f.item = w.item;
	} else if (w.ext.res) {
		f = w.ext;
	}
	return f;
}

/* ---- the hooks resolve.c calls ---- */

/* `use std::char;` imports the module, yet `char` alone in a type is the
 * primitive: rustc prefers the primitive type over a module of the same
 * name (rustc_resolve, "primitive type fallback"). */
static bool is_primitive(const char *s)
{
	static const char *const prims[] = {
		"bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize",
		"i8", "i16", "i32", "i64", "i128", "isize", "f16", "f32", "f64",
		"f128",
	};
	for (size_t i = 0; i < sizeof(prims) / sizeof(*prims); i++)
		if (!strcmp(s, prims[i]))
			return true;
	return false;
}

/* A name no scope declares is a primitive type or the std prelude's when
 * it names one (Rust Reference, "Preludes"): `bool` in a crate that also
 * defines `pub type bool = ..` elsewhere (syn) is the primitive, and
 * `Result` beside a `crate::error::Result` is std's. Returned as a std
 * path (`std::primitive::bool` is how Rust spells the primitive), so the
 * global rules skip the crate's own types. Other names: NONE, for the
 * global last-segment fallback. */
static tl_rust_res preludes(tl_ctx *ctx, const tl_texpr *path,
			    const char *const **segs, uint32_t *nsegs)
{
	static const char *const types[][2] = {
		{"option", "Option"}, {"result", "Result"}, {"vec", "Vec"},
		{"string", "String"}, {"boxed", "Box"},
	};
	const char *module = NULL;
	if (path->nsegs != 1 || path->global)
		return TL_RUST_RES_NONE;
	if (is_primitive(path->segs[0]))
		module = "primitive";
	for (size_t i = 0; !module && i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(path->segs[0], types[i][1]))
			module = types[i][0];
	if (!module)
		return TL_RUST_RES_NONE;
	const char **s = tl_arena_array(&ctx->arena, 3, sizeof(*s));
	if (!s) {
		ctx->oom = true;
		return TL_RUST_RES_NONE;
	}
	s[0] = tl_intern_cstr(ctx, "std");
	s[1] = tl_intern_cstr(ctx, module);
	s[2] = path->segs[0];
	*segs = s;
	*nsegs = 3;
	return TL_RUST_RES_EXTERN;
}

static unsigned target_of(const tl_def *def)
{
	return def->target_mask ? (unsigned)__builtin_ctz(def->target_mask) : 0;
}

/* `Self` in the value of a constant (size_of::<Self>()): the type of its
 * inherent impl, if it has one on target t. */
static tl_rust_res const_self(tl_ctx *ctx, const rs_item *c,
			      const tl_texpr *path, unsigned t,
			      const tl_def **out)
{
	rs_found f = {TL_RUST_RES_NONE, NULL, NULL, 0};
	if (c->owner)
		f = rs_resolve(ctx, c->mod, c->owner, c->nowner, false,
			       RS_NS_TYPE, t);
	if (f.res == TL_RUST_RES_DEF && f.item->defs[t]) {
		*out = f.item->defs[t];
		return TL_RUST_RES_DEF;
	}
	if (c->owner)
		return TL_RUST_RES_NONE; /* the global rules say what is wrong */
	tl_error(ctx, path->loc, ID_RS_UNSUPPORTED,
		 "'Self' is only available in impls and type definitions, not in constant '%s'",
		 c->name);
	return TL_RUST_RES_ERROR;
}

tl_rust_res tl_front_rust_resolve_type(tl_ctx *ctx, const tl_def *from,
				       const tl_texpr *path, const tl_def **out,
				       const char *const **segs,
				       uint32_t *nsegs)
{
	*out = NULL;
	*segs = NULL;
	*nsegs = 0;
	if (!tl_front_rust_owns(from) || path->kind != TL_TX_PATH)
		return TL_RUST_RES_NONE;
	const rs_item *self = from->front;
	unsigned t = target_of(from);
	if (path->nsegs == 1 && is_kw(path->segs[0], "Self")) {
		if (self->kind == RS_CONST)
			return const_self(ctx, self, path, t, out);
		*out = from;
		return TL_RUST_RES_DEF;
	}
	if (rs_is_projection(from, path)) {
		/* `I::Item` and `<T as Trait>::X` are resolution's (they
		 * never come here); `Self::X` would need the impl of the
		 * definition's own trait */
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_texpr_print(&sb, path);
		tl_error(ctx, path->loc, ID_RS_UNSUPPORTED,
			 "associated type '%s' is not supported (write the type it stands for)",
			 tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
		return TL_RUST_RES_ERROR;
	}
	rs_found f = rs_resolve(ctx, self->mod, path->segs, path->nsegs,
				path->global, RS_NS_TYPE, t);
	if (f.res == TL_RUST_RES_EXTERN && path->nsegs == 1 &&
	    is_primitive(path->segs[0]))
		return preludes(ctx, path, segs, nsegs);
	if (f.res == TL_RUST_RES_EXTERN) {
		*segs = f.segs;
		*nsegs = f.nsegs;
		return f.res;
	}
	if (f.res == TL_RUST_RES_DEF && f.item->defs[t]) {
		*out = f.item->defs[t];
		return TL_RUST_RES_DEF;
	}
	/* Not here on this target: if another target has it, the path names
	 * a cfg'd-out item (emission gave `from` one def per target for
	 * that reason), and the global rules must not pick another
	 * target's definition. */
	for (unsigned u = 0; f.res != TL_RUST_RES_DEF && u < RS_MAX_TARGETS; u++)
		if (u != t)
			f = rs_resolve(ctx, self->mod, path->segs, path->nsegs,
				       path->global, RS_NS_TYPE, u);
	if (f.res != TL_RUST_RES_DEF)
		return preludes(ctx, path, segs, nsegs);
	tl_error(ctx, path->loc, ID_RS_TARGET,
		 "type '%s' does not exist on target %s (its #[cfg] excludes it)",
		 f.item->name, tl_front_rust_cfg_triple(t));
	return TL_RUST_RES_ERROR;
}

int tl_front_rust_const(tl_ctx *ctx, const tl_def *from, const tl_cexpr *path,
			tl_prim *type, tl_u128 *value)
{
	if (!tl_front_rust_owns(from) || path->kind != TL_CX_PATH)
		return 0;
	unsigned t = target_of(from);
	rs_item *c = rs_const_find(ctx, from->front, t, path);
	return c ? rs_const_answer(ctx, c, t, type, value) : 0;
}

bool tl_front_rust_same_crate(const tl_def *a, const tl_def *b)
{
	if (!tl_front_rust_owns(a) || !tl_front_rust_owns(b))
		return false;
	const rs_item *x = a->front, *y = b->front;
	return x->mod->crate == y->mod->crate;
}
