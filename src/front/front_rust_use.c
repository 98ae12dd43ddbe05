/*
 * `use` declarations (Rust Reference, "Use declarations"): a tree of
 * paths such as `use a::{b, c as d, e::*, self};` becomes one RS_USE item
 * per leaf, each holding the whole path and the name it binds. The scope
 * code follows them when a name is looked up (front_rust_scope.c).
 */
#include <string.h>

#include "front/front_rust_int.h"

typedef struct use_ctx {
	rs_load *ld;
	rs_module *mod;
	const rs_attrs *attrs;
	tl_loc loc;
	bool global;
} use_ctx;

static bool path_seg(const tl_token *t)
{
	return t->kind == TL_TOK_IDENT &&
	       (!tl_tok_is_keyword(t) || tl_tok_is(t, "self") ||
		tl_tok_is(t, "super") || tl_tok_is(t, "crate"));
}

/* Adds the leaf for the segments on ld->segs. */
static void leaf(use_ctx *u, const char *bind, bool glob, tl_loc loc)
{
	rs_load *ld = u->ld;
	rs_item *it = tl_arena_alloc(&ld->ctx->arena, sizeof(*it));
	uint32_t n = (uint32_t)ld->segs.len;
	const char **segs = n ? tl_arena_memdup(&ld->ctx->arena, ld->segs.items,
						n * sizeof(*segs)) : NULL;
	if (!it || (n && !segs)) {
		rs_oom(ld);
		return;
	}
	it->kind = RS_USE;
	it->name = bind;
	it->loc = loc;
	it->cfg = u->attrs->cfg;
	it->mask = u->mod->mask & rs_cfg_eval(&ld->cfgs, u->attrs->cfg);
	it->segs = segs;
	it->nsegs = n;
	it->glob = glob;
	it->global = u->global;
	rs_module_add(u->mod, it);
}

static void tree(use_ctx *u, unsigned depth);

/* `{ tree, tree, ... }` after the prefix on ld->segs */
static void group(use_ctx *u, unsigned depth)
{
	tl_rparse *p = &u->ld->p;
	size_t mark = u->ld->segs.len;
	tl_rparse__advance(p); /* { */
	while (!p->failed && !tl_rparse_eat(p, '}')) {
		tree(u, depth + 1);
		u->ld->segs.len = mark;
		if (!tl_rparse_eat(p, ',') && !rs_is(u->ld, '}'))
			tl_rparse_expect(p, '}', "or ',' in the use list");
	}
}

static void tree(use_ctx *u, unsigned depth)
{
	rs_load *ld = u->ld;
	tl_rparse *p = &ld->p;
	char b[64];
	if (depth > RS_MAX_USE_DEPTH) {
		rs_error(ld, p->cur.loc, ID_RS_UNSUPPORTED,
			 "use list is nested too deeply (more than %d levels)",
			 RS_MAX_USE_DEPTH);
		return;
	}
	if (depth == 0 && tl_rparse_eat(p, TL_P2(':', ':')))
		u->global = true;
	for (;;) {
		tl_loc loc = p->cur.loc;
		if (rs_is(ld, '*')) {
			tl_rparse__advance(p);
			leaf(u, NULL, true, loc);
			return;
		}
		if (rs_is(ld, '{')) {
			group(u, depth);
			return;
		}
		if (!path_seg(&p->cur)) {
			rs_error(ld, loc, ID_RS_SYNTAX,
				 "expected a path in a use declaration, found %s",
				 tl_rparse__desc(&p->cur, b, sizeof(b)));
			return;
		}
		const char *seg = tl_rparse__intern_tok(p, &p->cur);
		tl_rparse__advance(p);
		/* `a::{self}` names `a` itself: no new segment */
		bool self_leaf = !strcmp(seg, "self") && ld->segs.len > 0;
		if (!self_leaf && (!seg || !TL_VEC_PUSH(ld->segs, seg))) {
			rs_oom(ld);
			return;
		}
		if (tl_rparse_eat(p, TL_P2(':', ':')))
			continue;
		const char *bind = ld->segs.items[ld->segs.len - 1];
		if (tl_tok_is(&p->cur, "as")) {
			tl_rparse__advance(p);
			if (tl_tok_is(&p->cur, "_")) {
				bind = NULL; /* `as _`: brings a trait in, binds nothing */
				tl_rparse__advance(p);
			} else if (!tl_rparse_ident(p, "a name after 'as'", &bind, NULL)) {
				return;
			}
		}
		leaf(u, bind, false, loc);
		return;
	}
}

void rs_use(rs_load *ld, rs_module *mod, const rs_attrs *a, tl_loc loc)
{
	use_ctx u = {ld, mod, a, loc, false};
	tl_rparse__advance(&ld->p); /* use */
	ld->segs.len = 0;
	tree(&u, 0);
	ld->segs.len = 0;
	tl_rparse_expect(&ld->p, ';', "after the use declaration");
}
