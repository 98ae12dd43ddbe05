/*
 * The JSON writer's strings (emit/outbuf.c): tl_out_jstr copies a string
 * that needs no escaping straight into the buffer and escapes the rest;
 * both paths, and the edge between them (64 bytes, the buffer's end),
 * must write what a plain escaper writes; and tl_out_jstr_cached what
 * tl_out_jstr writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "emit/outbuf.h"

/* The escaping json-output.md asks for, one byte at a time. */
static size_t reference(const char *s, char *out)
{
	size_t n = 0;
	out[n++] = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': n += (size_t)sprintf(out + n, "\\\""); break;
		case '\\': n += (size_t)sprintf(out + n, "\\\\"); break;
		case '\n': n += (size_t)sprintf(out + n, "\\n"); break;
		case '\t': n += (size_t)sprintf(out + n, "\\t"); break;
		case '\r': n += (size_t)sprintf(out + n, "\\r"); break;
		default:
			if (*p < 0x20)
				n += (size_t)sprintf(out + n, "\\u%04x", *p);
			else
				out[n++] = (char)*p;
		}
	}
	out[n++] = '"';
	return n;
}

/* A writer into memory: *text and *len hold what it wrote once
 * close_out has run. */
static tl_outbuf *open_out(char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	tl_outbuf *o = calloc(1, sizeof(*o));
	assert_non_null(o);
	o->f = open_memstream(text, len);
	assert_non_null(o->f);
	return o;
}

/* Flushes what is left, checks that every write went through, closes. */
static void close_out(tl_outbuf *o)
{
	tl_outbuf_flush(o);
	assert_false(o->error);
	fclose(o->f);
	free(o);
}

/* Writes `s` after `fill` bytes already in the buffer and compares what
 * reaches the file with the reference. */
static void check(const char *s, size_t fill)
{
	char *got;
	size_t gotlen;
	tl_outbuf *o = open_out(&got, &gotlen);
	for (size_t i = 0; i < fill; i++)
		tl_out_char(o, 'x');
	tl_out_jstr(o, s);
	close_out(o);
	char *want = malloc(strlen(s) * 6 + 3);
	assert_non_null(want);
	size_t wantlen = reference(s, want);
	assert_int_equal(gotlen, fill + wantlen);
	for (size_t i = 0; i < fill; i++)
		assert_int_equal(got[i], 'x');
	assert_memory_equal(got + fill, want, wantlen);
	free(want);
	free(got);
}

static void test_escapes(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", "u8", "Vec<u8>", "a\"b", "back\\slash", "line\nbreak",
		"tab\there", "cr\rhere", "\x01\x1f", "del\x7f", "utf-8: \xc3\xa9",
		"\"", "\\", "trailing\"",
	};
	size_t fills[] = {0, 1, (1 << 16) - 70, (1 << 16) - 66, (1 << 16) - 65,
			  (1 << 16) - 3, (1 << 16) - 1, 1 << 16};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (size_t k = 0; k < sizeof(fills) / sizeof(fills[0]); k++)
			check(cases[i], fills[k]);
}

/* Plain strings around the 64 bytes copied straight in, and a byte to
 * escape at every place near that edge. */
static void test_lengths(void **state)
{
	(void)state;
	char s[200];
	for (size_t len = 0; len < sizeof(s); len++) {
		memset(s, 'a', len);
		s[len] = '\0';
		check(s, 0);
		check(s, (1 << 16) - len - 1);
		if (len) {
			for (size_t at = len > 70 ? len - 70 : 0; at < len; at++) {
				s[at] = '"';
				check(s, 0);
				s[at] = 'a';
			}
		}
	}
}

/* The cached variant writes what the plain one writes: the same string
 * again and again, strings taking turns, one too long to cache, and
 * across the buffer's flushes. */
static void test_cached(void **state)
{
	(void)state;
	char longer[400];
	memset(longer, 'p', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	const char *const seq[] = {"/tmp/x.yaml", "/tmp/x.yaml", "a\"b", "a\"b",
				   "/tmp/x.yaml", longer, longer, "", ""};
	char *plain, *cached;
	size_t plainlen, cachedlen;
	tl_outbuf *op = open_out(&plain, &plainlen);
	tl_outbuf *oc = open_out(&cached, &cachedlen);
	tl_jstr_cache c = {0};
	/* enough rounds for the buffer to flush in the middle of some */
	for (int round = 0; round < 400; round++) {
		for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
			tl_out_jstr(op, seq[i]);
			tl_out_jstr_cached(oc, seq[i], &c);
		}
	}
	assert_true(oc->flushes > 2);
	close_out(op);
	close_out(oc);
	assert_int_equal(plainlen, cachedlen);
	assert_memory_equal(plain, cached, plainlen);
	free(plain);
	free(cached);
}

/* Numbers, two digits per division: every value to 100,000, each power
 * of ten and its neighbours, and the largest. */
static void test_numbers(void **state)
{
	(void)state;
	char *got, *want = NULL;
	size_t gotlen, wantlen = 0;
	tl_outbuf *o = open_out(&got, &gotlen);
	FILE *fw = open_memstream(&want, &wantlen);
	assert_non_null(fw);
	for (uint64_t v = 0; v <= 100000; v++) {
		tl_out_u64(o, v);
		tl_out_char(o, ' ');
		fprintf(fw, "%llu ", (unsigned long long)v);
	}
	for (uint64_t p = 10; p; p = p > UINT64_MAX / 10 ? 0 : p * 10)
		for (uint64_t v = p - 1; v <= p + 1; v++) {
			tl_out_u64(o, v);
			tl_out_char(o, ' ');
			fprintf(fw, "%llu ", (unsigned long long)v);
		}
	tl_out_u64(o, UINT64_MAX);
	fprintf(fw, "%llu", (unsigned long long)UINT64_MAX);
	close_out(o);
	fclose(fw);
	assert_int_equal(gotlen, wantlen);
	assert_memory_equal(got, want, wantlen);
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_cached),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
