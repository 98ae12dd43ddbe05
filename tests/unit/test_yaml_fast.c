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

#include "front/front_yaml_int.h"

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

/* ---- comparing two event streams ---- */

static bool same_str(const yaml_char_t *a, const yaml_char_t *b)
{
	if (!a || !b)
		return a == b;
	return strcmp((const char *)a, (const char *)b) == 0;
}

static bool same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* NULL when the events are the same, else what differs. */
static const char *differ(const yaml_event_t *a, const yaml_event_t *b)
{
	if (a->type != b->type)
		return "type";
	if (!same_mark(a->start_mark, b->start_mark))
		return "start mark";
	if (!same_mark(a->end_mark, b->end_mark))
		return "end mark";
	switch (a->type) {
	case YAML_STREAM_START_EVENT:
		return a->data.stream_start.encoding == b->data.stream_start.encoding
			       ? NULL : "encoding";
	case YAML_DOCUMENT_START_EVENT:
		if (a->data.document_start.implicit != b->data.document_start.implicit)
			return "implicit";
		if (!a->data.document_start.version_directive !=
			    !b->data.document_start.version_directive ||
		    (a->data.document_start.tag_directives.start !=
		     a->data.document_start.tag_directives.end) !=
			    (b->data.document_start.tag_directives.start !=
			     b->data.document_start.tag_directives.end))
			return "directives";
		return NULL;
	case YAML_DOCUMENT_END_EVENT:
		return a->data.document_end.implicit == b->data.document_end.implicit
			       ? NULL : "implicit";
	case YAML_ALIAS_EVENT:
		return same_str(a->data.alias.anchor, b->data.alias.anchor)
			       ? NULL : "anchor";
	case YAML_SCALAR_EVENT:
		if (a->data.scalar.length != b->data.scalar.length ||
		    memcmp(a->data.scalar.value, b->data.scalar.value,
			   a->data.scalar.length) ||
		    b->data.scalar.value[b->data.scalar.length] != '\0')
			return "value";
		if (!same_str(a->data.scalar.anchor, b->data.scalar.anchor) ||
		    !same_str(a->data.scalar.tag, b->data.scalar.tag))
			return "anchor or tag";
		if (a->data.scalar.plain_implicit != b->data.scalar.plain_implicit ||
		    a->data.scalar.quoted_implicit != b->data.scalar.quoted_implicit)
			return "implicit";
		return a->data.scalar.style == b->data.scalar.style ? NULL : "style";
	case YAML_SEQUENCE_START_EVENT:
		if (!same_str(a->data.sequence_start.anchor, b->data.sequence_start.anchor) ||
		    !same_str(a->data.sequence_start.tag, b->data.sequence_start.tag))
			return "anchor or tag";
		if (a->data.sequence_start.implicit != b->data.sequence_start.implicit)
			return "implicit";
		return a->data.sequence_start.style == b->data.sequence_start.style
			       ? NULL : "style";
	case YAML_MAPPING_START_EVENT:
		if (!same_str(a->data.mapping_start.anchor, b->data.mapping_start.anchor) ||
		    !same_str(a->data.mapping_start.tag, b->data.mapping_start.tag))
			return "anchor or tag";
		if (a->data.mapping_start.implicit != b->data.mapping_start.implicit)
			return "implicit";
		return a->data.mapping_start.style == b->data.mapping_start.style
			       ? NULL : "style";
	default:
		return NULL;
	}
}

typedef struct tally {
	unsigned texts;
	unsigned whole;   /* texts the fast source read to the end */
} tally;

static void fail_on(const char *what, const char *s, size_t len, size_t k,
		    const char *why)
{
	print_error("%s: event %zu differs (%s) on this text:\n---\n%.*s\n---\n",
		    what, k, why, (int)len, s);
	fail();
}

/* Reads `s` with libyaml alone and with the reader's feed; they must
 * agree up to the end or up to libyaml's error (or the depth at which the
 * feed stops). */
static void compare(const char *what, const char *s, size_t len, tally *t)
{
	yaml_parser_t ref, par;
	assert_true(yaml_parser_initialize(&ref));
	assert_true(yaml_parser_initialize(&par));
	yaml_parser_set_input_string(&ref, (const unsigned char *)s, len);
	yaml_parser_set_encoding(&ref, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&par, (const unsigned char *)s, len);
	yaml_parser_set_encoding(&par, YAML_UTF8_ENCODING);
	yl_feed f;
	assert_true(yl_feed_start(&f, &par, s, len, 1, NULL, 0));
	unsigned depth = 0;
	for (size_t k = 0;; k++) {
		yaml_event_t ev;
		int ok = yaml_parser_parse(&ref, &ev);
		const yaml_event_t *got = yl_feed_next(&f);
		if (!ok) {
			if (got)
				fail_on(what, s, len, k, "libyaml fails here, the feed does not");
			assert_true(f.failed);
			assert_int_equal(ref.error, par.error);
			assert_true(same_mark(ref.problem_mark, par.problem_mark));
			break;
		}
		if (!got) {
			yaml_event_delete(&ev);
			if (depth > TL_YAML_MAX_DEPTH)
				break; /* the feed stops there on purpose */
			fail_on(what, s, len, k, "the feed ends early");
		}
		const char *why = differ(&ev, got);
		if (why)
			fail_on(what, s, len, k, why);
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			 ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	t->texts++;
	if (!f.fast.bailed)
		t->whole++;
	yl_feed_stop(&f, NULL, 0);
	yaml_parser_delete(&ref);
	yaml_parser_delete(&par);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_testdata),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
