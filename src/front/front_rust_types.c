/*
 * The bodies of type items: `struct` (named, tuple, unit), `union`, `enum`
 * and `type` aliases, with generics and where clauses (Rust Reference,
 * "Items"). Types, constant expressions and generic parameter lists go to
 * the shared parser (rust_parse.h); field and variant lists are read here
 * because their #[cfg] attributes must be kept (tl_rparse_fields drops
 * attributes).
 */
#include <string.h>

#include "front/front_rust_int.h"

/* `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`. A `pub(`
 * followed by anything else is a tuple field's type: `pub (u8, u16)`. */
static void skip_visibility(rs_load *ld)
{
	tl_rparse *p = &ld->p;
	if (!tl_tok_is(&p->cur, "pub"))
		return;
	tl_rparse__advance(p);
	const tl_token *next = tl_rlex_peek(&p->lx);
	if (rs_is(ld, '(') &&
	    (tl_tok_is(next, "crate") || tl_tok_is(next, "self") ||
	     tl_tok_is(next, "super") || tl_tok_is(next, "in")))
		rs_skip_tree(ld);
}

/* Reads the attributes of a field or variant; #[repr] does not belong. */
static const struct tl_cfg *member_attrs(rs_load *ld, const char *what)
{
	rs_attrs a;
	rs_attrs_init(&a);
	rs_outer_attrs(ld, &a);
	if (a.reprs.len)
		rs_error(ld, a.reprs.items[0].loc, ID_RS_REPR,
			 "#[repr] is not allowed on %s", what);
	const struct tl_cfg *cfg = a.cfg;
	rs_attrs_release(&a);
	return cfg;
}

static const char *tuple_name(rs_load *ld, size_t k)
{
	char num[24];
	size_t i = sizeof(num);
	num[--i] = '\0';
	do {
		num[--i] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	const char *s = tl_intern_cstr(ld->ctx, num + i);
	return s ? s : rs_oom(ld);
}

/* A field list after its `(` or `{`, through the closing delimiter. */
static bool fields(rs_load *ld, bool named, tl_field **out, uint32_t *n)
{
	tl_rparse *p = &ld->p;
	uint32_t close = named ? '}' : ')';
	size_t mark = ld->fields.len;
	*out = NULL;
	*n = 0;
	while (!p->failed && !tl_rparse_eat(p, close)) {
		tl_field f = {0};
		f.bit_width = -1;
		f.cfg = member_attrs(ld, "a field");
		f.loc = p->cur.loc;
		skip_visibility(ld);
		if (named) {
			if (!tl_rparse_ident(p, "a field name", &f.name, NULL) ||
			    !tl_rparse_expect(p, ':', "after the field name"))
				break;
		} else {
			f.name = tuple_name(ld, ld->fields.len - mark);
		}
		f.texpr = tl_rparse_type(p);
		if (p->failed)
			break;
		if (rs_is(ld, '=')) {
			rs_error(ld, p->cur.loc, ID_RS_UNSUPPORTED,
				 "default field values are not supported");
			break;
		}
		if (!TL_VEC_PUSH(ld->fields, f)) {
			rs_oom(ld);
			break;
		}
		if (!tl_rparse_eat(p, ',') && !rs_is(ld, close))
			tl_rparse_expect(p, close, named ?
					 "or ',' after a field" :
					 "or ',' after a tuple field");
	}
	*n = (uint32_t)(ld->fields.len - mark);
	if (!p->failed && *n) {
		*out = tl_arena_memdup(&ld->ctx->arena, ld->fields.items + mark,
				       *n * sizeof(**out));
		if (!*out)
			rs_oom(ld);
	}
	ld->fields.len = mark;
	return !p->failed;
}

static bool variant(rs_load *ld, tl_variant *v)
{
	tl_rparse *p = &ld->p;
	memset(v, 0, sizeof(*v));
	v->cfg = member_attrs(ld, "a variant");
	if (!tl_rparse_ident(p, "a variant name", &v->name, &v->loc))
		return false;
	v->shape = TL_SHAPE_UNIT;
	if (tl_rparse_eat(p, '(')) {
		v->shape = TL_SHAPE_TUPLE;
		fields(ld, false, &v->fields, &v->nfields);
	} else if (tl_rparse_eat(p, '{')) {
		v->shape = TL_SHAPE_NAMED;
		fields(ld, true, &v->fields, &v->nfields);
	}
	if (!p->failed && tl_rparse_eat(p, '='))
		v->disc_expr = tl_rparse_cexpr(p);
	return !p->failed;
}

static bool variants(rs_load *ld, tl_def *d)
{
	tl_rparse *p = &ld->p;
	size_t mark = ld->variants.len;
	if (!tl_rparse_expect(p, '{', "to start the enum's variants"))
		return false;
	while (!p->failed && !tl_rparse_eat(p, '}')) {
		tl_variant v;
		if (!variant(ld, &v))
			break;
		if (!TL_VEC_PUSH(ld->variants, v)) {
			rs_oom(ld);
			break;
		}
		if (!tl_rparse_eat(p, ',') && !rs_is(ld, '}'))
			tl_rparse_expect(p, '}', "or ',' after a variant");
	}
	d->nvariants = (uint32_t)(ld->variants.len - mark);
	if (!p->failed && d->nvariants) {
		d->variants = tl_arena_memdup(&ld->ctx->arena,
					      ld->variants.items + mark,
					      d->nvariants * sizeof(*d->variants));
		if (!d->variants)
			rs_oom(ld);
	}
	ld->variants.len = mark;
	return !p->failed;
}

void rs_where(rs_load *ld, tl_gparam *params, uint32_t nparams)
{
	tl_rparse *p = &ld->p;
	if (!tl_tok_is(&p->cur, "where"))
		return;
	tl_rparse__advance(p);
	tl_gparam *subject = NULL;
	bool start = true;
	int angle = 0;
	while (!p->failed && p->cur.kind != TL_TOK_EOF) {
		if (angle <= 0 && (rs_is(ld, '{') || rs_is(ld, ';') || rs_is(ld, '=')))
			break;
		if (start && p->cur.kind == TL_TOK_IDENT) {
			const tl_token *next = tl_rlex_peek(&p->lx);
			subject = NULL;
			if (next->kind == TL_TOK_PUNCT && next->punct == ':')
				for (uint32_t i = 0; i < nparams; i++)
					if (!params[i].is_const && params[i].name &&
					    strlen(params[i].name) == p->cur.len &&
					    !memcmp(params[i].name, p->cur.text, p->cur.len))
						subject = &params[i];
		}
		start = false;
		if (angle <= 0 && rs_is(ld, ',')) {
			start = true;
			subject = NULL;
		} else if (angle <= 0 && subject && rs_is(ld, '?') &&
			   tl_tok_is(tl_rlex_peek(&p->lx), "Sized")) {
			subject->maybe_unsized = true;
		}
		angle += tl_tok_angle_delta(&p->cur);
		rs_skip_tree(ld);
	}
}

static tl_def *new_def(rs_load *ld, rs_module *mod, const char *name,
		       tl_loc loc, tl_def_kind kind)
{
	tl_def *d = tl_arena_alloc(&ld->ctx->arena, sizeof(*d));
	if (!d)
		return rs_oom(ld);
	d->name = name;
	d->path = rs_child_path(ld, mod, name);
	d->loc = loc;
	d->lang = TL_LANG_RUST;
	d->kind = kind;
	d->shape = TL_SHAPE_NAMED;
	return d;
}

static void struct_body(rs_load *ld, tl_def *d)
{
	tl_rparse *p = &ld->p;
	if (d->kind == TL_DEF_UNION) {
		rs_where(ld, d->params, d->nparams);
		if (tl_rparse_expect(p, '{', "to start the union's fields"))
			fields(ld, true, &d->fields, &d->nfields);
		return;
	}
	if (tl_rparse_eat(p, '(')) {
		d->shape = TL_SHAPE_TUPLE;
		fields(ld, false, &d->fields, &d->nfields);
		rs_where(ld, d->params, d->nparams);
		tl_rparse_expect(p, ';', "after a tuple struct");
		return;
	}
	rs_where(ld, d->params, d->nparams);
	if (tl_rparse_eat(p, ';')) {
		d->shape = TL_SHAPE_UNIT;
		return;
	}
	if (!tl_rparse_expect(p, '{', "or '(' or ';' after the struct name"))
		return;
	fields(ld, true, &d->fields, &d->nfields);
}

static void alias_body(rs_load *ld, tl_def *d)
{
	tl_rparse *p = &ld->p;
	rs_where(ld, d->params, d->nparams);
	if (!tl_rparse_expect(p, '=', "in a type alias ('type Name = Type;')"))
		return;
	d->alias_of = tl_rparse_type(p);
	rs_where(ld, d->params, d->nparams);
	tl_rparse_expect(p, ';', "after the aliased type");
}

rs_item *rs_type_item(rs_load *ld, rs_module *mod, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	tl_def_kind kind = tl_tok_is(&p->cur, "enum") ? TL_DEF_ENUM :
			   tl_tok_is(&p->cur, "union") ? TL_DEF_UNION :
			   tl_tok_is(&p->cur, "type") ? TL_DEF_ALIAS : TL_DEF_STRUCT;
	const char *what = kind == TL_DEF_ENUM ? "an enum name" :
			   kind == TL_DEF_UNION ? "a union name" :
			   kind == TL_DEF_ALIAS ? "a type alias name" : "a struct name";
	const char *name;
	tl_rparse__advance(p);
	if (!tl_rparse_ident(p, what, &name, NULL))
		return NULL;
	tl_def *d = new_def(ld, mod, name, loc, kind);
	rs_item *it = tl_arena_alloc(&ld->ctx->arena, sizeof(*it));
	if (!d || !it)
		return rs_oom(ld);
	if (!tl_rparse_generics(p, &d->params, &d->nparams))
		return NULL;
	if (kind == TL_DEF_ENUM) {
		rs_where(ld, d->params, d->nparams);
		variants(ld, d);
	} else if (kind == TL_DEF_ALIAS) {
		alias_body(ld, d);
	} else {
		struct_body(ld, d);
	}
	if (p->failed)
		return NULL;
	rs_type_item_bind(it, d, name, loc, mod);
	return it;
}

void rs_type_item_bind(rs_item *it, tl_def *d, const char *name, tl_loc loc,
		       rs_module *mod)
{
	it->magic = RS_ITEM_MAGIC;
	it->kind = RS_TYPE;
	it->name = name;
	it->loc = loc;
	it->mod = mod;
	it->tmpl = d;
	d->front = it;
}
