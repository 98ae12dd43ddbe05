/*
 * Macro invocations at item position: `macro_rules!` definitions are kept,
 * and an invocation of a macro of this crate is expanded
 * (front_rust_macro.h) and its tokens read by the item loop as if they
 * were written where the invocation is, in the invoking module. Any other
 * invocation (`bitflags!`, `lazy_static!`: another crate's macros) is
 * skipped by balanced delimiters, as before.
 *
 * Scope (Rust Reference, "Macros By Example", "Scoping, Exporting, and
 * Importing"): the crate is read in textual order, so the textual scope
 * is a stack: a definition is pushed when it is read, and leaving a
 * module pops what the module defined unless the module is
 * `#[macro_use]`. A name is looked up there first, newest first. Paths
 * (`crate::name!`, `$crate::name!`, `self::m::name!`) and single names
 * the textual scope lacks then look among every macro this crate has
 * defined so far: a single name through a `use crate::...` of the
 * module, else a `#[macro_export]` one (which rustc puts at the crate
 * root). A macro defined after the invocation is not found.
 */
#include <stdarg.h>
#include <string.h>

#include "front/front_rust_int.h"
#include "front/front_rust_macro.h"

size_t rs_pos(const rs_load *ld)
{
	if (ld->replay)
		return tl_rlex_tell(&ld->p.lx);
	return (size_t)(ld->p.cur.text - ld->text);
}

size_t rs_macro_scope_enter(const rs_load *ld)
{
	return ld->macros.len;
}

void rs_macro_scope_leave(rs_load *ld, size_t mark, bool keep)
{
	if (!keep && ld->macros.len > mark)
		ld->macros.len = mark;
}

void rs_macro_release(rs_load *ld)
{
	TL_VEC_FREE(ld->macros);
	TL_VEC_FREE(ld->crate_macros);
}

static bool push_tok(rs_tokvec *v, tl_tok_kind kind, uint32_t punct,
		     const char *text, size_t len, tl_loc loc)
{
	tl_token t = {0};
	t.kind = kind;
	t.punct = punct;
	t.text = text;
	t.len = t.suffix = len;
	t.loc = loc;
	return TL_VEC_PUSH(*v, t);
}

/* A doc comment among a macro's tokens is the attribute it stands for,
 * `#[doc = "..."]` (`#![doc = ...]` for the inner forms), as rustc hands
 * it to macros: `$(#[$m:meta])*` matches it. The string token's text is
 * the comment as written; nothing reads a doc attribute's value. */
static bool push_doc(rs_tokvec *v, const tl_token *d)
{
	tl_loc l = d->loc;
	return push_tok(v, TL_TOK_PUNCT, '#', "#", 1, l) &&
	       (!d->inner_doc || push_tok(v, TL_TOK_PUNCT, '!', "!", 1, l)) &&
	       push_tok(v, TL_TOK_PUNCT, '[', "[", 1, l) &&
	       push_tok(v, TL_TOK_IDENT, 0, "doc", 3, l) &&
	       push_tok(v, TL_TOK_PUNCT, '=', "=", 1, l) &&
	       push_tok(v, TL_TOK_STR, 0, d->text, d->len, l) &&
	       push_tok(v, TL_TOK_PUNCT, ']', "]", 1, l);
}

/* Collects the tokens of the group at the current token (an opening
 * delimiter) without its delimiters, and leaves the parser after it.
 * Doc comments inside are kept, as attributes. Returns the opening
 * delimiter, 0 when the input ends inside the group or memory runs out. */
uint32_t rs_collect_group(tl_rparse *p, rs_tokvec *v, tl_loc *end)
{
	uint32_t delim = p->cur.punct;
	size_t depth = 1;
	bool keep_doc = p->lx.keep_doc;
	p->lx.keep_doc = true;
	tl_rparse__advance(p);
	while (p->cur.kind != TL_TOK_EOF) {
		if (rs_tok_open(&p->cur)) {
			depth++;
		} else if (rs_tok_close(&p->cur) && --depth == 0) {
			*end = p->cur.loc;
			p->lx.keep_doc = keep_doc;
			tl_rparse__advance(p);
			return delim;
		}
		if (!(p->cur.kind == TL_TOK_DOC ? push_doc(v, &p->cur) :
		      TL_VEC_PUSH(*v, p->cur))) {
			p->ctx->oom = true;
			p->failed = true;
			break;
		}
		tl_rparse__advance(p);
	}
	p->lx.keep_doc = keep_doc;
	return 0;
}

uint32_t rs_item_macro_args(tl_rparse *p, rs_tokvec *in, tl_loc *end)
{
	tl_rparse__advance(p); /* ! */
	uint32_t delim = rs_collect_group(p, in, end);
	if (delim && delim != '{')
		tl_rparse_eat(p, ';');
	return delim;
}

static const rs_macro *newest(const rs_macro *const *list, size_t n,
			      const char *name, bool exported_only)
{
	for (size_t i = n; i > 0; i--)
		if (list[i - 1]->name == name &&
		    (!exported_only || list[i - 1]->exported))
			return list[i - 1];
	return NULL;
}

static bool local_root(const char *seg)
{
	return !strcmp(seg, "crate") || !strcmp(seg, "self") ||
	       !strcmp(seg, "super");
}

/* The macro that the path segs[0..n) (interned) names from mod. */
static const rs_macro *lookup(rs_load *ld, const rs_module *mod,
			      const char *const *segs, size_t n)
{
	const char *name = segs[n - 1];
	const rs_macro *const *all = ld->crate_macros.items;
	size_t nall = ld->crate_macros.len;
	const rs_macro *m;
	if (n == 1) {
		m = newest(ld->macros.items, ld->macros.len, name, false);
		for (const rs_item *it = mod ? mod->items : NULL; !m && it;
		     it = it->next)
			if (it->kind == RS_USE && it->name == name && !it->glob &&
			    it->nsegs > 1 && local_root(it->segs[0]))
				m = newest(all, nall, it->segs[it->nsegs - 1], false);
		return m ? m : newest(all, nall, name, true);
	}
	if (!local_root(segs[0]))
		return NULL;
	m = newest(all, nall, name, true);
	return m ? m : newest(all, nall, name, false);
}

static bool push_macro(rs_load *ld, const rs_macro *m)
{
	if (!TL_VEC_PUSH(ld->macros, m) || !TL_VEC_PUSH(ld->crate_macros, m)) {
		rs_oom(ld);
		return false;
	}
	return true;
}

/* `macro_rules! name { rules }` with the `!` current. */
static void define(rs_load *ld, rs_module *mod, const rs_attrs *a, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	rs_tokvec body = {0};
	tl_loc end;
	char b[64];
	tl_rparse__advance(p); /* ! */
	const char *name = tl_rparse__intern_tok(p, &p->cur);
	tl_rparse__advance(p);
	if (!rs_tok_open(&p->cur)) {
		rs_error(ld, p->cur.loc, ID_RS_SYNTAX,
			 "expected '{', '(' or '[' after 'macro_rules! %s', found %s",
			 name ? name : "", tl_rparse__desc(&p->cur, b, sizeof(b)));
		return;
	}
	uint32_t delim = rs_collect_group(p, &body, &end);
	if (delim && delim != '{')
		tl_rparse_eat(p, ';');
	if (name && delim && !p->failed &&
	    (mod->mask & rs_cfg_eval(&ld->cfgs, a->cfg))) {
		rs_macro *m = rs_macro_define(ld->ctx, name, loc, body.items,
					      body.len);
		if (m) {
			m->exported = a->macro_export;
			push_macro(ld, m);
		} else if (ld->ctx->oom) {
			rs_oom(ld);
		}
	}
	TL_VEC_FREE(body);
}

/* Reads the expansion `toks` (taken over) as the items of `mod`, under
 * `cfg`, then any tail invocation it ends with, and so on. */
void rs_replay_items(rs_load *ld, rs_module *mod, rs_tokvec *toks, tl_loc end,
	       const struct tl_cfg *cfg)
{
	tl_rparse saved = ld->p;
	rs_replay *saved_replay = ld->replay;
	const struct tl_cfg *saved_cfg = ld->outer_cfg;
	unsigned depth = ld->mdepth;
	rs_replay r = {toks->items, toks->len, end, mod, NULL, 0, end, NULL};
	tl_token *own = toks->items;
	toks->items = NULL;
	toks->len = toks->cap = 0;
	ld->mnest++;
	for (;;) {
		ld->replay = &r;
		ld->outer_cfg = cfg;
		ld->mdepth++;
		tl_rparse_begin_tokens(&ld->p, r.toks, r.n, 0, r.end);
		rs_items(ld, mod, false);
		if (!r.tail)
			break;
		free(own);
		own = r.tail;
		r.toks = r.tail;
		r.n = r.ntail;
		r.end = r.tail_end;
		cfg = r.tail_cfg;
		r.tail = NULL;
	}
	free(own);
	ld->mnest--;
	ld->mdepth = depth;
	rs_parser_restore(ld, &saved);
	ld->replay = saved_replay;
	ld->outer_cfg = saved_cfg;
	if (ld->ctx->oom)
		ld->p.failed = true;
}

/* After an invocation that ends the expansion being read into the same
 * module: its expansion is read next by that expansion's reader. */
static bool tail(rs_load *ld, rs_module *mod, rs_tokvec *toks, tl_loc end,
		 const struct tl_cfg *cfg)
{
	rs_replay *r = ld->replay;
	if (!r || r->mod != mod || r->tail || ld->p.cur.kind != TL_TOK_EOF ||
	    ld->p.failed)
		return false;
	r->tail = toks->items;
	r->ntail = toks->len;
	r->tail_end = end;
	r->tail_cfg = cfg;
	toks->items = NULL;
	toks->len = toks->cap = 0;
	return true;
}

/* A limit of the crate's expansions ran out: reported once, and no
 * macro of this crate is expanded any more (rustc stops at its
 * recursion limit too). */
static void limit_error(rs_load *ld, tl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void limit_error(rs_load *ld, tl_loc loc, const char *fmt, ...)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tl_error(ld->ctx, loc, ID_RS_MACRO, "%s", tl_strbuf_cstr(&sb));
	tl_strbuf_release(&sb);
	ld->mstop = true;
}

/* Expands m on the invocation tokens `in` into *out, within the crate's
 * limits; false (an error recorded, or out of memory) when there is no
 * expansion. */
static bool run(rs_load *ld, const rs_macro *m, const rs_tokvec *in,
		tl_loc loc, rs_tokvec *out)
{
	if (ld->mdepth >= ld->mlimit || ld->mnest >= RS_MACRO_MAX_CSTACK) {
		limit_error(ld, loc, "recursion limit reached while expanding '%s!' (more than %lu nested invocations)",
			    m->name, (unsigned long)(ld->mdepth >= ld->mlimit ?
						     ld->mlimit : RS_MACRO_MAX_CSTACK));
		return false;
	}
	if (ld->mcalls >= RS_MACRO_MAX_CALLS) {
		limit_error(ld, loc, "too many macro invocations in this crate (more than %lu expansions)",
			    (unsigned long)RS_MACRO_MAX_CALLS);
		return false;
	}
	ld->mcalls++;
	size_t left = RS_MACRO_MAX_TOTAL - ld->mtokens;
	rs_budget b = {left < RS_MACRO_MAX_TOKENS ? left : RS_MACRO_MAX_TOKENS,
		       RS_MACRO_MAX_STEPS - ld->msteps, false, false};
	tl_status st = rs_macro_expand(ld->ctx, m, in->items, in->len, loc, &b,
				       out);
	ld->msteps = RS_MACRO_MAX_STEPS - b.steps;
	if (b.steps_out)
		limit_error(ld, loc, "matching macro invocations takes too long ('%s!' passed %lu steps in this crate)",
			    m->name, (unsigned long)RS_MACRO_MAX_STEPS);
	else if (b.tokens_out && left < RS_MACRO_MAX_TOKENS)
		limit_error(ld, loc, "macro expansions are too large ('%s!' passed %lu tokens in this crate)",
			    m->name, (unsigned long)RS_MACRO_MAX_TOTAL);
	else if (b.tokens_out)
		limit_error(ld, loc, "expansion of macro '%s' is too large (more than %lu tokens)",
			    m->name, (unsigned long)RS_MACRO_MAX_TOKENS);
	if (st == TL_OK)
		ld->mtokens += out->len;
	return st == TL_OK;
}

/* Interns the identifiers of a macro path; false when out of memory. */
static bool intern_path(rs_load *ld, const tl_token *segs, size_t n,
			const char **out)
{
	for (size_t i = 0; i < n; i++)
		if (!(out[i] = tl_intern(ld->ctx, segs[i].text, segs[i].len)))
			return rs_oom(ld) != NULL;
	return true;
}

/* The built-in `include!("file.rs")` at item position: the file's items
 * are read as if written here. A path that is not one plain string
 * (`include!(concat!(env!("OUT_DIR"), ..))`: a build script's output) is
 * skipped. */
static void include(rs_load *ld, rs_module *mod, const rs_attrs *a,
		    tl_loc loc)
{
	tl_rparse *p = &ld->p;
	rs_tokvec in = {0};
	tl_loc end;
	uint32_t delim = rs_item_macro_args(p, &in, &end);
	const tl_token *t = in.len == 1 ? &in.items[0] : NULL;
	if (delim && !p->failed && t && t->kind == TL_TOK_STR &&
	    t->text[0] == '"' && t->suffix == t->len &&
	    !memchr(t->text, '\\', t->len) && !ld->mstop &&
	    (mod->mask & rs_cfg_eval(&ld->cfgs, a->cfg))) {
		const char *rel = tl_arena_strndup(&ld->ctx->arena, t->text + 1,
						   t->len - 2);
		const struct tl_cfg *outer = ld->outer_cfg;
		if (ld->mdepth >= ld->mlimit || ld->mnest >= RS_MACRO_MAX_CSTACK) {
			limit_error(ld, loc, "recursion limit reached while expanding '%s!' (more than %lu nested invocations)",
				    "include", (unsigned long)(ld->mdepth >= ld->mlimit ?
							       ld->mlimit : RS_MACRO_MAX_CSTACK));
		} else if (!rel) {
			rs_oom(ld);
		} else {
			ld->outer_cfg = a->cfg;
			ld->mdepth++;
			ld->mnest++;
			rs_include(ld, mod, rel, t->loc);
			ld->mnest--;
			ld->mdepth--;
			ld->outer_cfg = outer;
		}
	}
	TL_VEC_FREE(in);
}

bool rs_macro_item(rs_load *ld, rs_module *mod, const rs_attrs *a,
		   const tl_token *segs, size_t nsegs, tl_loc loc)
{
	tl_rparse *p = &ld->p;
	const tl_token *next = tl_rlex_peek(&p->lx);
	const char *names[RS_MACRO_MAX_PATH];
	if (nsegs == 1 && tl_tok_is(&segs[0], "macro_rules") &&
	    next->kind == TL_TOK_IDENT) {
		define(ld, mod, a, loc);
		return true;
	}
	if (!nsegs || nsegs > RS_MACRO_MAX_PATH || !rs_tok_open(next) ||
	    !intern_path(ld, segs, nsegs, names))
		return false;
	const rs_macro *m = lookup(ld, mod, names, nsegs);
	if (!m && nsegs == 1 && !strcmp(names[0], "include")) {
		include(ld, mod, a, loc);
		return true;
	}
	if (!m && !strcmp(names[nsegs - 1], "cfg_if") &&
	    (nsegs == 1 || (nsegs == 2 && !strcmp(names[0], "cfg_if")))) {
		rs_cfg_if(ld, mod, a, loc);
		return true;
	}
	if (!m)
		return false;
	rs_tokvec in = {0}, out = {0};
	tl_loc end;
	uint32_t delim = rs_item_macro_args(p, &in, &end);
	if (delim && !p->failed && !ld->mstop &&
	    (mod->mask & rs_cfg_eval(&ld->cfgs, a->cfg)) &&
	    run(ld, m, &in, loc, &out) &&
	    !tail(ld, mod, &out, end, a->cfg))
		rs_replay_items(ld, mod, &out, end, a->cfg);
	TL_VEC_FREE(in);
	TL_VEC_FREE(out);
	return true;
}

/* tl_rparse.type_macro: `m!(...)` in a type (syn's `Token![as]`). The
 * expansion is parsed as one type by a parser of its own. */
const tl_texpr *rs_type_macro(void *user, tl_rparse *p,
			      const char *const *segs, uint32_t nsegs,
			      tl_loc loc)
{
	rs_load *ld = user;
	const tl_token *next = tl_rlex_peek(&p->lx);
	const rs_macro *m = rs_tok_open(next) && !ld->mstop ?
			    lookup(ld, ld->mod, segs, nsegs) : NULL;
	const tl_texpr *t = NULL;
	if (!m) {
		if (!p->failed && !ld->mstop)
			tl_error(ld->ctx, loc, ID_RS_UNSUPPORTED,
				 "macro '%s!' in a type is not one of this crate's macros (only those are expanded)",
				 segs[nsegs - 1]);
		p->failed = true;
		return NULL;
	}
	rs_tokvec in = {0}, out = {0};
	tl_loc end;
	tl_rparse__advance(p); /* ! */
	if (rs_collect_group(p, &in, &end) && !p->failed &&
	    run(ld, m, &in, loc, &out)) {
		tl_rparse q;
		tl_rparse_init(&q, ld->ctx);
		q.type_macro = p->type_macro;
		q.type_macro_user = user;
		tl_rparse_begin_tokens(&q, out.items, out.len, 0, end);
		ld->mdepth++;
		ld->mnest++;
		t = tl_rparse_type(&q);
		if (t && !tl_rparse_end(&q, "the type made by the macro"))
			t = NULL;
		ld->mnest--;
		ld->mdepth--;
		tl_rparse_release(&q);
	}
	TL_VEC_FREE(in);
	TL_VEC_FREE(out);
	if (!t)
		p->failed = true; /* the error is recorded */
	return t;
}
