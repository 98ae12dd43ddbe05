/*
 * Rust engine edge cases built with the model constructors directly (no
 * front end): reordering, enums, niches, errors for infinite and too-big
 * types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/ctx_internal.h"
#include "typelayout.h"

static const tl_target *x64(void)
{
	return tl_target_find("x86_64");
}

static tl_type_id P(tl_ctx *ctx, tl_prim p)
{
	return tl_type_prim(ctx, p);
}

/* A struct (or closure/union) with fields of the given types. */
static tl_def *mk_struct(tl_ctx *ctx, const char *name, tl_def_kind kind,
			 uint32_t flags, const tl_type_id *types, uint32_t n)
{
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	d->name = name;
	d->kind = kind;
	d->repr.flags = flags;
	d->fields = tl_arena_array(&ctx->arena, n + 1, sizeof(tl_field));
	d->nfields = n;
	for (uint32_t i = 0; i < n; i++) {
		d->fields[i].name = "f";
		d->fields[i].type = types[i];
		d->fields[i].bit_width = -1;
	}
	tl_def_add(ctx, d);
	return d;
}

/* An enum whose variant i has one field of type types[i] (0 = unit). */
static tl_def *mk_enum(tl_ctx *ctx, const char *name, const tl_type_id *types,
		       uint32_t n)
{
	tl_def *d = tl_arena_alloc(&ctx->arena, sizeof(*d));
	d->name = name;
	d->kind = TL_DEF_ENUM;
	d->variants = tl_arena_array(&ctx->arena, n, sizeof(tl_variant));
	d->nvariants = n;
	for (uint32_t v = 0; v < n; v++) {
		d->variants[v].name = "V";
		d->variants[v].disc = v;
		if (types[v]) {
			d->variants[v].fields = tl_arena_array(&ctx->arena, 1, sizeof(tl_field));
			d->variants[v].fields[0].name = "0";
			d->variants[v].fields[0].type = types[v];
			d->variants[v].fields[0].bit_width = -1;
			d->variants[v].nfields = 1;
		}
	}
	tl_def_add(ctx, d);
	return d;
}

static const tl_layout *lay(tl_ctx *ctx, tl_type_id id)
{
	const tl_layout *l = NULL;
	assert_int_equal(tl_layout_of(ctx, id, x64(), &l), TL_OK);
	return l;
}

static void struct_fields_sorted_by_alignment(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id f[] = {P(ctx, TL_PRIM_U8), P(ctx, TL_PRIM_U32), P(ctx, TL_PRIM_U16)};
	const tl_layout *l = lay(ctx, tl_def_type(ctx, mk_struct(ctx, "S", TL_DEF_STRUCT, 0, f, 3)));
	assert_int_equal(l->size, 8);
	assert_int_equal(l->offsets[0], 6);
	assert_int_equal(l->offsets[1], 0);
	assert_int_equal(l->offsets[2], 4);
	const tl_layout *c = lay(ctx, tl_def_type(ctx, mk_struct(ctx, "C", TL_DEF_STRUCT, TL_REPR_C, f, 3)));
	assert_int_equal(c->size, 12);
	assert_int_equal(c->offsets[1], 4);
	tl_ctx_free(ctx);
}

static void end_biased_alternative_moves_bool_last(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id f[] = {P(ctx, TL_PRIM_U16), P(ctx, TL_PRIM_BOOL), P(ctx, TL_PRIM_U8)};
	const tl_layout *l = lay(ctx, tl_def_type(ctx, mk_struct(ctx, "S", TL_DEF_STRUCT, 0, f, 3)));
	assert_int_equal(l->offsets[1], 3);
	assert_int_equal(l->niche.offset, 3);
	/* a tuple keeps its last field: no alternative */
	const tl_layout *t = lay(ctx, tl_type_tuple(ctx, f, 3));
	assert_int_equal(t->offsets[1], 2);
	tl_ctx_free(ctx);
}

static void enum_tag_widened_to_first_field_alignment(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id v[] = {P(ctx, TL_PRIM_U32), P(ctx, TL_PRIM_U16)};
	const tl_layout *l = lay(ctx, tl_def_type(ctx, mk_enum(ctx, "E", v, 2)));
	assert_int_equal(l->size, 8);
	assert_int_equal(l->tag.encoding, TL_TAG_DIRECT);
	assert_int_equal(l->tag.size, 2);
	assert_int_equal(l->variants[0].offsets[0], 4);
	assert_int_equal(l->variants[1].offsets[0], 2);
	tl_ctx_free(ctx);
}

static void option_of_reference_uses_null(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id r = tl_type_ref(ctx, P(ctx, TL_PRIM_U8), false);
	tl_type_id v[] = {0, r};
	const tl_layout *l = lay(ctx, tl_def_type(ctx, mk_enum(ctx, "O", v, 2)));
	assert_int_equal(l->size, 8);
	assert_int_equal(l->tag.encoding, TL_TAG_NICHE);
	assert_true(l->tag.niche_start == 0);
	assert_false(l->niche.present);
	/* and again around it: the pointer has no second spare value */
	tl_type_id o = tl_def_type(ctx, ctx->defs.items[0]);
	tl_type_id v2[] = {0, o};
	const tl_layout *l2 = lay(ctx, tl_def_type(ctx, mk_enum(ctx, "OO", v2, 2)));
	assert_int_equal(l2->size, 16);
	assert_int_equal(l2->tag.size, 8);
	tl_ctx_free(ctx);
}

static void recursive_type_is_an_error(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_def *d = mk_struct(ctx, "Node", TL_DEF_STRUCT, 0, NULL, 0);
	d->fields = tl_arena_array(&ctx->arena, 2, sizeof(tl_field));
	d->nfields = 2;
	d->fields[0].name = "v";
	d->fields[0].type = P(ctx, TL_PRIM_U8);
	d->fields[0].bit_width = -1;
	d->fields[1].name = "next";
	d->fields[1].type = tl_def_type(ctx, d);
	d->fields[1].bit_width = -1;
	const tl_layout *l;
	assert_int_not_equal(tl_layout_of(ctx, tl_def_type(ctx, d), x64(), &l), TL_OK);
	assert_int_equal(tl_error_count(ctx), 1);
	assert_string_equal(tl_diag_get(ctx, 0)->id, "infinite-size");
	/* asking again reports nothing new */
	assert_int_not_equal(tl_layout_of(ctx, tl_def_type(ctx, d), x64(), &l), TL_OK);
	assert_int_equal(tl_error_count(ctx), 1);
	tl_ctx_free(ctx);
}

static void array_too_big_for_target(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id a = tl_type_array_n(ctx, P(ctx, TL_PRIM_U64), (uint64_t)1 << 58);
	const tl_layout *l;
	assert_int_equal(tl_layout_of(ctx, a, x64(), &l), TL_ELIMIT);
	assert_string_equal(tl_diag_get(ctx, 0)->id, "too-big");
	tl_type_id ok = tl_type_array_n(ctx, P(ctx, TL_PRIM_U8), ((uint64_t)1 << 61) - 1);
	assert_int_equal(tl_layout_of(ctx, ok, x64(), &l), TL_OK);
	tl_ctx_free(ctx);
}

static void shared_subtype_laid_out_once(void **state)
{
	(void)state;
	tl_ctx *ctx;
	tl_ctx_new(&ctx);
	tl_type_id f[] = {P(ctx, TL_PRIM_U64), P(ctx, TL_PRIM_BOOL)};
	tl_type_id inner = tl_type_tuple(ctx, f, 2);
	const tl_layout *a = lay(ctx, inner);
	tl_type_id g[] = {inner, inner};
	lay(ctx, tl_type_tuple(ctx, g, 2));
	assert_ptr_equal(lay(ctx, inner), a);
	tl_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(struct_fields_sorted_by_alignment),
		cmocka_unit_test(end_biased_alternative_moves_bool_last),
		cmocka_unit_test(enum_tag_widened_to_first_field_alignment),
		cmocka_unit_test(option_of_reference_uses_null),
		cmocka_unit_test(recursive_type_is_an_error),
		cmocka_unit_test(array_too_big_for_target),
		cmocka_unit_test(shared_subtype_laid_out_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
