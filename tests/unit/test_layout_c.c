/*
 * The C layout engine against every vector of shared/spec/c-layout.md
 * section 8, for x86_64 and aarch64: the vectors are parsed through the C
 * front end (libclang) and laid out by our engine; the numbers are the
 * spec's. A few cases build the model directly, so the engine's target
 * switches are pinned without libclang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "layout/layout_c.h"
#include "typelayout/cfront.h"

#include "c_vectors.inc"

typedef struct fixture {
	tl_ctx *ctx;
	char dir[64];
	char path[96];
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/tl_test_c_XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof(fx->path), "%s/vectors.h", fx->dir);
	FILE *f = fopen(fx->path, "w");
	assert_non_null(f);
	fputs(c_vectors_src, f);
	fclose(f);
	assert_int_equal(tl_ctx_new(&fx->ctx), TL_OK);
	tl_c_opts o = TL_C_OPTS_INIT;
	const char *in[] = {fx->path};
	o.verify = true;
	tl_status st = tl_load_c(fx->ctx, in, 1, &o);
	for (size_t i = 0; i < tl_diag_count(fx->ctx); i++)
		print_message("%s\n", tl_diag_get(fx->ctx, i)->message);
	assert_int_equal(st, TL_OK);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	unlink(fx->path);
	rmdir(fx->dir);
	tl_ctx_free(fx->ctx);
	free(fx);
	return 0;
}

static const tl_def *find_def(tl_ctx *ctx, const char *name, size_t target)
{
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (!strcmp(d->name, name) &&
		    (!d->target_mask || (d->target_mask & (1u << target))))
			return d;
	}
	return NULL;
}

/* Bit offset of a (dotted) member path from the start of `def`, looking
 * through anonymous members as offsetof does. */
static bool member_bits(tl_ctx *ctx, const tl_target *t, const tl_def *def,
			const char *path, uint64_t *out)
{
	const tl_layout *l;
	size_t n = strcspn(path, ".");
	if (tl_layout_of(ctx, tl_def_type(ctx, def), t, &l))
		return false;
	for (uint32_t i = 0; i < def->nfields; i++) {
		const tl_field *f = &def->fields[i];
		uint64_t here = l->bit_offsets ? l->bit_offsets[i] : l->offsets[i] * 8;
		const tl_type *ft = tl_type_get(ctx, f->type);
		uint64_t sub;
		if (strlen(f->name) == n && !strncmp(f->name, path, n)) {
			if (!path[n]) {
				*out = here;
				return true;
			}
			if (ft->kind == TL_TY_ADT &&
			    member_bits(ctx, t, ft->def, path + n + 1, &sub)) {
				*out = here + sub;
				return true;
			}
		} else if (!*f->name && f->bit_width < 0 && ft->kind == TL_TY_ADT &&
			   member_bits(ctx, t, ft->def, path, &sub)) {
			*out = here + sub;
			return true;
		}
	}
	return false;
}

static void check_offsets(tl_ctx *ctx, const tl_target *t, const tl_def *def,
			  const char *spec)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", spec);
	for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		char *at = strstr(tok, "@bit"), *eq = strchr(tok, '=');
		uint64_t want, got = UINT64_MAX;
		if (at) {
			*at = 0;
			want = strtoull(at + 4, NULL, 10);
		} else {
			assert_non_null(eq);
			*eq = 0;
			want = strtoull(eq + 1, NULL, 10) * 8;
		}
		if (!member_bits(ctx, t, def, tok, &got))
			fail_msg("%s: no member '%s'", def->name, tok);
		if (got != want)
			fail_msg("%s on %s: '%s' at bit %llu, spec says %llu",
				 def->name, t->triple, tok,
				 (unsigned long long)got, (unsigned long long)want);
	}
}

static void spec_vectors_on_both_targets(void **state)
{
	fixture *fx = *state;
	for (size_t ti = 0; ti < 2; ti++) {
		const tl_target *t = tl_target_builtin(ti);
		for (size_t i = 0; i < sizeof(c_vectors) / sizeof(c_vectors[0]); i++) {
			const c_vector *v = &c_vectors[i];
			const tl_def *d = find_def(fx->ctx, v->name, ti);
			const tl_layout *l;
			if (!d)
				fail_msg("'%s' was not loaded", v->name);
			assert_int_equal(tl_layout_of(fx->ctx, tl_def_type(fx->ctx, d),
						      t, &l), TL_OK);
			unsigned size = ti ? v->a_size : v->x_size;
			unsigned align = ti ? v->a_align : v->x_align;
			if (l->size != size || l->align != align)
				fail_msg("%s on %s: %llu/%llu, spec says %u/%u", v->name,
					 t->triple, (unsigned long long)l->size,
					 (unsigned long long)l->align, size, align);
			check_offsets(fx->ctx, t, d, ti && v->aarch64_offsets ?
				      v->aarch64_offsets : v->offsets);
		}
	}
}

static void spec_vectors_agree_with_clang(void **state)
{
	fixture *fx = *state;
	size_t checked = 0, failed = 0;
	assert_int_equal(tl_verify_c(fx->ctx, &checked, &failed), TL_OK);
	for (size_t i = 0; i < tl_diag_count(fx->ctx); i++)
		print_message("%s\n", tl_diag_get(fx->ctx, i)->message);
	assert_true(checked >= 2 * 60);
	assert_int_equal(failed, 0);
}

static void unnamed_bitfields_differ_between_targets(void **state)
{
	fixture *fx = *state;
	/* one definition for both targets: the source is the same, the
	 * engine's target switch makes the difference (V19, V20) */
	const tl_def *d = find_def(fx->ctx, "struct V19", 0);
	assert_non_null(d);
	assert_int_equal(d->target_mask, 0);
	const tl_layout *x, *a;
	assert_int_equal(tl_layout_of(fx->ctx, tl_def_type(fx->ctx, d),
				      tl_target_builtin(0), &x), TL_OK);
	assert_int_equal(tl_layout_of(fx->ctx, tl_def_type(fx->ctx, d),
				      tl_target_builtin(1), &a), TL_OK);
	assert_int_equal(x->align, 1);
	assert_int_equal(a->align, 4);
	assert_non_null(x->bit_offsets);
	assert_int_equal(x->bit_offsets[1], 8);
}

/* ---- models built directly, no libclang ---- */

static tl_def *model_struct(tl_ctx *ctx, const char *name, tl_field *fields,
			    uint32_t n)
{
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	assert_non_null(d);
	d->name = tl_intern_cstr(ctx, name);
	d->lang = TL_LANG_C;
	d->kind = TL_DEF_STRUCT;
	d->repr.flags = TL_REPR_C;
	d->fields = fields;
	d->nfields = n;
	assert_int_equal(tl_def_add(ctx, d), 0);
	return d;
}

static void zero_width_bitfield_built_by_hand(void **state)
{
	(void)state;
	tl_ctx *ctx;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	tl_type_id ch = tl_type_prim(ctx, TL_PRIM_C_CHAR);
	tl_type_id in = tl_type_prim(ctx, TL_PRIM_C_INT);
	tl_field *f = tl_arena_array(&ctx->arena, 3, sizeof(*f));
	f[0] = (tl_field){.name = "c", .type = ch, .bit_width = -1};
	f[1] = (tl_field){.name = "", .type = in, .bit_width = 0};
	f[2] = (tl_field){.name = "d", .type = ch, .bit_width = -1};
	tl_def *d = model_struct(ctx, "struct V20", f, 3);
	const tl_layout *x, *a;
	assert_int_equal(tl_layout_of(ctx, tl_def_type(ctx, d), tl_target_builtin(0), &x), TL_OK);
	assert_int_equal(tl_layout_of(ctx, tl_def_type(ctx, d), tl_target_builtin(1), &a), TL_OK);
	assert_int_equal(x->size, 5);
	assert_int_equal(x->align, 1);
	assert_int_equal(a->size, 8);
	assert_int_equal(a->align, 4);
	assert_int_equal(x->offsets[2], 4);
	tl_ctx_free(ctx);
}

static void pragma_pack_caps_member_aligned_built_by_hand(void **state)
{
	(void)state;
	tl_ctx *ctx;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	tl_field *f = tl_arena_array(&ctx->arena, 2, sizeof(*f));
	f[0] = (tl_field){.name = "c", .type = tl_type_prim(ctx, TL_PRIM_C_CHAR),
			  .bit_width = -1};
	f[1] = (tl_field){.name = "i", .type = tl_type_prim(ctx, TL_PRIM_C_INT),
			  .bit_width = -1, .c_align = 16};
	tl_def *d = model_struct(ctx, "struct V49", f, 2);
	d->c_pack = 2;
	const tl_layout *l;
	assert_int_equal(tl_layout_of(ctx, tl_def_type(ctx, d), tl_target_builtin(0), &l), TL_OK);
	assert_int_equal(l->size, 6);
	assert_int_equal(l->align, 2);
	assert_int_equal(l->offsets[1], 2);
	tl_ctx_free(ctx);
}

static void enum_type_from_values_built_by_hand(void **state)
{
	(void)state;
	tl_ctx *ctx;
	assert_int_equal(tl_ctx_new(&ctx), TL_OK);
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	tl_variant *v = tl_arena_array(&ctx->arena, 2, sizeof(*v));
	v[0] = (tl_variant){.name = "A", .disc = -1};
	v[1] = (tl_variant){.name = "B", .disc = 0x80000000};
	*d = (tl_def){.name = "enum V54", .lang = TL_LANG_C, .kind = TL_DEF_ENUM,
		      .variants = v, .nvariants = 2};
	assert_int_equal(tl_def_add(ctx, d), 0);
	const tl_layout *l;
	assert_int_equal(tl_layout_of(ctx, tl_def_type(ctx, d), tl_target_builtin(0), &l), TL_OK);
	assert_int_equal(l->size, 8);
	d->repr.flags = TL_REPR_PACKED;
	v[0].disc = 0;
	v[1].disc = 255;
	assert_int_equal(tl_c_enum_int_type(tl_target_builtin(0), d), TL_PRIM_C_UCHAR);
	tl_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_vectors_on_both_targets),
		cmocka_unit_test(spec_vectors_agree_with_clang),
		cmocka_unit_test(unnamed_bitfields_differ_between_targets),
	};
	const struct CMUnitTest model_tests[] = {
		cmocka_unit_test(zero_width_bitfield_built_by_hand),
		cmocka_unit_test(pragma_pack_caps_member_aligned_built_by_hand),
		cmocka_unit_test(enum_type_from_values_built_by_hand),
	};
	int rc = cmocka_run_group_tests_name("c_spec_vectors", tests, setup, teardown);
	return rc | cmocka_run_group_tests_name("c_models", model_tests, NULL, NULL);
}
