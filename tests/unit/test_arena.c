/* The arena: scratch memory in stack order (tl_arena_get_mark and
 * tl_arena_rewind), the way the layout engine uses it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"

static void all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(p[i], 0);
}

/* What an outer frame made stays; what an inner frame made after its own
 * mark is given back, and comes back zero-filled. */
static void rewind_keeps_outer_and_reuses_inner(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_arena_mark outer = tl_arena_get_mark(&a);
	unsigned char *keep = tl_arena_alloc(&a, 100);
	assert_non_null(keep);
	memset(keep, 0xAB, 100);
	size_t used = a.used;
	for (int round = 0; round < 3; round++) {
		tl_arena_mark inner = tl_arena_get_mark(&a);
		unsigned char *tmp = tl_arena_alloc(&a, 64);
		assert_non_null(tmp);
		all_zero(tmp, 64);
		memset(tmp, 0xCD, 64);
		tl_arena_rewind(&a, inner);
		assert_int_equal(a.used, used);
	}
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(keep[i], 0xAB);
	tl_arena_rewind(&a, outer);
	assert_int_equal(a.used, 0);
	tl_arena_release(&a);
}

/* An inner frame that outgrows the block in hand takes new blocks; the
 * rewind keeps them for the next frame, and the outer data is untouched. */
static void rewind_across_blocks(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	unsigned char *keep = tl_arena_alloc(&a, 16);
	assert_non_null(keep);
	memset(keep, 0x5A, 16);
	for (int round = 0; round < 4; round++) {
		tl_arena_mark m = tl_arena_get_mark(&a);
		for (int i = 0; i < 200; i++) {
			unsigned char *p = tl_arena_alloc(&a, 1000);
			assert_non_null(p);
			all_zero(p, 1000);
			memset(p, 0xEE, 1000);
		}
		tl_arena_rewind(&a, m);
	}
	for (size_t i = 0; i < 16; i++)
		assert_int_equal(keep[i], 0x5A);
	unsigned char *after = tl_arena_alloc(&a, 5000);
	assert_non_null(after);
	all_zero(after, 5000);
	tl_arena_release(&a);
}

/* A mark taken on an empty arena rewinds to empty. */
static void rewind_from_empty(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_arena_mark m = tl_arena_get_mark(&a);
	assert_non_null(tl_arena_alloc(&a, 10000));
	tl_arena_rewind(&a, m);
	assert_int_equal(a.used, 0);
	unsigned char *p = tl_arena_alloc(&a, 10000);
	assert_non_null(p);
	all_zero(p, 10000);
	tl_arena_release(&a);
}

/* Raw memory: aligned like any other, an overflowing array refused, and
 * a zero-filled allocation after it still zero-filled. */
static void raw_allocations(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_arena_mark m = tl_arena_get_mark(&a);
	unsigned char *p = tl_arena_array_raw(&a, 40, 1);
	assert_non_null(p);
	memset(p, 0xEE, 40);
	tl_arena_rewind(&a, m);
	uint64_t *q = tl_arena_array_raw(&a, 5, sizeof(*q));
	assert_non_null(q);
	assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
	for (int i = 0; i < 5; i++)
		q[i] = (uint64_t)i;
	assert_null(tl_arena_array_raw(&a, SIZE_MAX / 2, 4));
	tl_arena_rewind(&a, m);
	all_zero(tl_arena_array(&a, 5, sizeof(uint64_t)), 5 * sizeof(uint64_t));
	tl_arena_release(&a);
}

/* An arena told it will be large starts with a large block: a megabyte
 * lands right after the first byte, in the same block. */
static void expected_size_starts_large(void **state)
{
	(void)state;
	tl_arena a;
	tl_arena_init(&a);
	tl_arena_expect(&a, (size_t)64 << 20);
	unsigned char *first = tl_arena_alloc(&a, 1);
	unsigned char *big = tl_arena_alloc(&a, (size_t)1 << 20);
	assert_non_null(first);
	assert_non_null(big);
#ifndef TL_ARENA_DEBUG
	assert_ptr_equal(big, first + _Alignof(max_align_t));
#endif
	all_zero(big, (size_t)1 << 20);
	tl_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rewind_keeps_outer_and_reuses_inner),
		cmocka_unit_test(rewind_across_blocks),
		cmocka_unit_test(rewind_from_empty),
		cmocka_unit_test(raw_allocations),
		cmocka_unit_test(expected_size_starts_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
