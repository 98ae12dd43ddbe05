/*
 * Constant expressions, generic parameter lists, field lists and variant
 * declarations (see rust_parse.h). Operator precedence is the Rust
 * Reference's ("Expressions", operator precedence table), highest first:
 * unary - !, `as`, * / %, + -, << >>, &, ^, |.
 */
#include "front/rust_parse.h"

#include <string.h>

#include "util/u128.h"

#define PREC_CAST 11
#define PREC_UNARY 12

static void *oom(tl_rparse *p)
{
	p->ctx->oom = true;
	p->failed = true;
	return NULL;
}

static bool is_punct(const tl_rparse *p, uint32_t punct)
{
	return p->cur.kind == TL_TOK_PUNCT && p->cur.punct == punct;
}

static tl_cexpr *new_cx(tl_rparse *p, tl_cx_kind kind, tl_loc loc)
{
	tl_cexpr *e = tl_arena_alloc(p->syn, sizeof(*e));
	if (!e)
		return oom(p);
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
	if (!is_punct(p, '-'))
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

static const tl_cexpr *parse_path_expr(tl_rparse *p)
{
	char b[64];
	tl_cexpr *e = new_cx(p, TL_CX_PATH, p->cur.loc);
	if (!e)
		return NULL;
	size_t mark = p->segs.len;
	for (;;) {
		if (p->cur.kind != TL_TOK_IDENT ||
		    (tl_tok_is_keyword(&p->cur) && !tl_tok_is(&p->cur, "Self") &&
		     !tl_tok_is(&p->cur, "crate") && !tl_tok_is(&p->cur, "self") &&
		     !tl_tok_is(&p->cur, "super"))) {
			tl_rparse_error(p, p->cur.loc,
					"expected a constant expression, found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
			break;
		}
		const char *seg = tl_rparse__intern_tok(p, &p->cur);
		if (!seg || !TL_VEC_PUSH(p->segs, seg)) {
			oom(p);
			break;
		}
		tl_rparse__advance(p);
		if (!is_punct(p, TL_P2(':', ':')) ||
		    tl_rlex_peek(&p->lx)->kind != TL_TOK_IDENT)
			break;
		tl_rparse__advance(p);
	}
	if (!p->failed && (is_punct(p, '(') || is_punct(p, TL_P2(':', ':'))))
		tl_rparse_error(p, p->cur.loc,
				"function calls are not supported in constant expressions");
	e->nsegs = (uint32_t)(p->segs.len - mark);
	if (!p->failed) {
		e->segs = tl_arena_memdup(p->syn, p->segs.items + mark,
					  e->nsegs * sizeof(*e->segs));
		if (!e->segs)
			oom(p);
	}
	p->segs.len = mark;
	return p->failed ? NULL : e;
}

static const tl_cexpr *parse_primary(tl_rparse *p)
{
	if (p->cur.kind == TL_TOK_INT || p->cur.kind == TL_TOK_FLOAT)
		return int_literal(p);
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
	if (is_punct(p, '-') || is_punct(p, '!')) {
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
	}
	return 0;
}

static const tl_cexpr *parse_binary(tl_rparse *p, int min_prec)
{
	char b[64];
	if (!tl_rparse__enter(p))
		return NULL;
	const tl_cexpr *lhs = parse_unary(p);
	int prec = 0, op;
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

/* `const N: usize`: the type must be an integer, bool or char. */
static bool parse_const_param(tl_rparse *p, tl_gparam *g)
{
	char b[64];
	tl_rparse__advance(p); /* const */
	g->is_const = true;
	if (!tl_rparse_ident(p, "a parameter name", &g->name, NULL) ||
	    !tl_rparse_expect(p, ':', "after the const parameter name"))
		return false;
	if (tl_tok_is(&p->cur, "bool"))
		g->const_type = TL_PRIM_BOOL;
	else if (tl_tok_is(&p->cur, "char"))
		g->const_type = TL_PRIM_CHAR;
	else if (p->cur.kind != TL_TOK_IDENT ||
		 !tl_rust_int_prim(p->cur.text, p->cur.len, &g->const_type)) {
		tl_rparse_error(p, p->cur.loc,
				"const parameters must have an integer, 'bool' or 'char' type, found %s",
				tl_rparse__desc(&p->cur, b, sizeof(b)));
		return false;
	}
	tl_rparse__advance(p);
	if (is_punct(p, '=')) {
		tl_rparse_error(p, p->cur.loc,
				"default values of const parameters are not supported");
		return false;
	}
	return true;
}

static bool parse_gparam(tl_rparse *p, tl_gparam *g, bool *is_lifetime)
{
	*is_lifetime = false;
	if (p->cur.kind == TL_TOK_LIFETIME) {
		*is_lifetime = true;
		tl_rparse__advance(p);
		if (tl_rparse_eat(p, ':'))
			while (p->cur.kind == TL_TOK_LIFETIME) {
				tl_rparse__advance(p);
				if (!tl_rparse_eat(p, '+'))
					break;
			}
		return !p->failed;
	}
	if (tl_tok_is(&p->cur, "const"))
		return parse_const_param(p, g);
	if (!tl_rparse_ident(p, "a generic parameter", &g->name, NULL))
		return false;
	if (tl_rparse_eat(p, ':')) {
		size_t start = p->sb.len;
		tl_rparse__bounds(p, true, &g->maybe_unsized);
		p->sb.len = start; /* bounds other than ?Sized do not matter */
		if (p->sb.buf)
			p->sb.buf[start] = '\0';
	}
	if (tl_rparse_eat(p, '='))
		g->deflt = tl_rparse_type(p);
	return !p->failed;
}

#define MAX_GPARAMS 255

bool tl_rparse_generics(tl_rparse *p, tl_gparam **out, uint32_t *n)
{
	char b[64];
	*out = NULL;
	*n = 0;
	if (p->failed || !is_punct(p, '<'))
		return !p->failed;
	tl_rparse__advance(p);
	size_t mark = p->gparams.len;
	while (!p->failed && !tl_rparse__eat_gt(p)) {
		tl_gparam g = {0};
		bool lifetime;
		tl_loc loc = p->cur.loc;
		if (!parse_gparam(p, &g, &lifetime))
			break;
		if (!lifetime) {
			for (size_t i = mark; i < p->gparams.len; i++) {
				if (p->gparams.items[i].name == g.name)
					tl_rparse_error(p, loc,
							"duplicate generic parameter '%s'",
							g.name);
				else if (p->gparams.items[i].deflt && !g.deflt)
					tl_rparse_error(p, loc,
							"generic parameters with a default must come last");
			}
			if (p->gparams.len - mark >= MAX_GPARAMS)
				tl_rparse_error(p, loc,
						"too many generic parameters (limit %d)",
						MAX_GPARAMS);
			if (!p->failed && !TL_VEC_PUSH(p->gparams, g))
				oom(p);
		}
		if (!tl_rparse_eat(p, ',') && !p->failed &&
		    !(p->cur.kind == TL_TOK_PUNCT && (p->cur.punct & 0xFF) == '>'))
			tl_rparse_error(p, p->cur.loc,
					"expected '>' to close the generic parameters, found %s",
					tl_rparse__desc(&p->cur, b, sizeof(b)));
	}
	*n = (uint32_t)(p->gparams.len - mark);
	if (!p->failed && *n) {
		*out = tl_arena_memdup(&p->ctx->arena, p->gparams.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			oom(p);
	}
	p->gparams.len = mark;
	if (p->failed)
		*n = 0;
	return !p->failed;
}

/* `pub`, `pub(crate)`, `pub(in path)` and `#[attr]` before a field. */
static void skip_field_prefix(tl_rparse *p)
{
	while (is_punct(p, '#')) {
		tl_rparse__advance(p);
		if (!tl_rparse_expect(p, '[', "to start an attribute"))
			return;
		unsigned depth = 1;
		while (!p->failed && depth && p->cur.kind != TL_TOK_EOF) {
			if (is_punct(p, '['))
				depth++;
			else if (is_punct(p, ']'))
				depth--;
			tl_rparse__advance(p);
		}
	}
	if (!tl_tok_is(&p->cur, "pub"))
		return;
	tl_rparse__advance(p);
	const tl_token *next = tl_rlex_peek(&p->lx);
	if (is_punct(p, '(') &&
	    (tl_tok_is(next, "crate") || tl_tok_is(next, "self") ||
	     tl_tok_is(next, "super") || tl_tok_is(next, "in"))) {
		while (!p->failed && p->cur.kind != TL_TOK_EOF &&
		       !tl_rparse_eat(p, ')'))
			tl_rparse__advance(p);
	}
}

bool tl_rparse_fields(tl_rparse *p, bool named, tl_field **out, uint32_t *n)
{
	uint32_t close = named ? '}' : ')';
	size_t mark = p->fields.len;
	char num[16];
	*out = NULL;
	*n = 0;
	while (!p->failed && !tl_rparse_eat(p, close)) {
		tl_field f = {0};
		f.bit_width = -1;
		skip_field_prefix(p);
		if (named) {
			if (!tl_rparse_ident(p, "a field name", &f.name, &f.loc) ||
			    !tl_rparse_expect(p, ':', "after the field name"))
				break;
		} else {
			f.loc = p->cur.loc;
			size_t k = p->fields.len - mark, i = sizeof(num);
			num[--i] = '\0';
			do {
				num[--i] = (char)('0' + k % 10);
				k /= 10;
			} while (k);
			f.name = tl_intern_cstr(p->ctx, num + i);
		}
		f.texpr = tl_rparse_type(p);
		if (p->failed)
			break;
		if (!f.name || !TL_VEC_PUSH(p->fields, f)) {
			oom(p);
			break;
		}
		if (!tl_rparse_eat(p, ',') && !is_punct(p, close))
			tl_rparse_expect(p, close, "to close the field list");
	}
	*n = (uint32_t)(p->fields.len - mark);
	if (!p->failed && *n) {
		*out = tl_arena_memdup(&p->ctx->arena, p->fields.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			oom(p);
	}
	p->fields.len = mark;
	if (p->failed)
		*n = 0;
	return !p->failed;
}

bool tl_rparse_variant(tl_rparse *p, tl_variant *out)
{
	memset(out, 0, sizeof(*out));
	if (!tl_rparse_ident(p, "a variant name", &out->name, &out->loc))
		return false;
	out->shape = TL_SHAPE_UNIT;
	if (tl_rparse_eat(p, '(')) {
		out->shape = TL_SHAPE_TUPLE;
		tl_rparse_fields(p, false, &out->fields, &out->nfields);
	} else if (tl_rparse_eat(p, '{')) {
		out->shape = TL_SHAPE_NAMED;
		tl_rparse_fields(p, true, &out->fields, &out->nfields);
	}
	if (tl_rparse_eat(p, '='))
		out->disc_expr = tl_rparse_cexpr(p);
	return !p->failed;
}
