/* Strings: the string table (interning, and the notes an interned string
 * carries before its text: the context's definitions by name, a front
 * end's map of shared type nodes, tl_noted), and a string buffer started
 * in the caller's array (tl_strbuf_on). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/hashmap.h"
#include "util/strbuf.h"

/* Equal text, equal pointer, through a resize; the text is NUL-ended and
 * both notes start NULL. */
static void intern_is_identity(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_strtab t;
	tl_strtab_init(&t);
	const char *first[1000];
	char buf[32];
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(buf, sizeof(buf), "T%d", i);
		first[i] = tl_strtab_intern(&t, &a, buf, (size_t)n);
		assert_non_null(first[i]);
		assert_string_equal(first[i], buf);
		assert_null(*tl_strtab_note(first[i], TL_NOTE_DEFS));
		assert_null(*tl_strtab_note(first[i], TL_NOTE_FRONT));
	}
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(buf, sizeof(buf), "T%d", i);
		assert_ptr_equal(tl_strtab_intern(&t, &a, buf, (size_t)n), first[i]);
		assert_ptr_equal(tl_strtab_find(&t, buf, (size_t)n), first[i]);
	}
	assert_null(tl_strtab_find(&t, "T1000", 5));
	assert_int_equal(t.len, 1000);
	tl_strtab_release(&t);
	tl_arena_release(&a);
}

/* A note is the string's own: setting one leaves the other, the text and
 * every other string alone. */
static void notes_are_separate(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_strtab t;
	tl_strtab_init(&t);
	const char *x = tl_strtab_intern(&t, &a, "x", 1);
	const char *y = tl_strtab_intern(&t, &a, "y", 1);
	int dx, fx;
	*tl_strtab_note(x, TL_NOTE_DEFS) = &dx;
	*tl_strtab_note(x, TL_NOTE_FRONT) = &fx;
	assert_ptr_equal(*tl_strtab_note(x, TL_NOTE_DEFS), &dx);
	assert_ptr_equal(*tl_strtab_note(x, TL_NOTE_FRONT), &fx);
	assert_null(*tl_strtab_note(y, TL_NOTE_DEFS));
	assert_null(*tl_strtab_note(y, TL_NOTE_FRONT));
	assert_string_equal(x, "x");
	assert_string_equal(y, "y");
	tl_strtab_release(&t);
	tl_arena_release(&a);
}

/* tl_noted: values found by key, replaced in place, and all gone after a
 * clear (a second reader starts from nothing), the context's note kept. */
static void noted_map_clears(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_strtab t;
	tl_strtab_init(&t);
	const char *k[600];
	int v[600], w;
	char buf[32];
	tl_noted m = {0};
	for (int i = 0; i < 600; i++) {
		int n = snprintf(buf, sizeof(buf), "name%d", i);
		k[i] = tl_strtab_intern(&t, &a, buf, (size_t)n);
		assert_null(tl_noted_get(k[i]));
		assert_int_equal(tl_noted_put(&m, k[i], &v[i]), 0);
	}
	*tl_strtab_note(k[7], TL_NOTE_DEFS) = &w;
	assert_int_equal(tl_noted_put(&m, k[3], &w), 0); /* replaced, not listed twice */
	assert_int_equal(m.len, 600);
	for (int i = 0; i < 600; i++)
		assert_ptr_equal(tl_noted_get(k[i]), i == 3 ? &w : &v[i]);
	tl_noted_clear(&m);
	assert_int_equal(m.len, 0);
	for (int i = 0; i < 600; i++)
		assert_null(tl_noted_get(k[i]));
	assert_ptr_equal(*tl_strtab_note(k[7], TL_NOTE_DEFS), &w);
	tl_strtab_release(&t);
	tl_arena_release(&a);
}

/* In the caller's array while it fits; past that on the heap, with what
 * was written kept; releasing frees only the heap's. */
static void strbuf_on_the_stack_then_the_heap(void **state)
{
	(void)state;
	char small[8];
	tl_strbuf sb;
	tl_strbuf_on(&sb, small, sizeof(small));
	assert_string_equal(tl_strbuf_cstr(&sb), "");
	tl_strbuf_puts(&sb, "abc");
	tl_strbuf_add_u64(&sb, 42);
	assert_ptr_equal(sb.buf, small);
	assert_string_equal(tl_strbuf_cstr(&sb), "abc42");
	tl_strbuf_puts(&sb, ".field.0");
	assert_ptr_not_equal(sb.buf, small);
	assert_false(sb.oom);
	assert_string_equal(tl_strbuf_cstr(&sb), "abc42.field.0");
	assert_int_equal(sb.len, 13);
	tl_strbuf_release(&sb);
	tl_strbuf_on(&sb, small, sizeof(small));
	tl_strbuf_puts(&sb, "x");
	tl_strbuf_release(&sb); /* nothing to free: ASan and valgrind say */
	assert_null(sb.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intern_is_identity),
		cmocka_unit_test(notes_are_separate),
		cmocka_unit_test(noted_map_clears),
		cmocka_unit_test(strbuf_on_the_stack_then_the_heap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
