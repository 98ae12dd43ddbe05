/*
 * Function pointer types, trait objects and trait bounds (see
 * rust_parse.h). Their identity is text: `fn(i32) -> i32` and the bounds
 * of `dyn Fn(u8) -> u8 + Send` are printed normalised while they are read
 * (model/syntax_print.c's rules: lifetimes and `for<'a>` dropped), so equal types
 * intern to one term whatever their spacing.
 */
#include "front/rust_parse.h"

/* `for<'a, 'b>`: the binder is dropped (lifetimes do not change layouts). */
void tl_rparse__skip_for(tl_rparse *p)
{
	tl_rparse__advance(p); /* for */
	tl_rparse_expect(p, '<', "after 'for'");
	while (!p->failed && !tl_rparse__eat_gt(p)) {
		if (p->cur.kind != TL_TOK_LIFETIME) {
			tl_rparse_expect(p, '>', "to close the 'for<..>' binder");
			return;
		}
		tl_rparse__advance(p);
		if (!tl_rparse_eat(p, ',') && !tl_rparse__is(p, '>'))
			tl_rparse_expect(p, '>', "to close the 'for<..>' binder");
	}
}

/* [for<..>] [unsafe] [extern ["abi"]] fn(params) [-> T] */
const tl_texpr *tl_rparse__fnptr(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_FNPTR, p->cur.loc);
	if (!t)
		return NULL;
	if (tl_tok_is(&p->cur, "for"))
		tl_rparse__skip_for(p);
	size_t start = p->sb.len;
	if (tl_tok_is(&p->cur, "unsafe")) {
		tl_strbuf_puts(&p->sb, "unsafe ");
		tl_rparse__advance(p);
	}
	if (tl_tok_is(&p->cur, "extern")) {
		tl_rparse__advance(p);
		tl_strbuf_puts(&p->sb, "extern ");
		if (p->cur.kind == TL_TOK_STR) {
			tl_strbuf_add(&p->sb, p->cur.text, p->cur.len);
			tl_rparse__advance(p);
		} else {
			tl_strbuf_puts(&p->sb, "\"C\"");
		}
		tl_strbuf_putc(&p->sb, ' ');
	}
	if (!p->failed && !tl_tok_is(&p->cur, "fn"))
		tl_rparse_error(p, p->cur.loc, "expected 'fn', found %s",
				tl_rparse__desc(&p->cur, b, sizeof(b)));
	tl_rparse__advance(p);
	tl_rparse_expect(p, '(', "after 'fn'");
	size_t mark = p->tys.len;
	bool variadic = false;
	while (!p->failed && !tl_rparse_eat(p, ')')) {
		const tl_token *next = tl_rlex_peek(&p->lx);
		if (p->cur.kind == TL_TOK_IDENT && next->kind == TL_TOK_PUNCT &&
		    next->punct == ':') {
			tl_rparse__advance(p); /* a parameter name */
			tl_rparse__advance(p);
		}
		if (tl_rparse_eat(p, TL_P3('.', '.', '.')))
			variadic = true;
		else if (!tl_rparse__push_ty(p, tl_rparse__type(p, true)))
			break;
		if (!tl_rparse_eat(p, ',') && !tl_rparse__is(p, ')'))
			tl_rparse_expect(p, ')', "to close the parameter list");
	}
	if (tl_rparse_eat(p, TL_P2('-', '>')))
		t->ret = tl_rparse__type(p, false);
	/* `fn(i32) -> i32 {plus}`: rustc's spelling of a function item, a
	 * zero-sized type unlike the pointer */
	const char *item = NULL;
	size_t item_len = 0;
	if (!p->failed && tl_rparse__is(p, '{')) {
		tl_rparse__advance(p);
		item = p->cur.text;
		while (!p->failed && !tl_rparse__is(p, '}')) {
			if (p->cur.kind != TL_TOK_IDENT && !tl_rparse__is(p, TL_P2(':', ':'))) {
				tl_rparse_error(p, p->cur.loc,
					"expected the function's path in 'fn(..) {name}', found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
				break;
			}
			item_len = (size_t)(p->cur.text + p->cur.len - item);
			tl_rparse__advance(p);
		}
		if (!p->failed && !item_len)
			tl_rparse_error(p, p->cur.loc, "expected the function's name in 'fn(..) {name}'");
		tl_rparse_expect(p, '}', "to close the function item's name");
		t->mut = true; /* marks a function item */
	}
	if (p->failed) {
		p->tys.len = mark;
		p->sb.len = start;
		return NULL;
	}
	t->elems = tl_rparse__pop_tys(p, mark, &t->nelems);
	tl_strbuf_puts(&p->sb, "fn(");
	for (uint32_t i = 0; i < t->nelems; i++) {
		if (i)
			tl_strbuf_puts(&p->sb, ", ");
		tl_texpr_print(&p->sb, t->elems[i]);
	}
	if (variadic)
		tl_strbuf_puts(&p->sb, t->nelems ? ", ..." : "...");
	tl_strbuf_putc(&p->sb, ')');
	if (t->ret && !(t->ret->kind == TL_TX_TUPLE && t->ret->nelems == 0)) {
		tl_strbuf_puts(&p->sb, " -> ");
		tl_texpr_print(&p->sb, t->ret);
	}
	if (item) {
		tl_strbuf_puts(&p->sb, " {");
		tl_strbuf_add(&p->sb, item, item_len);
		tl_strbuf_putc(&p->sb, '}');
	}
	t->text = p->sb.oom ? NULL : tl_intern(p->ctx, p->sb.buf + start,
					       p->sb.len - start);
	p->sb.len = start;
	if (p->sb.buf)
		p->sb.buf[start] = '\0';
	return t->text ? t : tl_rparse__oom(p);
}

const tl_texpr *tl_rparse__dyn(tl_rparse *p, bool allow_plus)
{
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_DYN, p->cur.loc);
	if (!t)
		return NULL;
	tl_rparse__advance(p); /* dyn */
	size_t start = p->sb.len;
	bool unsized = false;
	/* without allow_plus one bound only: `&dyn A + B` needs parentheses */
	tl_rparse__bounds(p, allow_plus, &unsized);
	if (!p->failed && p->sb.len == start)
		tl_rparse_error(p, t->loc,
				"at least one trait is required for an object type");
	t->text = p->failed || p->sb.oom ?
		NULL : tl_intern(p->ctx, p->sb.buf + start, p->sb.len - start);
	p->sb.len = start;
	if (p->sb.buf)
		p->sb.buf[start] = '\0';
	if (!t->text && !p->failed)
		tl_rparse__oom(p);
	return p->failed ? NULL : t;
}

/* A trait path for bounds, printed into p->sb as it is read: `Fn(u8) ->
 * u8`, `Iterator<Item = u8>`, `std::io::Write`. */
bool tl_rparse__trait_path(tl_rparse *p, const char **last)
{
	char b[64];
	if (tl_rparse_eat(p, TL_P2(':', ':')))
		tl_strbuf_puts(&p->sb, "::");
	for (;;) {
		if (p->cur.kind != TL_TOK_IDENT ||
		    (tl_tok_is_keyword(&p->cur) && !tl_rparse__path_keyword(&p->cur))) {
			tl_rparse_error(p, p->cur.loc, "expected a trait, found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
			return false;
		}
		const char *seg = tl_rparse__intern_tok(p, &p->cur);
		if (!seg)
			return false;
		if (last)
			*last = seg;
		tl_strbuf_puts(&p->sb, seg);
		tl_rparse__advance(p);
		if (tl_rparse__is(p, TL_P2(':', ':')) &&
		    tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
		    tl_rlex_peek(&p->lx)->punct == '<')
			tl_rparse__advance(p);
		if (tl_rparse__is(p, '<')) {
			const tl_garg *args;
			uint32_t n;
			if (!tl_rparse__gargs(p, seg, &args, &n))
				return false;
			tl_texpr tmp = {.kind = TL_TX_PATH, .args = args, .nargs = n};
			tl_texpr_print(&p->sb, &tmp); /* prints just "<...>" */
		} else if (tl_rparse__is(p, '(')) {
			tl_rparse__advance(p);
			size_t mark = p->tys.len;
			while (!p->failed && !tl_rparse_eat(p, ')')) {
				if (!tl_rparse__push_ty(p, tl_rparse__type(p, true)))
					break;
				if (!tl_rparse_eat(p, ',') && !tl_rparse__is(p, ')'))
					tl_rparse_expect(p, ')', "to close the argument list");
			}
			const tl_texpr *ret = NULL;
			if (tl_rparse_eat(p, TL_P2('-', '>')))
				ret = tl_rparse__type(p, false);
			if (p->failed) {
				p->tys.len = mark;
				return false;
			}
			tl_strbuf_putc(&p->sb, '(');
			for (size_t i = mark; i < p->tys.len; i++) {
				if (i > mark)
					tl_strbuf_puts(&p->sb, ", ");
				tl_texpr_print(&p->sb, p->tys.items[i]);
			}
			tl_strbuf_putc(&p->sb, ')');
			p->tys.len = mark;
			if (ret && !(ret->kind == TL_TX_TUPLE && ret->nelems == 0)) {
				tl_strbuf_puts(&p->sb, " -> ");
				tl_texpr_print(&p->sb, ret);
			}
			return true;
		}
		if (!tl_rparse_eat(p, TL_P2(':', ':')))
			return !p->failed;
		tl_strbuf_puts(&p->sb, "::");
	}
}

/* Bounds `A + ?Sized + 'a + for<'b> Fn(&'b u8)`, printed normalised into
 * p->sb (lifetimes dropped, " + " between bounds). */
bool tl_rparse__bounds(tl_rparse *p, bool allow_plus, bool *maybe_unsized)
{
	size_t start = p->sb.len;
	do {
		if (!tl_rparse__enter(p))
			return false;
		if (p->cur.kind == TL_TOK_LIFETIME) {
			tl_rparse__advance(p);
			p->depth--;
			continue;
		}
		if (p->sb.len > start)
			tl_strbuf_puts(&p->sb, " + ");
		bool paren = tl_rparse_eat(p, '(');
		if (tl_tok_is(&p->cur, "for"))
			tl_rparse__skip_for(p);
		if (tl_rparse_eat(p, '?')) {
			tl_strbuf_putc(&p->sb, '?');
			if (tl_tok_is(&p->cur, "Sized"))
				*maybe_unsized = true;
		}
		tl_rparse__trait_path(p, NULL);
		if (paren)
			tl_rparse_expect(p, ')', "to close the bound");
		p->depth--;
	} while (!p->failed && allow_plus && tl_rparse_eat(p, '+'));
	return !p->failed;
}
