/*
 * Builds the report view model: for every requested (type, target) the
 * layout, the fields with names and types, variants, tag, niche, holes and
 * the enum explanation. Emitters read only this.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/holes.h"
#include "analyze/niche_path.h"
#include "model/ctx_internal.h"
#include "typelayout/report.h"
#include "report/report_instances.h"
#include "report/report_int.h"
#include "util/strbuf.h"

static const char *kind_of(const tl_type *ty)
{
	switch (ty->kind) {
	case TL_TY_TUPLE:
	case TL_TY_UNIT:
		return "tuple";
	case TL_TY_REF:
	case TL_TY_RAWPTR:
	case TL_TY_FNPTR:
		return "pointer";
	case TL_TY_ARRAY:
	case TL_TY_SLICE:
		return "array";
	case TL_TY_ADT:
		switch (ty->def->kind) {
		case TL_DEF_UNION: return "union";
		case TL_DEF_ENUM: return "enum";
		case TL_DEF_OPAQUE: return "opaque";
		case TL_DEF_CLOSURE: return "closure";
		default: return "struct";
		}
	default:
		return "scalar";
	}
}

static const char *repr_of(tl_ctx *ctx, const tl_type *ty)
{
	if (ty->kind != TL_TY_ADT)
		return "rust";
	const tl_repr *r = &ty->def->repr;
	if (!r->flags && !(ty->def->lang == TL_LANG_C && ty->def->c_pack))
		return ty->def->lang == TL_LANG_C ? "c" : "rust";
	if (r->flags == TL_REPR_C && ty->def->lang == TL_LANG_RUST)
		return "c";
	char small[64];
	tl_strbuf sb;
	tl_strbuf_on(&sb, small, sizeof(small));
	if (r->flags & TL_REPR_C)
		tl_strbuf_puts(&sb, "c");
	if (r->flags & TL_REPR_TRANSPARENT)
		tl_strbuf_addf(&sb, "%stransparent", sb.len ? "," : "");
	if ((r->flags & TL_REPR_INT) && ty->def->lang == TL_LANG_RUST)
		tl_strbuf_addf(&sb, "%s%s", sb.len ? "," : "", tl_prim_name(r->int_type));
	if (r->flags & TL_REPR_PACKED)
		tl_strbuf_addf(&sb, "%spacked(%u)", sb.len ? "," : "", r->packed);
	if (r->flags & TL_REPR_ALIGN)
		tl_strbuf_addf(&sb, "%salign(%llu)", sb.len ? "," : "",
			       (unsigned long long)r->align);
	if (ty->def->lang == TL_LANG_C && ty->def->c_pack && !(r->flags & TL_REPR_PACKED))
		tl_strbuf_addf(&sb, "%spacked(%u)", sb.len ? "," : "", ty->def->c_pack);
	if (!sb.len)
		tl_strbuf_puts(&sb, ty->def->lang == TL_LANG_C ? "c" : "rust");
	const char *s = tl_intern(ctx, tl_strbuf_cstr(&sb), sb.len);
	tl_strbuf_release(&sb);
	return s ? s : "rust";
}

static const char *field_type_name(tl_ctx *ctx, tl_type_id ft, const tl_field *f)
{
	if (f && f->type_text)
		return f->type_text;
	return tl_type_name(ctx, ft);
}

static tl_status fill_fields(tl_ctx *ctx, tl_arena *mem, const tl_target *t,
			     tl_type_id owner, const tl_field *fs, uint32_t n,
			     const tl_type_id *types, const uint64_t *offsets,
			     const uint64_t *bit_offsets,
			     const tl_report_field **out);

static tl_status fill_one(tl_ctx *ctx, tl_arena *mem, const tl_target *t,
			  tl_report_field *rf,
			  tl_type_id ft, const tl_field *f, uint64_t offset,
			  const uint64_t *bit_offset)
{
	const tl_layout *fl;
	tl_status st = tl_layout_of(ctx, ft, t, &fl);
	if (st)
		return st;
	rf->type = field_type_name(ctx, ft, f);
	rf->offset = offset;
	rf->size = fl->size;
	rf->align = fl->align;
	if (f && f->bit_width >= 0 && bit_offset) {
		rf->is_bitfield = true;
		rf->bit_offset = *bit_offset;
		rf->bit_width = (uint32_t)f->bit_width;
		rf->offset = *bit_offset / 8;
	}
	/* C anonymous members: nest their fields, offsets from the outer record */
	const tl_type *fty = tl_type_get(ctx, ft);
	if (f && f->name[0] == '\0' && !rf->is_bitfield && fty->kind == TL_TY_ADT &&
	    fty->def->lang == TL_LANG_C && fty->def->kind != TL_DEF_ENUM) {
		const tl_def *d = fty->def;
		uint64_t *offs = tl_arena_array(mem, d->nfields + 1, sizeof(*offs));
		uint64_t *bits = tl_arena_array(mem, d->nfields + 1, sizeof(*bits));
		if (!offs || !bits)
			return TL_ENOMEM;
		for (uint32_t i = 0; i < d->nfields; i++) {
			offs[i] = offset + fl->offsets[i];
			bits[i] = offset * 8 + (fl->bit_offsets ? fl->bit_offsets[i] : fl->offsets[i] * 8);
		}
		rf->nfields = d->nfields;
		return fill_fields(ctx, mem, t, ft, d->fields, d->nfields, NULL, offs,
				   fl->bit_offsets ? bits : NULL, &rf->fields);
	}
	return TL_OK;
}

static tl_status fill_fields(tl_ctx *ctx, tl_arena *mem, const tl_target *t,
			     tl_type_id owner, const tl_field *fs, uint32_t n,
			     const tl_type_id *types, const uint64_t *offsets,
			     const uint64_t *bit_offsets,
			     const tl_report_field **out)
{
	tl_report_field *rf = tl_arena_array(mem, n ? n : 1, sizeof(*rf));
	if (!rf)
		return TL_ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		const tl_field *f = fs ? &fs[i] : NULL;
		char num[16];
		if (f) {
			rf[i].name = f->name;
		} else {
			snprintf(num, sizeof(num), "%u", i);
			rf[i].name = tl_intern_cstr(ctx, num);
		}
		tl_type_id ft = types ? types[i] : tl_type_field(ctx, owner, f);
		tl_status st = fill_one(ctx, mem, t, &rf[i], ft, f, offsets[i],
					bit_offsets ? &bit_offsets[i] : NULL);
		if (st)
			return st;
	}
	*out = rf;
	return TL_OK;
}

/* The target-independent part of an entry, computed once per type. */
static void fill_head(tl_ctx *ctx, tl_type_id id, const char *name,
		      tl_report_entry *e)
{
	const tl_type *ty = tl_type_get(ctx, id);
	memset(e, 0, sizeof(*e));
	e->type = id;
	e->name = name ? name : tl_type_name(ctx, id);
	e->kind = kind_of(ty);
	e->repr = repr_of(ctx, ty);
	e->lang = ty->kind == TL_TY_ADT ? ty->def->lang : TL_LANG_RUST;
	if (ty->kind == TL_TY_ADT) {
		e->loc = ty->def->loc;
		e->file = tl_file_path(ctx, e->loc.file);
		e->budget = ty->def->budget;
		/* the first of the prelude's re-export list */
		const char *p = ty->def->path;
		const char *sp = p ? strchr(p, ' ') : NULL;
		e->path = sp ? tl_intern(ctx, p, (size_t)(sp - p)) : p;
	}
}

/* The niche path copied into `mem` (not interned: it lives as long as
 * the entry); NULL when out of memory. */
static const char *niche_path(tl_ctx *ctx, tl_arena *mem, tl_niche_memo *memo,
			      const tl_target *t, tl_type_id id, int variant,
			      uint64_t at)
{
	char small[128];
	tl_strbuf sb;
	tl_strbuf_on(&sb, small, sizeof(small));
	tl_analyze__niche_path_into(ctx, t, id, variant, at, &sb, memo);
	const char *s = sb.oom ? NULL : !sb.len ? "" :
		tl_arena_strndup(mem, sb.buf, sb.len);
	tl_strbuf_release(&sb);
	return s;
}

/* Fills `e` (a copy of the type's head) for target `t`; field arrays come
 * from `mem`. Holes and padding only when `holes` (else the one who takes
 * the entry computes them: tl_report__holes). */
static tl_status fill_entry(tl_ctx *ctx, tl_arena *mem, tl_niche_memo *memo,
			    const tl_target *t, tl_report_entry *e, bool holes)
{
	tl_type_id id = e->type;
	const tl_type *ty = tl_type_get(ctx, id);
	const tl_layout *l;
	e->target = t;
	if (tl_layout_of(ctx, id, t, &l))
		return TL_OK; /* ok stays false; the diagnostic says why */
	e->size = l->size;
	e->align = l->align;
	e->tag = l->tag;
	e->niche = l->niche;
	e->memory_order = l->order;
	tl_status st = TL_OK;
	if (ty->kind == TL_TY_TUPLE) {
		e->nfields = ty->nargs;
		st = fill_fields(ctx, mem, t, id, NULL, ty->nargs, ty->args, l->offsets,
				 NULL, &e->fields);
	} else if (ty->kind == TL_TY_ADT && ty->def->kind == TL_DEF_ENUM) {
		const tl_def *d = ty->def;
		tl_report_variant *rv = tl_arena_array(mem, d->nvariants + 1,
						       sizeof(*rv));
		if (!rv)
			return TL_ENOMEM;
		for (uint32_t v = 0; v < d->nvariants && !st; v++) {
			rv[v].name = d->variants[v].name;
			rv[v].discriminant = d->variants[v].disc;
			if (v >= l->nvariants) {
				/* a C enum: enumerators, no per-variant layout */
				rv[v].size = l->size;
				continue;
			}
			const tl_variant_layout *vl = &l->variants[v];
			rv[v].size = vl->size;
			rv[v].absent = vl->absent;
			rv[v].uninhabited = vl->uninhabited;
			rv[v].nfields = d->variants[v].nfields;
			st = fill_fields(ctx, mem, t, id, d->variants[v].fields,
					 d->variants[v].nfields, NULL, vl->offsets,
					 NULL, &rv[v].fields);
		}
		e->variants = rv;
		e->nvariants = d->nvariants;
	} else if (ty->kind == TL_TY_ADT && ty->def->kind != TL_DEF_OPAQUE) {
		const tl_def *d = ty->def;
		e->nfields = d->nfields;
		st = fill_fields(ctx, mem, t, id, d->fields, d->nfields, NULL, l->offsets,
				 l->bit_offsets, &e->fields);
	}
	if (st)
		return st;
	st = tl_analyze_enum(ctx, id, t, &e->explain);
	if (st)
		return st;
	e->niche_path = e->niche.present ?
		niche_path(ctx, mem, memo, t, id, -1, e->niche.offset) : "";
	e->tag_path = e->tag.encoding == TL_TAG_NICHE ?
		niche_path(ctx, mem, memo, t, id, (int)e->tag.untagged,
			   e->tag.offset) : "";
	if (!e->niche_path || !e->tag_path)
		return TL_ENOMEM;
	e->ok = true;
	/* in the entry's memory: whoever is done with the entry frees
	 * nothing */
	return holes ? tl_report__holes(e, mem) : TL_OK;
}

tl_status tl_report_default_types(tl_ctx *ctx, tl_type_id **out,
				  const char ***names, uint32_t **masks,
				  size_t *n)
{
	size_t count = 0, cap = ctx->defs.len + 1;
	tl_type_id *ids = malloc(cap * sizeof(*ids));
	const char **nm = calloc(cap, sizeof(*nm));
	uint32_t *mk = calloc(cap, sizeof(*mk));
	if (!ids || !nm || !mk)
		goto oom;
	bool generic = false; /* an input defines a generic type */
	for (size_t i = 0; i < ctx->defs.len; i++) {
		/* one pass over every definition, each a miss to memory
		 * unless asked for ahead */
		if (i + 16 < ctx->defs.len)
			__builtin_prefetch(ctx->defs.items[i + 16]);
		const tl_def *d = ctx->defs.items[i];
		generic |= !d->builtin && d->nparams;
		if (!d->report || d->nparams)
			continue;
		bool alias = d->kind == TL_DEF_ALIAS;
		tl_type_id id = alias ? d->alias_type : tl_def_type(ctx, d);
		if (!id)
			continue;
		nm[count] = alias ? d->name : NULL;
		mk[count] = alias ? d->target_mask : 0;
		ids[count++] = id;
	}
	/* then the instances of generic definitions those types use */
	tl_type_id *inst = NULL;
	size_t ninst = 0;
	/* instances are of the inputs' generic definitions: without any,
	 * there is nothing to find */
	if (generic && tl_report__instances(ctx, ids, count, &inst, &ninst) == TL_OK &&
	    ninst) {
		cap = count + ninst + 1;
		tl_type_id *ids2 = realloc(ids, cap * sizeof(*ids));
		if (ids2)
			ids = ids2;
		const char **nm2 = realloc(nm, cap * sizeof(*nm));
		if (nm2)
			nm = nm2;
		uint32_t *mk2 = realloc(mk, cap * sizeof(*mk));
		if (mk2)
			mk = mk2;
		for (size_t i = 0; ids2 && nm2 && mk2 && i < ninst; i++) {
			nm[count] = NULL;
			mk[count] = 0;
			ids[count++] = inst[i];
		}
	}
	free(inst);
	*out = ids;
	*n = count;
	if (names)
		*names = nm;
	else
		free(nm);
	if (masks)
		*masks = mk;
	else
		free(mk);
	return TL_OK;
oom:
	free(ids);
	free(nm);
	free(mk);
	return TL_ENOMEM;
}

static bool def_on_target(const tl_type *ty, size_t target_index)
{
	if (ty->kind != TL_TY_ADT || !ty->def->target_mask)
		return true;
	return (ty->def->target_mask >> target_index) & 1;
}

static size_t builtin_index(const tl_target *t)
{
	for (size_t i = 0; i < tl_target_builtin_count(); i++)
		if (tl_target_builtin(i) == t)
			return i;
	return 0;
}

/* When the layout of `type` for target `t` is one shared with the target
 * of an earlier entry, so is everything the entry says
 * (tl_layout_shared): out[n] becomes a copy of that entry, which the JSON
 * writer repeats without redoing it. */
static bool share_earlier(tl_ctx *ctx, tl_report_entry *out, size_t n,
			  tl_type_id type, const tl_target *t)
{
	const tl_layout *l;
	if (!n || tl_layout_of(ctx, type, t, &l))
		return false;
	for (size_t j = 0; j < n; j++) {
		if (!out[j].ok || out[j].same_as ||
		    !tl_layout_shared(ctx, type, out[j].target, t))
			continue;
		out[n] = out[j];
		out[n].target = t;
		out[n].same_as = (uint32_t)j + 1;
		return true;
	}
	return false;
}

void tl_report__prefetch(const tl_ctx *ctx, const tl_report_request *req,
			 size_t i, int stage)
{
	if (i >= req->ntypes)
		return;
	tl_type_id id = req->types[i];
	if (!id || id > ctx->types.len)
		return;
	const tl_type *ty = ctx->types.items[id - 1];
	if (stage == 0) {
		__builtin_prefetch(ty);
		return;
	}
	if (ty->kind != TL_TY_ADT)
		return;
	const tl_def *d = ty->def;
	if (stage == 1) {
		__builtin_prefetch(d);
		__builtin_prefetch((const char *)d + 64);
		return;
	}
	if (d->fields)
		__builtin_prefetch(d->fields);
	if (d->variants)
		__builtin_prefetch(d->variants);
}

tl_status tl_report__build_type(tl_ctx *ctx, tl_arena *mem,
				tl_niche_memo *memo,
				const tl_report_request *req, size_t i,
				bool holes, tl_report_entry *out, size_t *n)
{
	const tl_type *ty = tl_type_get(ctx, req->types[i]);
	tl_report_entry head;
	bool have_head = false;
	*n = 0;
	uint32_t mask = req->masks ? req->masks[i] : 0;
	for (size_t k = 0; k < req->ntargets; k++) {
		const tl_target *t = req->targets[k];
		size_t bi = builtin_index(t);
		if (!def_on_target(ty, bi) || (mask && !((mask >> bi) & 1)))
			continue;
		tl_status st = TL_OK;
		if (!share_earlier(ctx, out, *n, req->types[i], t)) {
			if (!have_head) {
				fill_head(ctx, req->types[i],
					  req->names ? req->names[i] : NULL, &head);
				have_head = true;
			}
			out[*n] = head;
			out[*n].target = t;
			st = fill_entry(ctx, mem, memo, t, &out[*n], holes);
		}
		(*n)++;
		if (st)
			return st;
	}
	return TL_OK;
}

tl_status tl_report_build(tl_ctx *ctx, const tl_report_request *req,
			  tl_report **out)
{
	*out = NULL;
	tl_report *r = calloc(1, sizeof(*r));
	if (!r)
		return TL_ENOMEM;
	r->ctx = ctx;
	r->inputs = req->inputs;
	r->ninputs = req->ninputs;
	r->targets = req->targets;
	r->ntargets = req->ntargets;
	r->ntypes = req->ntypes;
	r->entries = calloc(req->ntypes * req->ntargets + 1, sizeof(*r->entries));
	if (!r->entries) {
		free(r);
		return TL_ENOMEM;
	}
	tl_niche_memo *memo = tl_niche_memo_new(); /* NULL: no memo */
	for (size_t i = 0; i < req->ntypes; i++) {
		size_t n;
		tl_status st = tl_report__build_type(ctx, &ctx->arena, memo, req, i,
						     true, &r->entries[r->nentries], &n);
		r->nentries += n;
		if (st) {
			tl_niche_memo_free(memo);
			tl_report_free(r);
			return st;
		}
	}
	tl_niche_memo_free(memo);
	*out = r;
	return TL_OK;
}

void tl_report_free(tl_report *r)
{
	if (!r)
		return;
	free(r->entries);
	free(r);
}
