/*
 * The #pragma pack value in force where a record starts.
 *
 * libclang marks a record defined under #pragma pack with an implicit
 * attribute that has no location and no value (c-layout.md 6.4), so the
 * value is recovered as the spec's option (a) says (6.5): the pragmas are
 * replayed from the raw tokens of the files, in #include order, with
 * clang's stack semantics (Sema::ActOnPragmaPack and PragmaStack::Act in
 * clang 14):
 *   pack(N)             set N (N in 0, 1, 2, 4, 8, 16; others: ignored)
 *   pack()              reset to none
 *   pack(push[, L][, N]) push the current value (label L), then set N
 *   pack(pop[, L][, N])  pop one entry (or up to label L), then set N
 * and `_Pragma("pack(...)")` alike. Raw tokens include those in inactive
 * #if blocks; when a pragma sits inside a conditional other than the
 * include guard, the walk asks for a parse with a detailed preprocessing
 * record and skips the ranges clang skipped. Pragmas produced by macros
 * are not seen (the verifier reports the difference).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clang/cfront_clang.h"
#include "util/vec.h"

enum { PK_SET, PK_RESET, PK_PUSH, PK_POP, PK_INCLUDE };

typedef struct pk_op {
	unsigned offset;
	int kind;
	bool has_value;
	uint32_t value;
	char label[48];
	size_t include;   /* PK_INCLUDE: index into files */
} pk_op;

typedef struct pk_file {
	CXFile file;
	bool scanned;
	bool has_includer;
	size_t includer;
	unsigned include_offset;
	TL_VEC(pk_op) ops;
	int trans;        /* pragmas here or in included files: -1 unknown */
	bool visiting;
} pk_file;

struct cw_pack {
	TL_VEC(pk_file) files;
	bool inclusions;
};

typedef struct pk_stack {
	uint32_t cur;
	int n;
	struct { uint32_t value; char label[48]; } e[64];
} pk_stack;

void cw_pack_release(cw_ctx *w)
{
	if (!w->pack)
		return;
	for (size_t i = 0; i < w->pack->files.len; i++)
		TL_VEC_FREE(w->pack->files.items[i].ops);
	TL_VEC_FREE(w->pack->files);
	free(w->pack);
	w->pack = NULL;
}

static size_t file_index(cw_ctx *w, CXFile f)
{
	struct cw_pack *pk = w->pack;
	for (size_t i = 0; i < pk->files.len; i++)
		if (clang_File_isEqual(pk->files.items[i].file, f))
			return i;
	pk_file nf;
	memset(&nf, 0, sizeof(nf));
	nf.file = f;
	nf.trans = -1;
	if (!TL_VEC_PUSH(pk->files, nf)) {
		w->oom = true;
		return SIZE_MAX;
	}
	return pk->files.len - 1;
}

static void on_inclusion(CXFile included, CXSourceLocation *stack,
			 unsigned depth, CXClientData data)
{
	cw_ctx *w = data;
	if (!depth)
		return; /* the main file */
	CXFile from;
	unsigned off;
	clang_getExpansionLocation(stack[0], &from, NULL, NULL, &off);
	if (!from)
		return;
	size_t g = file_index(w, included), f = file_index(w, from);
	if (g == SIZE_MAX || f == SIZE_MAX)
		return;
	pk_file *pg = &w->pack->files.items[g];
	if (!pg->has_includer) {
		pg->has_includer = true;
		pg->includer = f;
		pg->include_offset = off;
	}
	pk_op op;
	memset(&op, 0, sizeof(op));
	op.offset = off;
	op.kind = PK_INCLUDE;
	op.include = g;
	if (!TL_VEC_PUSH(w->pack->files.items[f].ops, op))
		w->oom = true;
}

/* ---- reading pragmas from tokens ---- */

typedef struct pk_words {
	char w[12][48];
	int n;
} pk_words;

static bool is_number(const char *s)
{
	return *s >= '0' && *s <= '9';
}

/* Parses the words between the parentheses of pack(...). */
static bool parse_args(const pk_words *a, pk_op *op)
{
	int i = 0;
	op->has_value = false;
	if (a->n == 0) {
		op->kind = PK_RESET;
		return true;
	}
	if (is_number(a->w[0])) {
		op->kind = PK_SET;
		op->has_value = true;
		op->value = (uint32_t)strtoul(a->w[0], NULL, 0);
		return a->n == 1;
	}
	if (!strcmp(a->w[0], "push"))
		op->kind = PK_PUSH;
	else if (!strcmp(a->w[0], "pop"))
		op->kind = PK_POP;
	else
		return false; /* show, or something clang warns about */
	i = 1;
	if (i < a->n && !strcmp(a->w[i], ",")) {
		i++;
		if (i < a->n && is_number(a->w[i])) {
			op->has_value = true;
			op->value = (uint32_t)strtoul(a->w[i], NULL, 0);
		} else if (i < a->n) {
			snprintf(op->label, sizeof(op->label), "%s", a->w[i]);
			if (i + 2 < a->n && !strcmp(a->w[i + 1], ",") &&
			    is_number(a->w[i + 2])) {
				op->has_value = true;
				op->value = (uint32_t)strtoul(a->w[i + 2], NULL, 0);
			}
		}
	}
	return true;
}

static bool valid_value(uint32_t v)
{
	return v == 0 || v == 1 || v == 2 || v == 4 || v == 8 || v == 16;
}

/* Splits the text of _Pragma("pack(push, 1)") into words. */
static bool words_of_string(const char *s, pk_words *out)
{
	out->n = 0;
	while (*s == ' ' || *s == '"' || *s == '\t')
		s++;
	if (strncmp(s, "pack", 4))
		return false;
	s += 4;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s++ != '(')
		return false;
	while (*s && *s != ')' && out->n < 12) {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		size_t k = 0;
		if (*s == ',') {
			out->w[out->n][k++] = *s++;
		} else {
			while (*s && !strchr(" \t,)", *s) && k < 47)
				out->w[out->n][k++] = *s++;
		}
		out->w[out->n++][k] = 0;
	}
	return *s == ')';
}

static char *tok(cw_ctx *w, CXToken t)
{
	return cw_string(clang_getTokenSpelling(w->tu, t));
}

static unsigned tok_line(cw_ctx *w, CXToken t, unsigned *offset)
{
	unsigned line;
	clang_getSpellingLocation(clang_getTokenLocation(w->tu, t), NULL, &line,
				  NULL, offset);
	return line;
}

static void add_op(cw_ctx *w, pk_file *pf, pk_op *op)
{
	if (!TL_VEC_PUSH(pf->ops, *op))
		w->oom = true;
}

/* Is offset `off` inside one of clang's skipped ranges? */
static bool skipped(CXSourceRangeList *sk, unsigned off)
{
	for (unsigned i = 0; sk && i < sk->count; i++) {
		unsigned a, b;
		clang_getSpellingLocation(clang_getRangeStart(sk->ranges[i]), NULL,
					  NULL, NULL, &a);
		clang_getSpellingLocation(clang_getRangeEnd(sk->ranges[i]), NULL,
					  NULL, NULL, &b);
		if (off >= a && off <= b)
			return true;
	}
	return false;
}

static void scan_tokens(cw_ctx *w, pk_file *pf, CXToken *toks, unsigned n)
{
	CXSourceRangeList *sk = w->detailed ?
				clang_getSkippedRanges(w->tu, pf->file) : NULL;
	int depth = 0, guard = 0, ndirectives = 0;
	unsigned prev_line = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned off;
		unsigned line = tok_line(w, toks[i], &off);
		bool bol = i == 0 || line != prev_line;
		prev_line = line;
		char *s = tok(w, toks[i]);
		pk_words a;
		pk_op op;
		memset(&op, 0, sizeof(op));
		op.offset = off;
		bool found = false;
		if (bol && s && !strcmp(s, "#") && i + 1 < n) {
			char *d = tok(w, toks[i + 1]);
			ndirectives++;
			if (d && (!strcmp(d, "if") || !strcmp(d, "ifdef") ||
				  !strcmp(d, "ifndef"))) {
				depth++;
				/* `#ifndef X` first in the file: an include guard */
				if (ndirectives == 1 && !strcmp(d, "ifndef"))
					guard = 1;
			} else if (d && !strcmp(d, "endif")) {
				depth--;
			} else if (d && !strcmp(d, "pragma") && i + 3 < n) {
				char *p = tok(w, toks[i + 2]);
				char *q = tok(w, toks[i + 3]);
				if (p && q && !strcmp(p, "pack") && !strcmp(q, "(")) {
					unsigned j = i + 4;
					a.n = 0;
					for (; j < n && a.n < 12; j++) {
						char *x = tok(w, toks[j]);
						bool close = x && !strcmp(x, ")");
						if (!close && x)
							snprintf(a.w[a.n++], 48, "%s", x);
						free(x);
						if (close)
							break;
					}
					found = parse_args(&a, &op);
				}
				free(p);
				free(q);
			}
			free(d);
		} else if (s && !strcmp(s, "_Pragma") && i + 2 < n) {
			char *str = tok(w, toks[i + 2]);
			found = str && words_of_string(str, &a) && parse_args(&a, &op);
			free(str);
		}
		free(s);
		if (!found || (op.has_value && !valid_value(op.value)))
			continue;
		if (sk && skipped(sk, off))
			continue;
		if (depth > guard && !w->detailed)
			w->need_detailed = true;
		add_op(w, pf, &op);
	}
	if (sk)
		clang_disposeSourceRangeList(sk);
}

static int cmp_ops(const void *a, const void *b)
{
	const pk_op *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static bool mentions_pack(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (s[i] == 'p' && !memcmp(s + i, "pack", 4))
			return true;
	return false;
}

static pk_file *scan(cw_ctx *w, size_t index)
{
	pk_file *pf = &w->pack->files.items[index];
	if (pf->scanned)
		return pf;
	pf->scanned = true;
	size_t len = 0;
	const char *text = clang_getFileContents(w->tu, pf->file, &len);
	/* most files never mention pack: skip lexing them */
	if (text && mentions_pack(text, len)) {
		CXSourceRange r = clang_getRange(
			clang_getLocationForOffset(w->tu, pf->file, 0),
			clang_getLocationForOffset(w->tu, pf->file, (unsigned)len));
		CXToken *toks = NULL;
		unsigned n = 0;
		clang_tokenize(w->tu, r, &toks, &n);
		scan_tokens(w, pf, toks, n);
		clang_disposeTokens(w->tu, toks, n);
	}
	pf = &w->pack->files.items[index];
	if (pf->ops.len > 1)
		qsort(pf->ops.items, pf->ops.len, sizeof(pk_op), cmp_ops);
	return pf;
}

/* Does this file or anything it includes hold a pragma? */
static bool trans_has(cw_ctx *w, size_t index)
{
	pk_file *pf = scan(w, index);
	if (pf->trans >= 0)
		return pf->trans;
	if (pf->visiting)
		return false;
	pf->visiting = true;
	bool r = false;
	for (size_t i = 0; i < pf->ops.len && !r; i++) {
		pk_op *op = &w->pack->files.items[index].ops.items[i];
		r = op->kind != PK_INCLUDE || trans_has(w, op->include);
	}
	pf = &w->pack->files.items[index];
	pf->visiting = false;
	pf->trans = r;
	return r;
}

static void act(pk_stack *st, const pk_op *op)
{
	if (op->kind == PK_RESET) {
		st->cur = 0;
		return;
	}
	if (op->kind == PK_PUSH && st->n < 64) {
		st->e[st->n].value = st->cur;
		memcpy(st->e[st->n].label, op->label, sizeof(op->label));
		st->n++;
	} else if (op->kind == PK_POP && *op->label) {
		for (int i = st->n; i-- > 0;) {
			if (!strcmp(st->e[i].label, op->label)) {
				st->cur = st->e[i].value;
				st->n = i;
				break;
			}
		}
	} else if (op->kind == PK_POP && st->n) {
		st->cur = st->e[--st->n].value;
	}
	if (op->has_value)
		st->cur = op->value;
}

static void replay(cw_ctx *w, size_t index, unsigned upto, pk_stack *st,
		   int depth)
{
	if (depth > 200 || !trans_has(w, index))
		return;
	pk_file *pf = &w->pack->files.items[index];
	if (pf->visiting)
		return;
	pf->visiting = true;
	for (size_t i = 0; i < w->pack->files.items[index].ops.len; i++) {
		pk_op op = w->pack->files.items[index].ops.items[i];
		if (op.offset >= upto)
			break;
		if (op.kind == PK_INCLUDE)
			replay(w, op.include, UINT32_MAX, st, depth + 1);
		else
			act(st, &op);
	}
	w->pack->files.items[index].visiting = false;
}

static void state_at(cw_ctx *w, size_t index, unsigned off, pk_stack *st,
		     int depth)
{
	pk_file *pf = &w->pack->files.items[index];
	if (pf->has_includer && depth < 200)
		state_at(w, pf->includer, pf->include_offset, st, depth + 1);
	replay(w, index, off, st, depth);
}

uint32_t cw_pragma_pack(cw_ctx *w, CXCursor c)
{
	if (!w->pack) {
		w->pack = calloc(1, sizeof(*w->pack));
		if (!w->pack) {
			w->oom = true;
			return 0;
		}
	}
	if (!w->pack->inclusions) {
		w->pack->inclusions = true;
		clang_getInclusions(w->tu, on_inclusion, w);
	}
	CXFile f;
	unsigned off;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL,
				   &off);
	if (!f)
		return 0;
	size_t index = file_index(w, f);
	if (index == SIZE_MAX)
		return 0;
	pk_stack st;
	memset(&st, 0, sizeof(st));
	state_at(w, index, off, &st, 0);
	return st.cur;
}
