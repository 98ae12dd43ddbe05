/*
 * The c-layout.md section 8 vectors that YAML can express
 * (testdata/layout/c_vectors.yaml), with the spec's numbers, on both
 * shipped targets: repr(C), packed, align and bit-fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "typelayout.h"

static const struct {
	const char *name;
	uint64_t size, align;
	const char *offsets; /* "name=bytes" or "name@bitN" */
} rows[] = {
	{"V01", 12, 4, "i=4 s=8"},
	{"V02", 16, 8, "d=8"},
	{"V04", 8, 4, "c=4"},
	{"V05", 12, 4, "c=8"},
	{"V06", 8, 4, ""},
	{"V10", 4, 4, "z=4"},
	{"V11", 0, 1, ""},
	{"V12", 8, 4, "e=1 i=4"},
	{"V14", 4, 4, "b@bit8 c@bit11"},
	{"V15", 8, 4, "a@bit0 b@bit32"},
	{"V16", 8, 4, "b@bit32"},
	{"V17", 8, 8, "x@bit8"},
	{"V18", 16, 8, "x@bit64"},
	{"V26", 8, 4, "c=4 a@bit0 b@bit1"},
	{"V27", 8, 8, "a@bit0"},
	{"V28", 8, 4, "x@bit32"},
	{"V29", 4, 4, "b=1 a@bit0"},
	{"V37", 7, 1, "i=1 s=5"},
	{"V39", 16, 16, "i=4"},
	{"V48", 14, 2, "i=2 d=6"},
	{"V52", 9, 1, "in=1"},
	{"V56", 24, 8, "in=8"},
};

static int check_field(tl_ctx *ctx, const tl_def *d, const tl_layout *l,
		       const char *spec)
{
	char name[32];
	unsigned long long want;
	bool bit = strchr(spec, '@') != NULL;
	if (sscanf(spec, bit ? "%31[^@]@bit%llu" : "%31[^=]=%llu", name, &want) != 2)
		return 1;
	(void)ctx;
	for (uint32_t i = 0; i < d->nfields; i++) {
		if (strcmp(d->fields[i].name, name))
			continue;
		uint64_t got = bit ? (l->bit_offsets ? l->bit_offsets[i] : ~0ull) :
			l->offsets[i];
		if (got != want) {
			printf("  %s: want %llu got %llu\n", spec, want,
			       (unsigned long long)got);
			return 1;
		}
		return 0;
	}
	printf("  %s: no such field\n", spec);
	return 1;
}

static void c_vectors_in_yaml_match_clang(void **state)
{
	(void)state;
	tl_ctx *ctx;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	assert_int_equal(tl_load_file(ctx, TL_SOURCE_DIR "/testdata/layout/c_vectors.yaml",
				      NULL), TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	int failures = 0;
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		tl_type_id id = 0;
		assert_int_equal(tl_find_types(ctx, rows[r].name, &id, 1), 1);
		const tl_def *d = tl_type_get(ctx, id)->def;
		for (size_t k = 0; k < tl_target_builtin_count(); k++) {
			const tl_layout *l;
			assert_int_equal(tl_layout_of(ctx, id, tl_target_builtin(k), &l), TL_OK);
			int bad = l->size != rows[r].size || l->align != rows[r].align;
			if (bad)
				printf("  size/align: want %llu/%llu got %llu/%llu\n",
				       (unsigned long long)rows[r].size,
				       (unsigned long long)rows[r].align,
				       (unsigned long long)l->size,
				       (unsigned long long)l->align);
			char buf[128];
			snprintf(buf, sizeof(buf), "%s", rows[r].offsets);
			char *save = NULL;
			for (char *tok = strtok_r(buf, " ", &save); tok;
			     tok = strtok_r(NULL, " ", &save))
				bad |= check_field(ctx, d, l, tok);
			if (bad) {
				printf("%s [%s] differs from the spec\n", rows[r].name,
				       tl_target_builtin(k)->triple);
				failures++;
			}
		}
	}
	tl_ctx_free(ctx);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c_vectors_in_yaml_match_clang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
