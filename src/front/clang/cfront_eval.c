/*
 * Constant expressions of alignment attributes (see cfront_eval.h).
 * Precedence climbing over C's binary operators; unary - + ~ !; casts to
 * builtin types; sizeof / _Alignof / __alignof__ of a parenthesised type.
 */
#include <ctype.h>
#include <string.h>

#include "front/clang/cfront_eval.h"

typedef struct ce_parser {
	const char *p, *end;
	const ce_env *env;
	bool bad;
} ce_parser;

static void skip_ws(ce_parser *ps)
{
	while (ps->p < ps->end && isspace((unsigned char)*ps->p))
		ps->p++;
}

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The next identifier without consuming it; its length or 0. */
static size_t peek_ident(ce_parser *ps)
{
	skip_ws(ps);
	size_t n = 0;
	if (ps->p < ps->end && (isalpha((unsigned char)*ps->p) || *ps->p == '_'))
		while (ps->p + n < ps->end && is_ident(ps->p[n]))
			n++;
	return n;
}

static bool ident_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

static bool is_type_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"char", "short", "int", "long", "signed", "unsigned", "float",
		"double", "_Bool", "void", "__int128", "struct", "union",
		"enum", "const", "volatile", NULL};
	for (size_t i = 0; words[i]; i++)
		if (ident_is(s, n, words[i]))
			return true;
	return false;
}

/* The text between a '(' already consumed and its matching ')'. */
static bool paren_text(ce_parser *ps, const char **s, size_t *n)
{
	int depth = 1;
	const char *start = ps->p;
	while (ps->p < ps->end && depth) {
		if (*ps->p == '(')
			depth++;
		else if (*ps->p == ')')
			depth--;
		ps->p++;
	}
	if (depth)
		return false;
	*s = start;
	*n = (size_t)(ps->p - 1 - start);
	return true;
}

/* Normalises whitespace: "struct  x *" -> "struct x *". */
static void type_name(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n && k + 2 < cap; i++) {
		if (isspace((unsigned char)s[i])) {
			space = k > 0;
			continue;
		}
		if (space)
			buf[k++] = ' ';
		space = false;
		buf[k++] = s[i];
	}
	buf[k] = 0;
}

static int64_t parse_expr(ce_parser *ps, int min_prec);

static int64_t parse_number(ce_parser *ps)
{
	const char *p = ps->p;
	int64_t v = 0;
	int base = 10;
	if (p + 1 < ps->end && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (*p == '0') {
		base = 8;
	}
	for (; p < ps->end && isxdigit((unsigned char)*p); p++) {
		int d = isdigit((unsigned char)*p) ? *p - '0' :
			tolower((unsigned char)*p) - 'a' + 10;
		if (d >= base || __builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, d, &v)) {
			ps->bad = true;
			return 0;
		}
	}
	while (p < ps->end && strchr("uUlL", *p))
		p++;
	ps->p = p;
	return v;
}

/* sizeof(T) / _Alignof(T): the operand must be a parenthesised type. */
static int64_t parse_sizeof(ce_parser *ps, bool want_align)
{
	skip_ws(ps);
	const char *s;
	size_t n;
	char buf[256];
	int64_t size, align;
	if (ps->p >= ps->end || *ps->p != '(') {
		ps->bad = true;
		return 0;
	}
	ps->p++;
	if (!paren_text(ps, &s, &n)) {
		ps->bad = true;
		return 0;
	}
	type_name(s, n, buf, sizeof(buf));
	if (!ps->env->type_info ||
	    !ps->env->type_info(ps->env->ud, buf, &size, &align)) {
		ps->bad = true;
		return 0;
	}
	return want_align ? align : size;
}

static int64_t parse_unary(ce_parser *ps)
{
	skip_ws(ps);
	if (ps->p >= ps->end) {
		ps->bad = true;
		return 0;
	}
	char c = *ps->p;
	if (c == '-' || c == '+' || c == '~' || c == '!') {
		ps->p++;
		int64_t v = parse_unary(ps);
		return c == '-' ? -v : c == '~' ? ~v : c == '!' ? !v : v;
	}
	if (c == '(') {
		const char *save = ++ps->p;
		size_t n = peek_ident(ps);
		if (n && is_type_word(ps->p, n)) { /* a cast: keep the value */
			const char *s;
			size_t m;
			if (!paren_text(ps, &s, &m)) {
				ps->bad = true;
				return 0;
			}
			return parse_unary(ps);
		}
		ps->p = save;
		int64_t v = parse_expr(ps, 0);
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ')')
			ps->bad = true;
		else
			ps->p++;
		return v;
	}
	if (isdigit((unsigned char)c))
		return parse_number(ps);
	size_t n = peek_ident(ps);
	if (!n) {
		ps->bad = true;
		return 0;
	}
	const char *id = ps->p;
	ps->p += n;
	if (ident_is(id, n, "sizeof"))
		return parse_sizeof(ps, false);
	if (ident_is(id, n, "_Alignof") || ident_is(id, n, "__alignof__") ||
	    ident_is(id, n, "__alignof") || ident_is(id, n, "alignof"))
		return parse_sizeof(ps, true);
	char name[128];
	int64_t v;
	if (n >= sizeof(name) || !ps->env->constant) {
		ps->bad = true;
		return 0;
	}
	memcpy(name, id, n);
	name[n] = 0;
	if (!ps->env->constant(ps->env->ud, name, &v))
		ps->bad = true;
	return v;
}

/* Binary operators with C's precedence (higher binds tighter). */
static int binop(ce_parser *ps, int *len)
{
	static const struct { const char *op; int prec; } ops[] = {
		{"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5},
		{"==", 6}, {"!=", 6}, {"<<", 8}, {">>", 8}, {"<=", 7},
		{">=", 7}, {"<", 7}, {">", 7}, {"+", 9}, {"-", 9},
		{"*", 10}, {"/", 10}, {"%", 10}};
	skip_ws(ps);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].op);
		if ((size_t)(ps->end - ps->p) >= n &&
		    memcmp(ps->p, ops[i].op, n) == 0) {
			*len = (int)n;
			return ops[i].prec;
		}
	}
	return 0;
}

static int64_t apply(ce_parser *ps, const char *op, int len, int64_t a,
		     int64_t b)
{
	int64_t r = 0;
	switch (op[0]) {
	case '|': return len == 2 ? (a || b) : (a | b);
	case '&': return len == 2 ? (a && b) : (a & b);
	case '^': return a ^ b;
	case '=': return a == b;
	case '!': return a != b;
	case '<':
		if (len == 2)
			return b >= 0 && b < 63 ? (int64_t)((uint64_t)a << b) : 0;
		return op[1] == '=' ? a <= b : a < b;
	case '>':
		if (len == 2)
			return b >= 0 && b < 63 ? a >> b : 0;
		return op[1] == '=' ? a >= b : a > b;
	case '+':
		if (__builtin_add_overflow(a, b, &r))
			ps->bad = true;
		return r;
	case '-':
		if (__builtin_sub_overflow(a, b, &r))
			ps->bad = true;
		return r;
	case '*':
		if (__builtin_mul_overflow(a, b, &r))
			ps->bad = true;
		return r;
	case '/':
	case '%':
		if (b == 0 || (a == INT64_MIN && b == -1)) {
			ps->bad = true;
			return 0;
		}
		return op[0] == '/' ? a / b : a % b;
	default:
		ps->bad = true;
		return 0;
	}
}

static int64_t parse_expr(ce_parser *ps, int min_prec)
{
	int64_t lhs = parse_unary(ps);
	for (int depth = 0; !ps->bad && depth < 1000; depth++) {
		int len = 0;
		int prec = binop(ps, &len);
		if (!prec || prec <= min_prec)
			break;
		const char *op = ps->p;
		ps->p += len;
		int64_t rhs = parse_expr(ps, prec);
		lhs = apply(ps, op, len, lhs, rhs);
	}
	return lhs;
}

bool ce_eval(const char *text, size_t len, const ce_env *env, int64_t *out)
{
	ce_parser ps = {text, text + len, env, false};
	int64_t v = parse_expr(&ps, 0);
	skip_ws(&ps);
	if (ps.bad || ps.p != ps.end)
		return false;
	*out = v;
	return true;
}

/* ---- attributes in pretty-printed declarations ---- */

/* After `name` at p: a parenthesised argument, evaluated; bare -> dflt. */
static int64_t attr_arg(const char **pp, const char *end, const ce_env *env,
			int64_t dflt, bool type_ok)
{
	const char *p = *pp;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p != '(') {
		*pp = p;
		return dflt;
	}
	ce_parser ps = {p + 1, end, env, false};
	const char *s;
	size_t n;
	if (!paren_text(&ps, &s, &n))
		return -1;
	*pp = ps.p;
	int64_t v;
	if (ce_eval(s, n, env, &v))
		return v;
	char buf[256];
	int64_t size;
	type_name(s, n, buf, sizeof(buf));
	if (type_ok && env->type_info && env->type_info(env->ud, buf, &size, &v))
		return v; /* _Alignas(type) */
	return -1;
}

int64_t ce_written_align(const char *decl, const ce_env *env,
			 int64_t bare_aligned)
{
	const char *p = strrchr(decl, '}');
	p = p ? p + 1 : decl;
	const char *end = p + strlen(p);
	int64_t best = 0;
	int depth = 0;       /* parentheses */
	int attr_base = -1;  /* depth where __attribute__ was seen */
	while (p < end) {
		if (*p == '(') {
			depth++;
			p++;
			continue;
		}
		if (*p == ')') {
			if (--depth <= attr_base)
				attr_base = -1;
			p++;
			continue;
		}
		if (!is_ident(*p)) {
			p++;
			continue;
		}
		const char *id = p;
		while (p < end && is_ident(*p))
			p++;
		size_t n = (size_t)(p - id);
		int64_t v;
		if (ident_is(id, n, "__attribute__") || ident_is(id, n, "__attribute")) {
			attr_base = depth;
			continue;
		} else if (attr_base < 0 && (ident_is(id, n, "_Alignas") ||
					     ident_is(id, n, "alignas"))) {
			v = attr_arg(&p, end, env, -1, true);
		} else if (attr_base >= 0 && depth == attr_base + 2 &&
			   (ident_is(id, n, "aligned") ||
			    ident_is(id, n, "__aligned__"))) {
			v = attr_arg(&p, end, env, bare_aligned, false);
		} else {
			continue;
		}
		if (v < 0)
			return -1;
		if (v > best)
			best = v;
	}
	return best;
}
