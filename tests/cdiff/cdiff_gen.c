/*
 * A seeded generator of random C records that use every feature the C
 * front end and engine handle: structs and unions, nested anonymous and
 * named members, bit-fields (named, unnamed, zero-width, on enums and on
 * aligned typedefs, __int128), flexible and zero-length arrays, packed and
 * aligned(N) (literal, bare and expression forms) on records, fields and
 * typedefs, _Alignas, #pragma pack (plain, _Pragma, and inside
 * #ifdef __aarch64__), enums (packed, negative, wide), _Atomic, _Complex,
 * vectors, and fields that exist for one target only. Every record it
 * writes is valid C for both x86_64-linux-gnu and aarch64-linux-gnu.
 */
#include <stdio.h>
#include <string.h>

#include "cdiff_gen.h"

typedef struct gtype {
	char text[160];
	int bits;      /* integer types: width in bits, else 0 */
	int align;     /* natural alignment when known (scalars), else 0 */
	int atomic_ok;
} gtype;

typedef struct gen {
	uint64_t s;
	FILE *out;
	int nrec, nenum, ntd, nvec, nfield;
	/* records that may be used by value (no flexible array inside) */
	int byval[4096];
	char byval_union[4096];
	int nbyval;
	int enum_bits[512];
	int td_bits[1024];  /* integer typedefs: width, 0 = not an integer */
	int td_align[1024];
	int records;       /* records written, nested ones included */
} gen;

static uint64_t next(gen *g)
{
	/* splitmix64: small, good enough, and the same everywhere */
	uint64_t z = (g->s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int rnd(gen *g, int n)
{
	return (int)(next(g) % (uint64_t)n);
}

static int pct(gen *g, int p)
{
	return rnd(g, 100) < p;
}

static const struct { const char *name; int bits; int align; } ints[] = {
	{"char", 8, 1}, {"signed char", 8, 1}, {"unsigned char", 8, 1},
	{"short", 16, 2}, {"unsigned short", 16, 2}, {"int", 32, 4},
	{"unsigned int", 32, 4}, {"long", 64, 8}, {"unsigned long", 64, 8},
	{"long long", 64, 8}, {"unsigned long long", 64, 8}, {"_Bool", 1, 1},
	{"__int128", 128, 16}, {"unsigned __int128", 128, 16},
};
#define NINTS ((int)(sizeof(ints) / sizeof(ints[0])))

static const struct { const char *name; int align; } others[] = {
	{"float", 4}, {"double", 8}, {"long double", 16}, {"void *", 8},
	{"char *", 8}, {"const int *", 8}, {"void (*)(int)", 0},
	{"_Complex float", 4}, {"_Complex double", 8},
	{"_Complex long double", 16},
};
#define NOTHERS ((int)(sizeof(others) / sizeof(others[0])))

static const char *align_expr(gen *g, int n)
{
	static char buf[64];
	switch (rnd(g, 6)) {
	case 0:
		snprintf(buf, sizeof(buf), "%d * 1", n);
		break;
	case 1:
		if (n >= 8) {
			snprintf(buf, sizeof(buf), "sizeof(long) * %d", n / 8);
			break;
		}
		__attribute__((fallthrough));
	case 2:
		if (n <= 8 && n >= 1) {
			snprintf(buf, sizeof(buf), "_Alignof(%s)",
				 n == 1 ? "char" : n == 2 ? "short" :
				 n == 4 ? "int" : "double");
			break;
		}
		__attribute__((fallthrough));
	case 3:
		snprintf(buf, sizeof(buf), "(1 << %d)", n == 1 ? 0 : n == 2 ? 1 :
			 n == 4 ? 2 : n == 8 ? 3 : n == 16 ? 4 : n == 32 ? 5 : 6);
		break;
	default:
		snprintf(buf, sizeof(buf), "%d", n);
		break;
	}
	return buf;
}

static int pow2(gen *g, int max_log)
{
	return 1 << rnd(g, max_log + 1);
}

/* An integer type usable as a bit-field's declared type. */
static void int_type(gen *g, gtype *t)
{
	memset(t, 0, sizeof(*t));
	int r = rnd(g, 100);
	if (r < 10 && g->nenum) {
		int e = rnd(g, g->nenum);
		snprintf(t->text, sizeof(t->text), "enum E%d", e);
		t->bits = g->enum_bits[e];
		t->atomic_ok = 1;
		return;
	}
	if (r < 20 && g->ntd) {
		int k = rnd(g, g->ntd);
		if (g->td_bits[k]) {
			snprintf(t->text, sizeof(t->text), "T%d", k);
			t->bits = g->td_bits[k];
			t->atomic_ok = 1;
			return;
		}
	}
	int i = rnd(g, NINTS);
	snprintf(t->text, sizeof(t->text), "%s", ints[i].name);
	t->bits = ints[i].bits;
	t->align = ints[i].align;
	t->atomic_ok = 1;
}

static void gen_record(gen *g, int depth, int anon, int kind_union,
		       int indent, char *name_out);

/* The type of an ordinary member; may write a nested definition inline
 * (returned in t->text as the whole `struct X {...}`). */
static void member_type(gen *g, gtype *t, int depth)
{
	memset(t, 0, sizeof(*t));
	int r = rnd(g, 100);
	if (r < 35) {
		int_type(g, t);
	} else if (r < 50) {
		int i = rnd(g, NOTHERS);
		snprintf(t->text, sizeof(t->text), "%s", others[i].name);
		t->align = others[i].align;
		t->atomic_ok = strchr(others[i].name, '(') == NULL &&
			       strncmp(others[i].name, "_Complex", 8) != 0;
	} else if (r < 65 && g->nbyval) {
		int k = rnd(g, g->nbyval);
		snprintf(t->text, sizeof(t->text), "%s R%d",
			 g->byval_union[k] ? "union" : "struct", g->byval[k]);
		t->atomic_ok = 1;
	} else if (r < 70 && g->nvec) {
		snprintf(t->text, sizeof(t->text), "V%d", rnd(g, g->nvec));
	} else if (r < 75 && g->ntd) {
		snprintf(t->text, sizeof(t->text), "T%d", rnd(g, g->ntd));
		t->atomic_ok = 1;
	} else if (r < 80) {
		snprintf(t->text, sizeof(t->text), "struct fwd%d *", rnd(g, 5));
		t->align = 8;
		t->atomic_ok = 1;
	} else {
		int_type(g, t);
	}
	(void)depth;
}

static void emit_indent(gen *g, int n)
{
	for (int i = 0; i < n; i++)
		fputc('\t', g->out);
}

static void gen_bitfield(gen *g, int indent)
{
	gtype t;
	int_type(g, &t);
	int w;
	int unnamed = pct(g, 20);
	if (unnamed && pct(g, 50))
		w = 0;
	else
		w = 1 + rnd(g, t.bits);
	emit_indent(g, indent);
	fprintf(g->out, "%s ", t.text);
	if (!unnamed)
		fprintf(g->out, "f%d", g->nfield++);
	fprintf(g->out, " : %d", w);
	if (w && pct(g, 8))
		fprintf(g->out, " __attribute__((packed))");
	if (w && pct(g, 8))
		fprintf(g->out, " __attribute__((aligned(%s)))",
			align_expr(g, pow2(g, 4)));
	fprintf(g->out, ";\n");
}

static void gen_member(gen *g, int depth, int indent, int in_union)
{
	int r = rnd(g, 100);
	if (r < 28) {
		gen_bitfield(g, indent);
		return;
	}
	if (r < 36 && depth < 3) {
		/* an anonymous struct/union member */
		gen_record(g, depth + 1, 1, pct(g, 50), indent, NULL);
		return;
	}
	if (r < 40 && depth < 3) {
		/* a named nested record used right here */
		gen_record(g, depth + 1, 0, pct(g, 30), indent, NULL);
		fprintf(g->out, " f%d;\n", g->nfield++);
		return;
	}
	gtype t;
	member_type(g, &t, depth);
	emit_indent(g, indent);
	int fnptr = strcmp(t.text, "void (*)(int)") == 0;
	int arr = !fnptr && pct(g, 12);
	int atomic = !arr && t.atomic_ok && pct(g, 6);
	int alignas_ok = !atomic && t.align && strchr(t.text, '(') == NULL;
	if (alignas_ok && pct(g, 6)) {
		int n = t.align << rnd(g, 3);
		if (pct(g, 30) && n == 8)
			fprintf(g->out, "_Alignas(double) ");
		else
			fprintf(g->out, "_Alignas(%s) ", align_expr(g, n));
	}
	if (fnptr) {
		fprintf(g->out, "void (*f%d)(int)", g->nfield++);
	} else if (atomic) {
		fprintf(g->out, "_Atomic(%s) f%d", t.text, g->nfield++);
	} else {
		fprintf(g->out, "%s f%d", t.text, g->nfield++);
	}
	if (arr) {
		static const int lens[] = {0, 1, 2, 3, 5, 8};
		fprintf(g->out, "[%d]", lens[rnd(g, 6)]);
		if (pct(g, 20))
			fprintf(g->out, "[%d]", 1 + rnd(g, 3));
	}
	if (pct(g, 7))
		fprintf(g->out, " __attribute__((packed))");
	if (pct(g, 7)) {
		if (pct(g, 10))
			fprintf(g->out, " __attribute__((aligned))");
		else
			fprintf(g->out, " __attribute__((aligned(%s)))",
				align_expr(g, pow2(g, 5)));
	}
	fprintf(g->out, ";\n");
	(void)in_union;
}

/* A struct or union; anonymous members have no name and no declarator. */
static void gen_record(gen *g, int depth, int anon, int kind_union,
		       int indent, char *name_out)
{
	int id = g->nrec++;
	g->records++;
	int packed = pct(g, 15);
	int aligned = pct(g, 12);
	int align_after = pct(g, 50);
	const char *kw = kind_union ? "union" : "struct";
	emit_indent(g, indent);
	fprintf(g->out, "%s ", kw);
	if (packed)
		fprintf(g->out, "__attribute__((packed)) ");
	if (aligned && !align_after)
		fprintf(g->out, "__attribute__((aligned(%s))) ",
			align_expr(g, pow2(g, 6)));
	if (!anon) {
		fprintf(g->out, "R%d ", id);
		if (name_out)
			snprintf(name_out, 32, "%s R%d", kw, id);
	}
	fprintf(g->out, "{\n");
	int n = rnd(g, 7) + (depth ? 1 : 0);
	for (int i = 0; i < n; i++) {
		if (pct(g, 4)) {
			/* a member only one target has */
			fprintf(g->out, "#ifdef __aarch64__\n");
			gen_member(g, depth, indent + 1, kind_union);
			fprintf(g->out, "#endif\n");
		} else {
			gen_member(g, depth, indent + 1, kind_union);
		}
	}
	int fam = !kind_union && !anon && depth == 0 && n > 0 && pct(g, 8);
	if (fam) {
		gtype t;
		int_type(g, &t);
		/* a flexible array needs a named member before it */
		emit_indent(g, indent + 1);
		fprintf(g->out, "char f%d;\n", g->nfield++);
		emit_indent(g, indent + 1);
		fprintf(g->out, "%s f%d[];\n", t.text, g->nfield++);
	}
	emit_indent(g, indent);
	fprintf(g->out, "}");
	if (aligned && align_after) {
		if (pct(g, 10))
			fprintf(g->out, " __attribute__((aligned))");
		else
			fprintf(g->out, " __attribute__((aligned(%s)))",
				align_expr(g, pow2(g, 6)));
	}
	if (anon)
		fprintf(g->out, ";\n");
	/* named nested records are usable by value later, if FAM-free;
	 * those in unions/structs are file scope in C */
	if (!anon && !fam && g->nbyval < 4096 && depth == 0) {
		g->byval_union[g->nbyval] = (char)kind_union;
		g->byval[g->nbyval++] = id;
	}
}

static void gen_enum(gen *g)
{
	int id = g->nenum++;
	int packed = pct(g, 30);
	int n = 1 + rnd(g, 4);
	long long lo = 0, hi = 0;
	fprintf(g->out, "enum %sE%d {", packed ? "__attribute__((packed)) " : "", id);
	for (int i = 0; i < n; i++) {
		long long v;
		switch (rnd(g, 5)) {
		case 0: v = -(long long)rnd(g, 200); break;
		case 1: v = rnd(g, 70000); break;
		case 2: v = (long long)1 << (31 + rnd(g, 9)); break;
		case 3: v = -((long long)1 << (15 + rnd(g, 20))); break;
		default: v = rnd(g, 10); break;
		}
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
		fprintf(g->out, "%s E%d_%d = %lldLL", i ? "," : "", id, i, v);
	}
	fprintf(g->out, " };\n");
	/* the underlying type's width (c-layout.md 2.2) */
	int bits = 32;
	int neg = lo < 0;
	static const int widths[] = {8, 16, 32, 64};
	for (int k = packed ? 0 : 2; k < 4; k++) {
		int b = widths[k];
		long long max = b == 64 ? INT64_MAX : neg ? (1LL << (b - 1)) - 1 :
				(1LL << b) - 1;
		long long min = neg ? (b == 64 ? INT64_MIN : -(1LL << (b - 1))) : 0;
		if (lo >= min && hi <= max) {
			bits = b;
			break;
		}
	}
	g->enum_bits[id] = bits;
}

static void gen_typedef(gen *g)
{
	int id = g->ntd;
	if (id >= 1024)
		return;
	g->ntd++;
	g->td_bits[id] = 0;
	if (pct(g, 60)) {
		int i = rnd(g, NINTS - 1); /* not __int128's unsigned twin */
		if (ints[i].bits == 1)
			i = 5;
		fprintf(g->out, "typedef %s T%d", ints[i].name, id);
		g->td_bits[id] = ints[i].bits;
	} else if (g->nbyval && pct(g, 50)) {
		int k = rnd(g, g->nbyval);
		fprintf(g->out, "typedef %s R%d T%d", g->byval_union[k] ? "union" :
			"struct", g->byval[k], id);
	} else {
		int i = rnd(g, 3);
		fprintf(g->out, "typedef %s T%d", others[i].name, id);
	}
	/* aligned(N) on a typedef sets the alignment, lower or higher */
	if (pct(g, 50))
		fprintf(g->out, " __attribute__((aligned(%s)))",
			align_expr(g, pow2(g, 5)));
	fprintf(g->out, ";\n");
}

static void gen_vector(gen *g)
{
	static const char *elems[] = {"int", "float", "char", "double", "short"};
	static const int esz[] = {4, 4, 1, 8, 2};
	int e = rnd(g, 5);
	int size = 8 << rnd(g, 3);
	if (size < esz[e])
		size = esz[e];
	fprintf(g->out, "typedef %s V%d __attribute__((vector_size(%d)));\n",
		elems[e], g->nvec++, size);
}

static void gen_top(gen *g)
{
	int r = rnd(g, 100);
	if (r < 6) {
		gen_enum(g);
		return;
	}
	if (r < 12) {
		gen_typedef(g);
		return;
	}
	if (r < 14 && g->nvec < 16) {
		gen_vector(g);
		return;
	}
	int pack = pct(g, 14);
	int n = pow2(g, 4);
	int how = rnd(g, 10);
	if (pack) {
		if (how == 0)
			fprintf(g->out, "_Pragma(\"pack(push, %d)\")\n", n);
		else if (how == 1)
			fprintf(g->out, "#ifdef __aarch64__\n#pragma pack(push, %d)\n"
				"#else\n#pragma pack(push)\n#endif\n", n);
		else
			fprintf(g->out, "#pragma pack(push, %d)\n", n);
	}
	gen_record(g, 0, 0, pct(g, 20), 0, NULL);
	fprintf(g->out, ";\n");
	if (pack)
		fprintf(g->out, how == 0 ? "_Pragma(\"pack(pop)\")\n" :
			"#pragma pack(pop)\n");
}

int cdiff_generate(FILE *out, uint64_t seed, int nrecords)
{
	gen *g = calloc(1, sizeof(*g));
	if (!g)
		return -1;
	g->s = seed;
	g->out = out;
	fprintf(out, "/* generated by cdiff, seed %llu */\n",
		(unsigned long long)seed);
	while (g->records < nrecords)
		gen_top(g);
	int r = g->records;
	free(g);
	return r;
}
