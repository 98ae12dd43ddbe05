/*
 * Associated types: `<T as Trait>::Name` and `I::Item`.
 *
 * Front ends register each `type Name = X;` of a trait impl as an alias
 * definition carrying the impl's self type (tl_def.impl_for/impl_self).
 * A projection whose self type is concrete is answered by matching every
 * impl of that associated name against the self type: the impl's
 * parameters bind to parts of it (`impl<T> Iterator for IntoIter<T>`
 * against `IntoIter<u8>` binds T = u8) and the impl's type, with those
 * bindings, is the answer. A projection on a generic parameter stays a
 * term until substitution makes it concrete (types.c calls back here).
 *
 * No trait solving: bounds and where clauses of impls are not checked,
 * and blanket impls (`impl<I: Iterator> IntoIterator for I`) match
 * anything. When several impls match and disagree, or none does, the
 * projection stays an unresolved term and whoever needs its layout
 * reports it.
 */
#include <string.h>

#include "model/ctx_internal.h"
#include "model/syntax_print.h"
#include "util/strbuf.h"

#define MAX_BINDS 16

/* Matches the impl's self type `pat` (PARAMs are the impl's parameters)
 * against the concrete `ty`, binding parameters in `binds`. */
static bool unify(const tl_ctx *ctx, tl_type_id pat, tl_type_id ty,
		  tl_type_id *binds, uint32_t nbinds, unsigned depth)
{
	if (pat == ty)
		return true;
	const tl_type *p = tl_type_get(ctx, pat);
	const tl_type *t = tl_type_get(ctx, ty);
	if (!p || !t || !p->has_params || depth > 64)
		return false;
	if (p->kind == TL_TY_PARAM) {
		if (p->param >= nbinds)
			return false;
		if (!binds[p->param])
			binds[p->param] = ty;
		return binds[p->param] == ty;
	}
	if (p->kind != t->kind || p->prim != t->prim || p->mut != t->mut ||
	    p->def != t->def || p->text != t->text || p->value != t->value ||
	    p->nargs != t->nargs || !p->inner != !t->inner || !p->len != !t->len)
		return false;
	if (p->inner && !unify(ctx, p->inner, t->inner, binds, nbinds, depth + 1))
		return false;
	if (p->len && !unify(ctx, p->len, t->len, binds, nbinds, depth + 1))
		return false;
	for (uint32_t i = 0; i < p->nargs; i++)
		if (!unify(ctx, p->args[i], t->args[i], binds, nbinds, depth + 1))
			return false;
	return true;
}

static bool trait_matches(const tl_def *impl, const char *trait)
{
	return !trait || impl->impl_trait == trait;
}

/* The answer of one impl for `self`, 0 if it does not match. */
static tl_type_id answer(tl_ctx *ctx, const tl_def *impl, tl_type_id self)
{
	tl_type_id binds[MAX_BINDS] = {0};
	if (!impl->impl_self || !impl->alias_type || impl->nparams > MAX_BINDS ||
	    !unify(ctx, impl->impl_self, self, binds, impl->nparams, 0))
		return 0;
	for (uint32_t i = 0; i < impl->nparams; i++)
		if (!binds[i])
			return 0; /* a parameter the self type does not fix */
	return tl_type_subst(ctx, impl->alias_type, binds, impl->nparams);
}

/* The one answer of the impls, 0 when none matches, and *n the number of
 * impls that match (several agreeing count as one answer). */
static tl_type_id lookup(tl_ctx *ctx, tl_type_id self, const char *trait,
			 const char *name, uint32_t *n)
{
	tl_type_id found = 0;
	bool disagree = false;
	*n = 0;
	for (const tl_def_list *l = tl_ptrmap_get(&ctx->impls, name); l; l = l->next) {
		if (!trait_matches(l->def, trait))
			continue;
		tl_type_id a = answer(ctx, l->def, self);
		if (!a)
			continue;
		if (found && a != found)
			disagree = true;
		found = a;
		++*n;
	}
	return disagree ? 0 : found;
}

/* The trait (NULL if none was written) and name of a projection term. */
static void parts(tl_ctx *ctx, const tl_type *t, const char **trait,
		  const char **name)
{
	const char *sep = strstr(t->text, "::");
	*trait = sep ? tl_intern(ctx, t->text, (size_t)(sep - t->text)) : NULL;
	*name = sep ? tl_intern_cstr(ctx, sep + 2) : t->text;
}

tl_type_id tl_type_proj(tl_ctx *ctx, tl_type_id self, const char *trait,
			const char *name)
{
	const tl_type *s = tl_type_get(ctx, self);
	const char *iname = name ? tl_intern_cstr(ctx, name) : NULL;
	const char *itrait = trait ? tl_intern_cstr(ctx, trait) : NULL;
	if (!s || !iname || (trait && !itrait))
		return 0;
	if (!s->has_params) {
		uint32_t n;
		tl_type_id r = lookup(ctx, self, itrait, iname, &n);
		if (r)
			return r;
	}
	const char *text = iname;
	if (itrait) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_strbuf_puts(&sb, itrait);
		tl_strbuf_puts(&sb, "::");
		tl_strbuf_puts(&sb, iname);
		text = sb.oom ? NULL : tl_intern(ctx, sb.buf, sb.len);
		tl_strbuf_release(&sb);
		if (!text) {
			ctx->oom = true;
			return 0;
		}
	}
	return tl_type__proj_term(ctx, self, text);
}

tl_type_id tl_type__proj_subst(tl_ctx *ctx, const tl_type *t,
				tl_type_id self)
{
	const char *trait, *name;
	parts(ctx, t, &trait, &name);
	return name ? tl_type_proj(ctx, self, trait, name) : 0;
}

uint32_t tl_type_proj_impls(tl_ctx *ctx, tl_type_id proj)
{
	const tl_type *t = tl_type_get(ctx, proj);
	if (!t || t->kind != TL_TY_PROJ)
		return 0;
	const char *trait, *name;
	parts(ctx, t, &trait, &name);
	uint32_t n = 0;
	if (name)
		lookup(ctx, t->inner, trait, name, &n);
	return n;
}

void tl_type__proj_report(tl_ctx *ctx, tl_type_id proj, tl_loc loc)
{
	/* once per projection, at its first use: resolution reports where
	 * the user wrote it, before a layout meets it deep in the prelude */
	void *key = (void *)(uintptr_t)proj;
	if (tl_ptrmap_get(&ctx->proj_reported, key))
		return;
	if (ctx->mute) { /* it may have something to say */
		ctx->muted++;
		return;
	}
	if (tl_ptrmap_put(&ctx->proj_reported, key, key) < 0)
		ctx->oom = true;
	uint32_t n = tl_type_proj_impls(ctx, proj);
	if (n > 1)
		tl_error(ctx, loc, "associated-type",
			 "associated type '%s' is ambiguous: %u impls match and give different types",
			 tl_type_name(ctx, proj), n);
	else
		tl_error(ctx, loc, "associated-type",
			 "associated type '%s' has no known impl (impls are read from the input files and the prelude)",
			 tl_type_name(ctx, proj));
}

tl_def *tl_impl_assoc_def(tl_ctx *ctx, const tl_impl_head *h, const char *name,
			  const tl_texpr *value, tl_loc loc)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_putc(&sb, '<');
	tl_texpr_print(&sb, h->self);
	tl_strbuf_addf(&sb, " as %s>::%s", h->trait, name);
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	const char *dname = sb.oom ? NULL : tl_intern(ctx, sb.buf, sb.len);
	tl_strbuf_release(&sb);
	if (!d || !dname) {
		ctx->oom = true;
		return NULL;
	}
	d->name = dname;
	d->loc = loc;
	d->lang = TL_LANG_RUST;
	d->kind = TL_DEF_ALIAS;
	d->params = h->params;
	d->nparams = h->nparams;
	d->alias_of = value;
	d->impl_for = h->self;
	d->impl_trait = h->trait;
	d->impl_assoc = name;
	return d;
}
