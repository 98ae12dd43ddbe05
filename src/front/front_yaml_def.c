/*
 * YAML front end: one entry of `types:` -- the name with its generic
 * parameters, the body's keys, `repr`, `opaque`, and the prelude-only keys
 * (`path`, `valid`, `hide_niche`). Field lists are in front_yaml_fields.c.
 */
#include <stdio.h>
#include <string.h>

#include "front/front_yaml_int.h"
#include "front/resolve.h"
#include "front/resolve_int.h"

enum {
	K_REPR, K_STRUCT, K_TUPLE, K_UNION, K_ENUM, K_OPAQUE, K_ALIAS,
	K_CLOSURE, K_CASES, K_BUDGET, K_DOC, K_PATH, K_VALID, K_HIDE_NICHE
};

static const char *const def_keys[] = {
	"repr", "struct", "tuple", "union", "enum", "opaque", "alias",
	"closure", "cases", "budget", "doc", "path", "valid", "hide_niche", NULL
};

#define KIND_KEYS ((1u << K_STRUCT) | (1u << K_TUPLE) | (1u << K_UNION) | \
		   (1u << K_ENUM) | (1u << K_OPAQUE) | (1u << K_ALIAS) | \
		   (1u << K_CLOSURE) | (1u << K_CASES))

#define MAX_ALIGN ((uint64_t)1 << 29) /* rustc's limit for align(N) */

static bool pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* One repr item: `C`, `packed(2)`, `u8`... */
static void repr_item(tl_yl *y, tl_def *def, const yl_scalar *s)
{
	static const char *const names[] = {
		"C", "transparent", "packed", "align", "Rust", "u8", "u16",
		"u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
		"i128", "isize", NULL
	};
	tl_rparse *rp = &y->rp;
	tl_repr *r = &def->repr;
	const char *name;
	tl_loc loc;
	const tl_cexpr *arg = NULL;
	yl_rparse_begin(y, s);
	if (!tl_rparse_ident(rp, "a repr hint", &name, &loc))
		return;
	if (tl_rparse_eat(rp, '(')) {
		arg = tl_rparse_cexpr(rp);
		tl_rparse_expect(rp, ')', "to close the repr argument");
	}
	if (!tl_rparse_end(rp, "the repr hint"))
		return;
	uint64_t n = 1;
	bool sized = !strcmp(name, "packed") || !strcmp(name, "align");
	if (arg && (!sized || arg->kind != TL_CX_INT)) {
		tl_error(y->ctx, arg->loc, ID_BAD_REPR,
			 "repr '%s' takes %s", name,
			 sized ? "an integer, as in 'align(8)'" : "no argument");
		return;
	}
	if (arg) {
		if (!pow2(arg->value) || arg->value > MAX_ALIGN) {
			tl_error(y->ctx, arg->loc, ID_BAD_REPR,
				 "the argument of '%s' must be a power of two no greater than 2^29",
				 name);
			return;
		}
		n = (uint64_t)arg->value;
	}
	tl_prim p;
	if (!strcmp(name, "C")) {
		r->flags |= TL_REPR_C;
	} else if (!strcmp(name, "transparent")) {
		r->flags |= TL_REPR_TRANSPARENT;
	} else if (!strcmp(name, "packed")) {
		/* several packed hints: the smallest wins, as in rustc */
		if (!(r->flags & TL_REPR_PACKED) || n < r->packed)
			r->packed = (uint32_t)n;
		r->flags |= TL_REPR_PACKED;
	} else if (!strcmp(name, "align")) {
		if (!arg) {
			tl_error(y->ctx, loc, ID_BAD_REPR,
				 "repr 'align' needs a value, as in 'align(8)'");
			return;
		}
		if (n > r->align) /* the largest wins */
			r->align = n;
		r->flags |= TL_REPR_ALIGN;
	} else if (!strcmp(name, "Rust")) {
		/* the default */
	} else if (!strcmp(name, "simd")) {
		tl_error(y->ctx, loc, ID_BAD_REPR, "repr 'simd' is not supported");
	} else if (tl_rust_int_prim(name, strlen(name), &p)) {
		if ((r->flags & TL_REPR_INT) && r->int_type != p) {
			tl_error(y->ctx, loc, ID_BAD_REPR,
				 "conflicting repr hints '%s' and '%s'",
				 tl_prim_name(r->int_type), name);
			return;
		}
		r->flags |= TL_REPR_INT;
		r->int_type = p;
	} else {
		const char *best = NULL;
		for (size_t i = 0; names[i] && !best; i++)
			if (tl_front_distance(name, names[i], 2) <= 2 &&
			    (strlen(names[i]) > 2 || tl_front_distance(name, names[i], 1) <= 1))
				best = names[i];
		if (best)
			tl_error(y->ctx, loc, ID_BAD_REPR,
				 "unknown repr '%s' (did you mean '%s'?)", name, best);
		else
			tl_error(y->ctx, loc, ID_BAD_REPR, "unknown repr '%s'", name);
	}
}

/* `repr: C`, `repr: "C, u8"`, `repr: [C, u8]` */
static void yl_repr(tl_yl *y, tl_def *def)
{
	if (yl_is(y, YAML_SEQUENCE_START_EVENT)) {
		if (!yl_begin_seq(y, "'repr'", NULL, "a list of repr hints"))
			return;
		while (!y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT)) {
			yl_scalar s;
			if (yl_string(y, "a repr hint", &s)) {
				repr_item(y, def, &s);
				yl_next(y);
			}
		}
		yl_next(y);
		return;
	}
	yl_scalar s;
	if (!yl_string(y, "'repr'", &s))
		return;
	/* a comma-separated list in one string, each part located exactly */
	for (size_t i = 0, start = 0; i <= s.len; i++) {
		if (i < s.len && s.s[i] != ',')
			continue;
		yl_scalar part = s;
		part.s = s.s + start;
		part.len = i - start;
		if (s.exact)
			part.loc.col += (uint32_t)start;
		while (part.len && part.s[0] == ' ') {
			part.s++;
			part.len--;
			part.loc.col += s.exact;
		}
		repr_item(y, def, &part);
		start = i + 1;
	}
	yl_next(y);
}

/* repr hints that do not fit the kind of definition (rustc E0517, E0587,
 * E0692). */
static void check_repr(tl_yl *y, tl_def *def, tl_loc loc)
{
	uint32_t f = def->repr.flags;
	if (!f)
		return;
	const char *msg = NULL;
	if (def->kind == TL_DEF_OPAQUE || def->kind == TL_DEF_ALIAS ||
	    def->kind == TL_DEF_CLOSURE)
		msg = def->kind == TL_DEF_OPAQUE ? "'repr' is not allowed on opaque types" :
		      def->kind == TL_DEF_ALIAS ? "'repr' is not allowed on aliases" :
						  "'repr' is not allowed on closures";
	else if ((f & TL_REPR_PACKED) && (f & TL_REPR_ALIGN))
		msg = "conflicting repr hints: 'packed' and 'align' cannot be combined";
	else if ((f & TL_REPR_TRANSPARENT) && (f & ~TL_REPR_TRANSPARENT))
		msg = "repr 'transparent' cannot be combined with other repr hints";
	else if ((f & TL_REPR_INT) && def->kind != TL_DEF_ENUM)
		msg = "integer repr hints such as 'u8' are only allowed on enums";
	else if (def->kind == TL_DEF_ENUM && (f & TL_REPR_PACKED))
		msg = "repr 'packed' is not allowed on enums";
	else if (def->kind == TL_DEF_ENUM && (f & TL_REPR_TRANSPARENT) &&
		 def->nvariants != 1)
		msg = "repr 'transparent' on an enum needs exactly one variant";
	if (msg)
		tl_error(y->ctx, loc, ID_BAD_REPR, "%s", msg);
}

static void yl_opaque(tl_yl *y, tl_def *def, tl_loc key_loc)
{
	static const char *const keys[] = {"size", "align", NULL};
	if (!yl_begin_map(y, "'opaque'", NULL, "a mapping such as '{ size: 16, align: 8 }'"))
		return;
	bool have[2] = {false, false};
	tl_loc align_loc = key_loc;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		yl_scalar k;
		if (!yl_key(y, &k))
			continue;
		int i = yl_scalar_eq(&k, "size") ? 0 : yl_scalar_eq(&k, "align") ? 1 : -1;
		if (i < 0)
			yl_unknown_key(y, &k, "in 'opaque'", keys);
		yl_next(y);
		if (i < 0)
			yl_skip(y);
		else if (i == 0)
			have[0] |= yl_u64(y, "'size'", &def->opaque_size, NULL);
		else
			have[1] |= yl_u64(y, "'align'", &def->opaque_align, &align_loc);
	}
	yl_next(y);
	if (!have[0] || !have[1]) {
		tl_error(y->ctx, key_loc, ID_BAD_VALUE,
			 "opaque type '%s' needs both 'size' and 'align'", def->name);
	} else if (!pow2(def->opaque_align) || def->opaque_align > MAX_ALIGN) {
		tl_error(y->ctx, align_loc, ID_BAD_VALUE,
			 "'align' of '%s' must be a power of two no greater than 2^29",
			 def->name);
	} else if (def->opaque_size % def->opaque_align) {
		tl_error(y->ctx, key_loc, ID_BAD_VALUE,
			 "size %llu of '%s' is not a multiple of its alignment %llu",
			 (unsigned long long)def->opaque_size, def->name,
			 (unsigned long long)def->opaque_align);
	}
}

/* `valid: "1..=MAX"`: the bounds stay expressions; the layout engine
 * evaluates them per target (MAX depends on the scalar's width). */
static void yl_valid(tl_yl *y, tl_def *def)
{
	yl_scalar s;
	if (!yl_string(y, "'valid'", &s))
		return;
	yl_rparse_begin(y, &s);
	const tl_cexpr *a = tl_rparse_cexpr(&y->rp);
	if (a && tl_rparse_expect(&y->rp, TL_P3('.', '.', '='),
				  "between the bounds of the valid range")) {
		const tl_cexpr *b = tl_rparse_cexpr(&y->rp);
		if (b && tl_rparse_end(&y->rp, "the valid range")) {
			def->valid_start = a;
			def->valid_end = b;
		}
	}
	yl_next(y);
}

/* `path: std::collections::HashMap std::collections::hash_map::HashMap`:
 * the qualified path, then any re-exports, separated by spaces. */
static void yl_path(tl_yl *y, tl_def *def)
{
	yl_scalar s;
	if (!yl_string(y, "'path'", &s))
		return;
	bool ok = true;
	for (size_t i = 0; i < s.len && ok;) {
		size_t end = i;
		while (end < s.len && s.s[end] != ' ')
			end++;
		yl_scalar part = s;
		part.s = s.s + i;
		part.len = end - i;
		part.loc.col += (uint32_t)i;
		yl_rparse_begin(y, &part);
		const tl_texpr *t = tl_rparse_type(&y->rp);
		ok = t && tl_rparse_end(&y->rp, "the path");
		if (ok && (t->kind != TL_TX_PATH || t->nargs)) {
			tl_error(y->ctx, part.loc, ID_BAD_VALUE,
				 "'path' must be a plain path such as 'std::vec::Vec'");
			ok = false;
		}
		for (i = end; i < s.len && s.s[i] == ' '; i++)
			;
	}
	if (ok && (def->path = tl_intern(y->ctx, s.s, s.len)) == NULL)
		y->ctx->oom = true;
	yl_next(y);
}

static void yl_flag(tl_yl *y, const char *what, bool *out)
{
	yl_scalar s;
	if (!yl_string(y, what, &s))
		return;
	if (yl_scalar_eq(&s, "true"))
		*out = true;
	else if (yl_scalar_eq(&s, "false"))
		*out = false;
	else
		tl_error(y->ctx, s.loc, ID_BAD_VALUE, "%s must be true or false",
			 what);
	yl_next(y);
}

/* One `- PATTERN: TYPE` entry of `cases:`. */
static bool case_entry(tl_yl *y, tl_type_case *c)
{
	yl_scalar k;
	if (!yl_begin_map(y, "each case", NULL, "a one-key mapping such as '- str: String'"))
		return false;
	if (!yl_key(y, &k)) {
		while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT))
			yl_skip(y);
		yl_next(y);
		return false;
	}
	c->loc = k.loc;
	bool ok = true;
	if (yl_scalar_eq(&k, "str")) {
		c->pattern = TL_CASE_STR;
	} else if (yl_scalar_eq(&k, "_")) {
		c->pattern = TL_CASE_ANY;
	} else {
		/* `[T]`: T names the slice's element in the target */
		tl_rparse *rp = &y->rp;
		yl_rparse_begin(y, &k);
		c->pattern = TL_CASE_SLICE;
		ok = tl_rparse_expect(rp, '[', "to start a case pattern ('str', '[T]' or '_')") &&
		     tl_rparse_ident(rp, "the name of the slice's element", &c->elem, NULL) &&
		     tl_rparse_expect(rp, ']', "to close the slice pattern") &&
		     tl_rparse_end(rp, "the case pattern");
	}
	yl_next(y);
	c->target_texpr = yl_type(y, "case", NULL);
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		if (yl_key(y, &k)) {
			tl_error(y->ctx, k.loc, ID_YAML_SHAPE,
				 "each case must be its own list item: start it with '- '");
			yl_next(y);
			yl_skip(y);
		}
	}
	yl_next(y);
	return ok && c->target_texpr;
}

/* `cases: [ {str: String}, {"[T]": Vec<T>}, {_: B} ]`: a type function of
 * its first parameter (std's `<B as ToOwned>::Owned`), see tl_type_case. */
static void yl_cases(tl_yl *y, tl_def *def, tl_loc key_loc)
{
	if (!yl_begin_seq(y, "'cases'", NULL, "a sequence such as '- str: String'"))
		return;
	TL_VEC(tl_type_case) cases = {0};
	while (!y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT)) {
		tl_type_case c = {0};
		if (case_entry(y, &c) && !TL_VEC_PUSH(cases, c))
			y->ctx->oom = y->stop = true;
	}
	yl_next(y);
	if (!def->nparams)
		tl_error(y->ctx, key_loc, ID_BAD_VALUE,
			 "'cases' needs a generic parameter, as in 'ToOwned<B>'");
	if (cases.len) {
		tl_type_case *arr = tl_arena_memdup(&y->ctx->arena, cases.items,
						    cases.len * sizeof(*arr));
		if (!arr)
			y->ctx->oom = y->stop = true;
		def->cases = arr;
		def->ncases = arr ? (uint32_t)cases.len : 0;
	}
	TL_VEC_FREE(cases);
}

static void body_key(tl_yl *y, tl_def *def, int key, tl_loc loc)
{
	switch (key) {
	case K_REPR: yl_repr(y, def); break;
	case K_STRUCT: def->kind = TL_DEF_STRUCT; yl_field_list(y, def, "struct"); break;
	case K_UNION: def->kind = TL_DEF_UNION; yl_field_list(y, def, "union"); break;
	case K_TUPLE: def->kind = TL_DEF_STRUCT; yl_field_list(y, def, "tuple"); break;
	case K_ENUM: def->kind = TL_DEF_ENUM; yl_field_list(y, def, "enum"); break;
	case K_OPAQUE: def->kind = TL_DEF_OPAQUE; yl_opaque(y, def, loc); break;
	case K_ALIAS:
		def->kind = TL_DEF_ALIAS;
		def->alias_of = yl_type(y, "'alias' of", def->name);
		break;
	case K_CLOSURE: def->kind = TL_DEF_CLOSURE; yl_field_list(y, def, "closure"); break;
	case K_CASES: def->kind = TL_DEF_STRUCT; yl_cases(y, def, loc); break;
	case K_BUDGET: yl_u64(y, "'budget'", &def->budget, NULL); break;
	case K_PATH: yl_path(y, def); break;
	case K_VALID: yl_valid(y, def); break;
	case K_HIDE_NICHE: yl_flag(y, "'hide_niche'", &def->hide_niche); break;
	default: yl_skip(y); break; /* doc */
	}
}

/* The mapping after the name; returns false when it was not one. */
static bool def_body(tl_yl *y, tl_def *def)
{
	if (!yl_begin_map(y, "the definition of", def->name,
			  "a mapping such as '{ struct: [...] }'"))
		return false;
	uint32_t seen = 0;
	int kind = -1;
	bool unknown = false; /* a misspelt kind key is the real problem */
	tl_loc repr_loc = def->loc;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		yl_scalar k;
		if (!yl_key(y, &k))
			continue;
		int key = -1;
		for (int i = 0; def_keys[i] && key < 0; i++)
			if (yl_scalar_eq(&k, def_keys[i]))
				key = i;
		bool skip = true;
		unknown |= key < 0;
		if (key < 0)
			yl_unknown_key(y, &k, "in a type definition", def_keys);
		else if (seen & (1u << key))
			tl_error(y->ctx, k.loc, ID_YAML_DUPKEY,
				 "duplicate key '%s' in the definition of '%s'",
				 def_keys[key], def->name);
		else if ((KIND_KEYS & (1u << key)) && kind >= 0)
			tl_error(y->ctx, k.loc, ID_YAML_SHAPE,
				 "type '%s' has both '%s' and '%s': a definition has exactly one kind",
				 def->name, def_keys[kind], def_keys[key]);
		else
			skip = false;
		yl_next(y);
		if (skip) {
			yl_skip(y);
			continue;
		}
		seen |= 1u << key;
		if (KIND_KEYS & (1u << key))
			kind = key;
		if (key == K_REPR)
			repr_loc = k.loc;
		body_key(y, def, key, k.loc);
	}
	yl_next(y);
	if (kind < 0 && !y->stop && !unknown)
		tl_error(y->ctx, def->loc, "missing-kind",
			 "type '%s' has no definition: add one of 'struct', 'tuple', 'union', 'enum', 'opaque', 'alias', 'closure' or 'cases'",
			 def->name);
	check_repr(y, def, repr_loc);
	return true;
}

/* `Name` or `Name<T: ?Sized, const N: usize>`; false on a syntax error. */
static bool def_name(tl_yl *y, const yl_scalar *k, tl_def *def)
{
	tl_rparse *rp = &y->rp;
	def->loc = k->loc;
	if (k->exact && tl_rparse_plain_ident(k->s, k->len)) {
		/* most names: what the parser would make of them, unlexed */
		def->name = tl_intern(y->ctx, k->s, k->len);
		return def->name != NULL;
	}
	yl_rparse_begin(y, k);
	if (tl_rparse_ident(rp, "a type name", &def->name, &def->loc) &&
	    tl_rparse_generics(rp, &def->params, &def->nparams) &&
	    tl_rparse_end(rp, "the type name"))
		return true;
	/* keep going, for the errors in the body; the def is not added */
	def->name = tl_intern(y->ctx, k->s, k->len > 64 ? 64 : k->len);
	return false;
}

/* Same name, same origin. Prelude types may share a name when their
 * paths differ (std::rc::Weak, std::sync::Weak): qualified uses pick one. */
static bool is_duplicate(tl_yl *y, const tl_def *def)
{
	for (const tl_def_list *l = tl_def_lookup(y->ctx, def->name); l;
	     l = l->next) {
		/* `.rs` and C definitions (front != NULL) may share a name
		 * with a YAML one; uses then say which they mean */
		if (l->def->builtin != y->builtin || l->def->front ||
		    strcmp(l->def->name, def->name))
			continue;
		if (y->builtin && l->def->path != def->path)
			continue; /* interned: equal paths are equal pointers */
		tl_diag *d = tl_error(y->ctx, def->loc, "duplicate-type",
				      "duplicate type '%s'", def->name);
		tl_diag_note(y->ctx, d, l->def->loc, "'%s' was first defined here",
			     def->name);
		return true;
	}
	return false;
}

/* What a single name means in a user definition, if it can be told now:
 * the one user definition of that name so far, or a primitive when there
 * is none (resolve_lookup.c looks at user definitions first, then
 * primitives). 0: leave it to resolution. */
static tl_type_id early_type(tl_yl *y, const char *name)
{
	tl_ctx *ctx = y->ctx;
	const tl_def_list *l = tl_def_lookup(ctx, name);
	if (l) {
		const tl_def *d = l->def;
		if (l->next || d->builtin || d->nparams || d->ncases ||
		    d->target_mask || d->kind == TL_DEF_ALIAS || d->impl_for)
			return 0;
		return tl_def_type(ctx, d);
	}
	if (!y->prims.len && !rsv_prims_map(ctx, &y->prims))
		return 0;
	uintptr_t p = (uintptr_t)tl_ptrmap_get(&y->prims, name);
	if (!p || p - 1 == RSV_PRIM_STR)
		return 0;
	return tl_type_prim(ctx, (tl_prim)(p - 1));
}

static void early_fields(tl_yl *y, tl_field *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!f[i].texpr || !f[i].texpr->shared)
			continue;
		f[i].type = early_type(y, f[i].texpr->segs[0]);
		y->ctx->spec_fields += f[i].type != 0;
	}
}

/* Field types that are one name are looked up as the definition is read,
 * while libyaml parses ahead, instead of after the load with the other
 * core idle. Resolution keeps them unless a later user definition takes
 * such a name (ctx->spec_invalid, load.c). */
static void early_types(tl_yl *y, tl_def *def)
{
	early_fields(y, def->fields, def->nfields);
	for (uint32_t v = 0; v < def->nvariants; v++)
		early_fields(y, def->variants[v].fields, def->variants[v].nfields);
}

void yl_def(tl_yl *y)
{
	yl_scalar k;
	if (!yl_key(y, &k))
		return;
	tl_def *def = tl_arena_alloc(&y->ctx->arena, sizeof(*def));
	if (!def) {
		y->ctx->oom = true;
		y->stop = true;
		return;
	}
	def->lang = TL_LANG_RUST;
	def->shape = TL_SHAPE_UNIT;
	if (y->ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    memchr(k.s, '<', k.len) && !memchr(k.s, '>', k.len)) {
		/* `Cell<T: ?Sized>:` unquoted: YAML ends the key at ': ' */
		tl_strbuf sb = TL_STRBUF_INIT;
		yl_rest_of_line(y, k.loc, &sb);
		const char *end = sb.len ? strstr(sb.buf, ">:") : NULL;
		if (end)
			sb.len = (size_t)(end - sb.buf) + 1;
		else if (sb.len && sb.buf[sb.len - 1] == ':')
			sb.len--;
		if (sb.buf)
			sb.buf[sb.len] = '\0';
		yl_slip(y, k.loc, "type", tl_strbuf_cstr(&sb),
			"': ' as the end of the key");
		tl_strbuf_release(&sb);
		yl_next(y);
		yl_skip(y);
		return;
	}
	bool add = def_name(y, &k, def) && def->name;
	yl_next(y);
	if (!def_body(y, def) || !add || is_duplicate(y, def))
		return;
	def->builtin = y->builtin;
	def->report = !y->builtin && def->nparams == 0;
	/* the name is one interned identifier (def_name): its own key */
	if (tl_def_add_keyed(y->ctx, def, def->name) < 0) {
		y->stop = true;
		return;
	}
	/* the type of a reported definition, made now: while libyaml parses
	 * ahead this costs nothing, after the load the other core would
	 * wait for it (tl_report_default_types) */
	if (def->report && def->kind != TL_DEF_ALIAS && !tl_def_type(y->ctx, def))
		y->ctx->oom = true;
	if (!def->nparams && !y->builtin)
		early_types(y, def);
}
