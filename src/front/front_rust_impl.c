/*
 * `impl` blocks. Layouts never depend on methods, but array lengths of
 * real code do use associated constants of inherent impls:
 *
 *	struct InlineExtension([u8; InlineExtension::MAX], u8);
 *	impl InlineExtension { const MAX: usize = 15; }
 *
 * (http's Method), and fields use associated types of trait impls:
 *
 *	struct MapDeserializer { iter: <Map<String, Value> as IntoIterator>::IntoIter }
 *	impl IntoIterator for Map<String, Value> { type IntoIter = IntoIter; ... }
 *
 * (serde_json). So an inherent impl (`impl Type { ... }`) is opened and
 * its `const` items are kept, owned by the self type's path; a trait impl
 * (`impl<G> Trait for Type { ... }`) is opened and each `type Name = T;`
 * becomes an alias definition that answers projections (model.h,
 * tl_def.impl_for). Everything else is skipped by balanced delimiters.
 * The header is first scanned as tokens; a trait impl's header is then
 * parsed quietly, so an impl we do not understand is skipped, never an
 * error.
 */
#include <string.h>

#include "front/front_rust_int.h"

/* What a trait impl's header says. */
typedef struct impl_head {
	tl_impl_head head;
	const struct tl_cfg *cfg;
} impl_head;

/* Scans the header up to the `{` of the body. An inherent impl leaves the
 * self type's path segments (`Foo`, `a::Foo<T>` -> a, Foo) on ld->segs
 * and returns true; a trait impl sets *trait and returns true; anything
 * else (`impl [T]`, `impl dyn X`) is false. */
static bool header(rs_load *ld, bool *trait)
{
	tl_rparse *p = &ld->p;
	int angle = 0;
	bool path = true, args = false;
	*trait = false;
	ld->segs.len = 0;
	tl_rparse__advance(p); /* impl */
	if (rs_is(ld, '<')) { /* generics */
		do {
			angle += tl_tok_angle_delta(&p->cur);
			rs_skip_tree(ld);
		} while (angle > 0 && p->cur.kind != TL_TOK_EOF);
	}
	while (p->cur.kind != TL_TOK_EOF && !(angle <= 0 && rs_is(ld, '{'))) {
		if (angle <= 0 && tl_tok_is(&p->cur, "for") && !*trait &&
		    !(tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
		      tl_rlex_peek(&p->lx)->punct == '<'))
			*trait = true; /* not `for<'a>` */
		if (angle <= 0 && (rs_is(ld, ';') || rs_is(ld, ')') ||
				   rs_is(ld, ']') || rs_is(ld, '}')))
			return false;
		if (angle <= 0 && tl_tok_is(&p->cur, "where"))
			break;
		if (angle <= 0 && !args && p->cur.kind == TL_TOK_IDENT &&
		    !tl_tok_is_keyword(&p->cur)) {
			const char *seg = tl_rparse__intern_tok(p, &p->cur);
			if (!seg || !TL_VEC_PUSH(ld->segs, seg))
				return false;
		} else if (angle <= 0 && rs_is(ld, '<')) {
			args = true;
		} else if (angle <= 0 && !rs_is(ld, TL_P2(':', ':'))) {
			path = false;
		}
		angle += tl_tok_angle_delta(&p->cur);
		rs_skip_tree(ld);
	}
	rs_where(ld, NULL, 0);
	return (*trait || (path && ld->segs.len > 0)) && rs_is(ld, '{');
}

/* Parses a trait impl's header, [start, end) in rs_pos terms (text
 * offsets, or token indices in an expansion), quietly: generics,
 * the trait path, `for`, the self type. False (and nothing recorded) for
 * what we do not read: negative impls, `impl Fn(u8) for X`, ... */
static bool trait_head(rs_load *ld, size_t start, size_t end, tl_loc loc,
		       tl_loc end_loc, tl_impl_head *h)
{
	if (start >= end)
		return false;
	tl_rparse sub;
	tl_rparse_init(&sub, ld->ctx);
	ld->ctx->mute++;
	if (ld->replay) /* in a macro's expansion: its tokens */
		tl_rparse_begin_tokens(&sub, ld->replay->toks, end, start, end_loc);
	else
		tl_rparse_begin(&sub, ld->text + start, end - start, loc, false);
	if (tl_tok_is(&sub.cur, "unsafe"))
		tl_rparse__advance(&sub);
	tl_rparse__advance(&sub); /* impl */
	const tl_texpr *tr = NULL;
	if (tl_rparse_generics(&sub, &h->params, &h->nparams) &&
	    !tl_rparse_eat(&sub, '!'))
		tr = tl_rparse_type(&sub);
	if (tr && tr->kind == TL_TX_PATH && !tr->inner &&
	    tl_tok_is(&sub.cur, "for")) {
		tl_rparse__advance(&sub);
		h->trait = tr->segs[tr->nsegs - 1];
		h->self = tl_rparse_type(&sub);
	}
	bool ok = !sub.failed && h->self &&
		  (sub.cur.kind == TL_TOK_EOF || tl_tok_is(&sub.cur, "where"));
	ld->ctx->mute--;
	tl_rparse_release(&sub);
	return ok;
}

/* `type Name = T;` in a trait impl: an alias definition answering
 * `<Self as Trait>::Name`. Generic associated types with type parameters
 * are skipped. */
static void assoc_type(rs_load *ld, rs_module *mod, const impl_head *h,
		       const rs_attrs *a, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	const char *name;
	tl_gparam *gp;
	uint32_t ngp;
	tl_rparse__advance(p); /* type */
	if (!tl_rparse_ident(p, "an associated type name", &name, NULL) ||
	    !tl_rparse_generics(p, &gp, &ngp))
		return;
	if (ngp) {
		rs_skip_item(ld, true);
		return;
	}
	rs_where(ld, NULL, 0);
	if (!tl_rparse_expect(p, '=', "in an associated type ('type Name = Type;')"))
		return;
	const tl_texpr *value = tl_rparse_type(p);
	rs_where(ld, NULL, 0);
	if (!value || !tl_rparse_expect(p, ';', "after the associated type"))
		return;
	tl_def *d = tl_impl_assoc_def(ld->ctx, &h->head, name, value, loc);
	rs_item *it = d ? tl_arena_alloc(&ld->ctx->arena, sizeof(*it)) : NULL;
	if (!it) {
		rs_oom(ld);
		return;
	}
	rs_type_item_bind(it, d, name, loc, mod);
	it->cfg = rs_cfg_and(ld, h->cfg, a->cfg);
	it->mask = mod->mask & rs_cfg_eval(&ld->cfgs, it->cfg);
	/* not in the module's scope: found through projections only */
	if (!TL_VEC_PUSH(ld->types, it))
		rs_oom(ld);
}

/* An impl's body: associated consts of an inherent impl (owner), or
 * associated types of a trait impl (h). */
static void body(rs_load *ld, rs_module *mod, const char *const *owner,
		 uint32_t nowner, const impl_head *h)
{
	tl_rparse *p = &ld->p;
	tl_rparse__advance(p); /* { */
	rs_attrs inner;
	rs_attrs_init(&inner);
	rs_inner_attrs(ld, &inner);
	rs_attrs_release(&inner);
	while (!p->failed && p->cur.kind != TL_TOK_EOF && !tl_rparse_eat(p, '}')) {
		rs_attrs a;
		rs_attrs_init(&a);
		a.cfg = ld->outer_cfg;
		if (rs_outer_attrs(ld, &a)) {
			tl_loc loc = p->cur.loc;
			if (tl_tok_is(&p->cur, "pub")) {
				tl_rparse__advance(p);
				if (rs_is(ld, '('))
					rs_skip_tree(ld);
			}
			if (h && tl_tok_is(&p->cur, "type")) {
				assoc_type(ld, mod, h, &a, loc);
			} else if (!h && rs_at_const_item(ld)) {
				rs_item *c = rs_const_item(ld, mod, &a, loc);
				if (c) {
					c->owner = owner;
					c->nowner = nowner;
					c->next_assoc = ld->crate->assoc;
					ld->crate->assoc = c;
				}
			} else if (rs_is(ld, ')') || rs_is(ld, ']')) {
				tl_rparse__advance(p); /* stray */
			} else {
				rs_skip_item(ld, false);
			}
		}
		rs_attrs_release(&a);
	}
}

void rs_impl(rs_load *ld, rs_module *mod, const rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	size_t start = rs_pos(ld);
	tl_loc loc = p->cur.loc;
	bool trait;
	if (tl_tok_is(&p->cur, "unsafe"))
		tl_rparse__advance(p);
	if (!header(ld, &trait)) {
		rs_skip_item(ld, false);
		return;
	}
	if (trait) {
		impl_head h = {0};
		h.cfg = a->cfg;
		if (trait_head(ld, start, rs_pos(ld), loc, p->cur.loc, &h.head))
			body(ld, mod, NULL, 0, &h);
		else
			rs_skip_item(ld, false);
		return;
	}
	uint32_t n = (uint32_t)ld->segs.len;
	const char **owner = tl_arena_memdup(&ld->ctx->arena, ld->segs.items,
					     n * sizeof(*owner));
	ld->segs.len = 0;
	if (!owner) {
		rs_oom(ld);
		return;
	}
	body(ld, mod, owner, n, NULL);
}
