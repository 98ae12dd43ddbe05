/*
 * The fast YAML event source against libyaml (tests/common/yaml_fast_diff.c):
 * shared by the unit test (test_yaml_fast) and the fuzz target
 * (fuzz_yaml_fast).
 */
#ifndef TL_TESTS_YAML_FAST_DIFF_H
#define TL_TESTS_YAML_FAST_DIFF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_fast_diff {
	const char *what;  /* NULL: the two streams agree */
	size_t event;      /* the index of the first event that differs */
	bool whole;        /* the fast source read the text to its end */
} tl_fast_diff;

/* Reads `s` with libyaml alone and with the YAML reader's feed (the fast
 * source, then libyaml from where it bails): they must agree event for
 * event, field for field, up to the end or up to libyaml's error (or the
 * depth at which the feed stops on purpose). */
tl_fast_diff tl_yaml_fast_diff(const char *s, size_t len);

#endif
