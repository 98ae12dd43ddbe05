/*
 * Type expressions (see rust_parse.h). The grammar follows the Rust
 * Reference's "Types" chapter: TypeNoBounds for the operand of `&`, `*` and
 * of a `->` in Fn sugar (so `&dyn A + B` is rejected as rustc does), full
 * Type elsewhere. Constant expressions, generic parameter lists and
 * variants are in rust_parse_items.c and rust_parse_cexpr.c; printing is in
 * model/syntax_print.c.
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
	p->syn = &ctx->arena;
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

void *tl_rparse__oom(tl_rparse *p)
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

void tl_rparse_begin_tokens(tl_rparse *p, const tl_token *toks, size_t n,
			    size_t first, tl_loc end)
{
	tl_rlex_init_tokens(&p->lx, toks, n, first, end);
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
		tl_rparse__oom(p);
	return s;
}

bool tl_rparse__is(const tl_rparse *p, uint32_t punct)
{
	return p->cur.kind == TL_TOK_PUNCT && p->cur.punct == punct;
}

bool tl_rparse_eat(tl_rparse *p, uint32_t punct)
{
	if (p->failed || !tl_rparse__is(p, punct))
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
	if (tl_rparse__is(p, '+'))
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

/* Consumes one `<`, also the first of `<<` (`Vec<<T as Tr>::X>`). */
static void eat_lt(tl_rparse *p)
{
	if (p->cur.punct == '<') {
		tl_rparse__advance(p);
		return;
	}
	p->cur.punct >>= 8;
	p->cur.text++;
	p->cur.len--;
	if (!p->lx.fixed_loc)
		p->cur.loc.col++;
}

static bool at_lt(const tl_rparse *p)
{
	return p->cur.kind == TL_TOK_PUNCT &&
	       (p->cur.punct == '<' || p->cur.punct == TL_P2('<', '<'));
}

tl_texpr *tl_rparse__new_tx(tl_rparse *p, tl_tx_kind kind, tl_loc loc)
{
	tl_texpr *t = tl_arena_alloc(p->syn, sizeof(*t));
	if (!t)
		return tl_rparse__oom(p);
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
		arr = tl_arena_memdup(p->syn, p->tys.items + mark,
				      *n * sizeof(*arr));
		if (!arr)
			tl_rparse__oom(p);
	}
	p->tys.len = mark;
	return arr;
}

bool tl_rparse__push_ty(tl_rparse *p, const tl_texpr *t)
{
	if (!TL_VEC_PUSH(p->tys, t)) {
		tl_rparse__oom(p);
		return false;
	}
	return true;
}


/* Generic arguments after `<` of `owner`: types, lifetimes, `Item = T`
 * bindings, and const arguments (`16`, `-1`, `{ N + 1 }`). */
bool tl_rparse__gargs(tl_rparse *p, const char *owner, const tl_garg **out,
		      uint32_t *n)
{
	char b[64];
	size_t mark = p->gargs.len;
	eat_lt(p);
	while (!p->failed && !tl_rparse__eat_gt(p)) {
		tl_garg g = {0};
		const tl_token *next = tl_rlex_peek(&p->lx);
		if (p->cur.kind == TL_TOK_LIFETIME) {
			g.lifetime = tl_rparse__intern_tok(p, &p->cur);
			tl_rparse__advance(p);
		} else if (tl_rparse_eat(p, '{')) {
			g.value = tl_rparse_cexpr(p);
			tl_rparse_expect(p, '}', "to close the const argument");
		} else if (p->cur.kind == TL_TOK_INT || tl_rparse__is(p, '-')) {
			/* unbraced const arguments are literals (`Foo<4>>`
			 * must not read `>>` as a shift) */
			g.value = tl_rparse__literal(p);
		} else if (p->cur.kind == TL_TOK_IDENT && next->kind == TL_TOK_PUNCT &&
			   next->punct == '=') {
			g.assoc = tl_rparse__intern_tok(p, &p->cur);
			tl_rparse__advance(p);
			tl_rparse__advance(p);
			g.type = tl_rparse__type(p, true);
		} else {
			g.type = tl_rparse__type(p, true);
		}
		if (p->failed)
			break;
		if (!TL_VEC_PUSH(p->gargs, g))
			return tl_rparse__oom(p);
		if (!tl_rparse_eat(p, ',') &&
		    !(p->cur.kind == TL_TOK_PUNCT && (p->cur.punct & 0xFF) == '>'))
			tl_rparse_error(p, p->cur.loc,
					"expected '>' to close the generic arguments of '%s', found %s",
					owner, tl_rparse__desc(&p->cur, b, sizeof(b)));
	}
	*n = (uint32_t)(p->gargs.len - mark);
	*out = NULL;
	if (!p->failed && *n) {
		*out = tl_arena_memdup(p->syn, p->gargs.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			tl_rparse__oom(p);
	}
	p->gargs.len = mark;
	return !p->failed;
}

bool tl_rparse__path_keyword(const tl_token *t)
{
	return tl_tok_is(t, "self") || tl_tok_is(t, "super") ||
	       tl_tok_is(t, "crate") || tl_tok_is(t, "Self");
}

bool tl_rparse__path_segment(tl_rparse *p, const char *what)
{
	if (p->cur.kind != TL_TOK_IDENT ||
	    (tl_tok_is_keyword(&p->cur) && !tl_rparse__path_keyword(&p->cur))) {
		char b[64];
		tl_rparse_error(p, p->cur.loc, "expected %s, found %s", what,
				tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	const char *seg = tl_rparse__intern_tok(p, &p->cur);
	if (!seg || !TL_VEC_PUSH(p->segs, seg)) {
		tl_rparse__oom(p);
		return false;
	}
	tl_rparse__advance(p);
	return true;
}

/* A PATH node and its segments in one block: most paths are one name. */
static tl_texpr *new_path(tl_arena *syn, uint32_t nsegs)
{
	size_t size = sizeof(tl_texpr) + nsegs * sizeof(const char *);
	tl_texpr *t = tl_arena_alloc(syn, size);
	if (t) {
		t->kind = TL_TX_PATH;
		t->segs = (const char **)(t + 1);
		t->nsegs = nsegs;
	}
	return t;
}

size_t tl_rparse_ident_end(const char *text, size_t i, size_t len)
{
	for (; i < len; i++) {
		char c = text[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_'))
			break;
	}
	return i;
}

bool tl_rparse_plain_ident(const char *text, size_t len)
{
	if (len == 0 || (text[0] >= '0' && text[0] <= '9') ||
	    tl_rparse_ident_end(text, 0, len) != len)
		return false;
	tl_token tok = {.kind = TL_TOK_IDENT, .text = text, .len = len};
	return !tl_tok_is_keyword(&tok) && !tl_tok_is(&tok, "_");
}

const tl_texpr *tl_rparse_simple_path(tl_ctx *ctx, tl_arena *syn,
				      tl_noted *shared, const char *text,
				      size_t len, tl_loc loc)
{
	if (len > 64 || !tl_rparse_plain_ident(text, len))
		return NULL;
	const char *seg = tl_intern(ctx, text, len);
	const tl_texpr *known = seg && shared ? tl_noted_get(seg) : NULL;
	if (known)
		return known;
	tl_texpr *t = seg ? new_path(syn, 1) : NULL;
	if (!t || (shared && tl_noted_put(shared, seg, t) < 0)) {
		ctx->oom = true;
		return NULL;
	}
	((const char **)t->segs)[0] = seg;
	t->loc = loc;
	t->shared = shared != NULL;
	return t;
}

static const tl_texpr *parse_path(tl_rparse *p)
{
	tl_loc loc = p->cur.loc;
	bool global = tl_rparse_eat(p, TL_P2(':', ':'));
	size_t mark = p->segs.len;
	const tl_garg *args = NULL;
	uint32_t nargs = 0;
	for (;;) {
		if (!tl_rparse__path_segment(p, "a type"))
			break;
		const char *seg = p->segs.items[p->segs.len - 1];
		if (tl_rparse__is(p, '!') && p->type_macro) {
			uint32_t n = (uint32_t)(p->segs.len - mark);
			const tl_texpr *t = p->type_macro(p->type_macro_user, p,
							  p->segs.items + mark,
							  n, loc);
			p->segs.len = mark;
			return t;
		}
		bool turbofish = tl_rparse__is(p, TL_P2(':', ':')) &&
				 tl_rlex_peek(&p->lx)->kind == TL_TOK_PUNCT &&
				 (tl_rlex_peek(&p->lx)->punct == '<' ||
				  tl_rlex_peek(&p->lx)->punct == TL_P2('<', '<'));
		if (turbofish)
			tl_rparse__advance(p);
		if (at_lt(p)) {
			if (!tl_rparse__gargs(p, seg, &args, &nargs))
				break;
			if (tl_rparse__is(p, TL_P2(':', ':')))
				tl_rparse_error(p, p->cur.loc,
						"associated type paths such as '%s<..>::X' are not supported",
						seg);
			break;
		}
		if (tl_rparse__is(p, '(')) {
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
	tl_texpr *t = new_path(p->syn, nsegs);
	if (!t) {
		p->segs.len = mark;
		return tl_rparse__oom(p);
	}
	memcpy((const char **)t->segs, p->segs.items + mark,
	       nsegs * sizeof(*t->segs));
	p->segs.len = mark;
	t->loc = loc;
	t->global = global;
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
		if (!tl_rparse__push_ty(p, tl_rparse__type(p, true)))
			break;
		comma = tl_rparse_eat(p, ',');
		if (!comma && !tl_rparse__is(p, ')')) {
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
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_TUPLE, loc);
	if (t)
		t->elems = tl_rparse__pop_tys(p, mark, &t->nelems);
	return t;
}

static const tl_texpr *parse_ref(tl_rparse *p)
{
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_REF, p->cur.loc);
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
	t->inner = tl_rparse__type(p, false);
	return t->inner ? t : NULL;
}

static const tl_texpr *parse_rawptr(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_RAWPTR, p->cur.loc);
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
	t->inner = tl_rparse__type(p, false);
	return t->inner ? t : NULL;
}

static const tl_texpr *parse_bracket(tl_rparse *p)
{
	char b[64];
	tl_texpr *t = tl_rparse__new_tx(p, TL_TX_SLICE, p->cur.loc);
	if (!t)
		return NULL;
	tl_rparse__advance(p);
	t->inner = tl_rparse__type(p, true);
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

/* `<T as Trait>::Name...`: a PATH whose first segment is the normalised
 * text "<T as Trait>", with T in `inner` and "Trait" in `text`. */
static const tl_texpr *parse_qpath(tl_rparse *p)
{
	tl_loc loc = p->cur.loc;
	eat_lt(p);
	const tl_texpr *self = tl_rparse__type(p, true);
	size_t start = p->sb.len;
	const char *trait = NULL;
	tl_strbuf_putc(&p->sb, '<');
	if (self)
		tl_texpr_print(&p->sb, self);
	if (self && tl_tok_is(&p->cur, "as")) {
		tl_rparse__advance(p);
		tl_strbuf_puts(&p->sb, " as ");
		tl_rparse__trait_path(p, &trait);
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
		return tl_rparse__oom(p);
	if (!tl_rparse_expect(p, TL_P2(':', ':'), "after a qualified path"))
		return NULL;
	const tl_texpr *rest = parse_path(p);
	if (!rest)
		return NULL;
	tl_texpr *t = tl_arena_memdup(p->syn, rest, sizeof(*t));
	const char **segs = tl_arena_array(p->syn, rest->nsegs + 1,
					   sizeof(*segs));
	if (!t || !segs)
		return tl_rparse__oom(p);
	segs[0] = qself;
	memcpy(segs + 1, rest->segs, rest->nsegs * sizeof(*segs));
	t->segs = segs;
	t->nsegs = rest->nsegs + 1;
	t->loc = loc;
	t->inner = self;  /* a qualified path: see tl_texpr */
	t->text = trait;
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
			tl_texpr *t = tl_rparse__new_tx(p, TL_TX_NEVER, c->loc);
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
		case '<': /* `<T as Trait>::X`: a PATH with `inner` (model.h) */
		case TL_P2('<', '<'):
			return parse_qpath(p);
		}
	} else if (c->kind == TL_TOK_IDENT && !c->raw) {
		if (tl_tok_is(c, "_")) {
			tl_texpr *t = tl_rparse__new_tx(p, TL_TX_INFER, c->loc);
			tl_rparse__advance(p);
			return t;
		}
		if (tl_tok_is(c, "dyn"))
			return tl_rparse__dyn(p, allow_plus);
		if (tl_tok_is(c, "impl")) {
			tl_rparse_error(p, c->loc,
					"'impl Trait' is not a storable field type");
			return NULL;
		}
		if (tl_tok_is(c, "fn") || tl_tok_is(c, "unsafe") ||
		    tl_tok_is(c, "extern") || tl_tok_is(c, "for"))
			return tl_rparse__fnptr(p);
	}
	if (c->kind == TL_TOK_IDENT)
		return parse_path(p);
	tl_rparse_error(p, c->loc, "expected a type, found %s",
			tl_rparse__desc(c, b, sizeof(b)));
	return NULL;
}

const tl_texpr *tl_rparse__type(tl_rparse *p, bool allow_plus)
{
	if (!tl_rparse__enter(p))
		return NULL;
	const tl_texpr *t = parse_type_at(p, allow_plus);
	p->depth--;
	return p->failed ? NULL : t;
}

const tl_texpr *tl_rparse_type(tl_rparse *p)
{
	return tl_rparse__type(p, true);
}

const tl_texpr *tl_rparse_type_text(tl_ctx *ctx, const char *text, size_t len,
				    tl_loc start)
{
	tl_rparse p;
	tl_rparse_init(&p, ctx);
	tl_rparse_begin(&p, text, len, start, false);
	const tl_texpr *t = tl_rparse_type(&p);
	if (t && !tl_rparse_end(&p, "the type"))
		t = NULL;
	tl_rparse_release(&p);
	return t;
}

