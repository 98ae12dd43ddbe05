/*
 * cfg predicates: parsing `cfg(...)` bodies, and evaluating them once per
 * built-in target into a target mask.
 *
 * The facts of each target are what `rustc --print cfg --target TRIPLE`
 * prints for rustc 1.95, less `debug_assertions`: that one belongs to the
 * build profile, and we take the optimised build's answer (off, as with
 * `rustc -O` and `cargo build --release`); `--cfg debug_assertions` turns
 * it on. Every other predicate -- `feature = "x"`, `test`, custom cfgs --
 * is false unless given with `--cfg`, as with rustc itself.
 */
#include <string.h>

#include "front/front_rust_int.h"

typedef struct target_facts {
	const char *triple;
	const char *const *facts; /* "name" or "name=value", NULL-ended */
} target_facts;

static const char *const x86_64_facts[] = {
	"panic=unwind", "target_abi=", "target_arch=x86_64",
	"target_endian=little", "target_env=gnu", "target_family=unix",
	"target_feature=fxsr", "target_feature=sse", "target_feature=sse2",
	"target_has_atomic=16", "target_has_atomic=32", "target_has_atomic=64",
	"target_has_atomic=8", "target_has_atomic=ptr", "target_os=linux",
	"target_pointer_width=64", "target_vendor=unknown", "unix", NULL,
};

static const char *const aarch64_facts[] = {
	"panic=unwind", "target_abi=", "target_arch=aarch64",
	"target_endian=little", "target_env=gnu", "target_family=unix",
	"target_feature=neon", "target_has_atomic=128", "target_has_atomic=16",
	"target_has_atomic=32", "target_has_atomic=64", "target_has_atomic=8",
	"target_has_atomic=ptr", "target_os=linux", "target_pointer_width=64",
	"target_vendor=unknown", "unix", NULL,
};

static const target_facts targets[RS_MAX_TARGETS] = {
	{"x86_64-unknown-linux-gnu", x86_64_facts},
	{"aarch64-unknown-linux-gnu", aarch64_facts},
};

const char *tl_front_rust_cfg_triple(size_t i)
{
	return i < RS_MAX_TARGETS ? targets[i].triple : NULL;
}

/* "name" or "name=value" equal to the predicate? */
static bool fact_is(const char *fact, const struct tl_cfg *c)
{
	size_t n = strlen(c->name);
	if (strncmp(fact, c->name, n) != 0)
		return false;
	if (c->kind == RS_CFG_NAME)
		return fact[n] == '\0';
	return fact[n] == '=' && strcmp(fact + n + 1, c->value) == 0;
}

static rs_mask eval_leaf(const rs_cfgset *set, const struct tl_cfg *c)
{
	for (size_t i = 0; i < set->len; i++)
		if (fact_is(set->items[i], c))
			return RS_ALL;
	rs_mask m = 0;
	for (unsigned t = 0; t < RS_MAX_TARGETS; t++)
		for (const char *const *f = targets[t].facts; *f; f++)
			if (fact_is(*f, c))
				m |= 1u << t;
	return m;
}

rs_mask rs_cfg_eval(const rs_cfgset *set, const struct tl_cfg *c)
{
	if (!c)
		return RS_ALL;
	rs_mask m;
	switch (c->kind) {
	case RS_CFG_TRUE:
		return RS_ALL;
	case RS_CFG_FALSE:
		return 0;
	case RS_CFG_NAME:
	case RS_CFG_PAIR:
		return eval_leaf(set, c);
	case RS_CFG_ALL:
		m = RS_ALL;
		for (uint32_t i = 0; i < c->nkids; i++)
			m &= rs_cfg_eval(set, c->kids[i]);
		return m;
	case RS_CFG_ANY:
		m = 0;
		for (uint32_t i = 0; i < c->nkids; i++)
			m |= rs_cfg_eval(set, c->kids[i]);
		return m;
	case RS_CFG_NOT:
		return RS_ALL & ~rs_cfg_eval(set, c->kids[0]);
	}
	return 0;
}

static struct tl_cfg *new_cfg(rs_load *ld, rs_cfg_kind kind, tl_loc loc)
{
	struct tl_cfg *c = tl_arena_alloc(&ld->ctx->arena, sizeof(*c));
	if (!c)
		return rs_oom(ld);
	c->kind = kind;
	c->loc = loc;
	return c;
}

static const struct tl_cfg *pair(rs_load *ld, rs_cfg_kind kind,
				 const struct tl_cfg *a, const struct tl_cfg *b)
{
	struct tl_cfg *c = new_cfg(ld, kind, a->loc);
	const struct tl_cfg **kids =
		tl_arena_array(&ld->ctx->arena, 2, sizeof(*kids));
	if (!c || !kids)
		return rs_oom(ld);
	kids[0] = a;
	kids[1] = b;
	c->kids = kids;
	c->nkids = b ? 2 : 1;
	return c;
}

const struct tl_cfg *rs_cfg_and(rs_load *ld, const struct tl_cfg *a,
				const struct tl_cfg *b)
{
	if (!a || !b)
		return a ? a : b;
	return pair(ld, RS_CFG_ALL, a, b);
}

const struct tl_cfg *rs_cfg_not(rs_load *ld, const struct tl_cfg *a)
{
	return a ? pair(ld, RS_CFG_NOT, a, NULL) : NULL;
}

/* `#[cfg_attr(pred, cfg(then))]`: the item exists unless pred && !then. */
const struct tl_cfg *rs_cfg_implies(rs_load *ld, const struct tl_cfg *pred,
				    const struct tl_cfg *then)
{
	const struct tl_cfg *notp = pair(ld, RS_CFG_NOT, pred, NULL);
	return notp ? pair(ld, RS_CFG_ANY, notp, then) : NULL;
}

/* The unquoted text of a string literal token `"..."` (no escapes allowed:
 * cfg values never need them). */
static const char *string_value(rs_load *ld, const tl_token *t)
{
	if (t->kind != TL_TOK_STR || t->text[0] != '"' || t->suffix != t->len ||
	    memchr(t->text, '\\', t->len)) {
		rs_error(ld, t->loc, ID_RS_CFG,
			 "expected a plain string literal as a cfg value");
		return NULL;
	}
	const char *s = tl_intern(ld->ctx, t->text + 1, t->len - 2);
	return s ? s : rs_oom(ld);
}

static const struct tl_cfg *parse_list(rs_load *ld, rs_cfg_kind kind,
				       tl_loc loc, const char *what);

const struct tl_cfg *rs_cfg_parse(rs_load *ld)
{
	tl_rparse *p = &ld->p;
	tl_loc loc = p->cur.loc;
	char b[64];
	if (p->failed)
		return NULL;
	if (p->cur.kind != TL_TOK_IDENT) {
		rs_error(ld, loc, ID_RS_CFG, "expected a cfg predicate, found %s",
			 tl_rparse__desc(&p->cur, b, sizeof(b)));
		return NULL;
	}
	if (tl_tok_is(&p->cur, "true") || tl_tok_is(&p->cur, "false")) {
		rs_cfg_kind k = tl_tok_is(&p->cur, "true") ? RS_CFG_TRUE : RS_CFG_FALSE;
		tl_rparse__advance(p);
		return new_cfg(ld, k, loc);
	}
	const char *name = tl_rparse__intern_tok(p, &p->cur);
	tl_rparse__advance(p);
	if (rs_is(ld, '(')) {
		if (!strcmp(name, "all") || !strcmp(name, "any") ||
		    !strcmp(name, "not"))
			return parse_list(ld, name[1] == 'l' ? RS_CFG_ALL :
					  name[1] == 'n' ? RS_CFG_ANY : RS_CFG_NOT,
					  loc, name);
		rs_error(ld, loc, ID_RS_UNSUPPORTED,
			 "unsupported cfg predicate '%s(..)' (expected all, any or not)",
			 name);
		return NULL;
	}
	struct tl_cfg *c = new_cfg(ld, RS_CFG_NAME, loc);
	if (!c)
		return NULL;
	c->name = name;
	if (tl_rparse_eat(p, '=')) {
		c->kind = RS_CFG_PAIR;
		c->value = string_value(ld, &p->cur);
		if (!c->value)
			return NULL;
		tl_rparse__advance(p);
	}
	return p->failed ? NULL : c;
}

static const struct tl_cfg *parse_list(rs_load *ld, rs_cfg_kind kind,
				       tl_loc loc, const char *what)
{
	tl_rparse *p = &ld->p;
	size_t mark = ld->cfgkids.len;
	tl_rparse__advance(p); /* ( */
	while (!p->failed && !tl_rparse_eat(p, ')')) {
		if (!tl_rparse__enter(p))
			break;
		const struct tl_cfg *k = rs_cfg_parse(ld);
		p->depth--;
		if (!k)
			break;
		if (!TL_VEC_PUSH(ld->cfgkids, k)) {
			rs_oom(ld);
			break;
		}
		if (!tl_rparse_eat(p, ',') && !rs_is(ld, ')'))
			tl_rparse_expect(p, ')', "to close the cfg predicate list");
	}
	uint32_t n = (uint32_t)(ld->cfgkids.len - mark);
	if (!p->failed && kind == RS_CFG_NOT && n != 1)
		rs_error(ld, loc, ID_RS_CFG,
			 "'%s' takes exactly one cfg predicate, found %u", what, n);
	struct tl_cfg *c = p->failed ? NULL : new_cfg(ld, kind, loc);
	if (c && n) {
		c->kids = tl_arena_memdup(&ld->ctx->arena, ld->cfgkids.items + mark,
					  n * sizeof(*c->kids));
		if (!c->kids)
			c = rs_oom(ld);
		else
			c->nkids = n;
	}
	ld->cfgkids.len = mark;
	return c;
}

/* `name` or `name="value"` (spaces allowed around '='), as rustc's --cfg
 * takes them. Stored as "name" or "name=value". */
static const char *parse_option(tl_ctx *ctx, const char *s)
{
	size_t n = strlen(s), i = 0, j;
	while (i < n && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
			 (s[i] >= 'A' && s[i] <= 'Z') ||
			 (i && s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 0)
		return NULL;
	j = i;
	while (j < n && s[j] == ' ')
		j++;
	if (j == n)
		return j == i ? tl_intern(ctx, s, i) : NULL;
	if (s[j++] != '=')
		return NULL;
	while (j < n && s[j] == ' ')
		j++;
	if (j + 2 > n || s[j] != '"' || s[n - 1] != '"' ||
	    memchr(s + j + 1, '"', n - j - 2) || memchr(s + j + 1, '\\', n - j - 2))
		return NULL;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_add(&sb, s, i);
	tl_strbuf_putc(&sb, '=');
	tl_strbuf_add(&sb, s + j + 1, n - j - 2);
	const char *r = sb.oom ? NULL : tl_intern(ctx, sb.buf, sb.len);
	tl_strbuf_release(&sb);
	return r;
}

tl_status rs_cfgset_init(rs_cfgset *set, tl_ctx *ctx, const tl_load_opts *opts)
{
	set->items = NULL;
	set->len = 0;
	if (!opts || !opts->ncfgs)
		return TL_OK;
	set->items = calloc(opts->ncfgs, sizeof(*set->items));
	if (!set->items)
		return TL_ENOMEM;
	tl_status st = TL_OK;
	for (size_t i = 0; i < opts->ncfgs; i++) {
		const char *c = parse_option(ctx, opts->cfgs[i]);
		if (c) {
			set->items[set->len++] = c;
			continue;
		}
		tl_error(ctx, RS_NOLOC, ID_RS_CFG,
			 "invalid --cfg '%s': expected NAME or NAME=\"VALUE\"",
			 opts->cfgs[i]);
		st = TL_EINPUT;
	}
	return st;
}

void rs_cfgset_release(rs_cfgset *set)
{
	free(set->items);
	set->items = NULL;
	set->len = 0;
}
