/*
 * Reading a `macro_rules!` definition (Rust Reference, "Macros By
 * Example"): rules `(matcher) => {transcriber}` separated by `;`, each
 * side any of (), [], {}. A side becomes a tree of rs_mnode: tokens,
 * delimited groups, `$name:frag` (matcher) or `$name` (transcriber),
 * `$( ... ) sep? op` repetitions and `$crate`. Each repetition lists the
 * variables inside it, which the matcher turns into sequences and the
 * transcriber repeats over.
 *
 * Children are built on a scratch stack and copied into the arena at
 * their final size when their group closes, as rust_parse.c does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "front/front_rust_macro.h"

typedef struct mdef {
	tl_ctx *ctx;
	const char *name;   /* the macro, for messages */
	const tl_token *t;
	size_t n;
	uint32_t *close;
	bool failed;
	TL_VEC(rs_mnode) stack;
	TL_VEC(const char *) names;
} mdef;

static const struct {
	const char *name;
	rs_frag frag;
} frags[] = {
	{"ident", RS_FRAG_IDENT}, {"lifetime", RS_FRAG_LIFETIME},
	{"literal", RS_FRAG_LITERAL}, {"tt", RS_FRAG_TT},
	{"block", RS_FRAG_BLOCK}, {"vis", RS_FRAG_VIS}, {"item", RS_FRAG_ITEM},
	{"stmt", RS_FRAG_STMT}, {"expr", RS_FRAG_EXPR},
	{"expr_2021", RS_FRAG_EXPR}, {"ty", RS_FRAG_TY}, {"path", RS_FRAG_PATH},
	{"pat", RS_FRAG_PAT}, {"pat_param", RS_FRAG_PAT_PARAM},
	{"meta", RS_FRAG_META},
};

bool rs_tok_punct(const tl_token *t, uint32_t punct)
{
	return t->kind == TL_TOK_PUNCT && t->punct == punct;
}

bool rs_tok_open(const tl_token *t)
{
	return rs_tok_punct(t, '(') || rs_tok_punct(t, '[') || rs_tok_punct(t, '{');
}

bool rs_tok_close(const tl_token *t)
{
	return rs_tok_punct(t, ')') || rs_tok_punct(t, ']') || rs_tok_punct(t, '}');
}

uint32_t *rs_macro_pairs(const tl_token *toks, size_t n)
{
	uint32_t *close = malloc((n ? n : 1) * sizeof(*close));
	TL_VEC(uint32_t) open = {0};
	if (!close)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		close[i] = (uint32_t)n;
		if (rs_tok_open(&toks[i])) {
			if (!TL_VEC_PUSH(open, (uint32_t)i)) {
				free(close);
				close = NULL;
				break;
			}
		} else if (rs_tok_close(&toks[i]) && open.len) {
			close[open.items[--open.len]] = (uint32_t)i;
		}
	}
	TL_VEC_FREE(open);
	return close;
}

static void def_error(mdef *d, tl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void def_error(mdef *d, tl_loc loc, const char *fmt, ...)
{
	if (d->failed)
		return;
	d->failed = true;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tl_error(d->ctx, loc, ID_RS_MACRO, "%s", msg);
}

static bool def_oom(mdef *d)
{
	d->ctx->oom = true;
	d->failed = true;
	return false;
}

static const char *desc(const tl_token *t, char *buf, size_t size)
{
	if (t->kind == TL_TOK_EOF)
		return "the end of the macro";
	int n = t->len > 40 ? 40 : (int)t->len;
	snprintf(buf, size, "'%.*s%s'", n, t->text, t->len > 40 ? "..." : "");
	return buf;
}

static const tl_token *at(const mdef *d, size_t i, size_t end)
{
	static const tl_token eof = {.kind = TL_TOK_EOF, .text = ""};
	return i < end ? &d->t[i] : &eof;
}

/* Adds `name` to d->names[mark..] unless it is there already. */
static bool add_name(mdef *d, size_t mark, const char *name)
{
	for (size_t i = mark; i < d->names.len; i++)
		if (d->names.items[i] == name)
			return true;
	return TL_VEC_PUSH(d->names, name);
}

/* The variables inside kids[0..n), at any depth, onto d->names. */
static bool collect_vars(mdef *d, size_t mark, const rs_mnode *kids, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const rs_mnode *k = &kids[i];
		if (k->kind == RS_M_VAR && !add_name(d, mark, k->name))
			return false;
		for (uint32_t j = 0; k->kind == RS_M_REP && j < k->nvars; j++)
			if (!add_name(d, mark, k->vars[j]))
				return false;
		if (k->kind == RS_M_GROUP && !collect_vars(d, mark, k->kids, k->nkids))
			return false;
	}
	return true;
}

static bool parse_seq(mdef *d, size_t lo, size_t hi, bool matcher,
		      unsigned depth, const rs_mnode **kids, uint32_t *nkids);

static bool is_op(const tl_token *t)
{
	return rs_tok_punct(t, '*') || rs_tok_punct(t, '+') || rs_tok_punct(t, '?');
}

/* `$( ... ) sep? op` with `$` at i; returns the index after it. */
static size_t repetition(mdef *d, size_t i, size_t hi, bool matcher,
			 unsigned depth, rs_mnode *node)
{
	char b[64];
	size_t open = i + 1, close = d->close[open];
	node->kind = RS_M_REP;
	if (close >= hi) { /* cannot happen: the input pairs */
		def_error(d, d->t[open].loc, "unclosed delimiter in macro '%s'",
			  d->name);
		return hi;
	}
	if (!parse_seq(d, open + 1, close, matcher, depth + 1, &node->kids,
		       &node->nkids))
		return hi;
	size_t j = close + 1;
	const tl_token *t = at(d, j, hi);
	if (!is_op(t) && t->kind != TL_TOK_EOF && !rs_tok_open(t) &&
	    !rs_tok_close(t) && is_op(at(d, j + 1, hi))) {
		node->has_sep = true;
		node->tok2 = *t;
		t = at(d, ++j, hi);
	}
	if (!is_op(t)) {
		def_error(d, t->kind == TL_TOK_EOF ? d->t[close].loc : t->loc,
			  "expected one of '*', '+' or '?' after a repetition in macro '%s', found %s",
			  d->name, t->kind == TL_TOK_EOF ? "the end of its group" :
			  desc(t, b, sizeof(b)));
		return hi;
	}
	node->op = (char)t->punct;
	size_t mark = d->names.len;
	if (!collect_vars(d, mark, node->kids, node->nkids)) {
		def_oom(d);
		return hi;
	}
	node->nvars = (uint32_t)(d->names.len - mark);
	if (node->nvars) {
		node->vars = tl_arena_memdup(&d->ctx->arena, d->names.items + mark,
					     node->nvars * sizeof(*node->vars));
		if (!node->vars)
			def_oom(d);
	}
	d->names.len = mark;
	return j + 1;
}

/* `$name:frag` (matcher) or `$name` (transcriber) with `$` at i. */
static size_t variable(mdef *d, size_t i, size_t hi, bool matcher,
		       rs_mnode *node)
{
	const tl_token *name = &d->t[i + 1];
	char b[64];
	node->kind = RS_M_VAR;
	node->tok2 = *name;
	node->name = tl_intern(d->ctx, name->text, name->len);
	if (!node->name) {
		def_oom(d);
		return hi;
	}
	if (!matcher)
		return i + 2;
	const tl_token *colon = at(d, i + 2, hi), *frag = at(d, i + 3, hi);
	if (!rs_tok_punct(colon, ':')) {
		def_error(d, name->loc,
			  "missing fragment specifier for '$%.*s' in macro '%s'",
			  (int)name->len, name->text, d->name);
		return hi;
	}
	for (size_t k = 0; frag->kind == TL_TOK_IDENT &&
			   k < sizeof(frags) / sizeof(*frags); k++) {
		if (strlen(frags[k].name) == frag->len &&
		    !memcmp(frags[k].name, frag->text, frag->len)) {
			node->frag = frags[k].frag;
			return i + 4;
		}
	}
	def_error(d, frag->kind == TL_TOK_EOF ? colon->loc : frag->loc,
		  "invalid fragment specifier %s in macro '%s'",
		  desc(frag, b, sizeof(b)), d->name);
	return hi;
}

static bool parse_seq(mdef *d, size_t lo, size_t hi, bool matcher,
		      unsigned depth, const rs_mnode **kids, uint32_t *nkids)
{
	size_t mark = d->stack.len;
	if (depth > RS_MACRO_MAX_NEST) {
		def_error(d, d->t[lo ? lo - 1 : 0].loc,
			  "macro '%s' is nested too deeply (more than %d levels)",
			  d->name, RS_MACRO_MAX_NEST);
		return false;
	}
	for (size_t i = lo; i < hi && !d->failed;) {
		rs_mnode node = {0};
		const tl_token *t = &d->t[i], *next = at(d, i + 1, hi);
		node.tok = *t;
		if (rs_tok_punct(t, '$') && rs_tok_punct(next, '(')) {
			i = repetition(d, i, hi, matcher, depth, &node);
		} else if (rs_tok_punct(t, '$') && tl_tok_is(next, "crate")) {
			node.kind = RS_M_CRATE;
			node.tok = *next;
			i += 2;
		} else if (rs_tok_punct(t, '$') && next->kind == TL_TOK_IDENT) {
			i = variable(d, i, hi, matcher, &node);
		} else if (rs_tok_open(t)) {
			size_t close = d->close[i];
			node.kind = RS_M_GROUP;
			if (close >= hi) { /* cannot happen: the input pairs */
				def_error(d, t->loc, "unclosed delimiter in macro '%s'",
					  d->name);
				break;
			}
			node.tok2 = d->t[close];
			parse_seq(d, i + 1, close, matcher, depth + 1, &node.kids,
				  &node.nkids);
			i = close + 1;
		} else {
			node.kind = RS_M_TOK;
			i++;
		}
		if (!d->failed && !TL_VEC_PUSH(d->stack, node))
			def_oom(d);
	}
	*nkids = (uint32_t)(d->stack.len - mark);
	*kids = NULL;
	if (!d->failed && *nkids) {
		*kids = tl_arena_memdup(&d->ctx->arena, d->stack.items + mark,
					*nkids * sizeof(**kids));
		if (!*kids)
			def_oom(d);
	}
	d->stack.len = mark;
	return !d->failed;
}

/* One delimited side of a rule at i; false (error recorded) otherwise. */
static bool side(mdef *d, size_t *i, bool matcher, const rs_mnode **kids,
		 uint32_t *n)
{
	const tl_token *t = at(d, *i, d->n);
	char b[64];
	if (!rs_tok_open(t)) {
		def_error(d, t->kind == TL_TOK_EOF ? d->t[d->n - 1].loc : t->loc,
			  matcher ?
			  "expected a rule of macro '%s' ('(matcher) => { transcriber }'), found %s" :
			  "expected a delimited transcriber after '=>' in macro '%s', found %s",
			  d->name, desc(t, b, sizeof(b)));
		return false;
	}
	size_t close = d->close[*i];
	bool ok = parse_seq(d, *i + 1, close, matcher, 1, kids, n);
	*i = close + 1;
	return ok;
}

static bool rules(mdef *d, rs_macro *m)
{
	TL_VEC(rs_rule) list = {0};
	char b[64];
	size_t i = 0;
	bool ok = true;
	while (ok && i < d->n) {
		rs_rule r = {0};
		ok = side(d, &i, true, &r.lhs, &r.nlhs);
		if (ok && !rs_tok_punct(at(d, i, d->n), TL_P2('=', '>'))) {
			const tl_token *t = at(d, i, d->n);
			def_error(d, t->kind == TL_TOK_EOF ? d->t[i - 1].loc : t->loc,
				  "expected '=>' after a matcher of macro '%s', found %s",
				  d->name, desc(t, b, sizeof(b)));
			ok = false;
		}
		i++;
		ok = ok && side(d, &i, false, &r.rhs, &r.nrhs);
		if (ok && i < d->n && !rs_tok_punct(&d->t[i], ';')) {
			def_error(d, d->t[i].loc,
				  "expected ';' between the rules of macro '%s', found %s",
				  d->name, desc(&d->t[i], b, sizeof(b)));
			ok = false;
		}
		i++;
		if (ok && !TL_VEC_PUSH(list, r))
			ok = def_oom(d);
	}
	if (ok && !list.len) {
		def_error(d, m->loc, "macro '%s' must contain at least one rule",
			  d->name);
		ok = false;
	}
	if (ok) {
		m->nrules = (uint32_t)list.len;
		m->rules = tl_arena_memdup(&d->ctx->arena, list.items,
					   list.len * sizeof(*list.items));
		ok = m->rules != NULL || def_oom(d);
	}
	TL_VEC_FREE(list);
	return ok;
}

rs_macro *rs_macro_define(tl_ctx *ctx, const char *name, tl_loc loc,
			  const tl_token *toks, size_t n)
{
	mdef d = {ctx, name, toks, n, NULL, false, {0}, {0}};
	rs_macro *m = tl_arena_alloc(&ctx->arena, sizeof(*m));
	d.close = rs_macro_pairs(toks, n);
	if (!m || !d.close) {
		free(d.close);
		ctx->oom = true;
		return NULL;
	}
	m->name = name;
	m->loc = loc;
	bool ok = rules(&d, m);
	free(d.close);
	TL_VEC_FREE(d.stack);
	TL_VEC_FREE(d.names);
	return ok ? m : NULL;
}
