/*
 * Constant expressions (see rust_parse.h): literals, paths, `true` and
 * `false`, the calls size_of::<T>() and align_of::<T>() (any other call is
 * an error naming it), unary and binary operators with the Rust
 * Reference's precedence ("Expressions", operator precedence table),
 * highest first: unary - !, `as`, * / %, + -, << >>, &, ^, |, comparisons
 * (which do not chain), &&, ||.
 */
#include "front/rust_parse.h"

#include <string.h>

#include "util/u128.h"

#define PREC_CAST 11
#define PREC_UNARY 12

static tl_cexpr *new_cx(tl_rparse *p, tl_cx_kind kind, tl_loc loc)
{
	tl_cexpr *e = tl_arena_alloc(p->syn, sizeof(*e));
	if (!e)
		return tl_rparse__oom(p);
	e->kind = kind;
	e->loc = loc;
	return e;
}
static bool digits_valid(const char *s, size_t n)
{
	unsigned base = 10;
	size_t i = 0;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		i = 2;
	}
	bool any = false;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned d = c >= '0' && c <= '9' ? c - '0' + 0u :
			     c >= 'a' && c <= 'f' ? c - 'a' + 10u :
			     c >= 'A' && c <= 'F' ? c - 'A' + 10u : 99u;
		if (c == '_')
			continue;
		if (d >= base)
			return false;
		any = true;
	}
	return any;
}

/* The current INT token as a literal node (with its suffix). */
static const tl_cexpr *int_literal(tl_rparse *p)
{
	const tl_token *t = &p->cur;
	char b[64];
	if (t->kind == TL_TOK_FLOAT) {
		tl_rparse_error(p, t->loc,
				"floating-point literals are not allowed in constant expressions");
		return NULL;
	}
	if (t->kind != TL_TOK_INT) {
		tl_rparse_error(p, t->loc, "expected an integer, found %s",
				tl_rparse__desc(t, b, sizeof(b)));
		return NULL;
	}
	tl_cexpr *e = new_cx(p, TL_CX_INT, t->loc);
	if (!e)
		return NULL;
	if (t->suffix < t->len) {
		if (!tl_rust_int_prim(t->text + t->suffix, t->len - t->suffix,
				      &e->cast)) {
			tl_rparse_error(p, t->loc,
					"invalid suffix '%.*s' for an integer literal",
					(int)(t->len - t->suffix), t->text + t->suffix);
			return NULL;
		}
		e->op = TL_CX_OP_SUFFIX;
	}
	if (!tl_u128_parse(t->text, t->suffix, &e->value)) {
		if (digits_valid(t->text, t->suffix))
			tl_rparse_error(p, t->loc, "integer literal '%.*s' is too large",
					(int)t->suffix, t->text);
		else
			tl_rparse_error(p, t->loc, "invalid integer literal '%.*s'",
					(int)t->suffix, t->text);
		return NULL;
	}
	tl_rparse__advance(p);
	return e;
}

const tl_cexpr *tl_rparse__literal(tl_rparse *p)
{
	if (!tl_rparse__is(p, '-'))
		return int_literal(p);
	tl_cexpr *e = new_cx(p, TL_CX_UNARY, p->cur.loc);
	if (!e)
		return NULL;
	tl_rparse__advance(p);
	e->op = '-';
	e->a = int_literal(p);
	return e->a ? e : NULL;
}

static const tl_cexpr *parse_binary(tl_rparse *p, int min_prec);

/* `size_of`, `mem::size_of`, `core::mem::size_of`, `std::mem::size_of`
 * (and `::core::...`): TL_CX_OP_SIZE_OF, or TL_CX_OP_ALIGN_OF; 0 for
 * any other function. */
static int intrinsic(const char *const *segs, uint32_t n)
{
	const char *last = segs[n - 1];
	int op = !strcmp(last, "size_of") ? TL_CX_OP_SIZE_OF :
		 !strcmp(last, "align_of") ? TL_CX_OP_ALIGN_OF : 0;
	if (n == 1 || !op)
		return op;
	if (strcmp(segs[n - 2], "mem") != 0 || n > 3)
		return 0;
	return n == 2 || !strcmp(segs[0], "core") || !strcmp(segs[0], "std") ? op : 0;
}

/* At `::<T>()` after the path `e` names size_of or align_of (`op`). */
static const tl_cexpr *intrinsic_call(tl_rparse *p, tl_cexpr *e, int op)
{
	const char *name = e->segs[e->nsegs - 1];
	tl_rparse__advance(p); /* :: */
	tl_rparse__advance(p); /* < */
	e->kind = TL_CX_SIZEOF;
	e->op = op;
	e->ty = tl_rparse_type(p);
	if (e->ty && !tl_rparse__eat_gt(p)) {
		char b[64];
		tl_rparse_error(p, p->cur.loc,
				"expected '>' after the type argument of '%s', found %s",
				name, tl_rparse__desc(&p->cur, b, sizeof(b)));
	}
	if (!p->failed && tl_rparse_expect(p, '(', "to call the function"))
		tl_rparse_expect(p, ')', "to close the call (it takes no arguments)");
	return p->failed ? NULL : e;
}

/* A path at the current token (`N`, `u32::MAX`, `crate::LEN`), or a
 * call of size_of/align_of (other calls are errors naming them). */
static const tl_cexpr *parse_path_expr(tl_rparse *p)
{
	tl_cexpr *e = new_cx(p, TL_CX_PATH, p->cur.loc);
	if (!e)
		return NULL;
	size_t mark = p->segs.len;
	tl_loc global = p->cur.loc;
	bool is_global = tl_rparse__is(p, TL_P2(':', ':')) &&
			 tl_rlex_peek(&p->lx)->kind == TL_TOK_IDENT;
	if (is_global)
		tl_rparse__advance(p);
	for (;;) {
		if (!tl_rparse__path_segment(p, "a constant expression"))
			break;
		if (!tl_rparse__is(p, TL_P2(':', ':')) ||
		    tl_rlex_peek(&p->lx)->kind != TL_TOK_IDENT)
			break;
		tl_rparse__advance(p);
	}
	e->nsegs = (uint32_t)(p->segs.len - mark);
	if (!p->failed) {
		e->segs = tl_arena_memdup(p->syn, p->segs.items + mark,
					  e->nsegs * sizeof(*e->segs));
		if (!e->segs)
			tl_rparse__oom(p);
	}
	p->segs.len = mark;
	if (p->failed)
		return NULL;
	const tl_token *next = tl_rlex_peek(&p->lx);
	bool turbofish = tl_rparse__is(p, TL_P2(':', ':')) &&
			 next->kind == TL_TOK_PUNCT && next->punct == '<';
	int op = intrinsic(e->segs, e->nsegs);
	if (turbofish && op)
		return intrinsic_call(p, e, op);
	if (turbofish || tl_rparse__is(p, '(')) {
		tl_strbuf sb = TL_STRBUF_INIT;
		tl_cexpr_print(&sb, e);
		if (op)
			tl_rparse_error(p, e->loc,
					"'%s' needs its type argument, as in '%s::<T>()'",
					tl_strbuf_cstr(&sb), tl_strbuf_cstr(&sb));
		else
			tl_rparse_error(p, e->loc,
					"function call '%s' is not supported in a constant expression",
					tl_strbuf_cstr(&sb));
		tl_strbuf_release(&sb);
		return NULL;
	}
	if (is_global) {
		tl_rparse_error(p, global,
				"expected a constant expression, found '::'");
		return NULL;
	}
	return e;
}

static const tl_cexpr *parse_primary(tl_rparse *p)
{
	if (p->cur.kind == TL_TOK_INT || p->cur.kind == TL_TOK_FLOAT)
		return int_literal(p);
	if (tl_tok_is(&p->cur, "true") || tl_tok_is(&p->cur, "false")) {
		tl_cexpr *e = new_cx(p, TL_CX_BOOL, p->cur.loc);
		if (e)
			e->value = tl_tok_is(&p->cur, "true");
		tl_rparse__advance(p);
		return e;
	}
	if (tl_rparse_eat(p, '(')) {
		const tl_cexpr *e = parse_binary(p, 0);
		tl_rparse_expect(p, ')', "to close the parenthesis");
		return p->failed ? NULL : e;
	}
	if (tl_rparse_eat(p, '{')) {
		const tl_cexpr *e = parse_binary(p, 0);
		tl_rparse_expect(p, '}', "to close the block");
		return p->failed ? NULL : e;
	}
	return parse_path_expr(p);
}

static const tl_cexpr *parse_unary(tl_rparse *p)
{
	if (!tl_rparse__enter(p))
		return NULL;
	const tl_cexpr *r;
	if (tl_rparse__is(p, '-') || tl_rparse__is(p, '!')) {
		tl_cexpr *e = new_cx(p, TL_CX_UNARY, p->cur.loc);
		if (e) {
			e->op = (int)p->cur.punct;
			tl_rparse__advance(p);
			e->a = parse_unary(p);
		}
		r = e && e->a ? e : NULL;
	} else {
		r = parse_primary(p);
	}
	p->depth--;
	return p->failed ? NULL : r;
}

/* Binary operators as the model codes them ('<' is <<, '>' is >>). */
static int binary_op(const tl_token *t, int *prec)
{
	if (t->kind != TL_TOK_PUNCT)
		return 0;
	switch (t->punct) {
	case '*': case '/': case '%':
		*prec = 10;
		return (int)t->punct;
	case '+': case '-':
		*prec = 9;
		return (int)t->punct;
	case TL_P2('<', '<'):
		*prec = 8;
		return '<';
	case TL_P2('>', '>'):
		*prec = 8;
		return '>';
	case '&':
		*prec = 7;
		return '&';
	case '^':
		*prec = 6;
		return '^';
	case '|':
		*prec = 5;
		return '|';
	case '<': *prec = 4; return TL_CX_OP_LT;
	case TL_P2('<', '='): *prec = 4; return TL_CX_OP_LE;
	case '>': *prec = 4; return TL_CX_OP_GT;
	case TL_P2('>', '='): *prec = 4; return TL_CX_OP_GE;
	case TL_P2('=', '='): *prec = 4; return TL_CX_OP_EQ;
	case TL_P2('!', '='): *prec = 4; return TL_CX_OP_NE;
	case TL_P2('&', '&'): *prec = 3; return TL_CX_OP_AND;
	case TL_P2('|', '|'): *prec = 2; return TL_CX_OP_OR;
	}
	return 0;
}

#define PREC_COMPARE 4

static const tl_cexpr *parse_binary(tl_rparse *p, int min_prec)
{
	char b[64];
	if (!tl_rparse__enter(p))
		return NULL;
	const tl_cexpr *lhs = parse_unary(p);
	int prec = 0, op;
	bool compared = false; /* lhs is a comparison made here (unparenthesised) */
	while (lhs && !p->failed) {
		if (tl_tok_is(&p->cur, "as") && PREC_CAST >= min_prec) {
			tl_cexpr *e = new_cx(p, TL_CX_CAST, p->cur.loc);
			if (!e)
				break;
			tl_rparse__advance(p);
			if (p->cur.kind != TL_TOK_IDENT ||
			    !tl_rust_int_prim(p->cur.text, p->cur.len, &e->cast)) {
				tl_rparse_error(p, p->cur.loc,
						"constant expressions can only be cast to integer types, found %s",
						tl_rparse__desc(&p->cur, b, sizeof(b)));
				break;
			}
			tl_rparse__advance(p);
			e->a = lhs;
			lhs = e;
			continue;
		}
		op = binary_op(&p->cur, &prec);
		if (!op || prec < min_prec)
			break;
		if (prec == PREC_COMPARE && compared) {
			tl_rparse_error(p, p->cur.loc,
					"comparison operators cannot be chained (use parentheses)");
			break;
		}
		compared = prec == PREC_COMPARE;
		tl_cexpr *e = new_cx(p, TL_CX_BINARY, p->cur.loc);
		if (!e)
			break;
		tl_rparse__advance(p);
		e->op = op;
		e->a = lhs;
		e->b = parse_binary(p, prec + 1);
		lhs = e->b ? e : NULL;
	}
	p->depth--;
	return p->failed ? NULL : lhs;
}

const tl_cexpr *tl_rparse_cexpr(tl_rparse *p)
{
	if (p->failed)
		return NULL;
	return parse_binary(p, 0);
}
