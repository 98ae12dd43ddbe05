/*
 * The fast YAML event source against libyaml: the YAML reader's event
 * stream (the fast source, then libyaml from where it bails) must be
 * libyaml's own, event for event and field for field (marks, styles,
 * implicit flags, values), and must fail where libyaml fails. Checked on
 * every YAML file of testdata/, on generated documents that mix the
 * subset with what lies outside it, and on random edits of both.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <setjmp.h>
#include <cmocka.h>

#include "yaml_fast_diff.h"

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* ---- comparing with libyaml ---- */

typedef struct tally {
	unsigned texts;
	unsigned whole;   /* texts the fast source read to the end */
} tally;

static void compare(const char *what, const char *s, size_t len, tally *t)
{
	tl_fast_diff d = tl_yaml_fast_diff(s, len);
	if (d.what) {
		print_error("%s: event %zu differs (%s) on this text:\n---\n%.*s\n---\n",
			    what, d.event, d.what, (int)len, s);
		fail();
	}
	t->texts++;
	t->whole += d.whole;
}

/* ---- random texts ---- */

static uint64_t next_rand(uint64_t *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	return *r;
}

static unsigned pick(uint64_t *r, unsigned n)
{
	return (unsigned)(next_rand(r) % n);
}

static const char *const words[] = {
	"u8", "i32", "Vec<u8>", "std::vec::Vec<T>", "(u8, u16)", "Option<Box<T>>",
	"fn(u8) -> u16", "a b c", "-1", "x#y", "x # comment", "T0", "f0",
	"\"Moved { x: i32 }\"", "'it''s'", "''", "\"\"", "\"a\\nb\"", "&a x",
	"*a", "!t x", "|", ">", "? x", "{a: b}", "~", "'two\n  lines'",
	"[u8; 4]", "[a, b]", "[]", "[a, [b, c], ]", "[a,,b]", "V0(u64, T2)",
	"a: b", "@x", "`x", "%x", "x\ty", "0x10", "a:b", "::a", "<T>", "\"a\" b",
	"[a # c]", "[\"q\", 'r']", "x:", "Vec<\n  u8>", "- x", "-x", "--- x",
	"...", "a\r\nb", "\xc3\xa9", "(.)", "$x", "\\x", ";", "=1", "^x",
};

static void indent(text *t, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		puts_(t, " ");
}

static void end_line(text *t, uint64_t *r)
{
	switch (pick(r, 12)) {
	case 0:
		puts_(t, " # note");
		break;
	case 1:
		puts_(t, "  ");
		break;
	case 2:
		puts_(t, "\n");
		break;
	default:
		break;
	}
	puts_(t, "\n");
	if (!pick(r, 10)) {
		indent(t, pick(r, 8));
		puts_(t, pick(r, 2) ? "# a comment\n" : "\n");
	}
}

static void gen_node(text *t, uint64_t *r, unsigned col, unsigned depth);

static void gen_scalar(text *t, uint64_t *r)
{
	/* mostly the subset, now and then anything */
	static const char *const plain[] = {"u8", "Vec<u8>", "T1", "(char, u8)",
					    "std::vec::Vec", "\"a b\"", "'c'"};
	if (pick(r, 4))
		puts_(t, plain[pick(r, sizeof(plain) / sizeof(*plain))]);
	else
		puts_(t, words[pick(r, sizeof(words) / sizeof(*words))]);
}

/* What follows "key:" or "-": a value on the line, or on the next lines. */
static void gen_value(text *t, uint64_t *r, unsigned col, unsigned depth,
		      bool map)
{
	unsigned c = pick(r, depth > 4 ? 3 : 7);
	if (c == 0) { /* nothing: an empty value */
		end_line(t, r);
	} else if (c <= 2) {
		puts_(t, " ");
		gen_scalar(t, r);
		end_line(t, r);
	} else if (c == 3 && !map) { /* a compact mapping */
		puts_(t, " ");
		unsigned kc = col + 2;
		unsigned n = 1 + pick(r, 3);
		for (unsigned i = 0; i < n; i++) {
			if (i)
				indent(t, kc);
			puts_(t, words[pick(r, 16)]);
			puts_(t, ":");
			gen_value(t, r, kc, depth + 1, true);
		}
	} else if (c == 4 && map && pick(r, 2)) { /* an indentless sequence */
		end_line(t, r);
		gen_node(t, r, col, depth + 1);
	} else {
		end_line(t, r);
		gen_node(t, r, col + 1 + pick(r, 3), depth + 1);
	}
}

static void gen_node(text *t, uint64_t *r, unsigned col, unsigned depth)
{
	unsigned n = 1 + pick(r, 4);
	if (pick(r, 2)) { /* a block mapping */
		for (unsigned i = 0; i < n; i++) {
			indent(t, col + (pick(r, 40) ? 0 : 1));
			static const char *const keys[] = {"f0", "struct", "T1",
							   "\"q k\"", "'s'", "enum",
							   "a b", "size"};
			puts_(t, keys[pick(r, 8)]);
			puts_(t, pick(r, 30) ? ":" : " :");
			gen_value(t, r, col, depth, true);
		}
	} else { /* a block sequence */
		for (unsigned i = 0; i < n; i++) {
			indent(t, col);
			puts_(t, "-");
			gen_value(t, r, col, depth, false);
		}
	}
}

static void gen_doc(text *t, uint64_t *r)
{
	t->len = 0;
	puts_(t, "");
	if (!pick(r, 20))
		puts_(t, "---\n");
	if (!pick(r, 8))
		puts_(t, "# header\n\n");
	gen_node(t, r, pick(r, 6) ? 0 : 2, 0);
	if (!pick(r, 8) && t->len) /* no final line break */
		t->len--;
	if (!pick(r, 30))
		puts_(t, "...\n");
}

/* A random edit: a character dropped or put in, a line doubled, an
 * indentation changed. */
static void mutate(text *t, uint64_t *r)
{
	if (!t->len)
		return;
	static const char ins[] = " \n:-#'\"[],&*!\t|>?{}%@\r\\x";
	size_t at = pick(r, (unsigned)t->len);
	switch (pick(r, 4)) {
	case 0:
		memmove(t->s + at, t->s + at + 1, t->len - at);
		t->len--;
		break;
	case 1: {
		char c = ins[pick(r, sizeof(ins) - 1)];
		put(t, " ", 1);
		memmove(t->s + at + 1, t->s + at, t->len - at - 1);
		t->s[at] = c;
		break;
	}
	case 2: { /* double the line holding `at` */
		size_t a = at, b = at;
		while (a > 0 && t->s[a - 1] != '\n')
			a--;
		while (b < t->len && t->s[b] != '\n')
			b++;
		size_t n = b - a + (b < t->len);
		char *line = malloc(n + 1);
		assert_non_null(line);
		memcpy(line, t->s + a, n);
		put(t, line, n);
		memmove(t->s + a + n, t->s + a, t->len - a - n);
		memcpy(t->s + a, line, n);
		free(line);
		break;
	}
	default: { /* one more or one fewer space at the line's start */
		size_t a = at;
		while (a > 0 && t->s[a - 1] != '\n')
			a--;
		if (t->s[a] == ' ' && pick(r, 2)) {
			memmove(t->s + a, t->s + a + 1, t->len - a);
			t->len--;
		} else {
			put(t, " ", 1);
			memmove(t->s + a + 1, t->s + a, t->len - a - 1);
			t->s[a] = ' ';
		}
		break;
	}
	}
}

static void test_generated(void **state)
{
	(void)state;
	/* TL_FAST_ROUNDS and TL_FAST_SEED run more or other texts by hand */
	const char *env = getenv("TL_FAST_ROUNDS");
	unsigned rounds = env ? (unsigned)strtoul(env, NULL, 10) : 3000;
	env = getenv("TL_FAST_SEED");
	uint64_t r = env ? strtoull(env, NULL, 10) | 1 : 0x9e3779b97f4a7c15u;
	text t = {0}, m = {0};
	tally all = {0};
	for (unsigned i = 0; i < rounds; i++) {
		gen_doc(&t, &r);
		compare("generated", t.s, t.len, &all);
		for (unsigned j = 0; j < 4; j++) {
			m.len = 0;
			put(&m, t.s, t.len);
			for (unsigned k = 1 + pick(&r, 2); k > 0; k--)
				mutate(&m, &r);
			compare("generated, edited", m.s, m.len, &all);
		}
	}
	/* the generator must reach the fast path's end often, or this
	 * would test little */
	assert_true(all.whole > all.texts / 10);
	print_message("%u texts, %u read to the end by the fast source\n",
		      all.texts, all.whole);
	free(t.s);
	free(m.s);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	text t = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		put(&t, buf, n);
	fclose(f);
	*len = t.len;
	if (!t.s)
		t.s = calloc(1, 1);
	return t.s;
}

static void walk(const char *dir, uint64_t *r, tally *all)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path, r, all);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".yaml"))
			continue;
		size_t len = 0;
		char *s = slurp(path, &len);
		assert_non_null(s);
		compare(path, s, len, all);
		text m = {0};
		for (unsigned j = 0; j < 40; j++) {
			m.len = 0;
			put(&m, s, len);
			mutate(&m, r);
			compare(path, m.s, m.len, all);
		}
		free(m.s);
		free(s);
	}
	closedir(d);
}

static void test_testdata(void **state)
{
	(void)state;
	uint64_t r = 12345;
	tally all = {0};
	walk(TL_SOURCE_DIR "/testdata", &r, &all);
	assert_true(all.texts > 1000);
	print_message("%u texts, %u read to the end by the fast source\n",
		      all.texts, all.whole);
}

/* The std prelude is read on every run: it is written in the fast
 * source's subset, so that libyaml never has to read it. */
/* The character check reads eight bytes at a time: every byte value in
 * every lane of the words and in the tail must be judged as one at a
 * time would (printable ASCII and '\n' are the subset's), and the events
 * must still be libyaml's. */
static void test_every_byte_everywhere(void **state)
{
	(void)state;
	static const char base[] = "key: abcdefghijklmnopq\n";
	size_t len = sizeof(base) - 1; /* 23: two words and a tail */
	tally t = {0, 0};
	for (size_t at = 5; at < len - 1; at++) {
		for (unsigned b = 1; b < 256; b++) {
			char s[sizeof(base)];
			memcpy(s, base, sizeof(base));
			s[at] = (char)b;
			bool subset = (b >= 0x20 && b < 0x7f) || b == '\n';
			tl_fast_diff d = tl_yaml_fast_diff(s, len);
			if (d.what)
				print_error("byte 0x%02x at %zu: event %zu differs (%s)\n",
					    b, at, d.event, d.what);
			assert_null(d.what);
			if (!subset && d.whole)
				print_error("byte 0x%02x at %zu: read as the subset\n", b, at);
			assert_true(subset || !d.whole);
			t.texts++;
			t.whole += d.whole;
		}
	}
	/* the plain letters at least were read to the end */
	assert_true(t.whole >= (len - 6) * 26);
}

static void test_prelude_is_in_the_subset(void **state)
{
	(void)state;
	FILE *f = fopen(TL_SOURCE_DIR "/src/data/prelude.yaml", "rb");
	assert_non_null(f);
	char *s = malloc(1 << 20);
	assert_non_null(s);
	size_t len = fread(s, 1, 1 << 20, f);
	fclose(f);
	assert_true(len > 0 && len < 1 << 20);
	tally t = {0};
	compare("prelude.yaml", s, len, &t);
	assert_int_equal(t.whole, 1);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_testdata),
		cmocka_unit_test(test_prelude_is_in_the_subset),
		cmocka_unit_test(test_every_byte_everywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
