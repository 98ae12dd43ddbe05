/*
 * The top-level `impls:` mapping: associated types of trait impls, which
 * answer projections such as `I::Item` and `<Vec<u8> as
 * IntoIterator>::IntoIter` (model.h, tl_def.impl_for):
 *
 *	impls:
 *	  "<T> Iterator for std::vec::IntoIter<T>":
 *	    Item: T
 *
 * Each key is an impl header without `impl` (generic parameters, the
 * trait, `for`, the self type); its value maps associated type names to
 * type expressions. Each becomes an alias definition that is never
 * reported nor found by name.
 */
#include <string.h>

#include "front/front_yaml_int.h"

/* `<G> Trait for Type`, reported where it is wrong. */
static bool head(tl_yl *y, const yl_scalar *k, tl_impl_head *h)
{
	tl_rparse *rp = &y->rp;
	yl_rparse_begin(y, k);
	if (!tl_rparse_generics(rp, &h->params, &h->nparams))
		return false;
	const tl_texpr *tr = tl_rparse_type(rp);
	if (!tr)
		return false;
	if (tr->kind != TL_TX_PATH || tr->inner) {
		tl_rparse_error(rp, tr->loc, "expected a trait path");
		return false;
	}
	if (!tl_tok_is(&rp->cur, "for")) {
		char b[64];
		tl_rparse_error(rp, rp->cur.loc,
				"expected 'for' after the trait of an impl, found %s",
				tl_rparse__desc(&rp->cur, b, sizeof(b)));
		return false;
	}
	tl_rparse__advance(rp);
	h->trait = tr->segs[tr->nsegs - 1];
	h->self = tl_rparse_type(rp);
	return h->self && tl_rparse_end(rp, "the impl's self type");
}

static void assoc(tl_yl *y, const tl_impl_head *h, bool add)
{
	yl_scalar k;
	if (!yl_key(y, &k))
		return;
	const char *name = tl_intern(y->ctx, k.s, k.len);
	yl_next(y);
	const tl_texpr *value = yl_type(y, "associated type", name);
	if (!add || !name || !value)
		return;
	tl_def *d = tl_impl_assoc_def(y->ctx, h, name, value, k.loc);
	if (!d) {
		y->stop = true;
		return;
	}
	d->builtin = y->builtin;
	if (tl_def_add(y->ctx, d) < 0)
		y->stop = true;
}

static void impl(tl_yl *y)
{
	yl_scalar k;
	if (!yl_key(y, &k))
		return;
	tl_impl_head h = {0};
	bool add = head(y, &k, &h);
	const char *header = tl_intern(y->ctx, k.s, k.len > 64 ? 64 : k.len);
	yl_next(y);
	if (!yl_begin_map(y, "impl", header,
			  "a mapping from associated type names to types, such as 'Item: T'"))
		return;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT))
		assoc(y, &h, add);
	yl_next(y);
}

void yl_impls(tl_yl *y)
{
	if (!yl_begin_map(y, "'impls'", NULL,
			  "a mapping from impl headers ('<T> Iterator for Iter<T>') to associated types"))
		return;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT))
		impl(y);
	yl_next(y);
}
