/*
 * Generic parameter lists, field lists and variant declarations (see
 * rust_parse.h); constant expressions are in rust_parse_cexpr.c.
 */
#include "front/rust_parse.h"

#include <string.h>

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
	if (tl_rparse__is(p, '=')) {
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
	if (p->failed || !tl_rparse__is(p, '<'))
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
				tl_rparse__oom(p);
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
			tl_rparse__oom(p);
	}
	p->gparams.len = mark;
	if (p->failed)
		*n = 0;
	return !p->failed;
}

/* `pub`, `pub(crate)`, `pub(in path)` and `#[attr]` before a field. */
static void skip_field_prefix(tl_rparse *p)
{
	while (tl_rparse__is(p, '#')) {
		tl_rparse__advance(p);
		if (!tl_rparse_expect(p, '[', "to start an attribute"))
			return;
		unsigned depth = 1;
		while (!p->failed && depth && p->cur.kind != TL_TOK_EOF) {
			if (tl_rparse__is(p, '['))
				depth++;
			else if (tl_rparse__is(p, ']'))
				depth--;
			tl_rparse__advance(p);
		}
	}
	if (!tl_tok_is(&p->cur, "pub"))
		return;
	tl_rparse__advance(p);
	const tl_token *next = tl_rlex_peek(&p->lx);
	if (tl_rparse__is(p, '(') &&
	    (tl_tok_is(next, "crate") || tl_tok_is(next, "self") ||
	     tl_tok_is(next, "super") || tl_tok_is(next, "in"))) {
		while (!p->failed && p->cur.kind != TL_TOK_EOF &&
		       !tl_rparse_eat(p, ')'))
			tl_rparse__advance(p);
	}
}

/* A tuple field that is one name (`u8` in `V(u8, T)`): the shared node,
 * the field's loc being where this use is written. NULL: parse it. */
static const tl_texpr *shared_field_type(tl_rparse *p, bool named)
{
	if (named || !p->shared_paths || p->cur.kind != TL_TOK_IDENT)
		return NULL;
	const tl_token *next = tl_rlex_peek(&p->lx);
	if (next->kind != TL_TOK_PUNCT || (next->punct != ',' && next->punct != ')'))
		return NULL;
	const tl_texpr *t = tl_rparse_simple_path(p->ctx, p->syn, p->shared_paths,
						  p->cur.text, p->cur.len,
						  p->cur.loc);
	if (t)
		tl_rparse__advance(p);
	return t;
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
		f.texpr = shared_field_type(p, named);
		if (!f.texpr)
			f.texpr = tl_rparse_type(p);
		if (p->failed)
			break;
		if (!f.name || !TL_VEC_PUSH(p->fields, f)) {
			tl_rparse__oom(p);
			break;
		}
		if (!tl_rparse_eat(p, ',') && !tl_rparse__is(p, close))
			tl_rparse_expect(p, close, "to close the field list");
	}
	*n = (uint32_t)(p->fields.len - mark);
	if (!p->failed && *n) {
		*out = tl_arena_memdup(&p->ctx->arena, p->fields.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			tl_rparse__oom(p);
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
