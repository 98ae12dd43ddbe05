/*
 * `impl` blocks. Layouts never depend on methods, but array lengths of
 * real code do use associated constants of inherent impls:
 *
 *	struct InlineExtension([u8; InlineExtension::MAX], u8);
 *	impl InlineExtension { const MAX: usize = 15; }
 *
 * (http's Method). So an inherent impl (`impl Type { ... }`, no `for`) is
 * opened and its `const` items are kept, owned by the self type's path;
 * everything else of it, and every trait impl, is skipped by balanced
 * delimiters. The header is scanned as tokens rather than parsed, so an
 * impl we do not understand is skipped, never an error.
 */
#include <string.h>

#include "front/front_rust_int.h"

static int angle_delta(const tl_token *t)
{
	if (t->kind != TL_TOK_PUNCT)
		return 0;
	switch (t->punct) {
	case '<': return 1;
	case TL_P2('<', '<'): return 2;
	case '>': case TL_P2('>', '='): return -1;
	case TL_P2('>', '>'): case TL_P3('>', '>', '='): return -2;
	}
	return 0;
}

/* The self type's path segments (`Foo`, `a::Foo<T>` -> a, Foo) onto
 * ld->segs; false for anything else (`[T]`, `dyn X`, a trait impl). Stops
 * at the `{` of the body. */
static bool header(rs_load *ld)
{
	tl_rparse *p = &ld->p;
	int angle = 0;
	bool path = true, args = false;
	ld->segs.len = 0;
	tl_rparse__advance(p); /* impl */
	if (rs_is(ld, '<')) { /* generics */
		do {
			angle += angle_delta(&p->cur);
			rs_skip_tree(ld);
		} while (angle > 0 && p->cur.kind != TL_TOK_EOF);
	}
	while (p->cur.kind != TL_TOK_EOF && !(angle <= 0 && rs_is(ld, '{'))) {
		if (angle <= 0 && (tl_tok_is(&p->cur, "for") ||
				   rs_is(ld, ';') || rs_is(ld, ')') ||
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
		angle += angle_delta(&p->cur);
		rs_skip_tree(ld);
	}
	rs_where(ld, NULL, 0);
	return path && ld->segs.len > 0 && rs_is(ld, '{');
}

static void body(rs_load *ld, rs_module *mod, const char *const *owner,
		 uint32_t nowner)
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
			if (rs_at_const_item(ld)) {
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

void rs_impl(rs_load *ld, rs_module *mod)
{
	tl_rparse *p = &ld->p;
	if (tl_tok_is(&p->cur, "unsafe"))
		tl_rparse__advance(p);
	if (!header(ld)) {
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
	body(ld, mod, owner, n);
}
