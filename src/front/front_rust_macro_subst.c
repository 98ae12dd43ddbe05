/*
 * Transcription (Rust Reference, "Macros By Example", "Transcribing"):
 * the first rule whose matcher matches is copied out with each `$name`
 * replaced by the tokens it matched and each `$( ... ) sep? op` repeated
 * once per item of the sequences of the variables inside it (which must
 * all have the same length, as rustc requires); `$crate` becomes `crate`.
 * A variable that the matcher does not bind is copied as written (`$x`
 * of a macro defined by this one).
 *
 * rustc passes a matched `expr` on as one opaque node, so `$e * 2` with
 * `$e` = `1 + 2` is 6. An expression of more than one token tree is
 * therefore put in parentheses, which gives constant evaluation the same
 * grouping; types, paths and the other fragments are copied bare.
 */
#include <string.h>

#include "front/front_rust_macro.h"

typedef struct subst {
	tl_ctx *ctx;
	rs_match *mt;
	rs_tokvec *out;
	tl_status st;
} subst;

static bool emit(subst *s, const tl_token *t)
{
	rs_budget *b = s->mt->budget;
	if (s->st)
		return false;
	if (!b->tokens) {
		b->tokens_out = true;
		s->st = TL_ELIMIT;
		return false;
	}
	b->tokens--;
	if (!TL_VEC_PUSH(*s->out, *t)) {
		s->ctx->oom = true;
		s->st = TL_ENOMEM;
		return false;
	}
	return true;
}

static bool emit_paren(subst *s, char c, tl_loc loc)
{
	static const char text[] = "()";
	tl_token t = {0};
	t.kind = TL_TOK_PUNCT;
	t.punct = (uint32_t)c;
	t.text = c == '(' ? text : text + 1;
	t.len = t.suffix = 1;
	t.loc = loc;
	return emit(s, &t);
}

/* The binding in scope for `name`, innermost first. */
static uint32_t lookup(const subst *s, const char *name)
{
	const rs_match *mt = s->mt;
	for (size_t i = mt->env.len; i > 0; i--)
		if (mt->binds.items[mt->env.items[i - 1]].name == name)
			return mt->env.items[i - 1];
	return RS_NONE;
}

static void fragment(subst *s, const rs_bind *b)
{
	const tl_token *in = s->mt->in;
	bool wrap = b->frag == RS_FRAG_EXPR && b->len > 1 &&
		    rs_tree_end(s->mt, b->start) != (size_t)b->start + b->len;
	if (wrap)
		emit_paren(s, '(', in[b->start].loc);
	for (uint32_t i = 0; i < b->len; i++)
		emit(s, &in[b->start + i]);
	if (wrap)
		emit_paren(s, ')', in[b->start + b->len - 1].loc);
}

static void seq(subst *s, const rs_mnode *k, uint32_t n);

static void variable(subst *s, const rs_mnode *m)
{
	uint32_t b = lookup(s, m->name);
	if (b == RS_NONE) {
		emit(s, &m->tok);
		emit(s, &m->tok2);
	} else if (s->mt->binds.items[b].seq) {
		tl_error(s->ctx, m->tok2.loc, ID_RS_MACRO,
			 "variable '%s' is still repeating at this depth", m->name);
		s->st = TL_EINPUT;
	} else {
		fragment(s, &s->mt->binds.items[b]);
	}
}

/* `$( ... ) sep? op`: the sequences bound to the variables inside drive
 * it; other variables inside keep their binding in every repetition. */
static void repetition(subst *s, const rs_mnode *m)
{
	rs_match *mt = s->mt;
	const char *first = NULL;
	uint32_t count = 0;
	for (uint32_t v = 0; v < m->nvars; v++) {
		uint32_t b = lookup(s, m->vars[v]);
		if (b == RS_NONE || !mt->binds.items[b].seq)
			continue;
		uint32_t c = mt->binds.items[b].count;
		if (first && c != count) {
			tl_error(s->ctx, m->tok.loc, ID_RS_MACRO,
				 "meta-variable '%s' repeats %u time%s, but '%s' repeats %u time%s",
				 first, count, count == 1 ? "" : "s", m->vars[v], c,
				 c == 1 ? "" : "s");
			s->st = TL_EINPUT;
			return;
		}
		first = m->vars[v];
		count = c;
	}
	if (!first) {
		tl_error(s->ctx, m->tok.loc, ID_RS_MACRO,
			 "attempted to repeat an expression containing no syntax variables matched as repeating at this depth");
		s->st = TL_EINPUT;
		return;
	}
	if (!count)
		return;
	/* the driving variables' current items go on top of the scope */
	size_t mark = mt->env.len;
	for (uint32_t v = 0; v < m->nvars; v++) {
		uint32_t b = lookup(s, m->vars[v]);
		if (b != RS_NONE && mt->binds.items[b].seq &&
		    !TL_VEC_PUSH(mt->env, mt->binds.items[b].first)) {
			s->ctx->oom = true;
			s->st = TL_ENOMEM;
		}
	}
	size_t top = mt->env.len;
	for (uint32_t i = 0; i < count && !s->st; i++) {
		if (i && m->has_sep)
			emit(s, &m->tok2);
		seq(s, m->kids, m->nkids);
		mt->env.len = top;
		for (size_t d = mark; d < top; d++)
			mt->env.items[d] = mt->binds.items[mt->env.items[d]].next;
	}
	mt->env.len = mark;
}

static void seq(subst *s, const rs_mnode *k, uint32_t n)
{
	for (uint32_t j = 0; j < n && !s->st; j++) {
		const rs_mnode *m = &k[j];
		switch (m->kind) {
		case RS_M_TOK:
		case RS_M_CRATE:
			emit(s, &m->tok);
			break;
		case RS_M_GROUP:
			emit(s, &m->tok);
			seq(s, m->kids, m->nkids);
			emit(s, &m->tok2);
			break;
		case RS_M_VAR:
			variable(s, m);
			break;
		case RS_M_REP:
			repetition(s, m);
			break;
		}
	}
}

tl_status rs_macro_expand(tl_ctx *ctx, const rs_macro *m, const tl_token *in,
			  size_t n, tl_loc call, rs_budget *budget,
			  rs_tokvec *out)
{
	rs_match mt = {in, n, NULL, {0}, {0}, budget, false};
	uint32_t *close = rs_macro_pairs(in, n);
	size_t base = out->len;
	tl_status st = TL_EINPUT;
	if (!close) {
		ctx->oom = true;
		return TL_ENOMEM;
	}
	mt.close = close;
	const rs_rule *rule = NULL;
	for (uint32_t r = 0; r < m->nrules && !rule; r++) {
		if (rs_macro_match(&mt, &m->rules[r]))
			rule = &m->rules[r];
		else if (mt.oom || budget->steps_out)
			break;
	}
	if (mt.oom) {
		ctx->oom = true;
		st = TL_ENOMEM;
	} else if (budget->steps_out) {
		st = TL_ELIMIT;
	} else if (!rule) {
		tl_error(ctx, call, ID_RS_MACRO,
			 "no rule of macro '%s' matches this invocation", m->name);
	} else {
		subst s = {ctx, &mt, out, TL_OK};
		seq(&s, rule->rhs, rule->nrhs);
		st = s.st;
	}
	if (st)
		out->len = base;
	free(close);
	TL_VEC_FREE(mt.binds);
	TL_VEC_FREE(mt.env);
	return st;
}
