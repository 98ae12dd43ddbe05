/*
 * From parsed items to definitions. One model serves every target, so an
 * item that comes out differently on some target (a field or variant
 * under `#[cfg(target_arch = ...)]`, a `cfg_attr`'d repr, or a field whose
 * type is such an item) becomes one tl_def per target with target_mask
 * 1 << t; every other item becomes one tl_def (target_mask 0, or the
 * targets it exists on). The report already shows each def only on its
 * targets.
 *
 * "Comes out differently" is closed over dependencies: an item is split
 * when it names (in a field, an alias, a default, an array length or a
 * discriminant, through constants too) an item that is split or that does
 * not exist on all of its targets; this repeats until nothing changes.
 */
#include <stdio.h>
#include <string.h>

#include "front/front_rust_int.h"

typedef struct emitter {
	rs_load *ld;
	rs_item *it;      /* the item being checked */
	unsigned t;
	bool split;       /* a dependency forces `it` apart */
	bool dep_failed;  /* a constant used has no value (reported) */
} emitter;

static rs_mask mask_of(rs_load *ld, const struct tl_cfg *cfg, rs_mask within)
{
	return within & rs_cfg_eval(&ld->cfgs, cfg);
}

/* 0 or all of `within`: the same on every target of the item. */
static bool uniform(rs_mask m, rs_mask within)
{
	m &= within;
	return m == 0 || m == within;
}

static bool fields_vary(rs_load *ld, const tl_field *f, uint32_t n,
			rs_mask within)
{
	for (uint32_t i = 0; i < n; i++)
		if (!uniform(mask_of(ld, f[i].cfg, within), within))
			return true;
	return false;
}

/* Whether the item's own text differs between its targets. */
static bool content_varies(rs_load *ld, const rs_item *it)
{
	const tl_def *d = it->tmpl;
	rs_mask m = it->mask;
	for (uint32_t i = 0; i < it->nreprs; i++)
		if (!uniform(mask_of(ld, it->reprs[i].cfg, m), m))
			return true;
	if (fields_vary(ld, d->fields, d->nfields, m))
		return true;
	for (uint32_t i = 0; i < d->nvariants; i++) {
		const tl_variant *v = &d->variants[i];
		rs_mask vm = mask_of(ld, v->cfg, m);
		if (!uniform(vm, m) ||
		    (vm && fields_vary(ld, v->fields, v->nfields, vm)))
			return true;
	}
	return false;
}

static bool is_param(const tl_def *d, const char *name)
{
	for (uint32_t i = 0; d && i < d->nparams; i++)
		if (d->params[i].name == name)
			return true;
	return false;
}

static void depends_on(emitter *e, const rs_item *dep)
{
	if (dep->varying || (dep->mask & e->it->mask) != e->it->mask)
		e->split = true;
}

static void walk_cx(emitter *e, rs_module *mod, const tl_cexpr *x);
static void walk_tx(emitter *e, const tl_texpr *x);

/* A constant used on target t: checked (and evaluated, reporting its
 * errors) once per target; constants it uses count as used by the item. */
static void use_const(emitter *e, rs_item *c)
{
	unsigned bit = 1u << e->t;
	if (c->cwalking & bit) {
		/* rustc: "cycle detected when const-evaluating" */
		if (c->cstate[e->t] != RS_CONST_FAILED)
			tl_error(e->ld->ctx, c->loc, "const-eval",
				 "cycle detected when evaluating constant '%s'",
				 c->name);
		c->cstate[e->t] = RS_CONST_FAILED;
	} else if (!(c->cwalked & bit)) {
		c->cwalked |= bit;
		c->cwalking |= bit;
		if (rs_const_parse(e->ld->ctx, c)) {
			/* the constant's own dependencies, remembered in
			 * c->varying for every item that uses it */
			emitter sub = {e->ld, c, e->t, false, false};
			walk_cx(&sub, c->mod, c->cexpr);
			c->varying |= sub.split;
			/* one message per error: quiet when a dependency
			 * failed, and on targets after the first */
			if (c->cstate[e->t] != RS_CONST_FAILED)
				rs_const_value(e->ld->ctx, c, e->t, sub.dep_failed ||
					       e->t != (unsigned)__builtin_ctz(c->mask));
		}
		c->cwalking &= (uint8_t)~bit;
	}
	if (c->cint && c->cstate[e->t] != RS_CONST_DONE &&
	    c->cstate[e->t] != RS_CONST_DEFERRED)
		e->dep_failed = true;
	depends_on(e, c);
}

static void walk_cx(emitter *e, rs_module *mod, const tl_cexpr *x)
{
	if (!x)
		return;
	switch (x->kind) {
	case TL_CX_PATH: {
		if (x->nsegs == 1 && is_param(e->it->tmpl, x->segs[0]))
			return;
		rs_found f = rs_resolve(e->ld->ctx, mod, x->segs, x->nsegs, false,
					RS_NS_VALUE, e->t);
		if (f.res == TL_RUST_RES_DEF)
			use_const(e, f.item);
		return;
	}
	case TL_CX_UNARY:
	case TL_CX_CAST:
		walk_cx(e, mod, x->a);
		return;
	case TL_CX_BINARY:
		walk_cx(e, mod, x->a);
		walk_cx(e, mod, x->b);
		return;
	case TL_CX_SIZEOF: /* written in e->it's module, like mod */
		walk_tx(e, x->ty);
		return;
	case TL_CX_INT:
	case TL_CX_BOOL:
		return;
	}
}

static void walk_tx(emitter *e, const tl_texpr *x)
{
	rs_module *mod = e->it->mod;
	if (!x)
		return;
	switch (x->kind) {
	case TL_TX_PATH:
		walk_tx(e, x->inner); /* the self type of `<T as Tr>::X` */
		for (uint32_t i = 0; i < x->nargs; i++) {
			walk_tx(e, x->args[i].type);
			walk_cx(e, mod, x->args[i].value);
		}
		if (x->nsegs == 1 && (is_param(e->it->tmpl, x->segs[0]) ||
				      !strcmp(x->segs[0], "Self")))
			return;
		rs_found f = rs_resolve(e->ld->ctx, mod, x->segs, x->nsegs,
					x->global, RS_NS_TYPE, e->t);
		if (f.res == TL_RUST_RES_DEF) {
			depends_on(e, f.item);
		} else if (f.res == TL_RUST_RES_NONE && x->nsegs == 1 && !x->nargs) {
			/* `Foo<LEN>`: a const argument written like a type */
			f = rs_resolve(e->ld->ctx, mod, x->segs, 1, false,
				       RS_NS_VALUE, e->t);
			if (f.res == TL_RUST_RES_DEF)
				use_const(e, f.item);
		}
		return;
	case TL_TX_REF:
	case TL_TX_RAWPTR:
	case TL_TX_SLICE:
		walk_tx(e, x->inner);
		return;
	case TL_TX_ARRAY:
		walk_tx(e, x->inner);
		walk_cx(e, mod, x->len);
		return;
	case TL_TX_TUPLE:
		for (uint32_t i = 0; i < x->nelems; i++)
			walk_tx(e, x->elems[i]);
		return;
	case TL_TX_FNPTR: /* a pointer whatever its signature */
	case TL_TX_DYN:
	case TL_TX_NEVER:
	case TL_TX_INFER:
		return;
	}
}

static void walk_fields(emitter *e, const tl_field *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if ((mask_of(e->ld, f[i].cfg, RS_ALL) >> e->t) & 1)
			walk_tx(e, f[i].texpr);
}

/* Walks the dependencies of `it` on target t: whether one forces it apart. */
static bool walk_deps(rs_load *ld, rs_item *it, unsigned t)
{
	emitter e = {ld, it, t, false, false};
	const tl_def *d = it->tmpl;
	for (uint32_t i = 0; i < d->nparams; i++)
		walk_tx(&e, d->params[i].deflt);
	walk_fields(&e, d->fields, d->nfields);
	walk_tx(&e, d->alias_of);
	walk_tx(&e, d->impl_for);
	for (uint32_t i = 0; i < d->nvariants; i++) {
		const tl_variant *v = &d->variants[i];
		if (!((mask_of(ld, v->cfg, RS_ALL) >> t) & 1))
			continue;
		walk_fields(&e, v->fields, v->nfields);
		walk_cx(&e, it->mod, v->disc_expr);
	}
	return e.split;
}

/* ---- associated types ---- */

/* `I::Item`, `Self::Output`, `<T as Trait>::X` in definition d */
bool rs_is_projection(const tl_def *d, const tl_texpr *x)
{
	return x->kind == TL_TX_PATH && x->nsegs > 1 && !x->global &&
	       (x->segs[0][0] == '<' || !strcmp(x->segs[0], "Self") ||
		is_param(d, x->segs[0]));
}

/* ---- building the definitions ---- */

static tl_field *filter_fields(rs_load *ld, const tl_field *f, uint32_t n,
			       unsigned t, bool tuple, uint32_t *out_n)
{
	tl_field *r = n ? tl_arena_array(&ld->ctx->arena, n, sizeof(*r)) : NULL;
	uint32_t k = 0;
	*out_n = 0;
	if (n && !r)
		return rs_oom(ld);
	for (uint32_t i = 0; i < n; i++) {
		if (!((mask_of(ld, f[i].cfg, RS_ALL) >> t) & 1))
			continue;
		r[k] = f[i];
		r[k].cfg = NULL;
		if (tuple && k != i) { /* tuple fields are numbered after cfg */
			char num[16];
			snprintf(num, sizeof(num), "%u", k);
			r[k].name = tl_intern_cstr(ld->ctx, num);
		}
		k++;
	}
	*out_n = k;
	return r;
}

/* The repr hints that hold on target t, folded as rustc folds several
 * #[repr] attributes; conflicts are rustc's errors E0566, E0587, E0634. */
static void fold_repr(rs_load *ld, rs_item *it, unsigned t, tl_def *d,
		      bool report)
{
	const char *bad = NULL;
	tl_loc loc = it->loc, align_loc = it->loc;
	for (uint32_t i = 0; i < it->nreprs; i++) {
		const rs_repr *h = &it->reprs[i];
		if (!((mask_of(ld, h->cfg, RS_ALL) >> t) & 1))
			continue;
		if (h->flag == TL_REPR_PACKED && (d->repr.flags & TL_REPR_PACKED))
			bad = "conflicting packed representation hints";
		else if (h->flag == TL_REPR_INT && (d->repr.flags & TL_REPR_INT) &&
			 d->repr.int_type != h->prim)
			bad = "conflicting representation hints";
		else if (h->flag == TL_REPR_INT && d->kind != TL_DEF_ENUM)
			bad = "repr(u8) and the other integer hints apply to enums only";
		else if (h->flag == TL_REPR_PACKED && d->kind == TL_DEF_ENUM)
			bad = "repr(packed) applies to structs and unions only";
		else if (h->flag == TL_REPR_SIMD)
			bad = "repr(simd) is not supported";
		if (bad) {
			loc = h->loc;
			break;
		}
		d->repr.flags |= h->flag;
		if (h->flag == TL_REPR_PACKED)
			d->repr.packed = (uint32_t)h->n;
		if (h->flag == TL_REPR_ALIGN)
			align_loc = h->loc;
		if (h->flag == TL_REPR_ALIGN && h->n > d->repr.align)
			d->repr.align = h->n;
		if (h->flag == TL_REPR_INT)
			d->repr.int_type = h->prim;
	}
	if (!bad && (d->repr.flags & TL_REPR_PACKED) &&
	    (d->repr.flags & TL_REPR_ALIGN)) {
		bad = "type has conflicting packed and align representation hints";
		loc = align_loc;
	}
	if (bad && report)
		tl_error(ld->ctx, loc, ID_RS_REPR, "%s", bad);
}

static tl_def *make_def(rs_load *ld, rs_item *it, unsigned t, bool report)
{
	tl_def *d = tl_arena_memdup(&ld->ctx->arena, it->tmpl, sizeof(*d));
	if (!d)
		return rs_oom(ld);
	const tl_def *s = it->tmpl;
	d->fields = filter_fields(ld, s->fields, s->nfields, t,
				  s->shape == TL_SHAPE_TUPLE, &d->nfields);
	if (s->nvariants) {
		d->variants = tl_arena_array(&ld->ctx->arena, s->nvariants,
					     sizeof(*d->variants));
		if (!d->variants)
			return rs_oom(ld);
		d->nvariants = 0;
		for (uint32_t i = 0; i < s->nvariants; i++) {
			const tl_variant *v = &s->variants[i];
			if (!((mask_of(ld, v->cfg, RS_ALL) >> t) & 1))
				continue;
			tl_variant *nv = &d->variants[d->nvariants++];
			*nv = *v;
			nv->cfg = NULL;
			nv->fields = filter_fields(ld, v->fields, v->nfields, t,
						   v->shape == TL_SHAPE_TUPLE,
						   &nv->nfields);
		}
	}
	fold_repr(ld, it, t, d, report);
	d->report = !d->impl_for;
	d->front = it;
	return d;
}

static void emit_item(rs_load *ld, rs_item *it)
{
	if (!it->mask)
		return;
	unsigned first = (unsigned)__builtin_ctz(it->mask);
	if (!it->varying) {
		tl_def *d = make_def(ld, it, first, true);
		if (!d)
			return;
		d->target_mask = it->mask == RS_ALL ? 0 : it->mask;
		for (unsigned t = 0; t < RS_MAX_TARGETS; t++)
			if ((it->mask >> t) & 1)
				it->defs[t] = d;
		if (tl_def_add(ld->ctx, d) < 0)
			rs_oom(ld);
		return;
	}
	for (unsigned t = first; t < RS_MAX_TARGETS; t++) {
		if (!((it->mask >> t) & 1))
			continue;
		tl_def *d = make_def(ld, it, t, t == first);
		if (!d)
			return;
		d->target_mask = 1u << t;
		it->defs[t] = d;
		if (tl_def_add(ld->ctx, d) < 0)
			rs_oom(ld);
	}
}

void rs_emit(rs_load *ld)
{
	for (size_t i = 0; i < ld->types.len; i++) {
		rs_item *it = ld->types.items[i];
		it->varying = it->mask && content_varies(ld, it);
	}
	/* dependencies: a fixed point, since splitting one item may split
	 * the items that use it */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < ld->types.len; i++) {
			rs_item *it = ld->types.items[i];
			for (unsigned t = 0; it->mask && t < RS_MAX_TARGETS; t++) {
				if (!((it->mask >> t) & 1))
					continue;
				if (walk_deps(ld, it, t) && !it->varying) {
					it->varying = true;
					changed = true;
				}
			}
		}
	}
	for (size_t i = 0; i < ld->types.len && !ld->ctx->oom; i++)
		emit_item(ld, ld->types.items[i]);
}
