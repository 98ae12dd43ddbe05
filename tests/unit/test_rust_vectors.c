/*
 * Every test vector of shared/spec/rust-layout.md section 11 (generated into
 * spec_vectors.inc / testdata/layout/spec_vectors.yaml), checked on both
 * shipped targets: size, align, Option size, largest niche, field offsets
 * and the tag or niche encoding.
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
#include "util/u128.h"

typedef struct vector {
	int no;
	const char *expr;
	uint64_t size, align, opt;
	int niche_off;
	const char *niche_start, *niche_end;
	const char *offsets;
	const char *tag;
} vector;

static const vector vectors[] = {
#include "spec_vectors.inc"
};

static tl_u128 parse_val(const char *s, uint32_t width)
{
	if (!strcmp(s, "MAX"))
		return tl_u128_max_bytes(width);
	tl_u128 v = 0;
	tl_u128_parse(s, strlen(s), &v);
	return v;
}

static unsigned width_of(const char *ty)
{
	if (!strcmp(ty, "ptr"))
		return 8;
	return (unsigned)atoi(ty + 1) / 8;
}

static int check_tag(const vector *v, const tl_layout *l, char *why, size_t n)
{
	char ty[16], s1[48], s2[48];
	unsigned u, a, b;
	if (sscanf(v->tag, "tag %15s %47[^.]..=%47s", ty, s1, s2) == 3) {
		unsigned w = width_of(ty);
		if (l->tag.encoding != TL_TAG_DIRECT || l->tag.size != w ||
		    l->tag.valid_start != parse_val(s1, w) ||
		    l->tag.valid_end != parse_val(s2, w)) {
			snprintf(why, n, "tag: want %s", v->tag);
			return 1;
		}
		return 0;
	}
	if (sscanf(v->tag, "niche in %15[^:]: untagged v%u, v%u..=v%u start %47s",
		   ty, &u, &a, &b, s1) == 5) {
		unsigned w = width_of(ty);
		tl_u128 start = 0;
		if (!strncmp(s1, "2^63", 4))
			start = (tl_u128)1 << 63;
		else
			start = parse_val(s1, w);
		if (l->tag.encoding != TL_TAG_NICHE || l->tag.size != w ||
		    l->tag.untagged != u || l->tag.niche_first != a ||
		    l->tag.niche_last != b || l->tag.niche_start != start) {
			snprintf(why, n, "tag: want %s (got enc %d size %u untagged %u %u..=%u)",
				 v->tag, l->tag.encoding, l->tag.size, l->tag.untagged,
				 l->tag.niche_first, l->tag.niche_last);
			return 1;
		}
	}
	return 0;
}

static int check_one(tl_ctx *ctx, const vector *v, const tl_target *t,
		     char *why, size_t n)
{
	tl_type_id id, opt;
	const tl_layout *l, *ol;
	char buf[256];
	snprintf(buf, sizeof(buf), "Option<%s>", v->expr);
	if (tl_parse_type(ctx, v->expr, &id) || tl_parse_type(ctx, buf, &opt) ||
	    tl_layout_of(ctx, id, t, &l) || tl_layout_of(ctx, opt, t, &ol)) {
		snprintf(why, n, "no layout");
		return 1;
	}
	if (l->size != v->size || l->align != v->align || ol->size != v->opt) {
		snprintf(why, n, "size/align/option: want %llu/%llu/%llu got %llu/%llu/%llu",
			 (unsigned long long)v->size, (unsigned long long)v->align,
			 (unsigned long long)v->opt, (unsigned long long)l->size,
			 (unsigned long long)l->align, (unsigned long long)ol->size);
		return 1;
	}
	if (v->niche_off < 0 ? l->niche.present :
	    (!l->niche.present || l->niche.offset != (uint64_t)v->niche_off ||
	     l->niche.start != parse_val(v->niche_start, l->niche.size) ||
	     l->niche.end != parse_val(v->niche_end, l->niche.size))) {
		char a[48], b[48];
		snprintf(why, n, "niche: want @%d %s..=%s, got %s@%llu %s..=%s",
			 v->niche_off, v->niche_start, v->niche_end,
			 l->niche.present ? "" : "(none) ",
			 (unsigned long long)l->niche.offset,
			 tl_u128_str(l->niche.start, a), tl_u128_str(l->niche.end, b));
		return 1;
	}
	if (v->offsets[0]) {
		char got[128] = "";
		size_t k = 0;
		for (uint32_t i = 0; i < l->nfields; i++)
			k += (size_t)snprintf(got + k, sizeof(got) - k, "%s%llu",
					      i ? ", " : "",
					      (unsigned long long)l->offsets[i]);
		if (strcmp(got, v->offsets)) {
			snprintf(why, n, "offsets: want %s got %s", v->offsets, got);
			return 1;
		}
	}
	return v->tag[0] ? check_tag(v, l, why, n) : 0;
}

static void spec_vectors_match_rustc(void **state)
{
	(void)state;
	tl_ctx *ctx;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	assert_int_equal(tl_load_file(ctx, TL_SOURCE_DIR
				      "/testdata/layout/spec_vectors.yaml", NULL), TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	int failures = 0;
	size_t checked = 0;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		for (size_t k = 0; k < tl_target_builtin_count(); k++) {
			const tl_target *t = tl_target_builtin(k);
			char why[256];
			if (check_one(ctx, &vectors[i], t, why, sizeof(why))) {
				printf("vector %d %s [%s]: %s\n", vectors[i].no,
				       vectors[i].expr, t->triple, why);
				failures++;
			}
			checked++;
		}
	}
	for (size_t i = 0; i < tl_diag_count(ctx) && failures; i++)
		printf("diag: %s\n", tl_diag_get(ctx, i)->message);
	printf("spec vectors: %zu checks, %d failures\n", checked, failures);
	tl_ctx_free(ctx);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_vectors_match_rustc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
