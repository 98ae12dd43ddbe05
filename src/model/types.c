/*
 * Interned type terms. Every constructor builds a key, looks it up in an
 * open-addressing table of ids and returns the existing id when an equal
 * term exists, so a type used a thousand times is laid out once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctx_internal.h"
#include "model/syntax_print.h"
#include "util/bigmem.h"
#include "util/strbuf.h"
#include "util/u128.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

static uint64_t term_hash(const tl_type *t)
{
	uint64_t h = mix((uint64_t)t->kind, (uint64_t)t->prim | (uint64_t)t->mut << 32);
	h = mix(h, (uint64_t)t->inner | (uint64_t)t->len << 32);
	h = mix(h, t->param);
	h = mix(h, (uint64_t)(tl_u128)t->value);
	h = mix(h, (uint64_t)((tl_u128)t->value >> 64));
	h = mix(h, (uint64_t)(uintptr_t)t->def);
	h = mix(h, (uint64_t)(uintptr_t)t->text); /* interned */
	for (uint32_t i = 0; i < t->nargs; i++)
		h = mix(h, t->args[i]);
	return h ^ (h >> 29);
}

static bool term_eq(const tl_type *a, const tl_type *b)
{
	return a->kind == b->kind && a->prim == b->prim && a->mut == b->mut &&
	       a->inner == b->inner && a->len == b->len &&
	       a->param == b->param && a->value == b->value &&
	       a->def == b->def && a->text == b->text &&
	       a->nargs == b->nargs &&
	       (!a->nargs ||
		memcmp(a->args, b->args, a->nargs * sizeof(*a->args)) == 0);
}

/* A slot holds a type id in its low half and the upper bits of the
 * term's hash in its high half, so a probe rejects most other terms
 * without loading them (0 = empty; ids start at 1). */
static uint64_t slot_of(uint64_t h, tl_type_id id)
{
	return (h >> 32) << 32 | id;
}

static int slots_resize(tl_ctx *ctx, size_t cap)
{
	uint64_t *slots = tl_calloc_big(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < ctx->types.len; i++) {
		uint64_t h = term_hash(ctx->types.items[i]);
		size_t j = h & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = slot_of(h, (tl_type_id)(i + 1));
	}
	free(ctx->type_slots);
	ctx->type_slots = slots;
	ctx->type_cap = cap;
	return 0;
}

static void add_name(tl_ctx *ctx, tl_strbuf *sb, tl_type_id id)
{
	tl_strbuf_puts(sb, tl_type_name(ctx, id));
}

/* `I::Item` on a parameter, `<X as Trait>::Name` otherwise. */
static void proj_name(tl_ctx *ctx, tl_strbuf *sb, const tl_type *t)
{
	const char *sep = strstr(t->text, "::");
	if (tl_type_get(ctx, t->inner)->kind == TL_TY_PARAM) {
		add_name(ctx, sb, t->inner);
		tl_strbuf_puts(sb, "::");
		tl_strbuf_puts(sb, sep ? sep + 2 : t->text);
		return;
	}
	tl_strbuf_putc(sb, '<');
	add_name(ctx, sb, t->inner);
	if (sep) {
		tl_strbuf_puts(sb, " as ");
		tl_strbuf_add(sb, t->text, (size_t)(sep - t->text));
	}
	tl_strbuf_puts(sb, ">::");
	tl_strbuf_puts(sb, sep ? sep + 2 : t->text);
}

/* A generic argument: an expression other than a single name is braced,
 * as Rust writes it (`Wrap<{ size_of::<u32>() }>`). */
static void add_arg(tl_ctx *ctx, tl_strbuf *sb, tl_type_id id)
{
	const tl_type *t = tl_type_get(ctx, id);
	bool brace = t && t->kind == TL_TY_CONST_EXPR &&
		     !(t->expr->kind == TL_CX_PATH && t->expr->nsegs == 1);
	tl_strbuf_puts(sb, brace ? "{ " : "");
	add_name(ctx, sb, id);
	tl_strbuf_puts(sb, brace ? " }" : "");
}

static const char *make_name(tl_ctx *ctx, const tl_type *t)
{
	/* the common case, a plain ADT, is named as its definition (whose
	 * name lives as long as the context) */
	if (t->kind == TL_TY_ADT && !t->nargs)
		return t->def->name;
	tl_strbuf sb = TL_STRBUF_INIT;
	char num[48];
	switch (t->kind) {
	case TL_TY_PRIM:
		tl_strbuf_puts(&sb, tl_prim_name(t->prim));
		break;
	case TL_TY_UNIT:
		tl_strbuf_puts(&sb, "()");
		break;
	case TL_TY_NEVER:
		tl_strbuf_puts(&sb, "!");
		break;
	case TL_TY_STR:
		tl_strbuf_puts(&sb, "str");
		break;
	case TL_TY_SLICE:
		tl_strbuf_putc(&sb, '[');
		add_name(ctx, &sb, t->inner);
		tl_strbuf_putc(&sb, ']');
		break;
	case TL_TY_DYN:
		tl_strbuf_puts(&sb, "dyn ");
		tl_strbuf_puts(&sb, t->text);
		break;
	case TL_TY_REF:
		tl_strbuf_puts(&sb, t->mut ? "&mut " : "&");
		add_name(ctx, &sb, t->inner);
		break;
	case TL_TY_RAWPTR:
		tl_strbuf_puts(&sb, t->mut ? "*mut " : "*const ");
		add_name(ctx, &sb, t->inner);
		break;
	case TL_TY_FNPTR:
	case TL_TY_FNITEM:
	case TL_TY_PARAM:
		tl_strbuf_puts(&sb, t->text);
		break;
	case TL_TY_ARRAY:
		tl_strbuf_putc(&sb, '[');
		add_name(ctx, &sb, t->inner);
		tl_strbuf_puts(&sb, "; ");
		add_name(ctx, &sb, t->len);
		tl_strbuf_putc(&sb, ']');
		break;
	case TL_TY_TUPLE:
		tl_strbuf_putc(&sb, '(');
		for (uint32_t i = 0; i < t->nargs; i++) {
			if (i)
				tl_strbuf_puts(&sb, ", ");
			add_name(ctx, &sb, t->args[i]);
		}
		if (t->nargs == 1)
			tl_strbuf_putc(&sb, ',');
		tl_strbuf_putc(&sb, ')');
		break;
	case TL_TY_ADT:
		tl_strbuf_puts(&sb, t->def->name);
		if (t->nargs) {
			tl_strbuf_putc(&sb, '<');
			for (uint32_t i = 0; i < t->nargs; i++) {
				if (i)
					tl_strbuf_puts(&sb, ", ");
				add_arg(ctx, &sb, t->args[i]);
			}
			tl_strbuf_putc(&sb, '>');
		}
		break;
	case TL_TY_CONST:
		tl_strbuf_puts(&sb, tl_i128_str(t->value, num));
		break;
	case TL_TY_CONST_EXPR:
		tl_cexpr_print(&sb, t->expr);
		break;
	case TL_TY_C_ATOMIC:
		tl_strbuf_puts(&sb, "_Atomic(");
		add_name(ctx, &sb, t->inner);
		tl_strbuf_putc(&sb, ')');
		break;
	case TL_TY_PROJ:
		proj_name(ctx, &sb, t);
		break;
	}
	const char *r = sb.oom ? NULL : tl_intern(ctx, tl_strbuf_cstr(&sb), sb.len);
	tl_strbuf_release(&sb);
	return r;
}

static bool args_have_params(const tl_ctx *ctx, const tl_type_id *args,
			     uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (tl_type_get(ctx, args[i])->has_params)
			return true;
	return false;
}

/* Appends a copy of `key` to the terms; its id, 0 when out of memory. */
static tl_type_id add_term(tl_ctx *ctx, const tl_type *key)
{
	tl_type *t = tl_arena_memdup(&ctx->arena, key, sizeof(*t));
	if (!t)
		return 0;
	if (key->nargs) {
		t->args = tl_arena_memdup(&ctx->arena, key->args,
					  key->nargs * sizeof(*key->args));
		if (!t->args)
			return 0;
	}
	t->has_params = key->kind == TL_TY_PARAM ||
			(key->inner && tl_type_get(ctx, key->inner)->has_params) ||
			(key->len && tl_type_get(ctx, key->len)->has_params) ||
			args_have_params(ctx, key->args, key->nargs);
	if (!TL_VEC_PUSH(ctx->types, t))
		return 0;
	t->id = (tl_type_id)ctx->types.len;
	return t->id; /* the name is made on first use (tl_type_name) */
}

static tl_type_id intern(tl_ctx *ctx, const tl_type *key)
{
	if (tl_table_full(ctx->types.len, ctx->type_cap) &&
	    slots_resize(ctx, ctx->type_cap ? ctx->type_cap * 2 : 1024) < 0)
		goto oom;
	uint64_t h = term_hash(key);
	uint64_t tag = slot_of(h, 0);
	size_t j = h & (ctx->type_cap - 1);
	for (uint64_t sl; (sl = ctx->type_slots[j]) != 0; j = (j + 1) & (ctx->type_cap - 1)) {
		if ((sl >> 32) << 32 != tag)
			continue;
		const tl_type *t = ctx->types.items[(uint32_t)sl - 1];
		if (term_eq(t, key))
			return t->id;
	}
	tl_type_id id = add_term(ctx, key);
	if (!id)
		goto oom;
	ctx->type_slots[j] = slot_of(h, id);
	return id;
oom:
	ctx->oom = true;
	return 0;
}

const tl_type *tl_type_get(const tl_ctx *ctx, tl_type_id id)
{
	if (id == 0 || id > ctx->types.len)
		return NULL;
	return ctx->types.items[id - 1];
}

/* Names are built lazily: most interned terms (field types of generic
 * instances) are never printed. The cache write is the only mutation
 * through a const context. */
const char *tl_type_name(const tl_ctx *ctx, tl_type_id id)
{
	tl_type *t = id && id <= ctx->types.len ? ctx->types.items[id - 1] : NULL;
	if (!t)
		return "?";
	if (!t->name)
		t->name = make_name((tl_ctx *)ctx, t);
	return t->name ? t->name : "?";
}

size_t tl_type_count(const tl_ctx *ctx)
{
	return ctx->types.len;
}

#define KEY(k) tl_type key = {0}; key.kind = (k)

tl_type_id tl_type_prim(tl_ctx *ctx, tl_prim p)
{
	/* asked for once per field of such a type as YAML is read: found by
	 * number, not by hashing the term */
	if ((unsigned)p < TL_PRIM__COUNT && ctx->prim_types[p])
		return ctx->prim_types[p];
	KEY(TL_TY_PRIM);
	key.prim = p;
	tl_type_id id = intern(ctx, &key);
	if ((unsigned)p < TL_PRIM__COUNT)
		ctx->prim_types[p] = id;
	return id;
}

tl_type_id tl_type_unit(tl_ctx *ctx)
{
	KEY(TL_TY_UNIT);
	return intern(ctx, &key);
}

tl_type_id tl_type_never(tl_ctx *ctx)
{
	KEY(TL_TY_NEVER);
	return intern(ctx, &key);
}

tl_type_id tl_type_str(tl_ctx *ctx)
{
	KEY(TL_TY_STR);
	return intern(ctx, &key);
}

tl_type_id tl_type_slice(tl_ctx *ctx, tl_type_id elem)
{
	KEY(TL_TY_SLICE);
	key.inner = elem;
	return elem ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_dyn(tl_ctx *ctx, const char *bounds)
{
	KEY(TL_TY_DYN);
	key.text = tl_intern_cstr(ctx, bounds);
	return key.text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_ref(tl_ctx *ctx, tl_type_id inner, bool mut)
{
	KEY(TL_TY_REF);
	key.inner = inner;
	key.mut = mut;
	return inner ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_rawptr(tl_ctx *ctx, tl_type_id inner, bool mut)
{
	KEY(TL_TY_RAWPTR);
	key.inner = inner;
	key.mut = mut;
	return inner ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_fnptr(tl_ctx *ctx, const char *signature)
{
	KEY(TL_TY_FNPTR);
	key.text = tl_intern_cstr(ctx, signature);
	return key.text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_fnitem(tl_ctx *ctx, const char *name)
{
	KEY(TL_TY_FNITEM);
	key.text = tl_intern_cstr(ctx, name);
	return key.text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_array(tl_ctx *ctx, tl_type_id elem, tl_type_id len)
{
	KEY(TL_TY_ARRAY);
	key.inner = elem;
	key.len = len;
	return elem && len ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_array_n(tl_ctx *ctx, tl_type_id elem, uint64_t n)
{
	return tl_type_array(ctx, elem, tl_type_const(ctx, (tl_i128)n));
}

tl_type_id tl_type_tuple(tl_ctx *ctx, const tl_type_id *elems, uint32_t n)
{
	if (n == 0)
		return tl_type_unit(ctx);
	for (uint32_t i = 0; i < n; i++)
		if (!elems[i])
			return 0;
	KEY(TL_TY_TUPLE);
	key.args = elems;
	key.nargs = n;
	return intern(ctx, &key);
}

/* A type function applied to a concrete argument is the type it names:
 * ToOwned<str> is String, ToOwned<[u8]> is Vec<u8>. */
static tl_type_id apply_cases(tl_ctx *ctx, const tl_def *def,
			      const tl_type_id *args, uint32_t nargs)
{
	const tl_type *a = tl_type_get(ctx, args[0]);
	if (!a || a->has_params)
		return 0;
	for (uint32_t i = 0; i < def->ncases; i++) {
		const tl_type_case *c = &def->cases[i];
		if (!c->target || (c->pattern == TL_CASE_STR && a->kind != TL_TY_STR) ||
		    (c->pattern == TL_CASE_SLICE && a->kind != TL_TY_SLICE))
			continue;
		tl_type_id bind[2] = {args[0], a->kind == TL_TY_SLICE ? a->inner : args[0]};
		(void)nargs;
		return tl_type_subst(ctx, c->target, bind, 2);
	}
	return 0;
}

static bool def_types_reserve(tl_ctx *ctx, size_t need)
{
	if (need <= ctx->def_types_cap)
		return true;
	size_t cap = ctx->def_types_cap ? ctx->def_types_cap : 256;
	while (cap < need)
		cap *= 2;
	tl_type_id *p = realloc(ctx->def_types, cap * sizeof(*p));
	if (!p)
		return false;
	memset(p + ctx->def_types_cap, 0, (cap - ctx->def_types_cap) * sizeof(*p));
	ctx->def_types = p;
	ctx->def_types_cap = cap;
	return true;
}

int tl_type__reserve(tl_ctx *ctx, size_t ntypes, size_t ndefs)
{
	size_t cap = tl_table_cap(ntypes, ctx->type_cap ? ctx->type_cap : 1024);
	if (cap > ctx->type_cap && slots_resize(ctx, cap) < 0)
		return -1;
	if (!tl_grow((void **)&ctx->types.items, &ctx->types.cap, ntypes,
		     sizeof(*ctx->types.items)))
		return -1;
	return def_types_reserve(ctx, ndefs) ? 0 : -1;
}

tl_type_id tl_type_adt(tl_ctx *ctx, const tl_def *def, const tl_type_id *args,
		       uint32_t nargs)
{
	for (uint32_t i = 0; i < nargs; i++)
		if (!args[i])
			return 0;
	if (def->ncases && nargs) {
		tl_type_id r = apply_cases(ctx, def, args, nargs);
		if (r)
			return r;
	}
	bool plain = !nargs && def->index < ctx->defs.len &&
		     ctx->defs.items[def->index] == def;
	if (plain && def->index < ctx->def_types_cap && ctx->def_types[def->index])
		return ctx->def_types[def->index];
	KEY(TL_TY_ADT);
	key.def = def;
	key.args = args;
	key.nargs = nargs;
	if (plain && !ctx->loose_adts && def_types_reserve(ctx, ctx->defs.len)) {
		/* found by index only (above): the hash table is spared a
		 * probe at random per definition */
		tl_type_id id = add_term(ctx, &key);
		if (!id)
			ctx->oom = true;
		ctx->def_types[def->index] = id;
		return id;
	}
	/* a definition not (yet) in the context: if it is added later, its
	 * term must still be found by hashing */
	ctx->loose_adts += !nargs && !plain;
	tl_type_id id = intern(ctx, &key);
	if (plain && id && def_types_reserve(ctx, ctx->defs.len))
		ctx->def_types[def->index] = id;
	return id;
}

tl_type_id tl_type_param(tl_ctx *ctx, uint32_t index, const char *name)
{
	KEY(TL_TY_PARAM);
	key.param = index;
	key.text = tl_intern_cstr(ctx, name);
	return key.text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_const(tl_ctx *ctx, tl_i128 value)
{
	KEY(TL_TY_CONST);
	key.value = value;
	return intern(ctx, &key);
}

/* The identity is the key text; `expr` rides along (the first one
 * interned is kept: every expression with that key has the same value). */
tl_type_id tl_type_const_expr(tl_ctx *ctx, const tl_cexpr *expr, tl_prim type)
{
	KEY(TL_TY_CONST_EXPR);
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_cexpr_key(&sb, expr);
	key.prim = type;
	key.expr = expr;
	key.text = sb.oom ? NULL : tl_intern(ctx, tl_strbuf_cstr(&sb), sb.len);
	tl_strbuf_release(&sb);
	if (!key.text)
		ctx->oom = true;
	return key.text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_c_atomic(tl_ctx *ctx, tl_type_id inner)
{
	KEY(TL_TY_C_ATOMIC);
	key.inner = inner;
	return inner ? intern(ctx, &key) : 0;
}

tl_type_id tl_type__proj_term(tl_ctx *ctx, tl_type_id self, const char *text)
{
	KEY(TL_TY_PROJ);
	key.inner = self;
	key.text = text;
	return self && text ? intern(ctx, &key) : 0;
}

tl_type_id tl_type_subst(tl_ctx *ctx, tl_type_id id, const tl_type_id *args,
			 uint32_t nargs)
{
	const tl_type *t = tl_type_get(ctx, id);
	if (!t || !t->has_params)
		return id;
	tl_type key = *t;
	key.id = 0;
	key.name = NULL;
	key.has_params = false;
	switch (t->kind) {
	case TL_TY_PARAM:
		return t->param < nargs ? args[t->param] : id;
	case TL_TY_PROJ: {
		tl_type_id self = tl_type_subst(ctx, t->inner, args, nargs);
		return self ? tl_type__proj_subst(ctx, t, self) : 0;
	}
	case TL_TY_TUPLE:
	case TL_TY_ADT: {
		tl_type_id small[8];
		tl_type_id *sub = t->nargs <= 8 ? small :
			malloc(t->nargs * sizeof(*sub));
		if (!sub) {
			ctx->oom = true;
			return 0;
		}
		for (uint32_t i = 0; i < t->nargs; i++)
			sub[i] = tl_type_subst(ctx, t->args[i], args, nargs);
		tl_type_id r = t->kind == TL_TY_TUPLE ?
			tl_type_tuple(ctx, sub, t->nargs) :
			tl_type_adt(ctx, t->def, sub, t->nargs);
		if (sub != small)
			free(sub);
		return r;
	}
	default:
		if (key.inner)
			key.inner = tl_type_subst(ctx, t->inner, args, nargs);
		if (key.len)
			key.len = tl_type_subst(ctx, t->len, args, nargs);
		return intern(ctx, &key);
	}
}

tl_type_id tl_def_type(tl_ctx *ctx, const tl_def *def)
{
	if (def->nparams)
		return 0;
	return tl_type_adt(ctx, def, NULL, 0);
}

static size_t fcache_slot(const tl_ctx *ctx, uint64_t key)
{
	size_t j = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (ctx->fcache_cap - 1);
	while (ctx->fcache_keys[j] && ctx->fcache_keys[j] != key)
		j = (j + 1) & (ctx->fcache_cap - 1);
	return j;
}

static int fcache_grow(tl_ctx *ctx)
{
	size_t old = ctx->fcache_cap, cap = old ? old * 2 : 1024;
	uint64_t *keys = ctx->fcache_keys;
	uint32_t *vals = ctx->fcache_vals;
	ctx->fcache_keys = tl_calloc_big(cap, sizeof(*keys));
	ctx->fcache_vals = tl_calloc_big(cap, sizeof(*vals));
	if (!ctx->fcache_keys || !ctx->fcache_vals) {
		free(ctx->fcache_keys);
		free(ctx->fcache_vals);
		ctx->fcache_keys = keys;
		ctx->fcache_vals = vals;
		return -1;
	}
	ctx->fcache_cap = cap;
	for (size_t i = 0; i < old; i++) {
		if (!keys[i])
			continue;
		size_t j = fcache_slot(ctx, keys[i]);
		ctx->fcache_keys[j] = keys[i];
		ctx->fcache_vals[j] = vals[i];
	}
	free(keys);
	free(vals);
	return 0;
}

tl_type_id tl_type_field(tl_ctx *ctx, tl_type_id adt, const tl_field *f)
{
	const tl_type *t = tl_type_get(ctx, adt);
	if (!t || !t->nargs || !tl_type_get(ctx, f->type) ||
	    !tl_type_get(ctx, f->type)->has_params)
		return f->type;
	uint64_t key = (uint64_t)adt << 32 | f->type;
	if ((ctx->fcache_len + 1) * 2 > ctx->fcache_cap && fcache_grow(ctx) < 0)
		return tl_type_subst(ctx, f->type, t->args, t->nargs);
	size_t j = fcache_slot(ctx, key);
	if (ctx->fcache_keys[j])
		return ctx->fcache_vals[j];
	tl_type_id r = tl_type_subst(ctx, f->type, t->args, t->nargs);
	if (r) {
		/* the table may not have moved: subst does not touch it */
		ctx->fcache_keys[j] = key;
		ctx->fcache_vals[j] = r;
		ctx->fcache_len++;
	}
	return r;
}
