/*
 * Resolution of definitions: field types, closure captures, generic
 * defaults, alias targets and enum discriminants. Discriminant rules are
 * rust-layout.md 7.1: explicit `= expr` or previous + 1 (first 0), in the
 * repr integer type or isize, no overflow, no duplicates, and explicit
 * values on variants with fields only under a primitive repr.
 */
#include <stdlib.h>
#include <string.h>

#include "front/resolve_int.h"
#include "front/rust_parse.h"
#include "util/u128.h"

#define ID_DISC "discriminant"

/* A YAML field type of several parts, one tree for every field written
 * the same way (front_yaml.c): resolved quietly, and parsed again at this
 * use when there is anything to report, so that each diagnostic points
 * into this field's own text. */
static tl_type_id rsv_shared(rsv *r, const tl_texpr *t, tl_loc at)
{
	size_t muted = r->ctx->muted;
	r->ctx->mute++;
	tl_type_id id = rsv_type(r, t);
	r->ctx->mute--;
	if (id && r->ctx->muted == muted)
		return id;
	const tl_texpr *own = tl_rparse_type_text(r->ctx, t->shared_text,
						  strlen(t->shared_text), at);
	return own ? rsv_type(r, own) : 0;
}

/* rsv_shared, once per shared tree (`tree`, the fields' own node; `t`
 * is this use of it) where its answer cannot depend on the use:
 * in a definition without generic parameters, a text without `Self`, a
 * resolution that said nothing and left no projection to check later. */
static tl_type_id rsv_shared_once(rsv *r, const tl_texpr *tree,
				  const tl_texpr *t, tl_loc at)
{
	bool same = r->def && !r->def->nparams &&
		    !strstr(t->shared_text, "Self");
	if (same) {
		void *known = tl_ptrmap_get(&r->shared_ids, tree);
		if (known)
			return (tl_type_id)(uintptr_t)known;
	}
	size_t diags = tl_diag_count(r->ctx), uses = r->uses.len;
	tl_type_id id = rsv_shared(r, t, at);
	if (same && id && tl_diag_count(r->ctx) == diags &&
	    r->uses.len == uses &&
	    tl_ptrmap_put(&r->shared_ids, tree, (void *)(uintptr_t)id) < 0)
		r->ctx->oom = true;
	return id;
}

static void rsv_fields(rsv *r, tl_field *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!f[i].texpr)
			continue; /* a syntax error (reported) or a C field */
		if (f[i].type && f[i].texpr->shared)
			continue; /* found as the YAML was read (load.c) */
		const tl_texpr *t = f[i].texpr;
		tl_loc at = f[i].loc; /* this field's use of a shared node */
		if (f[i].type_col)
			at.col = f[i].type_col;
		tl_texpr use;
		if (t->shared) {
			use = *t;
			use.loc = at;
			t = &use;
		}
		tl_type_id id = t->shared_text ?
			rsv_shared_once(r, f[i].texpr, t, at) : rsv_type(r, t);
		if (id && (f[i].capture == TL_CAPTURE_REF ||
			   f[i].capture == TL_CAPTURE_REF_MUT))
			id = tl_type_ref(r->ctx, id,
					 f[i].capture == TL_CAPTURE_REF_MUT);
		f[i].type = id;
	}
}

static const char *value_str(const rsv *r, tl_prim d, tl_u128 v, char *buf)
{
	(void)r;
	return tl_prim_is_signed(d) ? tl_i128_str((tl_i128)v, buf) :
				      tl_u128_str(v, buf);
}

/* Open addressing over discriminant values: index + 1 of the variant. */
typedef struct disc_table {
	tl_u128 *keys;
	uint32_t *vals;
	size_t cap;
} disc_table;

static bool table_init(disc_table *t, size_t n)
{
	t->cap = 16;
	while (t->cap < 2 * n)
		t->cap *= 2;
	t->keys = malloc(t->cap * sizeof(*t->keys));
	t->vals = calloc(t->cap, sizeof(*t->vals));
	return t->keys && t->vals;
}

/* Returns the index + 1 of an earlier variant with value v, else 0. */
static uint32_t table_put(disc_table *t, tl_u128 v, uint32_t index)
{
	uint64_t h = (uint64_t)v ^ (uint64_t)(v >> 64);
	h *= 0x9E3779B97F4A7C15ull;
	size_t j = (size_t)(h >> 20) & (t->cap - 1);
	while (t->vals[j]) {
		if (t->keys[j] == v)
			return t->vals[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->keys[j] = v;
	t->vals[j] = index + 1;
	return 0;
}

static bool next_disc(rsv *r, tl_prim d, tl_u128 prev, tl_u128 *out)
{
	unsigned w = tl_cx_width(&r->env, d);
	tl_u128 max = tl_u128_max_bytes(w / 8);
	if (tl_prim_is_signed(d))
		max >>= 1;
	if (prev == max)
		return false;
	*out = prev + 1;
	return true;
}

static void rsv_discriminants(rsv *r, tl_def *def)
{
	char b1[48];
	bool prim_repr = def->repr.flags & TL_REPR_INT;
	tl_prim d = prim_repr ? def->repr.int_type : TL_PRIM_ISIZE;
	/* the usual enum: no values written and isize's room, so 0, 1, 2...
	 * can neither overflow nor repeat (no table to check them in) */
	bool written = false;
	for (uint32_t i = 0; i < def->nvariants && !written; i++)
		written = def->variants[i].disc_expr != NULL;
	if (!written && !prim_repr) {
		for (uint32_t i = 0; i < def->nvariants; i++)
			def->variants[i].disc = (tl_i128)i;
		return;
	}
	disc_table tab = {0};
	if (!table_init(&tab, def->nvariants)) {
		r->ctx->oom = true;
		goto out;
	}
	tl_u128 prev = 0;
	for (uint32_t i = 0; i < def->nvariants; i++) {
		tl_variant *v = &def->variants[i];
		tl_u128 val = 0;
		if (v->disc_expr) {
			if (v->nfields && !prim_repr)
				tl_error(r->ctx, v->disc_expr->loc, ID_DISC,
					 "explicit discriminant on variant '%s' with fields needs a primitive representation such as 'repr: u8'",
					 v->name);
			if (tl_cexpr_eval(&r->env, v->disc_expr, d, &val, NULL) != TL_OK)
				val = i ? prev + 1 : 0; /* keep counting after the error */
		} else if (i && !next_disc(r, d, prev, &val)) {
			tl_error(r->ctx, v->loc, ID_DISC,
				 "discriminant of '%s' overflows '%s' (the previous variant has %s)",
				 v->name, tl_prim_name(d), value_str(r, d, prev, b1));
			v->disc = (tl_i128)prev;
			continue; /* not also a duplicate of its predecessor */
		}
		v->disc = (tl_i128)val;
		prev = val;
		uint32_t first = table_put(&tab, val, i);
		if (first) {
			const tl_variant *f = &def->variants[first - 1];
			tl_diag *diag = tl_error(r->ctx, v->disc_expr ? v->disc_expr->loc : v->loc,
						 "duplicate-discriminant",
						 "discriminant value %s is assigned to both '%s' and '%s'",
						 value_str(r, d, val, b1), f->name, v->name);
			tl_diag_note(r->ctx, diag, f->loc, "'%s' has the value %s",
				     f->name, b1);
		}
	}
out:
	free(tab.keys);
	free(tab.vals);
}

/* An associated type of a trait impl: its self type and its type. Both
 * quietly: an impl for a type from another crate (`impl Iterator for
 * std::env::Args`) is no error, only an impl no projection can use. */
static void rsv_impl(rsv *r, tl_def *def)
{
	r->ctx->mute++;
	def->impl_self = rsv_type(r, def->impl_for);
	if (def->impl_self)
		rsv_alias(r, def);
	r->ctx->mute--;
}

/* Drops a resolved definition's pointers into `ctx->syntax` (field types
 * and discriminants as written): that memory is about to be reused. */
static void forget_syntax(tl_def *d)
{
	for (uint32_t k = 0; k < d->nfields; k++)
		d->fields[k].texpr = NULL;
	for (uint32_t v = 0; v < d->nvariants; v++) {
		tl_variant *var = &d->variants[v];
		var->disc_expr = NULL;
		for (uint32_t k = 0; k < var->nfields; k++)
			var->fields[k].texpr = NULL;
	}
}

static void rsv_def(rsv *r, tl_def *def)
{
	r->def = def;
	for (uint32_t i = 0; i < def->nparams; i++)
		if (def->params[i].deflt)
			rsv_default(r, def, i); /* reports errors once */
	if (def->ncases)
		rsv_cases(r, def);
	switch (def->kind) {
	case TL_DEF_STRUCT:
	case TL_DEF_UNION:
	case TL_DEF_CLOSURE:
		rsv_fields(r, def->fields, def->nfields);
		break;
	case TL_DEF_ENUM:
		for (uint32_t i = 0; i < def->nvariants; i++)
			rsv_fields(r, def->variants[i].fields,
				  def->variants[i].nfields);
		/* C enums come with their values from the C front end */
		if (def->lang == TL_LANG_RUST)
			rsv_discriminants(r, def);
		break;
	case TL_DEF_ALIAS:
		if (def->impl_for)
			rsv_impl(r, def);
		else
			rsv_alias(r, def);
		break;
	case TL_DEF_OPAQUE:
		break;
	}
	r->def = NULL;
}

tl_status tl_resolve_defs(tl_ctx *ctx)
{
	rsv r;
	size_t errors = ctx->nerrors;
	if (!rsv_init(&r, ctx)) {
		rsv_release(&r);
		ctx->oom = true;
		return TL_ENOMEM;
	}
	/* impls first: the other definitions' projections need them */
	for (size_t k = 0; k < ctx->impl_defs.len && !ctx->oom; k++)
		if (ctx->impl_defs.items[k] >= ctx->nresolved)
			rsv_def(&r, ctx->defs.items[ctx->impl_defs.items[k]]);
	/* then the others, each one's syntax in `ctx->syntax` forgotten as
	 * soon as it is resolved, while its fields are in the cache (no
	 * other definition's resolution reads them) */
	size_t range = 0;
	for (size_t i = ctx->nresolved; i < ctx->defs.len && !ctx->oom; i++) {
		tl_def *d = ctx->defs.items[i];
		if (d->impl_for)
			continue;
		rsv_def(&r, d);
		while (range < ctx->syntax_defs.len &&
		       ctx->syntax_defs.items[range].to <= i)
			range++;
		if (range < ctx->syntax_defs.len &&
		    ctx->syntax_defs.items[range].from <= i)
			forget_syntax(d);
	}
	rsv_check_instances(&r);
	ctx->nresolved = ctx->defs.len;
	rsv_release(&r);
	if (ctx->oom)
		return TL_ENOMEM;
	return ctx->nerrors > errors ? TL_EINPUT : TL_OK;
}

tl_status tl_resolve_texpr(tl_ctx *ctx, const tl_texpr *t, tl_type_id *out)
{
	rsv r;
	*out = 0;
	size_t errors = ctx->nerrors;
	if (rsv_init(&r, ctx)) {
		*out = rsv_type(&r, t);
		rsv_check_instances(&r);
	}
	rsv_release(&r);
	if (ctx->oom)
		return TL_ENOMEM;
	return *out && ctx->nerrors == errors ? TL_OK : TL_EINPUT;
}
