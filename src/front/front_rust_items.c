/*
 * The item loop of a module (Rust Reference, "Items"): outer attributes,
 * visibility, then one of the items we read (struct, enum, union, type,
 * const, use, mod) or one we skip by balanced delimiters (fn, impl, trait,
 * static, extern blocks and crates, and invocations of other crates'
 * macros). `macro_rules!` and invocations of this crate's macros go to
 * front_rust_expand.c.
 *
 * Recovery: an item with a syntax error is reported once, then skipped
 * from its first token by the same balanced-delimiter rule, and the loop
 * goes on, so one run shows every bad item of a file.
 */
#include <string.h>

#include "front/front_rust_int.h"

static bool is_open(const rs_load *ld)
{
	return rs_is(ld, '(') || rs_is(ld, '[') || rs_is(ld, '{');
}

static bool is_close(const rs_load *ld)
{
	return rs_is(ld, ')') || rs_is(ld, ']') || rs_is(ld, '}');
}

void rs_skip_tree(rs_load *ld)
{
	tl_rparse *p = &ld->p;
	if (p->cur.kind == TL_TOK_EOF)
		return;
	if (!is_open(ld)) {
		tl_rparse__advance(p);
		return;
	}
	/* Depth counts every bracket kind alike: the lexer already proved the
	 * text is tokens, and a mismatched pair is rustc's error to report. */
	size_t depth = 0;
	do {
		if (is_open(ld))
			depth++;
		else if (is_close(ld))
			depth--;
		tl_rparse__advance(p);
	} while (depth && p->cur.kind != TL_TOK_EOF);
}

/* Skips the rest of an item. `semi`: up to `;` only (const, static: their
 * values may hold braces); otherwise up to `;` or a `{...}` body, whichever
 * comes first outside angle brackets (`impl Foo<{ N }> { ... }`). */
void rs_skip_item(rs_load *ld, bool semi)
{
	tl_rparse *p = &ld->p;
	int angle = 0;
	while (p->cur.kind != TL_TOK_EOF) {
		if (rs_is(ld, ';')) {
			tl_rparse__advance(p);
			return;
		}
		if (!semi && angle <= 0 && rs_is(ld, '{')) {
			rs_skip_tree(ld);
			return;
		}
		if (!semi && p->cur.kind == TL_TOK_PUNCT) {
			uint32_t c = p->cur.punct;
			angle += c == '<' ? 1 : c == TL_P2('<', '<') ? 2 :
				 c == '>' || c == TL_P2('>', '=') ? -1 :
				 c == TL_P2('>', '>') || c == TL_P3('>', '>', '=') ? -2 : 0;
		}
		if (is_close(ld)) /* the end of the enclosing module */
			return;
		rs_skip_tree(ld);
	}
}

const char *rs_child_path(rs_load *ld, const rs_module *mod, const char *name)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_puts(&sb, mod->path);
	tl_strbuf_puts(&sb, "::");
	tl_strbuf_puts(&sb, name);
	const char *s = sb.oom ? NULL : tl_intern(ld->ctx, sb.buf, sb.len);
	tl_strbuf_release(&sb);
	return s ? s : rs_oom(ld);
}

rs_module *rs_module_new(rs_load *ld, rs_module *parent, const char *name,
			 const char *dir)
{
	rs_module *m = tl_arena_alloc(&ld->ctx->arena, sizeof(*m));
	if (!m)
		return rs_oom(ld);
	m->name = name;
	m->path = parent ? rs_child_path(ld, parent, name) : "crate";
	m->parent = parent;
	m->crate = ld->crate;
	m->tail = &m->items;
	m->dir = dir;
	m->file_dir = dir;
	m->depth = parent ? parent->depth + 1 : 0;
	m->mask = parent ? parent->mask : RS_ALL;
	return m->path ? m : NULL;
}

void rs_module_add(rs_module *mod, rs_item *it)
{
	it->magic = RS_ITEM_MAGIC;
	it->mod = mod;
	*mod->tail = it;
	mod->tail = &it->next;
}

static rs_item *new_item(rs_load *ld, rs_kind kind, const char *name,
			 tl_loc loc, const rs_attrs *a, rs_module *mod)
{
	rs_item *it = tl_arena_alloc(&ld->ctx->arena, sizeof(*it));
	if (!it)
		return rs_oom(ld);
	it->kind = kind;
	it->name = name;
	it->loc = loc;
	it->cfg = a->cfg;
	it->mask = mod->mask & rs_cfg_eval(&ld->cfgs, a->cfg);
	rs_module_add(mod, it);
	return it;
}

/* `const NAME: T = value;` -- the value is kept as text and parsed only
 * when an array length or a discriminant uses it (front_rust_const.c):
 * most constants of real code are strings, tables or calls. */
rs_item *rs_const_item(rs_load *ld, rs_module *mod, const rs_attrs *a,
		       tl_loc loc)
{
	tl_rparse *p = &ld->p;
	tl_rparse__advance(p); /* const */
	if (tl_tok_is(&p->cur, "_")) {
		rs_skip_item(ld, true);
		return NULL;
	}
	const char *name;
	if (!tl_rparse_ident(p, "a constant name", &name, NULL) ||
	    !tl_rparse_expect(p, ':', "after the constant name"))
		return NULL;
	rs_item *it = new_item(ld, RS_CONST, name, loc, a, mod);
	if (!it)
		return NULL;
	const tl_token *next = tl_rlex_peek(&p->lx);
	bool is_bool = tl_tok_is(&p->cur, "bool");
	if (is_bool)
		it->ctype = TL_PRIM_BOOL;
	size_t start = 0;
	if (p->cur.kind == TL_TOK_IDENT && next->kind == TL_TOK_PUNCT &&
	    next->punct == '=' &&
	    (is_bool || tl_rust_int_prim(p->cur.text, p->cur.len, &it->ctype))) {
		it->cint = true;
		tl_rparse__advance(p);
		tl_rparse__advance(p);
		it->ctext = p->cur.text;
		it->cloc = p->cur.loc;
		start = rs_pos(ld);
	}
	while (p->cur.kind != TL_TOK_EOF && !rs_is(ld, ';') && !is_close(ld))
		rs_skip_tree(ld);
	if (it->ctext && ld->replay) {
		/* in an expansion: keep the value's tokens */
		size_t n = rs_pos(ld) - start;
		it->cfrom_macro = true;
		it->cend = p->cur.loc;
		it->nctoks = (uint32_t)n;
		it->ctoks = n ? tl_arena_memdup(&ld->ctx->arena,
						ld->replay->toks + start,
						n * sizeof(*it->ctoks)) : NULL;
		if (n && !it->ctoks)
			return rs_oom(ld);
	} else if (it->ctext) {
		it->clen = (size_t)(p->cur.text - it->ctext);
	}
	tl_rparse_expect(p, ';', "after the constant's value");
	return it;
}

static void mod_item(rs_load *ld, rs_module *mod, const rs_attrs *a,
		     tl_loc loc)
{
	tl_rparse *p = &ld->p;
	const char *name;
	tl_rparse__advance(p); /* mod */
	if (!tl_rparse_ident(p, "a module name", &name, NULL))
		return;
	if (mod->depth + 1 >= RS_MAX_MOD_DEPTH) {
		rs_error(ld, loc, ID_RS_UNSUPPORTED,
			 "modules are nested too deeply (more than %d levels)",
			 RS_MAX_MOD_DEPTH);
		return;
	}
	rs_item *it = new_item(ld, RS_MOD, name, loc, a, mod);
	const char *dir = NULL;
	if (mod->dir) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_strbuf_addf(&sb, "%s/%s", mod->dir, name);
		dir = sb.oom ? NULL : tl_arena_strdup(&ld->ctx->arena, sb.buf);
		tl_strbuf_release(&sb);
		if (!dir) {
			rs_oom(ld);
			return;
		}
	}
	rs_module *child = it ? rs_module_new(ld, mod, name, dir) : NULL;
	if (!child)
		return;
	child->mask = it->mask;
	child->inline_mod = true;
	it->child = child;
	size_t scope = rs_macro_scope_enter(ld);
	if (tl_rparse_eat(p, ';')) {
		child->inline_mod = false;
		if (child->mask)
			rs_load_mod_file(ld, it, a->path, a->path_loc);
		rs_macro_scope_leave(ld, scope, a->macro_use);
		return;
	}
	if (!tl_rparse_expect(p, '{', "or ';' after the module name"))
		return;
	rs_attrs inner;
	rs_attrs_init(&inner);
	rs_inner_attrs(ld, &inner);
	child->mask &= rs_cfg_eval(&ld->cfgs, inner.cfg);
	rs_attrs_release(&inner);
	rs_items(ld, child, true);
	rs_macro_scope_leave(ld, scope, a->macro_use);
}

/* `extern crate name [as alias];` binds a name like a `use` of another
 * crate (`extern crate alloc as core_alloc;`); `self` is this crate. */
static void extern_crate(rs_load *ld, rs_module *mod, const rs_attrs *a,
			 tl_loc loc)
{
	tl_rparse *p = &ld->p;
	const char *name, *bind;
	tl_rparse__advance(p); /* extern */
	tl_rparse__advance(p); /* crate */
	if (tl_tok_is(&p->cur, "self")) {
		name = tl_intern_cstr(ld->ctx, "crate");
		tl_rparse__advance(p);
	} else if (!tl_rparse_ident(p, "a crate name", &name, NULL)) {
		return;
	}
	bind = name;
	if (tl_tok_is(&p->cur, "as")) {
		tl_rparse__advance(p);
		if (tl_tok_is(&p->cur, "_")) {
			bind = NULL;
			tl_rparse__advance(p);
		} else if (!tl_rparse_ident(p, "a name after 'as'", &bind, NULL)) {
			return;
		}
	}
	if (!tl_rparse_expect(p, ';', "after the extern crate declaration"))
		return;
	rs_item *it = bind ? new_item(ld, RS_USE, bind, loc, a, mod) : NULL;
	const char **segs = it ? tl_arena_alloc(&ld->ctx->arena, sizeof(*segs)) : NULL;
	if (bind && (!it || !segs || !name)) {
		rs_oom(ld);
		return;
	}
	if (!it)
		return;
	segs[0] = name;
	it->segs = segs;
	it->nsegs = 1;
	/* a crate name, never a module of this crate (unless `self`) */
	it->global = strcmp(name, "crate") != 0;
}

/* At an identifier that starts an item: a macro invocation `path!...`
 * (also macro_rules!) is expanded or skipped (front_rust_expand.c);
 * anything else is an error. */
static void other_item(rs_load *ld, rs_module *mod, const rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	char b[64];
	tl_token first = p->cur, segs[RS_MACRO_MAX_PATH];
	size_t n = 0;
	while (p->cur.kind == TL_TOK_IDENT || rs_is(ld, TL_P2(':', ':'))) {
		if (p->cur.kind == TL_TOK_IDENT && n++ < RS_MACRO_MAX_PATH)
			segs[n - 1] = p->cur;
		tl_rparse__advance(p);
	}
	if (first.kind == TL_TOK_IDENT && rs_is(ld, '!')) {
		if (!rs_macro_item(ld, mod, a, segs, n, first.loc))
			rs_skip_item(ld, false);
		return;
	}
	rs_error(ld, first.loc, ID_RS_SYNTAX, "expected an item, found %s",
		 tl_rparse__desc(&first, b, sizeof(b)));
}

static bool next_is(rs_load *ld, const char *kw)
{
	return tl_tok_is(tl_rlex_peek(&ld->p.lx), kw);
}

/* `const NAME` or `const _`, not `const fn` / `const unsafe fn` */
bool rs_at_const_item(rs_load *ld)
{
	return tl_tok_is(&ld->p.cur, "const") && !next_is(ld, "fn") &&
	       !next_is(ld, "unsafe") && !next_is(ld, "async") &&
	       !next_is(ld, "extern");
}

static void item(rs_load *ld, rs_module *mod, rs_attrs *a)
{
	tl_rparse *p = &ld->p;
	if (!rs_outer_attrs(ld, a))
		return;
	tl_loc loc = p->cur.loc;
	if (tl_tok_is(&p->cur, "pub")) {
		tl_rparse__advance(p);
		if (rs_is(ld, '('))
			rs_skip_tree(ld);
	}
	const tl_token *c = &p->cur;
	if (tl_tok_is(c, "struct") || tl_tok_is(c, "enum") ||
	    tl_tok_is(c, "type") ||
	    (tl_tok_is(c, "union") && tl_rlex_peek(&p->lx)->kind == TL_TOK_IDENT)) {
		rs_item *it = rs_type_item(ld, mod, loc);
		if (!it)
			return;
		it->cfg = a->cfg;
		it->mask = mod->mask & rs_cfg_eval(&ld->cfgs, a->cfg);
		it->reprs = rs_attrs_reprs(ld, a, &it->nreprs);
		rs_module_add(mod, it);
		if (!TL_VEC_PUSH(ld->types, it))
			rs_oom(ld);
	} else if (rs_at_const_item(ld)) {
		rs_const_item(ld, mod, a, loc);
	} else if (tl_tok_is(c, "impl") ||
		   (tl_tok_is(c, "unsafe") && next_is(ld, "impl"))) {
		rs_impl(ld, mod, a);
	} else if (tl_tok_is(c, "use")) {
		rs_use(ld, mod, a, loc);
	} else if (tl_tok_is(c, "extern") && next_is(ld, "crate")) {
		extern_crate(ld, mod, a, loc);
	} else if (tl_tok_is(c, "mod")) {
		mod_item(ld, mod, a, loc);
	} else if (tl_tok_is(c, "static")) {
		rs_skip_item(ld, true);
	} else if (tl_tok_is(c, "fn") ||
		   tl_tok_is(c, "trait") || tl_tok_is(c, "unsafe") ||
		   tl_tok_is(c, "async") || tl_tok_is(c, "const") ||
		   tl_tok_is(c, "extern") || tl_tok_is(c, "macro") ||
		   (tl_tok_is(c, "auto") && next_is(ld, "trait")) ||
		   (tl_tok_is(c, "default") && p->cur.kind == TL_TOK_IDENT &&
		    (next_is(ld, "fn") || next_is(ld, "impl") ||
		     next_is(ld, "unsafe")))) {
		rs_skip_item(ld, false);
	} else if (c->kind == TL_TOK_IDENT &&
		   (!tl_tok_is_keyword(c) ||
		    ((tl_tok_is(c, "crate") || tl_tok_is(c, "self") ||
		      tl_tok_is(c, "super")) &&
		     tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
		     tl_rlex_peek(&p->lx)->punct == TL_P2(':', ':')))) {
		other_item(ld, mod, a); /* a macro: `crate::m!` too */
	} else {
		char b[64];
		rs_error(ld, c->loc, ID_RS_SYNTAX, "expected an item, found %s",
			 tl_rparse__desc(c, b, sizeof(b)));
	}
}

/* After an error: back to the item's first token, skip it quietly. */
static void recover(rs_load *ld, size_t start, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	if (ld->replay)
		tl_rparse_begin_tokens(p, ld->replay->toks, ld->replay->n, start,
				       ld->replay->end);
	else
		tl_rparse_begin(p, ld->text + start, ld->len - start, loc, false);
	p->failed = true; /* quiet: the lexer may fail here again */
	while (rs_is(ld, '#')) {
		tl_rparse__advance(p);
		if (rs_is(ld, '!'))
			tl_rparse__advance(p);
		rs_skip_tree(ld);
	}
	if (tl_tok_is(&p->cur, "pub")) {
		tl_rparse__advance(p);
		if (rs_is(ld, '('))
			rs_skip_tree(ld);
	}
	/* these end at `;` only: braces inside them are expressions or use
	 * groups, not bodies */
	rs_skip_item(ld, tl_tok_is(&p->cur, "static") || tl_tok_is(&p->cur, "use") ||
		     tl_tok_is(&p->cur, "type") || rs_at_const_item(ld));
	/* always make progress, even at a stray closing bracket */
	if (p->cur.kind != TL_TOK_EOF && rs_pos(ld) == start)
		tl_rparse__advance(p);
	p->failed = false;
}

static void items(rs_load *ld, rs_module *mod, bool inner)
{
	tl_rparse *p = &ld->p;
	while (!p->failed) {
		if (p->cur.kind == TL_TOK_EOF) {
			if (inner)
				rs_error(ld, p->cur.loc, ID_RS_SYNTAX,
					 "expected '}' to close module '%s', found end of input",
					 mod->name);
			return;
		}
		if (inner && tl_rparse_eat(p, '}'))
			return;
		size_t start = rs_pos(ld);
		tl_loc loc = p->cur.loc;
		rs_attrs a;
		rs_attrs_init(&a);
		a.cfg = ld->outer_cfg; /* in an expansion: the invocation's */
		item(ld, mod, &a);
		rs_attrs_release(&a);
		if (p->failed && !ld->ctx->oom)
			recover(ld, start, loc);
	}
}

void rs_items(rs_load *ld, rs_module *mod, bool inner)
{
	rs_module *outer = ld->mod;
	ld->mod = mod;
	items(ld, mod, inner);
	ld->mod = outer;
}
