/*
 * Normalised Rust spelling of parsed syntax. Used for the identity text of
 * `dyn` and `fn` types (so `dyn Fn(u8)->u8+Send` and `dyn Fn(u8) -> u8 +
 * Send + 'a` intern to one type) and for messages. Lifetimes are dropped
 * everywhere: no layout depends on them.
 */
#include <string.h>

#include "model/syntax_print.h"
#include "util/hashmap.h"
#include "util/u128.h"

static const struct {
	const char *name;
	tl_prim prim;
} int_prims[] = {
	{"u8", TL_PRIM_U8},       {"u16", TL_PRIM_U16},
	{"u32", TL_PRIM_U32},     {"u64", TL_PRIM_U64},
	{"u128", TL_PRIM_U128},   {"usize", TL_PRIM_USIZE},
	{"i8", TL_PRIM_I8},       {"i16", TL_PRIM_I16},
	{"i32", TL_PRIM_I32},     {"i64", TL_PRIM_I64},
	{"i128", TL_PRIM_I128},   {"isize", TL_PRIM_ISIZE},
};

bool tl_rust_int_prim(const char *name, size_t len, tl_prim *out)
{
	for (size_t i = 0; i < sizeof(int_prims) / sizeof(*int_prims); i++) {
		if (strlen(int_prims[i].name) == len &&
		    memcmp(int_prims[i].name, name, len) == 0) {
			*out = int_prims[i].prim;
			return true;
		}
	}
	return false;
}

/* Binary operators: spelling and precedence (Rust Reference,
 * "Expression precedence"), higher binds tighter. */
static const char *op_text(int op, int *prec)
{
	switch (op) {
	case '*': *prec = 10; return "*";
	case '/': *prec = 10; return "/";
	case '%': *prec = 10; return "%";
	case '+': *prec = 9; return "+";
	case '-': *prec = 9; return "-";
	case '<': *prec = 8; return "<<";
	case '>': *prec = 8; return ">>";
	case '&': *prec = 7; return "&";
	case '^': *prec = 6; return "^";
	case '|': *prec = 5; return "|";
	case TL_CX_OP_LT: *prec = 4; return "<";
	case TL_CX_OP_LE: *prec = 4; return "<=";
	case TL_CX_OP_GT: *prec = 4; return ">";
	case TL_CX_OP_GE: *prec = 4; return ">=";
	case TL_CX_OP_EQ: *prec = 4; return "==";
	case TL_CX_OP_NE: *prec = 4; return "!=";
	case TL_CX_OP_AND: *prec = 3; return "&&";
	case TL_CX_OP_OR: *prec = 2; return "||";
	}
	*prec = 0;
	return "?";
}

static int cx_prec(const tl_cexpr *e)
{
	int prec = 13;
	switch (e->kind) {
	case TL_CX_INT:
	case TL_CX_BOOL:
	case TL_CX_PATH:
	case TL_CX_SIZEOF:
		return 13;
	case TL_CX_UNARY:
		return 12;
	case TL_CX_CAST:
		return 11;
	case TL_CX_BINARY:
		op_text(e->op, &prec);
		return prec;
	}
	return 0;
}

static void print_cx(tl_strbuf *sb, const tl_cexpr *e, int min)
{
	char num[48];
	if (!e) {
		tl_strbuf_putc(sb, '?');
		return;
	}
	int prec = cx_prec(e);
	if (prec < min)
		tl_strbuf_putc(sb, '(');
	switch (e->kind) {
	case TL_CX_INT:
		tl_strbuf_puts(sb, tl_u128_str(e->value, num));
		if (e->op == TL_CX_OP_SUFFIX)
			tl_strbuf_puts(sb, tl_prim_name(e->cast));
		break;
	case TL_CX_BOOL:
		tl_strbuf_puts(sb, e->value ? "true" : "false");
		break;
	case TL_CX_PATH:
		for (uint32_t i = 0; i < e->nsegs; i++) {
			if (i)
				tl_strbuf_puts(sb, "::");
			tl_strbuf_puts(sb, e->segs[i]);
		}
		break;
	case TL_CX_UNARY:
		tl_strbuf_putc(sb, (char)e->op);
		print_cx(sb, e->a, 12);
		break;
	case TL_CX_CAST:
		print_cx(sb, e->a, 11);
		tl_strbuf_puts(sb, " as ");
		tl_strbuf_puts(sb, tl_prim_name(e->cast));
		break;
	case TL_CX_BINARY: {
		const char *op = op_text(e->op, &prec);
		/* comparisons do not chain: both sides bind tighter */
		print_cx(sb, e->a, prec == 4 ? prec + 1 : prec);
		tl_strbuf_putc(sb, ' ');
		tl_strbuf_puts(sb, op);
		tl_strbuf_putc(sb, ' ');
		print_cx(sb, e->b, prec + 1);
		break;
	}
	case TL_CX_SIZEOF:
		tl_strbuf_puts(sb, e->op == TL_CX_OP_ALIGN_OF ? "align_of::<" :
							  "size_of::<");
		tl_texpr_print(sb, e->ty);
		tl_strbuf_puts(sb, ">()");
		break;
	}
	if (prec < min)
		tl_strbuf_putc(sb, ')');
}

void tl_cexpr_print(tl_strbuf *sb, const tl_cexpr *e)
{
	print_cx(sb, e, 0);
}

/* Prefix notation with everything that decides the value: kinds, ops,
 * literal values and types, type ids, constant names, types and bodies.
 * A constant's body (shared by its uses) is written once and referred to
 * as #k afterwards, so the key stays as small as the expression's graph. */
typedef struct keyer {
	tl_strbuf *sb;
	tl_ptrmap bodies; /* body -> k + 1 */
	size_t n;
} keyer;

static void key_rec(keyer *k, const tl_cexpr *e)
{
	tl_strbuf *sb = k->sb;
	char num[48];
	if (!e) {
		tl_strbuf_putc(sb, '?');
		return;
	}
	tl_strbuf_putc(sb, (char)('0' + e->kind));
	tl_strbuf_putc(sb, e->op ? (char)e->op : '_');
	switch (e->kind) {
	case TL_CX_INT:
	case TL_CX_BOOL:
		tl_strbuf_puts(sb, tl_u128_str(e->value, num));
		if (e->op == TL_CX_OP_SUFFIX)
			tl_strbuf_puts(sb, tl_prim_name(e->cast));
		return;
	case TL_CX_PATH:
		for (uint32_t i = 0; i < e->nsegs; i++) {
			tl_strbuf_puts(sb, i ? "::" : "");
			tl_strbuf_puts(sb, e->segs[i]);
		}
		if (e->op != TL_CX_OP_VALUE && e->op != TL_CX_OP_BODY)
			return;
		tl_strbuf_putc(sb, ':');
		tl_strbuf_puts(sb, tl_prim_name(e->cast));
		tl_strbuf_putc(sb, '=');
		if (e->op == TL_CX_OP_VALUE) {
			tl_strbuf_puts(sb, tl_u128_str(e->value, num));
			return;
		}
		uintptr_t seen = (uintptr_t)tl_ptrmap_get(&k->bodies, e->a);
		if (seen) {
			tl_strbuf_putc(sb, '#');
			tl_strbuf_puts(sb, tl_u128_str(seen - 1, num));
			return;
		}
		if (tl_ptrmap_put(&k->bodies, e->a, (void *)(uintptr_t)(++k->n)) < 0)
			sb->oom = true;
		tl_strbuf_putc(sb, '(');
		key_rec(k, e->a);
		tl_strbuf_putc(sb, ')');
		return;
	case TL_CX_CAST:
		tl_strbuf_puts(sb, tl_prim_name(e->cast));
		break;
	case TL_CX_SIZEOF:
		tl_strbuf_puts(sb, tl_u128_str(e->type, num));
		return;
	case TL_CX_UNARY:
	case TL_CX_BINARY:
		break;
	}
	tl_strbuf_putc(sb, '(');
	key_rec(k, e->a);
	if (e->b) {
		tl_strbuf_putc(sb, ',');
		key_rec(k, e->b);
	}
	tl_strbuf_putc(sb, ')');
}

void tl_cexpr_key(tl_strbuf *sb, const tl_cexpr *e)
{
	keyer k = {sb, {0}, 0};
	tl_ptrmap_init(&k.bodies);
	key_rec(&k, e);
	tl_ptrmap_release(&k.bodies);
}

static void print_garg(tl_strbuf *sb, const tl_garg *g)
{
	if (g->assoc) {
		tl_strbuf_puts(sb, g->assoc);
		tl_strbuf_puts(sb, " = ");
	}
	if (g->type) {
		tl_texpr_print(sb, g->type);
	} else if (g->value) {
		/* literals stand alone; anything else needs braces in Rust */
		bool bare = g->value->kind == TL_CX_INT ||
			    (g->value->kind == TL_CX_UNARY && g->value->op == '-' &&
			     g->value->a->kind == TL_CX_INT);
		if (!bare)
			tl_strbuf_puts(sb, "{ ");
		tl_cexpr_print(sb, g->value);
		if (!bare)
			tl_strbuf_puts(sb, " }");
	}
}

/* `&(dyn A + B)` keeps its parentheses; `&dyn A` needs none. */
static void print_pointee(tl_strbuf *sb, const tl_texpr *inner)
{
	bool paren = inner && inner->kind == TL_TX_DYN && inner->text &&
		     strstr(inner->text, " + ");
	if (paren)
		tl_strbuf_putc(sb, '(');
	tl_texpr_print(sb, inner);
	if (paren)
		tl_strbuf_putc(sb, ')');
}

void tl_texpr_print(tl_strbuf *sb, const tl_texpr *t)
{
	if (!t) {
		tl_strbuf_putc(sb, '?');
		return;
	}
	switch (t->kind) {
	case TL_TX_PATH: {
		if (t->global)
			tl_strbuf_puts(sb, "::");
		for (uint32_t i = 0; i < t->nsegs; i++) {
			if (i)
				tl_strbuf_puts(sb, "::");
			tl_strbuf_puts(sb, t->segs[i]);
		}
		bool open = false;
		for (uint32_t i = 0; i < t->nargs; i++) {
			if (t->args[i].lifetime)
				continue;
			tl_strbuf_puts(sb, open ? ", " : "<");
			open = true;
			print_garg(sb, &t->args[i]);
		}
		if (open)
			tl_strbuf_putc(sb, '>');
		break;
	}
	case TL_TX_REF:
		tl_strbuf_puts(sb, t->mut ? "&mut " : "&");
		print_pointee(sb, t->inner);
		break;
	case TL_TX_RAWPTR:
		tl_strbuf_puts(sb, t->mut ? "*mut " : "*const ");
		print_pointee(sb, t->inner);
		break;
	case TL_TX_SLICE:
		tl_strbuf_putc(sb, '[');
		tl_texpr_print(sb, t->inner);
		tl_strbuf_putc(sb, ']');
		break;
	case TL_TX_ARRAY:
		tl_strbuf_putc(sb, '[');
		tl_texpr_print(sb, t->inner);
		tl_strbuf_puts(sb, "; ");
		tl_cexpr_print(sb, t->len);
		tl_strbuf_putc(sb, ']');
		break;
	case TL_TX_TUPLE:
		tl_strbuf_putc(sb, '(');
		for (uint32_t i = 0; i < t->nelems; i++) {
			if (i)
				tl_strbuf_puts(sb, ", ");
			tl_texpr_print(sb, t->elems[i]);
		}
		if (t->nelems == 1)
			tl_strbuf_putc(sb, ',');
		tl_strbuf_putc(sb, ')');
		break;
	case TL_TX_FNPTR:
		tl_strbuf_puts(sb, t->text ? t->text : "fn(?)");
		break;
	case TL_TX_DYN:
		tl_strbuf_puts(sb, "dyn ");
		tl_strbuf_puts(sb, t->text ? t->text : "?");
		break;
	case TL_TX_NEVER:
		tl_strbuf_putc(sb, '!');
		break;
	case TL_TX_INFER:
		tl_strbuf_putc(sb, '_');
		break;
	}
}
