/*
 * Matching an invocation against a rule (Rust Reference, "Macros By
 * Example", "Metavariables" and "Follow-set Ambiguity Restrictions").
 *
 * Tokens match tokens of the same kind and text; a delimited group
 * matches a group of the same delimiter whose contents match entirely. A
 * repetition is greedy: it repeats while its contents (after the
 * separator) match, and an iteration that fails is undone. rustc runs
 * every possibility at once and rejects a macro whose choice would need
 * more than one token of lookahead ("local ambiguity"), so on the macros
 * rustc accepts, greedy matching takes the same path in all but contrived
 * cases (`$(a)* a b`).
 *
 * Fragments: ident, lifetime, literal, tt, block and vis are read
 * exactly. The others (expr, ty, path, pat, meta, item, stmt) are read as
 * a run of token trees up to the first token that may follow the fragment
 * by rustc's follow-set rules (expr stops at `,` `;` `=>`; ty and path at
 * `,` `=>` `:` `=` `>` `;` `|` `{` `as` `where`, and at `[` once a type is
 * complete; angle brackets are tracked), after checking that the first
 * token may begin one (rustc's `nonterminal_may_begin_with`), so an arm
 * whose fragment cannot start here is passed over as rustc does.
 */
#include <string.h>

#include "front/front_rust_macro.h"

static bool tok_eq(const tl_token *a, const tl_token *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == TL_TOK_PUNCT)
		return a->punct == b->punct;
	return a->len == b->len && a->raw == b->raw &&
	       !memcmp(a->text, b->text, a->len);
}

size_t rs_tree_end(const rs_match *mt, size_t i)
{
	if (i >= mt->n)
		return mt->n;
	if (!rs_tok_open(&mt->in[i]))
		return i + 1;
	size_t c = mt->close[i];
	return c < mt->n ? c + 1 : mt->n;
}

static bool spend(rs_match *mt, size_t n)
{
	rs_budget *b = mt->budget;
	if (b->steps < n) {
		b->steps = 0;
		b->steps_out = true;
		return false;
	}
	b->steps -= n;
	return true;
}

static bool kw_in(const tl_token *t, const char *const *list)
{
	for (; *list; list++)
		if (tl_tok_is(t, *list))
			return true;
	return false;
}

static bool is_literal(const tl_token *t)
{
	return t->kind == TL_TOK_INT || t->kind == TL_TOK_FLOAT ||
	       t->kind == TL_TOK_STR || t->kind == TL_TOK_CHAR ||
	       tl_tok_is(t, "true") || tl_tok_is(t, "false");
}

/* An identifier that is not a reserved word (`_` is not one here). */
static bool plain_name(const tl_token *t)
{
	return t->kind == TL_TOK_IDENT && !tl_tok_is_keyword(t) &&
	       !tl_tok_is(t, "_");
}

static bool punct_in(const tl_token *t, const uint32_t *list, size_t n)
{
	for (size_t i = 0; t->kind == TL_TOK_PUNCT && i < n; i++)
		if (t->punct == list[i])
			return true;
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

static const char *const path_kw[] = {"self", "Self", "super", "crate", NULL};

/* rustc's Token::can_begin_expr, without `let` */
static bool may_begin_expr(const tl_token *t)
{
	static const char *const kw[] = {
		"self", "Self", "super", "crate", "async", "box", "break",
		"const", "continue", "false", "for", "if", "loop", "match",
		"move", "return", "true", "unsafe", "while", "yield", "static",
		NULL};
	static const uint32_t p[] = {
		'(', '[', '{', '!', '-', '*', '&', TL_P2('&', '&'), '|',
		TL_P2('|', '|'), TL_P2('.', '.'), TL_P3('.', '.', '='), '<',
		TL_P2('<', '<'), TL_P2(':', ':'), '#'};
	return plain_name(t) || kw_in(t, kw) || is_literal(t) ||
	       t->kind == TL_TOK_LIFETIME || punct_in(t, p, COUNT(p));
}

/* rustc's Token::can_begin_type */
static bool may_begin_type(const tl_token *t)
{
	static const char *const kw[] = {
		"self", "Self", "super", "crate", "_", "for", "impl", "fn",
		"unsafe", "extern", "dyn", "typeof", NULL};
	static const uint32_t p[] = {
		'(', '[', '!', '*', '&', TL_P2('&', '&'), '?', '<',
		TL_P2('<', '<'), TL_P2(':', ':')};
	return plain_name(t) || kw_in(t, kw) || t->kind == TL_TOK_LIFETIME ||
	       punct_in(t, p, COUNT(p));
}

static bool may_begin_pat(const tl_token *t)
{
	static const char *const kw[] = {
		"self", "Self", "super", "crate", "_", "ref", "mut", "box",
		"const", NULL};
	static const uint32_t p[] = {
		'(', '[', '&', TL_P2('&', '&'), '-', TL_P2('.', '.'),
		TL_P3('.', '.', '='), '<', TL_P2('<', '<'), TL_P2(':', ':'), '|'};
	return plain_name(t) || kw_in(t, kw) || is_literal(t) ||
	       punct_in(t, p, COUNT(p));
}

/* An expression: token trees up to `,` `;` `=>` outside the generic
 * arguments of a turbofish (`f::<A, B>()`) and a leading closure's
 * parameter list. */
static bool expr_run(rs_match *mt, size_t pos, size_t end, size_t *out)
{
	static const uint32_t stop[] = {',', ';', TL_P2('=', '>')};
	size_t i = pos;
	int angle = 0;
	bool colons = false;
	if (i < end && tl_tok_is(&mt->in[i], "move"))
		i++;
	if (i < end && rs_tok_punct(&mt->in[i], '|')) {
		/* a closure's parameters may hold commas: `|ip, port| f(ip)` */
		for (i++; i < end && !rs_tok_punct(&mt->in[i], '|');)
			i = rs_tree_end(mt, i);
		if (i < end)
			i++;
	}
	bool operand = false; /* the last tree ends an operand */
	while (i < end) {
		const tl_token *t = &mt->in[i];
		if (angle == 0 && punct_in(t, stop, COUNT(stop)))
			break;
		/* a name or literal right after an operand cannot continue
		 * the expression (`$($ty:ident $size:expr)*` on `A "8" B "16"`) */
		bool starts_operand = is_literal(t) || plain_name(t) ||
				      t->kind == TL_TOK_LIFETIME;
		if (angle == 0 && operand && starts_operand)
			break;
		if (angle > 0 || (colons && tl_tok_angle_delta(t) > 0)) {
			angle += tl_tok_angle_delta(t);
			if (angle < 0)
				angle = 0;
		}
		colons = rs_tok_punct(t, TL_P2(':', ':'));
		operand = starts_operand || rs_tok_open(t) ||
			  tl_tok_is(t, "self") || tl_tok_is(t, "Self") ||
			  tl_tok_is(t, "super") || tl_tok_is(t, "crate");
		i = rs_tree_end(mt, i);
		if (!spend(mt, 1))
			return false;
	}
	*out = i;
	return i > pos;
}

/* Whether a type is complete after t, so that a `[` starts what follows
 * it rather than an array type (`&[u8]`, `*const [u8]`). */
static bool ends_type(const tl_token *t)
{
	static const char *const prefix[] = {"mut", "const", "dyn", "impl",
					     "unsafe", "extern", "fn", "for",
					     NULL};
	if (t->kind == TL_TOK_IDENT)
		return !kw_in(t, prefix);
	return rs_tok_punct(t, '>') || rs_tok_punct(t, TL_P2('>', '>')) ||
	       rs_tok_punct(t, '(') || rs_tok_punct(t, '[') || rs_tok_punct(t, '!');
}

/* A type or a path: token trees up to a token of FOLLOW(ty) outside angle
 * brackets. */
static bool ty_run(rs_match *mt, size_t pos, size_t end, size_t *out)
{
	static const uint32_t stop[] = {
		',', ';', TL_P2('=', '>'), ':', '=', '|', '{', '>',
		TL_P2('>', '>'), TL_P2('>', '='), TL_P3('>', '>', '=')};
	size_t i = pos;
	int angle = 0;
	const tl_token *prev = NULL;
	while (i < end) {
		const tl_token *t = &mt->in[i];
		if (angle == 0 &&
		    (punct_in(t, stop, COUNT(stop)) || tl_tok_is(t, "as") ||
		     tl_tok_is(t, "where") ||
		     (rs_tok_punct(t, '[') && prev && ends_type(prev))))
			break;
		angle += tl_tok_angle_delta(t);
		if (angle < 0)
			break;
		prev = t;
		i = rs_tree_end(mt, i);
		if (!spend(mt, 1))
			return false;
	}
	*out = i;
	return i > pos;
}

/* A pattern: token trees up to `=>` `,` `=` `if` `in` (and `|` for
 * pat_param). */
static bool pat_run(rs_match *mt, size_t pos, size_t end, bool param,
		    size_t *out)
{
	static const uint32_t stop[] = {TL_P2('=', '>'), ',', '='};
	size_t i = pos;
	while (i < end) {
		const tl_token *t = &mt->in[i];
		if (punct_in(t, stop, COUNT(stop)) || tl_tok_is(t, "if") ||
		    tl_tok_is(t, "in") || (param && rs_tok_punct(t, '|')))
			break;
		i = rs_tree_end(mt, i);
		if (!spend(mt, 1))
			return false;
	}
	*out = i;
	return i > pos;
}

/* `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`, or
 * nothing. */
static size_t vis_end(const rs_match *mt, size_t pos, size_t end)
{
	if (pos >= end || !tl_tok_is(&mt->in[pos], "pub"))
		return pos;
	size_t i = pos + 1;
	if (i + 1 < end && rs_tok_punct(&mt->in[i], '(') &&
	    (tl_tok_is(&mt->in[i + 1], "crate") || tl_tok_is(&mt->in[i + 1], "self") ||
	     tl_tok_is(&mt->in[i + 1], "super") || tl_tok_is(&mt->in[i + 1], "in")))
		return rs_tree_end(mt, i);
	return i;
}

/* An attribute's contents: a path, then a delimited group or `= expr`. */
static bool meta_run(rs_match *mt, size_t pos, size_t end, size_t *out)
{
	size_t i = pos;
	if (i + 1 < end && tl_tok_is(&mt->in[i], "unsafe") &&
	    rs_tok_punct(&mt->in[i + 1], '(')) {
		*out = rs_tree_end(mt, i + 1);
		return true;
	}
	if (i < end && rs_tok_punct(&mt->in[i], TL_P2(':', ':')))
		i++;
	if (i >= end || mt->in[i].kind != TL_TOK_IDENT)
		return false;
	i++;
	while (i + 1 < end && rs_tok_punct(&mt->in[i], TL_P2(':', ':')) &&
	       mt->in[i + 1].kind == TL_TOK_IDENT)
		i += 2;
	if (i < end && rs_tok_open(&mt->in[i]))
		i = rs_tree_end(mt, i);
	else if (i < end && rs_tok_punct(&mt->in[i], '='))
		return expr_run(mt, i + 1, end, out);
	*out = i;
	return true;
}

/* An item: attributes, visibility, then up to `;` or the first `{...}`
 * outside angle brackets (only `;` for const, static, type and use,
 * whose braces are values or use groups). */
static bool item_run(rs_match *mt, size_t pos, size_t end, size_t *out)
{
	const tl_token *in = mt->in;
	size_t i = pos;
	while (i < end && rs_tok_punct(&in[i], '#')) {
		i++;
		if (i < end && rs_tok_punct(&in[i], '!'))
			i++;
		if (i >= end || !rs_tok_punct(&in[i], '['))
			return false;
		i = rs_tree_end(mt, i);
	}
	i = vis_end(mt, i, end);
	if (i >= end || rs_tok_close(&in[i]))
		return false;
	const tl_token *next = i + 1 < end ? &in[i + 1] : NULL;
	bool semi = tl_tok_is(&in[i], "static") || tl_tok_is(&in[i], "type") ||
		    tl_tok_is(&in[i], "use") ||
		    (tl_tok_is(&in[i], "const") && next &&
		     !tl_tok_is(next, "fn") && !tl_tok_is(next, "unsafe") &&
		     !tl_tok_is(next, "async") && !tl_tok_is(next, "extern"));
	int angle = 0;
	while (i < end) {
		const tl_token *t = &in[i];
		if (rs_tok_punct(t, ';')) {
			i++;
			break;
		}
		if (!semi && angle <= 0 && rs_tok_punct(t, '{')) {
			i = rs_tree_end(mt, i);
			break;
		}
		angle += tl_tok_angle_delta(t);
		i = rs_tree_end(mt, i);
		if (!spend(mt, 1))
			return false;
	}
	*out = i;
	return i > pos;
}

/* A statement without its `;`: `let ...`, an item, or an expression. */
static bool stmt_run(rs_match *mt, size_t pos, size_t end, size_t *out)
{
	static const char *const item_kw[] = {
		"struct", "enum", "union", "fn", "impl", "trait", "mod", "use",
		"static", "type", "extern", "pub", NULL};
	const tl_token *t = &mt->in[pos];
	if (tl_tok_is(t, "let")) {
		size_t i = pos;
		while (i < end && !rs_tok_punct(&mt->in[i], ';'))
			i = rs_tree_end(mt, i);
		*out = i;
		return spend(mt, i - pos);
	}
	if (kw_in(t, item_kw) || rs_tok_punct(t, '#')) {
		if (!item_run(mt, pos, end, out))
			return false;
		if (rs_tok_punct(&mt->in[*out - 1], ';') && *out - 1 > pos)
			(*out)--;
		return true;
	}
	return may_begin_expr(t) && expr_run(mt, pos, end, out);
}

/* The end of fragment `frag` at pos; false when none starts there. */
static bool fragment(rs_match *mt, rs_frag frag, size_t pos, size_t end,
		     size_t *out)
{
	const tl_token *t = pos < end ? &mt->in[pos] : NULL;
	if (frag == RS_FRAG_VIS) {
		*out = vis_end(mt, pos, end);
		return true;
	}
	if (!t || rs_tok_close(t))
		return false;
	*out = pos + 1;
	switch (frag) {
	case RS_FRAG_IDENT:
		return t->kind == TL_TOK_IDENT && !tl_tok_is(t, "_");
	case RS_FRAG_LIFETIME:
		return t->kind == TL_TOK_LIFETIME;
	case RS_FRAG_LITERAL:
		if (rs_tok_punct(t, '-') && pos + 1 < end &&
		    (mt->in[pos + 1].kind == TL_TOK_INT ||
		     mt->in[pos + 1].kind == TL_TOK_FLOAT)) {
			*out = pos + 2;
			return true;
		}
		return is_literal(t);
	case RS_FRAG_TT:
		*out = rs_tree_end(mt, pos);
		return true;
	case RS_FRAG_BLOCK:
		*out = rs_tree_end(mt, pos);
		return rs_tok_punct(t, '{');
	case RS_FRAG_ITEM:
		return item_run(mt, pos, end, out);
	case RS_FRAG_STMT:
		return stmt_run(mt, pos, end, out);
	case RS_FRAG_EXPR:
		return may_begin_expr(t) && expr_run(mt, pos, end, out);
	case RS_FRAG_TY:
		return may_begin_type(t) && ty_run(mt, pos, end, out);
	case RS_FRAG_PATH:
		return (plain_name(t) || kw_in(t, path_kw) ||
			rs_tok_punct(t, TL_P2(':', ':'))) &&
		       ty_run(mt, pos, end, out);
	case RS_FRAG_PAT:
	case RS_FRAG_PAT_PARAM:
		return may_begin_pat(t) &&
		       pat_run(mt, pos, end, frag == RS_FRAG_PAT_PARAM, out);
	case RS_FRAG_META:
		return meta_run(mt, pos, end, out);
	case RS_FRAG_VIS:
		break;
	}
	return false;
}

static bool push_bind(rs_match *mt, const rs_bind *b, bool env)
{
	if (!TL_VEC_PUSH(mt->binds, *b) ||
	    (env && !TL_VEC_PUSH(mt->env, (uint32_t)(mt->binds.len - 1)))) {
		mt->oom = true;
		return false;
	}
	return true;
}

/* Appends the binding of seq->name made by the last iteration (in
 * env[emark..]) to the sequence at index `seq`. */
static void link_item(rs_match *mt, uint32_t seq, size_t emark)
{
	rs_bind *s = &mt->binds.items[seq];
	for (size_t i = mt->env.len; i > emark; i--) {
		uint32_t c = mt->env.items[i - 1];
		if (mt->binds.items[c].name != s->name)
			continue;
		if (s->first == RS_NONE)
			s->first = c;
		else
			mt->binds.items[s->last].next = c;
		s->last = c;
		s->count++;
		return;
	}
}

static bool match_seq(rs_match *mt, const rs_mnode *k, uint32_t nk,
		      size_t pos, size_t end, size_t *out);

static bool repetition(rs_match *mt, const rs_mnode *m, size_t pos,
		       size_t end, size_t *out)
{
	size_t seq0 = mt->binds.len, emark = mt->env.len;
	uint32_t count = 0;
	for (uint32_t v = 0; v < m->nvars; v++) {
		rs_bind b = {m->vars[v], RS_FRAG_TT, true, 0, 0, RS_NONE,
			     RS_NONE, 0, RS_NONE};
		if (!push_bind(mt, &b, false))
			return false;
	}
	while (!(m->op == '?' && count == 1)) {
		size_t p = pos, bmark = mt->binds.len, e = pos;
		if (count && m->has_sep) {
			if (p >= end || !tok_eq(&mt->in[p], &m->tok2))
				break;
			p++;
		}
		bool ok = match_seq(mt, m->kids, m->nkids, p, end, &e);
		if (!ok || e == pos) {
			mt->binds.len = bmark;
			mt->env.len = emark;
			if (mt->oom || mt->budget->steps_out)
				return false;
			break;
		}
		for (uint32_t v = 0; v < m->nvars; v++)
			link_item(mt, (uint32_t)(seq0 + v), emark);
		mt->env.len = emark;
		pos = e;
		count++;
	}
	if (m->op == '+' && count == 0) {
		mt->binds.len = seq0;
		return false;
	}
	for (uint32_t v = 0; v < m->nvars; v++)
		if (!TL_VEC_PUSH(mt->env, (uint32_t)(seq0 + v))) {
			mt->oom = true;
			return false;
		}
	*out = pos;
	return true;
}

static bool match_seq(rs_match *mt, const rs_mnode *k, uint32_t nk,
		      size_t pos, size_t end, size_t *out)
{
	for (uint32_t j = 0; j < nk; j++) {
		const rs_mnode *m = &k[j];
		size_t e;
		if (!spend(mt, 1))
			return false;
		switch (m->kind) {
		case RS_M_TOK:
		case RS_M_CRATE:
			if (pos >= end || !tok_eq(&mt->in[pos], &m->tok))
				return false;
			pos++;
			break;
		case RS_M_GROUP:
			if (pos >= end || !rs_tok_punct(&mt->in[pos], m->tok.punct) ||
			    mt->close[pos] >= end ||
			    !match_seq(mt, m->kids, m->nkids, pos + 1,
				       mt->close[pos], &e) ||
			    e != mt->close[pos])
				return false;
			pos = e + 1;
			break;
		case RS_M_VAR: {
			if (!fragment(mt, m->frag, pos, end, &e))
				return false;
			rs_bind b = {m->name, m->frag, false, (uint32_t)pos,
				     (uint32_t)(e - pos), RS_NONE, RS_NONE, 0,
				     RS_NONE};
			if (!push_bind(mt, &b, true))
				return false;
			pos = e;
			break;
		}
		case RS_M_REP:
			if (!repetition(mt, m, pos, end, &pos))
				return false;
			break;
		}
	}
	*out = pos;
	return true;
}

bool rs_macro_match(rs_match *mt, const rs_rule *rule)
{
	size_t e;
	mt->binds.len = 0;
	mt->env.len = 0;
	return match_seq(mt, rule->lhs, rule->nlhs, 0, mt->n, &e) && e == mt->n;
}
