/*
 * Resolution of type expressions into interned type terms: paths and
 * their generic arguments, aliases, defaults, array lengths. The lookup
 * order is documented in resolve.h.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front_rust.h"
#include "front/resolve_int.h"
#include "front/rust_parse.h"
#include "util/strbuf.h"



/* Generic const parameters for the evaluator: known, but without a value
 * (they are only allowed alone, as `[T; N]`; see rsv_const_arg). */
static int rsv_lookup(void *user, const tl_cexpr *path, tl_prim *type,
		     tl_u128 *value)
{
	rsv *r = user;
	if (r->def && path->nsegs == 1)
		for (uint32_t i = 0; i < r->def->nparams; i++)
			if (r->def->params[i].is_const &&
			    r->def->params[i].name == path->segs[0]) {
				*type = r->def->params[i].const_type;
				return -1;
			}
	/* `const` items of `.rs` input, through the module's scope; other
	 * front ends with named constants would hook in here */
	if (r->def && tl_front_rust_owns(r->def))
		return tl_front_rust_const(r->ctx, r->def, path, type, value);
	return 0;
}

bool rsv_init(rsv *r, tl_ctx *ctx)
{
	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->env.ctx = ctx;
	r->env.usize_bits = 64; /* NEEDSWORK: per target, see const_eval.h */
	r->env.lookup = rsv_lookup;
	r->env.user = r;
	tl_ptrmap_init(&r->prims);
	tl_ptrmap_init(&r->const_bodies);
	tl_ptrmap_init(&r->alias_state);
	tl_ptrmap_init(&r->defaults);
	tl_ptrmap_init(&r->simple[0]);
	tl_ptrmap_init(&r->simple[1]);
	tl_ptrmap_init(&r->instances);
	tl_ptrmap_init(&r->shared_ids);
	if (!rsv_prims_map(ctx, &r->prims))
		return false;
	r->self_name = tl_intern_cstr(ctx, "Self");
	r->nadt_ids = ctx->defs.len;
	r->adt_ids = calloc(r->nadt_ids ? r->nadt_ids : 1, sizeof(*r->adt_ids));
	return r->self_name && r->adt_ids;
}

void rsv_release(rsv *r)
{
	TL_VEC_FREE(r->cands);
	free(r->adt_ids);
	tl_ptrmap_release(&r->prims);
	tl_ptrmap_release(&r->alias_state);
	tl_ptrmap_release(&r->defaults);
	tl_ptrmap_release(&r->const_bodies);
	tl_ptrmap_release(&r->simple[0]);
	tl_ptrmap_release(&r->simple[1]);
	tl_ptrmap_release(&r->instances);
	tl_ptrmap_release(&r->shared_ids);
	TL_VEC_FREE(r->uses);
}

static tl_type_id self_type(rsv *r, const tl_texpr *t)
{
	if (!r->def || r->def->kind == TL_DEF_ALIAS || r->def->ncases) {
		tl_error(r->ctx, t->loc, ID_UNKNOWN_TYPE,
			 "'Self' is only allowed inside a struct, enum, union or closure");
		return 0;
	}
	uint32_t n = r->def->nparams;
	tl_type_id *args = n ? malloc(n * sizeof(*args)) : NULL;
	if (n && !args) {
		r->ctx->oom = true;
		return 0;
	}
	for (uint32_t i = 0; i < n; i++)
		args[i] = tl_type_param(r->ctx, i, r->def->params[i].name);
	tl_type_id id = tl_type_adt(r->ctx, r->def, args, n);
	free(args);
	return id;
}

/* A const argument or array length: a bare const parameter stays a
 * PARAM term, one that needs a layout a CONST_EXPR term, anything else is
 * evaluated in `type`. */
static tl_type_id rsv_const_arg(rsv *r, const tl_cexpr *e, tl_prim type)
{
	if (e->kind == TL_CX_PATH && e->nsegs == 1 && r->def) {
		for (uint32_t i = 0; i < r->def->nparams; i++) {
			const tl_gparam *g = &r->def->params[i];
			if (!g->is_const || g->name != e->segs[0])
				continue;
			if (g->const_type != type) {
				tl_error(r->ctx, e->loc, "const-eval",
					 "mismatched types in constant expression: expected '%s', found '%s'",
					 tl_prim_name(type), tl_prim_name(g->const_type));
				return 0;
			}
			return tl_type_param(r->ctx, i, g->name);
		}
	}
	/* size_of/align_of: the layout engine evaluates it per target */
	if (tl_cexpr_needs_layout(&r->env, e))
		return rsv_const_expr(r, e, type);
	tl_u128 v;
	if (tl_cexpr_eval(&r->env, e, type, &v, NULL) != TL_OK)
		return 0;
	return tl_type_const(r->ctx, (tl_i128)v);
}

static tl_type_id const_garg(rsv *r, const tl_garg *a, const tl_gparam *g,
			     const tl_def *def, tl_loc loc)
{
	if (a->value)
		return rsv_const_arg(r, a->value, g->const_type);
	const tl_texpr *t = a->type;
	const char *last = t && t->kind == TL_TX_PATH ? t->segs[t->nsegs - 1] : NULL;
	bool names_type = last && (tl_ptrmap_get(&r->prims, last) ||
				   tl_def_lookup(r->ctx, last));
	if (t && t->kind == TL_TX_PATH && !t->nargs && !t->global && !names_type) {
		/* `Foo<N>` parses as a type path; it names a constant */
		tl_cexpr e = {.kind = TL_CX_PATH, .loc = t->loc, .segs = t->segs,
			      .nsegs = t->nsegs};
		return rsv_const_arg(r, &e, g->const_type);
	}
	tl_error(r->ctx, t ? t->loc : loc, ID_GENERIC_ARGS,
		 "expected a constant for parameter '%s' of '%s', found a type",
		 g->name, def->name);
	return 0;
}

static void wrong_count(rsv *r, const tl_texpr *t, const tl_def *def,
			uint32_t required, uint32_t given)
{
	if (required == def->nparams)
		tl_error(r->ctx, t->loc, ID_GENERIC_ARGS,
			 "wrong number of generic arguments for '%s': expected %u, found %u",
			 def->name, required, given);
	else
		tl_error(r->ctx, t->loc, ID_GENERIC_ARGS,
			 "wrong number of generic arguments for '%s': expected %u to %u, found %u",
			 def->name, required, def->nparams, given);
}

/* The generic arguments of a use of `def` (defaults filled in). */
static bool rsv_args(rsv *r, const tl_texpr *t, const tl_def *def,
		    tl_type_id *args)
{
	uint32_t np = def->nparams, given = 0, required = 0;
	bool ok = true;
	for (uint32_t i = 0; i < np; i++)
		required += !def->params[i].deflt;
	for (uint32_t i = 0; i < t->nargs; i++) {
		const tl_garg *a = &t->args[i];
		if (a->lifetime)
			continue;
		if (a->assoc) {
			tl_error(r->ctx, a->type ? a->type->loc : t->loc, ID_GENERIC_ARGS,
				 "associated type bindings such as '%s = ..' are only allowed on traits",
				 a->assoc);
			ok = false;
			continue;
		}
		if (given >= np) {
			given++;
			continue;
		}
		const tl_gparam *g = &def->params[given];
		tl_type_id id = 0;
		if (g->is_const)
			id = const_garg(r, a, g, def, t->loc);
		else if (a->value)
			tl_error(r->ctx, a->value->loc, ID_GENERIC_ARGS,
				 "expected a type for parameter '%s' of '%s', found a constant",
				 g->name, def->name);
		else
			id = rsv_type(r, a->type);
		ok &= id != 0;
		args[given++] = id;
	}
	if (ok && (given > np || given < required)) {
		wrong_count(r, t, def, required, given);
		ok = false;
	}
	for (uint32_t i = given; ok && i < np; i++) {
		tl_type_id d = rsv_default(r, def, i);
		args[i] = d ? rsv_subst_checked(r, d, args, i, def->name, t->loc) : 0;
		ok = args[i] != 0;
	}
	return ok;
}

static tl_type_id rsv_adt(rsv *r, const tl_texpr *t, const tl_def *def)
{
	bool cacheable = !def->nparams && !def->ncases && !t->nargs &&
			 def->kind != TL_DEF_ALIAS && def->index < r->nadt_ids &&
			 r->ctx->defs.items[def->index] == def;
	if (cacheable && r->adt_ids[def->index])
		return r->adt_ids[def->index];
	uint32_t np = def->nparams;
	tl_type_id small[8];
	tl_type_id *args = np <= 8 ? small : malloc(np * sizeof(*args));
	if (!args) {
		r->ctx->oom = true;
		return 0;
	}
	tl_type_id id = 0;
	if (def->ncases)
		rsv_cases(r, (tl_def *)def); /* tl_type_adt applies them */
	if (rsv_args(r, t, def, args)) {
		if (def->kind != TL_DEF_ALIAS) {
			id = tl_type_adt(r->ctx, def, args, np);
		} else {
			tl_type_id target = rsv_alias(r, (tl_def *)def);
			id = target ? rsv_subst_checked(r, target, args, np, def->name,
						   t->loc) : 0;
		}
	}
	if (args != small)
		free(args);
	if (id && np)
		rsv_check_instance(r, id, t->loc);
	if (cacheable)
		r->adt_ids[def->index] = id;
	return id;
}

static tl_type_id rsv_path(rsv *r, const tl_texpr *t)
{
	bool projection;
	tl_type_id proj = rsv_projection(r, t, &projection);
	if (projection)
		return proj;
	const char *name = t->segs[t->nsegs - 1];
	bool single = t->nsegs == 1 && !t->global;
	if (single && r->def) {
		for (uint32_t i = 0; i < r->def->nparams; i++) {
			const tl_gparam *g = &r->def->params[i];
			if (g->name != name)
				continue;
			if (g->is_const || t->nargs) {
				tl_error(r->ctx, t->loc, ID_GENERIC_ARGS,
					 g->is_const ? "const parameter '%s' cannot be used as a type" :
						       "generic parameter '%s' takes no generic arguments",
					 name);
				return 0;
			}
			return tl_type_param(r->ctx, i, name);
		}
		if (name == r->self_name && !tl_front_rust_is_const_scope(r->def))
			return self_type(r, t);
	}
	rsv_path_ref ref = {t->segs, t->nsegs, false};
	bool rust = r->def && tl_front_rust_owns(r->def);
	/* a plain name (no parameter, no module scope) that named a
	 * primitive or a prelude type once names it everywhere: no user
	 * definition can appear while resolving */
	bool simple = single && !t->nargs && !rust;
	tl_ptrmap *cache = &r->simple[r->def && r->def->builtin];
	if (simple) {
		uintptr_t hit = (uintptr_t)tl_ptrmap_get(cache, name);
		if (hit)
			return (tl_type_id)hit;
	}
	if (rust) {
		/* `.rs` input: the module's scope and imports come first */
		const tl_def *d;
		switch (tl_front_rust_resolve_type(r->ctx, r->def, t, &d, &ref.segs,
						   &ref.nsegs)) {
		case TL_RUST_RES_DEF:
			return rsv_adt(r, t, d);
		case TL_RUST_RES_EXTERN:
			ref.external = true;
			break;
		case TL_RUST_RES_ERROR:
			return 0;
		case TL_RUST_RES_NONE:
			ref.segs = t->segs;
			ref.nsegs = t->nsegs;
			break;
		}
	}
	const tl_def *def;
	tl_type_id prim;
	tl_type_id id = 0;
	switch (rsv_lookup_global(r, t, &ref, &def, &prim)) {
	case RSV_FOUND_DEF:
		id = rsv_adt(r, t, def);
		if (!def->builtin || def->nparams)
			return id; /* user names are many: not worth caching */
		break;
	case RSV_FOUND_PRIM:
		id = prim;
		break;
	default:
		return 0;
	}
	if (simple && id && tl_ptrmap_put(cache, name, (void *)(uintptr_t)id) < 0)
		r->ctx->oom = true;
	return id;
}

/* A tuple's term, or (tuple false) just whether every element resolves. */
static tl_type_id rsv_list(rsv *r, const tl_texpr *const *elems, uint32_t n,
			  bool tuple)
{
	tl_type_id small[8];
	tl_type_id *ids = n <= 8 ? small : malloc(n * sizeof(*ids));
	if (!ids) {
		r->ctx->oom = true;
		return 0;
	}
	bool ok = true;
	for (uint32_t i = 0; i < n; i++)
		ok &= (ids[i] = rsv_type(r, elems[i])) != 0;
	tl_type_id id = ok && tuple ? tl_type_tuple(r->ctx, ids, n) : ok;
	if (ids != small)
		free(ids);
	return id;
}

static tl_type_id type_at(rsv *r, const tl_texpr *t)
{
	tl_ctx *ctx = r->ctx;
	tl_type_id a, b;
	switch (t->kind) {
	case TL_TX_PATH:
		return rsv_path(r, t);
	case TL_TX_REF:
		a = rsv_type(r, t->inner);
		return a ? tl_type_ref(ctx, a, t->mut) : 0;
	case TL_TX_RAWPTR:
		a = rsv_type(r, t->inner);
		return a ? tl_type_rawptr(ctx, a, t->mut) : 0;
	case TL_TX_SLICE:
		a = rsv_type(r, t->inner);
		return a ? tl_type_slice(ctx, a) : 0;
	case TL_TX_ARRAY:
		a = rsv_type(r, t->inner);
		b = t->len ? rsv_const_arg(r, t->len, TL_PRIM_USIZE) : 0;
		return a && b ? tl_type_array(ctx, a, b) : 0;
	case TL_TX_TUPLE:
		return rsv_list(r, t->elems, t->nelems, true);
	case TL_TX_FNPTR:
		/* the signature's types must exist, but only its text (and
		 * pointer size) matters to layouts */
		if (!rsv_list(r, t->elems, t->nelems, false) ||
		    (t->ret && !rsv_type(r, t->ret)))
			return 0;
		return t->mut ? tl_type_fnitem(ctx, t->text) : tl_type_fnptr(ctx, t->text);
	case TL_TX_DYN:
		return tl_type_dyn(ctx, t->text);
	case TL_TX_NEVER:
		return tl_type_never(ctx);
	case TL_TX_INFER:
		tl_error(ctx, t->loc, ID_UNKNOWN_TYPE,
			 "the placeholder '_' is not allowed in field types");
		return 0;
	}
	return 0;
}

tl_type_id rsv_type(rsv *r, const tl_texpr *t)
{
	if (!t)
		return 0;
	if (r->depth >= RSV_MAX_DEPTH) {
		tl_error(r->ctx, t->loc, "too-big",
			 "type is nested too deeply (more than %d levels, aliases included)",
			 RSV_MAX_DEPTH);
		return 0;
	}
	r->depth++;
	tl_type_id id = type_at(r, t);
	r->depth--;
	return id;
}

