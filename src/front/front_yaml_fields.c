/*
 * YAML front end: field lists (`struct:`, `union:`, `tuple:`), closure
 * captures and enum variants. Fields are sequences because their order is
 * the declaration order rustc and C compilers lay out from; each list is
 * collected in a scratch vector and copied into the arena at its final
 * size. Names are checked for duplicates with a hash set, so a list of a
 * million fields costs linear time.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "front/front_yaml_int.h"
#include "util/strbuf.h"

static bool valid_ident(const char *s, size_t n)
{
	if (n > 2 && s[0] == 'r' && s[1] == '#') {
		s += 2;
		n -= 2;
	}
	if (n == 0 || (n == 1 && s[0] == '_'))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  c == '_' || c >= 0x80 || (i && c >= '0' && c <= '9');
		if (!ok)
			return false;
	}
	return true;
}

/* Lists up to this long are checked pairwise (names are interned: one
 * pointer comparison a pair), longer ones through a set. */
enum { FEW_NAMES = 16 };

/* The interned name of record i of `items` (records of `stride` bytes,
 * the name `name_at` bytes into each: tl_field, tl_variant). */
static const char *name_of(const void *items, size_t stride, size_t name_at,
			   uint32_t i)
{
	const char *const *name = (const void *)((const char *)items +
						  i * stride + name_at);
	return *name;
}

/* 1 + the index of the first of records [0, i) named like record i, or
 * 0. A list longer than FEW_NAMES goes through `set`, which maps a name to
 * its index + 1 (cleared by the caller before record 0). */
static uintptr_t earlier_name(tl_yl *y, yl_set *set, const void *items,
			      size_t stride, size_t name_at, uint32_t n,
			      uint32_t i)
{
	const char *name = name_of(items, stride, name_at, i);
	if (n > FEW_NAMES)
		return (uintptr_t)yl_set_put(y, set, name,
					     (const void *)(uintptr_t)(i + 1));
	for (uint32_t j = 0; j < i; j++)
		if (name_of(items, stride, name_at, j) == name)
			return j + 1;
	return 0;
}

/* Duplicate names in a finished list, with a note at the first one. */
static void check_dup_fields(tl_yl *y, const tl_field *f, uint32_t n,
			     const char *owner)
{
	if (n > FEW_NAMES)
		yl_set_clear(&y->names);
	for (uint32_t i = 0; i < n; i++) {
		uintptr_t prev = earlier_name(y, &y->names, f, sizeof(*f),
					      offsetof(tl_field, name), n, i);
		if (!prev)
			continue;
		tl_diag *d = tl_error(y->ctx, f[i].loc, "duplicate-field",
				      "duplicate field '%s' in '%s'", f[i].name,
				      owner);
		tl_diag_note(y->ctx, d, f[prev - 1].loc,
			     "'%s' was first declared here", f[i].name);
	}
}

static void check_dup_variants(tl_yl *y, const tl_def *def)
{
	const tl_variant *vs = def->variants;
	uint32_t n = def->nvariants;
	if (n > FEW_NAMES)
		yl_set_clear(&y->vnames);
	for (uint32_t i = 0; i < n; i++) {
		uintptr_t prev = earlier_name(y, &y->vnames, vs, sizeof(*vs),
					      offsetof(tl_variant, name), n, i);
		if (!prev)
			continue;
		tl_diag *d = tl_error(y->ctx, vs[i].loc, "duplicate-variant",
				      "duplicate variant '%s' in '%s'", vs[i].name,
				      def->name);
		tl_diag_note(y->ctx, d, vs[prev - 1].loc,
			     "'%s' was first declared here", vs[i].name);
	}
}

/* Copies y->fields[mark..] into the arena and pops them. */
static tl_field *pop_fields(tl_yl *y, size_t mark, uint32_t *n)
{
	*n = (uint32_t)(y->fields.len - mark);
	tl_field *out = NULL;
	if (*n) {
		out = tl_arena_memdup(&y->ctx->arena, y->fields.items + mark,
				      *n * sizeof(*out));
		if (!out) {
			y->ctx->oom = true;
			y->stop = true;
			*n = 0;
		}
	}
	y->fields.len = mark;
	return out;
}

/* { type: T, bits: N } for fields, { by: ref, type: T } for captures */
static void field_options(tl_yl *y, tl_field *f, bool closure)
{
	static const char *const fkeys[] = {"type", "bits", NULL};
	static const char *const ckeys[] = {"type", "by", NULL};
	const char *const *keys = closure ? ckeys : fkeys;
	tl_loc loc = yl_here(y);
	yl_next(y);
	bool have_type = false, unknown = false;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		yl_scalar k;
		if (!yl_key(y, &k))
			continue;
		int key = yl_scalar_eq(&k, keys[0]) ? 0 :
			  yl_scalar_eq(&k, keys[1]) ? 1 : -1;
		if (key < 0)
			yl_unknown_key(y, &k,
				       closure ? "in a capture" : "in a field", keys);
		unknown |= key < 0;
		yl_next(y);
		if (key < 0) {
			yl_skip(y);
		} else if (key == 0) {
			f->texpr = yl_type(y, closure ? "capture" : "field", f->name);
			have_type = true;
		} else if (!closure) {
			uint64_t bits;
			tl_loc bl;
			if (yl_u64(y, "'bits'", &bits, &bl)) {
				if (bits > 65535)
					tl_error(y->ctx, bl, ID_BAD_VALUE,
						 "'bits' of field '%s' is too large",
						 f->name);
				else
					f->bit_width = (int32_t)bits;
			}
		} else {
			yl_scalar s;
			if (yl_string(y, "'by'", &s)) {
				if (yl_scalar_eq(&s, "ref"))
					f->capture = TL_CAPTURE_REF;
				else if (yl_scalar_eq(&s, "ref_mut"))
					f->capture = TL_CAPTURE_REF_MUT;
				else if (yl_scalar_eq(&s, "move"))
					f->capture = TL_CAPTURE_MOVE;
				else
					tl_error(y->ctx, s.loc, ID_BAD_VALUE,
						 "'by' must be 'ref', 'ref_mut' or 'move', found '%.*s'",
						 (int)(s.len > 40 ? 40 : s.len), s.s);
				yl_next(y);
			}
		}
	}
	yl_next(y);
	if (!have_type && !unknown)
		tl_error(y->ctx, loc, ID_YAML_SHAPE, "%s '%s' has no 'type'",
			 closure ? "capture" : "field", f->name);
}

static void field_value(tl_yl *y, tl_field *f, bool closure)
{
	if (yl_is(y, YAML_MAPPING_START_EVENT) &&
	    !y->ev->data.mapping_start.anchor) {
		field_options(y, f, closure);
		return;
	}
	/* a type that is one name, written on the field's line, is one
	 * shared node: the field keeps where its own use is */
	tl_loc at = {0, 0, 0};
	if (!closure && yl_is(y, YAML_SCALAR_EVENT)) {
		at = yl_scalar_of(y).loc;
		y->share = at.line == f->loc.line && at.file == f->loc.file;
	}
	f->texpr = yl_type(y, closure ? "capture" : "field", f->name);
	y->share = false;
	if (f->texpr && (f->texpr->shared || f->texpr->shared_text) &&
	    at.col != f->loc.col)
		f->type_col = at.col;
}

/* The items of a `- name: value` list (after its SEQUENCE_START), pushed
 * on y->fields. A mapping item with several keys is a missing `- `: it is
 * reported and each key still read as a field. */
static void named_items(tl_yl *y, bool closure)
{
	const char *what = closure ? "capture" : "field";
	while (!y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT)) {
		if (!yl_begin_map(y, closure ? "each capture" : "each field", NULL,
				  closure ? "a one-key mapping such as '- i: { by: ref, type: i32 }'" :
					    "a one-key mapping such as '- x: u32'"))
			continue;
		for (int nkeys = 0; !y->stop && !yl_is(y, YAML_MAPPING_END_EVENT);
		     nkeys++) {
			yl_scalar k;
			if (!yl_key(y, &k))
				continue;
			tl_field f = {0};
			f.bit_width = -1;
			f.loc = k.loc;
			f.capture = closure ? TL_CAPTURE_MOVE : TL_CAPTURE_NONE;
			f.name = tl_intern(y->ctx, k.s, k.len);
			if (!f.name) {
				y->stop = true;
				return;
			}
			if (nkeys)
				tl_error(y->ctx, k.loc, ID_YAML_SHAPE,
					 "%s '%s' must be its own list item: start it with '- '",
					 what, f.name);
			if (!valid_ident(k.s, k.len))
				tl_error(y->ctx, k.loc, "bad-name",
					 "%s name '%s' is not a valid identifier",
					 what, f.name);
			yl_next(y);
			field_value(y, &f, closure);
			if (!TL_VEC_PUSH(y->fields, f)) {
				y->ctx->oom = true;
				y->stop = true;
				return;
			}
		}
		yl_next(y);
	}
}

const char *yl_index_name(tl_yl *y, uint32_t i)
{
	if (i < 16 && y->index_names[i])
		return y->index_names[i];
	char num[16];
	size_t n = sizeof(num);
	uint32_t k = i;
	do {
		num[--n] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	const char *s = tl_intern(y->ctx, num + n, sizeof(num) - n);
	if (i < 16)
		y->index_names[i] = s;
	return s;
}

/* Items of a `[u8, u32]` list (after its SEQUENCE_START): tuple fields
 * named "0", "1", ... */
static void tuple_items(tl_yl *y)
{
	for (uint32_t i = 0; !y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT); i++) {
		tl_field f = {0};
		f.bit_width = -1;
		f.name = yl_index_name(y, i);
		f.loc = yl_is(y, YAML_SCALAR_EVENT) ? yl_scalar_of(y).loc : yl_here(y);
		if (!f.name) {
			y->stop = true;
			return;
		}
		field_value(y, &f, false);
		if (!TL_VEC_PUSH(y->fields, f)) {
			y->ctx->oom = true;
			y->stop = true;
			return;
		}
	}
}

static void fields_body(tl_yl *y, tl_def *def, const char *key)
{
	/* "'struct' of", "'union' of" */
	const char *what = key[0] == 's' ? "'struct' of" : "'union' of";
	if (!yl_begin_seq(y, what, def->name,
			  "a sequence of fields such as '- x: u32'"))
		return;
	size_t mark = y->fields.len;
	named_items(y, false);
	yl_next(y);
	def->fields = pop_fields(y, mark, &def->nfields);
	def->shape = def->nfields || def->kind == TL_DEF_UNION ? TL_SHAPE_NAMED :
								 TL_SHAPE_UNIT;
	if (def->kind == TL_DEF_UNION && !def->nfields && !y->stop)
		tl_error(y->ctx, def->loc, ID_YAML_SHAPE,
			 "union '%s' has no fields (a union needs at least one)",
			 def->name);
	check_dup_fields(y, def->fields, def->nfields, def->name);
}

static void tuple_body(tl_yl *y, tl_def *def)
{
	if (!yl_begin_seq(y, "'tuple' of", def->name,
			  "a sequence of types such as '[u8, u32]'"))
		return;
	size_t mark = y->fields.len;
	tuple_items(y);
	yl_next(y);
	def->fields = pop_fields(y, mark, &def->nfields);
	def->shape = TL_SHAPE_TUPLE;
}

static void closure_body(tl_yl *y, tl_def *def)
{
	if (!yl_begin_seq(y, "'closure' of", def->name,
			  "a sequence of captures such as '- i: { by: ref, type: i32 }'"))
		return;
	size_t mark = y->fields.len;
	named_items(y, true);
	yl_next(y);
	def->fields = pop_fields(y, mark, &def->nfields);
	def->shape = def->nfields ? TL_SHAPE_NAMED : TL_SHAPE_UNIT;
	check_dup_fields(y, def->fields, def->nfields, def->name);
}

/* `Name = expr` keys of the mapping form. */
static bool variant_head(tl_yl *y, const yl_scalar *k, tl_variant *v)
{
	tl_rparse *rp = &y->rp;
	yl_rparse_begin(y, k);
	if (!tl_rparse_ident(rp, "a variant name", &v->name, &v->loc))
		return false;
	if (tl_rparse_eat(rp, '='))
		v->disc_expr = tl_rparse_cexpr(rp);
	return tl_rparse_end(rp, "the variant name");
}

/* `- Point: [ {x: i32}, {y: i32} ]`, `- Pair: [u8, u32]`, `- Unit: []` */
static bool map_variant(tl_yl *y, tl_variant *v)
{
	if (!yl_begin_map(y, "a variant", NULL, "a string or a one-key mapping"))
		return false;
	yl_scalar k;
	bool ok = false, have = yl_key(y, &k);
	if (have && y->ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    memchr(k.s, '{', k.len) && !memchr(k.s, '}', k.len)) {
		/* `- Moved { x: i32 }` unquoted: YAML splits it at ': ' */
		tl_strbuf sb = TL_STRBUF_INIT;
		yl_rest_of_line(y, k.loc, &sb);
		yl_slip(y, k.loc, "variant", tl_strbuf_cstr(&sb),
			"': ' as the start of a mapping value");
		tl_strbuf_release(&sb);
		yl_next(y);
		yl_skip(y);
	} else if (have) {
		ok = variant_head(y, &k, v);
		yl_next(y);
		if (yl_begin_seq(y, "the fields of variant", v->name ? v->name : "?",
				 "a sequence such as '[u8, u32]' or '[ {x: i32} ]'")) {
			size_t mark = y->fields.len;
			bool named = yl_is(y, YAML_MAPPING_START_EVENT);
			if (named)
				named_items(y, false);
			else
				tuple_items(y);
			v->shape = y->fields.len == mark ? TL_SHAPE_UNIT :
				   named ? TL_SHAPE_NAMED : TL_SHAPE_TUPLE;
			yl_next(y);
			v->fields = pop_fields(y, mark, &v->nfields);
		}
	}
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		if (yl_key(y, &k)) {
			tl_error(y->ctx, k.loc, ID_YAML_SHAPE,
				 "variant '%.*s' must be its own list item: start it with '- '",
				 (int)(k.len > 40 ? 40 : k.len), k.s);
			yl_next(y);
			yl_skip(y);
		}
	}
	yl_next(y);
	return ok;
}

/* `V0(u64, T2)`: a tuple variant whose fields are each one name, written
 * with ", " between them, as the Rust parser would read it (the fields'
 * shared nodes, their locations), without the lexer. False: anything
 * else, for the parser (nothing is made then, unless out of memory). */
static bool tuple_variant_fast(tl_yl *y, const yl_scalar *s, tl_variant *v)
{
	enum { MAX = 16 };
	size_t at[MAX], len[MAX];
	uint32_t n = 0;
	size_t i = tl_rparse_ident_end(s->s, 0, s->len);
	if (i == 0 || i >= s->len || s->s[i] != '(' ||
	    !tl_rparse_plain_ident(s->s, i))
		return false;
	size_t name_len = i++;
	for (;;) {
		size_t end = tl_rparse_ident_end(s->s, i, s->len);
		if (end == i || n == MAX || !tl_rparse_plain_ident(s->s + i, end - i))
			return false;
		at[n] = i;
		len[n++] = end - i;
		if (end + 1 == s->len && s->s[end] == ')')
			break;
		if (end + 2 >= s->len || s->s[end] != ',' || s->s[end + 1] != ' ')
			return false;
		i = end + 2;
	}
	tl_field f[MAX];
	for (uint32_t k = 0; k < n; k++) {
		tl_loc loc = s->loc;
		loc.col += (uint32_t)at[k];
		memset(&f[k], 0, sizeof(f[k]));
		f[k].bit_width = -1;
		f[k].loc = loc;
		f[k].name = yl_index_name(y, k);
		f[k].texpr = tl_rparse_simple_path(y->ctx, y->rp.syn, &y->shared,
						   s->s + at[k], len[k], loc);
		if (!f[k].name || !f[k].texpr)
			return false; /* out of memory: the context says so */
	}
	memset(v, 0, sizeof(*v));
	v->name = tl_intern(y->ctx, s->s, name_len);
	v->loc = s->loc;
	v->shape = TL_SHAPE_TUPLE;
	v->fields = tl_arena_memdup(&y->ctx->arena, f, n * sizeof(*f));
	v->nfields = n;
	return v->name && v->fields;
}

static void enum_body(tl_yl *y, tl_def *def)
{
	if (!yl_begin_seq(y, "'enum' of", def->name,
			  "a sequence of variants such as '- Empty' or '- Number(i32)'"))
		return;
	size_t mark = y->variants.len;
	while (!y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT)) {
		tl_variant v;
		memset(&v, 0, sizeof(v));
		bool ok;
		if (yl_is(y, YAML_MAPPING_START_EVENT)) {
			ok = map_variant(y, &v);
		} else {
			yl_scalar s;
			ok = yl_string(y, "a variant", &s);
			if (ok && s.exact && tl_rparse_plain_ident(s.s, s.len)) {
				/* a unit variant: what the parser would make
				 * of it, unlexed */
				v.name = tl_intern(y->ctx, s.s, s.len);
				v.loc = s.loc;
				v.shape = TL_SHAPE_UNIT;
				ok = v.name != NULL;
				yl_next(y);
			} else if (ok && s.exact && tuple_variant_fast(y, &s, &v)) {
				yl_next(y);
			} else if (ok) {
				yl_rparse_begin(y, &s);
				y->rp.shared_paths = &y->shared;
				ok = tl_rparse_variant(&y->rp, &v) &&
				     tl_rparse_end(&y->rp, "the variant");
				y->rp.shared_paths = NULL;
				yl_next(y);
			}
		}
		if (ok && !TL_VEC_PUSH(y->variants, v)) {
			y->ctx->oom = true;
			y->stop = true;
		}
	}
	yl_next(y);
	def->nvariants = (uint32_t)(y->variants.len - mark);
	if (def->nvariants) {
		def->variants = tl_arena_memdup(&y->ctx->arena,
						y->variants.items + mark,
						def->nvariants * sizeof(tl_variant));
		if (!def->variants) {
			y->ctx->oom = true;
			y->stop = true;
			def->nvariants = 0;
		}
	}
	y->variants.len = mark;
	check_dup_variants(y, def);
	for (uint32_t i = 0; i < def->nvariants; i++)
		check_dup_fields(y, def->variants[i].fields,
				 def->variants[i].nfields, def->variants[i].name);
}

/* ---- field lists ---- */

void yl_field_list(tl_yl *y, tl_def *def, const char *key)
{
	/* field types and discriminants are read by resolution only: they
	 * go to the context's syntax arena, whose memory the main arena takes
	 * over once everything is resolved (front/load.c); the prelude's stay
	 * where they are (they are few, and prelude definitions are resolved
	 * later) */
	tl_arena *keep = y->rp.syn;
	y->rp.syn = y->builtin ? &y->ctx->arena : &y->ctx->syntax;
	switch (key[0]) {
	case 't':
		tuple_body(y, def);
		break;
	case 'c':
		closure_body(y, def);
		break;
	case 'e':
		enum_body(y, def);
		break;
	default: /* struct, union */
		fields_body(y, def, key);
		break;
	}
	y->rp.syn = keep;
}
