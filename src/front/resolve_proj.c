/*
 * Associated types in resolution: `<T as Trait>::Name` and `P::Name` become
 * projection terms (answered at once by the impls when T is concrete,
 * model/projection.c), and a generic instance whose fields, at any depth,
 * hold a projection no impl answers is reported where it is written (not
 * later, deep inside the prelude type that happens to hold it).
 */
#include "front/resolve_int.h"
#include "front/rust_parse.h"
#include "util/strbuf.h"

/* r->instances: instance id -> state; a checked one keeps its answer */
#define INST_QUEUED 1u
#define INST_BUSY 2u
#define INST_DONE 3u  /* | unanswered projection << 2 */

/* The generic parameter `name` of the definition being resolved, or -1. */
static int param_index(const rsv *r, const char *name)
{
	for (uint32_t i = 0; r->def && i < r->def->nparams; i++)
		if (r->def->params[i].name == name && !r->def->params[i].is_const)
			return (int)i;
	return -1;
}

tl_type_id rsv_projection(rsv *r, const tl_texpr *t, bool *handled)
{
	int param = -1;
	*handled = t->inner || (t->nsegs >= 2 && !t->global &&
				(param = param_index(r, t->segs[0])) >= 0);
	if (!*handled)
		return 0;
	if (t->nsegs != 2 || t->nargs) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_texpr_print(&sb, t);
		tl_error(r->ctx, t->loc, "associated-type",
			 "associated type '%s' is not supported (only `<T as Trait>::Name` and `T::Name` without generic arguments are)",
			 tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
		return 0;
	}
	tl_type_id self = t->inner ? rsv_type(r, t->inner) :
		tl_type_param(r->ctx, (uint32_t)param, t->segs[0]);
	if (!self)
		return 0;
	tl_type_id id = tl_type_proj(r->ctx, self, t->inner ? t->text : NULL,
				     t->segs[1]);
	const tl_type *ty = tl_type_get(r->ctx, id);
	if (ty && ty->kind == TL_TY_PROJ && !ty->has_params) {
		tl_type__proj_report(r->ctx, id, t->loc);
		return 0;
	}
	return id;
}

static tl_type_id fields_unanswered(rsv *r, tl_type_id id, const tl_field *f,
				    uint32_t n, unsigned depth)
{
	tl_type_id bad = 0;
	for (uint32_t i = 0; i < n && !bad; i++)
		bad = rsv_unanswered(r, tl_type_field(r->ctx, id, &f[i]), depth + 1);
	return bad;
}

tl_type_id rsv_unanswered(rsv *r, tl_type_id id, unsigned depth)
{
	const tl_type *t = tl_type_get(r->ctx, id);
	if (!t || t->has_params || depth > RSV_MAX_DEPTH)
		return 0;
	switch (t->kind) {
	case TL_TY_PROJ:
		return id;
	case TL_TY_REF:
	case TL_TY_RAWPTR:
	case TL_TY_SLICE:
	case TL_TY_ARRAY:
	case TL_TY_C_ATOMIC:
		return rsv_unanswered(r, t->inner, depth + 1);
	case TL_TY_TUPLE:
		for (uint32_t i = 0; i < t->nargs; i++) {
			tl_type_id bad = rsv_unanswered(r, t->args[i], depth + 1);
			if (bad)
				return bad;
		}
		return 0;
	case TL_TY_ADT:
		break;
	default:
		return 0;
	}
	/* a non-generic definition's fields were checked when resolved */
	if (!t->nargs)
		return 0;
	/* each instance once */
	uintptr_t seen = (uintptr_t)tl_ptrmap_get(&r->instances,
						  (void *)(uintptr_t)id);
	if (seen == INST_BUSY || (seen & 3) == INST_DONE)
		return (tl_type_id)(seen >> 2);
	if (tl_ptrmap_put(&r->instances, (void *)(uintptr_t)id,
			  (void *)INST_BUSY) < 0) {
		r->ctx->oom = true;
		return 0;
	}
	const tl_def *d = t->def;
	tl_type_id bad = fields_unanswered(r, id, d->fields, d->nfields, depth);
	for (uint32_t v = 0; v < d->nvariants && !bad; v++)
		bad = fields_unanswered(r, id, d->variants[v].fields,
					d->variants[v].nfields, depth);
	if (tl_ptrmap_put(&r->instances, (void *)(uintptr_t)id,
			  (void *)((uintptr_t)bad << 2 | INST_DONE)) < 0)
		r->ctx->oom = true;
	return bad;
}

void rsv_check_instance(rsv *r, tl_type_id id, tl_loc loc)
{
	const tl_type *t = tl_type_get(r->ctx, id);
	if (!t || t->has_params ||
	    tl_ptrmap_get(&r->instances, (void *)(uintptr_t)id))
		return;
	rsv_use use = {id, loc};
	if (tl_ptrmap_put(&r->instances, (void *)(uintptr_t)id,
			  (void *)INST_QUEUED) < 0 || !TL_VEC_PUSH(r->uses, use))
		r->ctx->oom = true;
}

void rsv_check_instances(rsv *r)
{
	for (size_t i = 0; i < r->uses.len; i++) {
		tl_type_id bad = rsv_unanswered(r, r->uses.items[i].id, 0);
		if (bad)
			tl_type__proj_report(r->ctx, bad, r->uses.items[i].loc);
	}
	r->uses.len = 0;
}
