/*
 * Type expressions (see rust_parse.h). The grammar follows the Rust
 * Reference's "Types" chapter: TypeNoBounds for the operand of `&`, `*` and
 * of a `->` in Fn sugar (so `&dyn A + B` is rejected as rustc does), full
 * Type elsewhere. Constant expressions, generic parameter lists and
 * variants are in rust_parse_items.c; printing is in rust_print.c.
 */
#include "front/rust_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ID_SYNTAX "type-syntax"

void tl_rparse_init(tl_rparse *p, tl_ctx *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ctx = ctx;
}

void tl_rparse_release(tl_rparse *p)
{
	if (!p)
		return;
	TL_VEC_FREE(p->tys);
	TL_VEC_FREE(p->gargs);
	TL_VEC_FREE(p->segs);
	TL_VEC_FREE(p->fields);
	TL_VEC_FREE(p->gparams);
	tl_strbuf_release(&p->sb);
}

void tl_rparse_error(tl_rparse *p, tl_loc loc, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tl_error(p->ctx, loc, ID_SYNTAX, "%s", tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
}

static void *oom(tl_rparse *p)
{
	p->ctx->oom = true;
	p->failed = true;
	return NULL;
}

void tl_rparse__advance(tl_rparse *p)
{
	p->cur = tl_rlex_next(&p->lx);
	if (p->cur.kind == TL_TOK_ERROR) {
		tl_rparse_error(p, p->cur.loc, "%s", p->cur.error);
		/* an EOF is never consumed, so every loop ends here */
		p->cur.kind = TL_TOK_EOF;
	}
}

void tl_rparse_begin(tl_rparse *p, const char *text, size_t len, tl_loc start,
		     bool fixed_loc)
{
	tl_rlex_init(&p->lx, text, len, start.file, start.line, start.col);
	p->lx.fixed_loc = fixed_loc;
	p->depth = 0;
	p->failed = false;
	tl_rparse__advance(p);
}

bool tl_rparse__enter(tl_rparse *p)
{
	if (p->failed)
		return false;
	if (++p->depth > TL_RPARSE_MAX_DEPTH) {
		tl_rparse_error(p, p->cur.loc,
				"expression is nested too deeply (more than %d levels)",
				TL_RPARSE_MAX_DEPTH);
		return false;
	}
	return true;
}

const char *tl_rparse__desc(const tl_token *t, char *buf, size_t size)
{
	if (t->kind == TL_TOK_EOF)
		return "end of input";
	int n = t->len > 40 ? 40 : (int)t->len;
	snprintf(buf, size, "%s'%.*s%s'",
		 tl_tok_is_keyword(t) ? "keyword " : "", n, t->text,
		 t->len > 40 ? "..." : "");
	return buf;
}

const char *tl_rparse__intern_tok(tl_rparse *p, const tl_token *t)
{
	const char *s = tl_intern(p->ctx, t->text, t->len);
	if (!s)
		oom(p);
	return s;
}

static bool is_punct(const tl_rparse *p, uint32_t punct)
{
	return p->cur.kind == TL_TOK_PUNCT && p->cur.punct == punct;
}

bool tl_rparse_eat(tl_rparse *p, uint32_t punct)
{
	if (p->failed || !is_punct(p, punct))
		return false;
	tl_rparse__advance(p);
	return true;
}

static const char *punct_str(uint32_t punct, char *buf)
{
	size_t i = 0;
	for (; punct && i < 3; punct >>= 8)
		buf[i++] = (char)(punct & 0xFF);
	buf[i] = '\0';
	return buf;
}

bool tl_rparse_expect(tl_rparse *p, uint32_t punct, const char *context)
{
	if (tl_rparse_eat(p, punct))
		return true;
	char b1[4], b2[64];
	tl_rparse_error(p, p->cur.loc, "expected '%s' %s, found %s",
			punct_str(punct, b1), context,
			tl_rparse__desc(&p->cur, b2, sizeof(b2)));
	return false;
}

bool tl_rparse_end(tl_rparse *p, const char *what)
{
	if (p->failed)
		return false;
	if (p->cur.kind == TL_TOK_EOF)
		return true;
	char b[64];
	if (is_punct(p, '+'))
		tl_rparse_error(p, p->cur.loc,
				"ambiguous '+' after %s: add parentheses, as in '&(dyn A + B)'",
				what);
	else
		tl_rparse_error(p, p->cur.loc, "unexpected %s after %s",
				tl_rparse__desc(&p->cur, b, sizeof(b)), what);
	return false;
}

bool tl_rparse_ident(tl_rparse *p, const char *what, const char **name,
		     tl_loc *loc)
{
	if (p->failed)
		return false;
	if (p->cur.kind != TL_TOK_IDENT || tl_tok_is_keyword(&p->cur) ||
	    tl_tok_is(&p->cur, "_")) {
		char b[64];
		tl_rparse_error(p, p->cur.loc, "expected %s, found %s", what,
				tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	if (loc)
		*loc = p->cur.loc;
	*name = tl_rparse__intern_tok(p, &p->cur);
	tl_rparse__advance(p);
	return *name != NULL;
}

/* `>` closing generic arguments, splitting `>>`, `>=` and `>>=` (the lexer
 * cannot know that `Vec<Vec<u8>>` closes two lists). */
bool tl_rparse__eat_gt(tl_rparse *p)
{
	if (p->failed || p->cur.kind != TL_TOK_PUNCT || (p->cur.punct & 0xFF) != '>')
		return false;
	if (p->cur.punct == '>') {
		tl_rparse__advance(p);
		return true;
	}
	p->cur.punct >>= 8;
	p->cur.text++;
	p->cur.len--;
	if (!p->lx.fixed_loc)
		p->cur.loc.col++;
	return true;
}

static tl_texpr *new_tx(tl_rparse *p, tl_tx_kind kind, tl_loc loc)
{
	tl_texpr *t = tl_arena_alloc(&p->ctx->arena, sizeof(*t));
	if (!t)
		return oom(p);
	t->kind = kind;
	t->loc = loc;
	return t;
}

const tl_texpr *const *tl_rparse__pop_tys(tl_rparse *p, size_t mark,
					  uint32_t *n)
{
	*n = (uint32_t)(p->tys.len - mark);
	const tl_texpr **arr = NULL;
	if (*n) {
		arr = tl_arena_memdup(&p->ctx->arena, p->tys.items + mark,
				      *n * sizeof(*arr));
		if (!arr)
			oom(p);
	}
	p->tys.len = mark;
	return arr;
}

static bool push_ty(tl_rparse *p, const tl_texpr *t)
{
	if (!TL_VEC_PUSH(p->tys, t)) {
		oom(p);
		return false;
	}
	return true;
}

static const tl_texpr *parse_type(tl_rparse *p, bool allow_plus);

/* Generic arguments after `<` of `owner`: types, lifetimes, `Item = T`
 * bindings, and const arguments (`16`, `-1`, `{ N + 1 }`). */
static bool parse_gargs(tl_rparse *p, const char *owner, const tl_garg **out,
			uint32_t *n)
{
	char b[64];
	size_t mark = p->gargs.len;
	tl_rparse__advance(p); /* < */
	while (!p->failed && !tl_rparse__eat_gt(p)) {
		tl_garg g = {0};
		const tl_token *next = tl_rlex_peek(&p->lx);
		if (p->cur.kind == TL_TOK_LIFETIME) {
			g.lifetime = tl_rparse__intern_tok(p, &p->cur);
			tl_rparse__advance(p);
		} else if (tl_rparse_eat(p, '{')) {
			g.value = tl_rparse_cexpr(p);
			tl_rparse_expect(p, '}', "to close the const argument");
		} else if (p->cur.kind == TL_TOK_INT || is_punct(p, '-')) {
			/* unbraced const arguments are literals (`Foo<4>>`
			 * must not read `>>` as a shift) */
			g.value = tl_rparse__literal(p);
		} else if (p->cur.kind == TL_TOK_IDENT && next->kind == TL_TOK_PUNCT &&
			   next->punct == '=') {
			g.assoc = tl_rparse__intern_tok(p, &p->cur);
			tl_rparse__advance(p);
			tl_rparse__advance(p);
			g.type = parse_type(p, true);
		} else {
			g.type = parse_type(p, true);
		}
		if (p->failed)
			break;
		if (!TL_VEC_PUSH(p->gargs, g))
			return oom(p);
		if (!tl_rparse_eat(p, ',') &&
		    !(p->cur.kind == TL_TOK_PUNCT && (p->cur.punct & 0xFF) == '>'))
			tl_rparse_error(p, p->cur.loc,
					"expected '>' to close the generic arguments of '%s', found %s",
					owner, tl_rparse__desc(&p->cur, b, sizeof(b)));
	}
	*n = (uint32_t)(p->gargs.len - mark);
	*out = NULL;
	if (!p->failed && *n) {
		*out = tl_arena_memdup(&p->ctx->arena, p->gargs.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			oom(p);
	}
	p->gargs.len = mark;
	return !p->failed;
}

static bool is_path_keyword(const tl_token *t)
{
	return tl_tok_is(t, "self") || tl_tok_is(t, "super") ||
	       tl_tok_is(t, "crate") || tl_tok_is(t, "Self");
}

static const tl_texpr *parse_path(tl_rparse *p)
{
	char b[64];
	tl_loc loc = p->cur.loc;
	bool global = tl_rparse_eat(p, TL_P2(':', ':'));
	size_t mark = p->segs.len;
	const tl_garg *args = NULL;
	uint32_t nargs = 0;
	for (;;) {
		if (p->cur.kind != TL_TOK_IDENT ||
		    (tl_tok_is_keyword(&p->cur) && !is_path_keyword(&p->cur))) {
			tl_rparse_error(p, p->cur.loc, "expected a type, found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
			break;
		}
		const char *seg = tl_rparse__intern_tok(p, &p->cur);
		if (!seg || !TL_VEC_PUSH(p->segs, seg)) {
			oom(p);
			break;
		}
		tl_rparse__advance(p);
		bool turbofish = is_punct(p, TL_P2(':', ':')) &&
				 tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
				 tl_rlex_peek(&p->lx)->punct == '<';
		if (turbofish)
			tl_rparse__advance(p);
		if (is_punct(p, '<')) {
			if (!parse_gargs(p, seg, &args, &nargs))
				break;
			if (is_punct(p, TL_P2(':', ':')))
				tl_rparse_error(p, p->cur.loc,
						"associated type paths such as '%s<..>::X' are not supported",
						seg);
			break;
		}
		if (is_punct(p, '(')) {
			tl_rparse_error(p, p->cur.loc,
					"'%s(..)' is a trait: write 'dyn %s(..)' for a trait object",
					seg, seg);
			break;
		}
		if (!tl_rparse_eat(p, TL_P2(':', ':')))
			break;
	}
	uint32_t nsegs = (uint32_t)(p->segs.len - mark);
	if (p->failed) {
		p->segs.len = mark;
		return NULL;
	}
	/* one block for the node and its segments: most paths are one name */
	size_t size = sizeof(tl_texpr) + nsegs * sizeof(const char *);
	tl_texpr *t = tl_arena_alloc(&p->ctx->arena, size);
	if (!t) {
		p->segs.len = mark;
		return oom(p);
	}
	const char **segs = (const char **)(t + 1);
	memcpy(segs, p->segs.items + mark, nsegs * sizeof(*segs));
	p->segs.len = mark;
	t->kind = TL_TX_PATH;
	t->loc = loc;
	t->global = global;
	t->segs = segs;
	t->nsegs = nsegs;
	t->args = args;
	t->nargs = nargs;
	return t;
}

/* ( ), (T,), (A, B) or a parenthesised type. */
static const tl_texpr *parse_paren(tl_rparse *p)
{
	tl_loc loc = p->cur.loc;
	tl_rparse__advance(p);
	size_t mark = p->tys.len;
	bool comma = false;
	while (!p->failed && !tl_rparse_eat(p, ')')) {
		if (!push_ty(p, parse_type(p, true)))
			break;
		comma = tl_rparse_eat(p, ',');
		if (!comma && !is_punct(p, ')')) {
			tl_rparse_expect(p, ')', "to close the tuple type");
			break;
		}
	}
	if (p->failed) {
		p->tys.len = mark;
		return NULL;
	}
	if (p->tys.len - mark == 1 && !comma) {
		const tl_texpr *inner = p->tys.items[mark];
		p->tys.len = mark;
		return inner;
	}
	tl_texpr *t = new_tx(p, TL_TX_TUPLE, loc);
	if (t)
		t->elems = tl_rparse__pop_tys(p, mark, &t->nelems);
	return t;
}

static const tl_texpr *parse_ref(tl_rparse *p)
{
	tl_texpr *t = new_tx(p, TL_TX_REF, p->cur.loc);
	if (!t)
		return NULL;
	if (p->cur.punct == TL_P2('&', '&')) {
		/* `&&T` is `& &T`: keep the second `&` as the current token */
		p->cur.punct = '&';
		p->cur.text++;
		p->cur.len--;
		if (!p->lx.fixed_loc)
			p->cur.loc.col++;
	} else {
		tl_rparse__advance(p);
	}
	if (p->cur.kind == TL_TOK_LIFETIME) {
		t->lifetime = tl_rparse__intern_tok(p, &p->cur);
		tl_rparse__advance(p);
	}
	if (tl_tok_is(&p->cur, "mut")) {
		t->mut = true;
		tl_rparse__advance(p);
	}
	t->inner = parse_type(p, false);
	return t->inner ? t : NULL;
}

static const tl_texpr *parse_rawptr(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = new_tx(p, TL_TX_RAWPTR, p->cur.loc);
	if (!t)
		return NULL;
	tl_rparse__advance(p);
	if (tl_tok_is(&p->cur, "mut"))
		t->mut = true;
	else if (!tl_tok_is(&p->cur, "const")) {
		tl_rparse_error(p, p->cur.loc,
				"expected 'const' or 'mut' after '*' in a raw pointer type, found %s",
				tl_rparse__desc(&p->cur, b, sizeof(b)));
		return NULL;
	}
	tl_rparse__advance(p);
	t->inner = parse_type(p, false);
	return t->inner ? t : NULL;
}

static const tl_texpr *parse_bracket(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = new_tx(p, TL_TX_SLICE, p->cur.loc);
	if (!t)
		return NULL;
	tl_rparse__advance(p);
	t->inner = parse_type(p, true);
	if (tl_rparse_eat(p, ';')) {
		t->kind = TL_TX_ARRAY;
		t->len = tl_rparse_cexpr(p);
		tl_rparse_expect(p, ']', "to close the array type");
	} else if (!tl_rparse_eat(p, ']') && !p->failed) {
		tl_rparse_error(p, p->cur.loc,
				"expected ';' or ']' after the element type, found %s",
				tl_rparse__desc(&p->cur, b, sizeof(b)));
	}
	return p->failed ? NULL : t;
}

/* `for<'a, 'b>`: the binder is dropped (lifetimes do not change layouts). */
static void skip_for_binder(tl_rparse *p)
{
	tl_rparse__advance(p); /* for */
	tl_rparse_expect(p, '<', "after 'for'");
	while (!p->failed && !tl_rparse__eat_gt(p)) {
		if (p->cur.kind != TL_TOK_LIFETIME) {
			tl_rparse_expect(p, '>', "to close the 'for<..>' binder");
			return;
		}
		tl_rparse__advance(p);
		if (!tl_rparse_eat(p, ',') && !is_punct(p, '>'))
			tl_rparse_expect(p, '>', "to close the 'for<..>' binder");
	}
}

/* [for<..>] [unsafe] [extern ["abi"]] fn(params) [-> T] */
static const tl_texpr *parse_fnptr(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = new_tx(p, TL_TX_FNPTR, p->cur.loc);
	if (!t)
		return NULL;
	if (tl_tok_is(&p->cur, "for"))
		skip_for_binder(p);
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
		else if (!push_ty(p, parse_type(p, true)))
			break;
		if (!tl_rparse_eat(p, ',') && !is_punct(p, ')'))
			tl_rparse_expect(p, ')', "to close the parameter list");
	}
	if (tl_rparse_eat(p, TL_P2('-', '>')))
		t->ret = parse_type(p, false);
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
	t->text = p->sb.oom ? NULL : tl_intern(p->ctx, p->sb.buf + start,
					       p->sb.len - start);
	p->sb.len = start;
	if (p->sb.buf)
		p->sb.buf[start] = '\0';
	return t->text ? t : oom(p);
}

static const tl_texpr *parse_dyn(tl_rparse *p, bool allow_plus)
{
	tl_texpr *t = new_tx(p, TL_TX_DYN, p->cur.loc);
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
		oom(p);
	return p->failed ? NULL : t;
}

static bool parse_trait_path(tl_rparse *p);

/* `<T as Trait>::Name...` when allow_qpath is set (see rust_parse.h): a
 * PATH whose first segment is the normalised text "<T as Trait>". */
static const tl_texpr *parse_qpath(tl_rparse *p)
{
	tl_loc loc = p->cur.loc;
	tl_rparse__advance(p); /* < */
	const tl_texpr *self = parse_type(p, true);
	size_t start = p->sb.len;
	tl_strbuf_putc(&p->sb, '<');
	if (self)
		tl_texpr_print(&p->sb, self);
	if (self && tl_tok_is(&p->cur, "as")) {
		tl_rparse__advance(p);
		tl_strbuf_puts(&p->sb, " as ");
		parse_trait_path(p);
	}
	if (!p->failed && !tl_rparse__eat_gt(p))
		tl_rparse_expect(p, '>', "to close the qualified path");
	tl_strbuf_putc(&p->sb, '>');
	const char *qself = p->failed || p->sb.oom ? NULL :
		tl_intern(p->ctx, p->sb.buf + start, p->sb.len - start);
	p->sb.len = start;
	if (p->sb.buf)
		p->sb.buf[start] = '\0';
	if (p->failed)
		return NULL;
	if (!qself)
		return oom(p);
	if (!tl_rparse_expect(p, TL_P2(':', ':'), "after a qualified path"))
		return NULL;
	const tl_texpr *rest = parse_path(p);
	if (!rest)
		return NULL;
	tl_texpr *t = tl_arena_memdup(&p->ctx->arena, rest, sizeof(*t));
	const char **segs = tl_arena_array(&p->ctx->arena, rest->nsegs + 1,
					   sizeof(*segs));
	if (!t || !segs)
		return oom(p);
	segs[0] = qself;
	memcpy(segs + 1, rest->segs, rest->nsegs * sizeof(*segs));
	t->segs = segs;
	t->nsegs = rest->nsegs + 1;
	t->loc = loc;
	return t;
}

static const tl_texpr *parse_type_at(tl_rparse *p, bool allow_plus)
{
	char b[64];
	const tl_token *c = &p->cur;
	if (c->kind == TL_TOK_PUNCT) {
		switch (c->punct) {
		case '(':
			return parse_paren(p);
		case '!': {
			tl_texpr *t = new_tx(p, TL_TX_NEVER, c->loc);
			tl_rparse__advance(p);
			return t;
		}
		case '&':
		case TL_P2('&', '&'):
			return parse_ref(p);
		case '*':
			return parse_rawptr(p);
		case '[':
			return parse_bracket(p);
		case TL_P2(':', ':'):
			return parse_path(p);
		case '<':
			if (p->allow_qpath)
				return parse_qpath(p);
			tl_rparse_error(p, c->loc,
					"qualified paths such as '<T as Trait>::X' are not supported");
			return NULL;
		}
	} else if (c->kind == TL_TOK_IDENT && !c->raw) {
		if (tl_tok_is(c, "_")) {
			tl_texpr *t = new_tx(p, TL_TX_INFER, c->loc);
			tl_rparse__advance(p);
			return t;
		}
		if (tl_tok_is(c, "dyn"))
			return parse_dyn(p, allow_plus);
		if (tl_tok_is(c, "impl")) {
			tl_rparse_error(p, c->loc,
					"'impl Trait' is not a storable field type");
			return NULL;
		}
		if (tl_tok_is(c, "fn") || tl_tok_is(c, "unsafe") ||
		    tl_tok_is(c, "extern") || tl_tok_is(c, "for"))
			return parse_fnptr(p);
	}
	if (c->kind == TL_TOK_IDENT)
		return parse_path(p);
	tl_rparse_error(p, c->loc, "expected a type, found %s",
			tl_rparse__desc(c, b, sizeof(b)));
	return NULL;
}

static const tl_texpr *parse_type(tl_rparse *p, bool allow_plus)
{
	if (!tl_rparse__enter(p))
		return NULL;
	const tl_texpr *t = parse_type_at(p, allow_plus);
	p->depth--;
	return p->failed ? NULL : t;
}

const tl_texpr *tl_rparse_type(tl_rparse *p)
{
	return parse_type(p, true);
}

/* A trait path for bounds, printed into p->sb as it is read: `Fn(u8) ->
 * u8`, `Iterator<Item = u8>`, `std::io::Write`. */
static bool parse_trait_path(tl_rparse *p)
{
	char b[64];
	if (tl_rparse_eat(p, TL_P2(':', ':')))
		tl_strbuf_puts(&p->sb, "::");
	for (;;) {
		if (p->cur.kind != TL_TOK_IDENT ||
		    (tl_tok_is_keyword(&p->cur) && !is_path_keyword(&p->cur))) {
			tl_rparse_error(p, p->cur.loc, "expected a trait, found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
			return false;
		}
		const char *seg = tl_rparse__intern_tok(p, &p->cur);
		if (!seg)
			return false;
		tl_strbuf_puts(&p->sb, seg);
		tl_rparse__advance(p);
		if (is_punct(p, TL_P2(':', ':')) &&
		    tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
		    tl_rlex_peek(&p->lx)->punct == '<')
			tl_rparse__advance(p);
		if (is_punct(p, '<')) {
			const tl_garg *args;
			uint32_t n;
			if (!parse_gargs(p, seg, &args, &n))
				return false;
			tl_texpr tmp = {.kind = TL_TX_PATH, .args = args, .nargs = n};
			tl_texpr_print(&p->sb, &tmp); /* prints just "<...>" */
		} else if (is_punct(p, '(')) {
			tl_rparse__advance(p);
			size_t mark = p->tys.len;
			while (!p->failed && !tl_rparse_eat(p, ')')) {
				if (!push_ty(p, parse_type(p, true)))
					break;
				if (!tl_rparse_eat(p, ',') && !is_punct(p, ')'))
					tl_rparse_expect(p, ')', "to close the argument list");
			}
			const tl_texpr *ret = NULL;
			if (tl_rparse_eat(p, TL_P2('-', '>')))
				ret = parse_type(p, false);
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
			skip_for_binder(p);
		if (tl_rparse_eat(p, '?')) {
			tl_strbuf_putc(&p->sb, '?');
			if (tl_tok_is(&p->cur, "Sized"))
				*maybe_unsized = true;
		}
		parse_trait_path(p);
		if (paren)
			tl_rparse_expect(p, ')', "to close the bound");
		p->depth--;
	} while (!p->failed && allow_plus && tl_rparse_eat(p, '+'));
	return !p->failed;
}
