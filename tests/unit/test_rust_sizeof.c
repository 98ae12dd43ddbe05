/*
 * Array lengths that use size_of/align_of (doc/rust-frontend.md,
 * "Constant expressions"): the front end resolves them into
 * TL_TY_CONST_EXPR terms, the layout engine evaluates them per target.
 * Sizes below were checked with rustc 1.95 (x86_64); both built-in
 * targets agree on every type used.
 */
#include "front_test_util.h"

#include "front/front_rust.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"
#include "util/strbuf.h"

static tl_ctx *load(const char *src, tl_status want)
{
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						   NULL), TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	if (st != want)
		dump_diags(ctx);
	assert_int_equal(st, want);
	return ctx;
}

/* The layout of the (only, or target t's) definition `name` on target t. */
static tl_status layout(tl_ctx *ctx, const char *name, size_t t,
			const tl_layout **l)
{
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (d->builtin || strcmp(d->name, name) ||
		    (d->target_mask && !((d->target_mask >> t) & 1)))
			continue;
		return tl_layout_of(ctx, tl_def_type(ctx, d), tl_target_builtin(t), l);
	}
	fail_msg("no definition '%s'", name);
	return TL_EINPUT;
}

static uint64_t size_on(tl_ctx *ctx, const char *name, size_t t)
{
	const tl_layout *l = NULL;
	if (layout(ctx, name, t, &l) != TL_OK) {
		dump_diags(ctx);
		fail_msg("'%s' has no layout on target %zu", name, t);
	}
	return l->size;
}

static void lengths_follow_rustc(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		uint64_t size;
	} want[] = {
		{"V1", 8}, {"V2", 4}, {"V3", 1}, {"V4", 32}, {"V5", 17},
		{"V6", 24}, {"V7", 3}, {"V8", 2}, {"V9", 8}, {"V10", 4},
		{"V11", 16}, {"V12", 16}, {"V13", 128}, {"V14", 80}, {"V15", 4},
		{"V16", 64}, {"V17", 17}, {"Identifier", 8}, {"V19", 16},
	};
	tl_ctx *ctx = load(
		"use core::mem::{align_of, size_of};\n"
		"use std::mem;\n"
		"pub struct P { a: u8, b: u32 }\n"
		"pub enum E { A(u8), B(u32) }\n"
		"pub struct V1([u8; size_of::<u64>()]);\n"
		"pub struct V2([u16; 16 / size_of::<usize>()]);\n"
		"pub struct V3([u8; 8 * (size_of::<usize>() < 8) as usize], u8);\n"
		"pub struct V4([u32; align_of::<(u8, u64)>()]);\n"
		"pub struct V5([u8; size_of::<P>()], [u8; mem::size_of::<E>() + 1]);\n"
		"pub struct V6([u8; core::mem::size_of::<Option<&u8>>()],\n"
		"  [u16; ::std::mem::align_of::<Option<&u8>>()]);\n"
		"pub struct V7([u8; (size_of::<u32>() == 4 && align_of::<u64>() >= 8) as usize * 3]);\n"
		"pub struct V8([u8; !(1 > 2) as usize], [u8; (true || false) as usize + (false & true) as usize]);\n"
		"const SMALL: bool = size_of::<usize>() < 8;\n"
		"pub struct V9([u64; SMALL as usize + 1]);\n"
		"pub struct V10([u8; size_of::<[u16; 3]>() - align_of::<u16>()]);\n"
		"pub struct Wrap<const N: usize>([u8; N]);\n"
		"pub struct V11(Wrap<{ size_of::<u32>() }>, Wrap<{ size_of::<u32>() * 3 }>);\n"
		"pub struct Q { a: u64, b: u8 }\n"
		"impl Q { pub const N: usize = size_of::<Self>(); }\n"
		"pub struct V12([u8; Q::N]);\n"
		"pub struct V13([u8; size_of::<Option<Box<u8>>>()], [u8; size_of::<String>()],\n"
		"  [u16; size_of::<Vec<u8>>() * 2]);\n"
		"pub struct V14([u8; size_of::<char>()], [u8; size_of::<fn()>()],\n"
		"  [u32; size_of::<&str>()], [u64; size_of::<()>()]);\n"
		"pub struct V15([u8; size_of::<u64>() % 3 << 1]);\n"
		"const CA: usize = size_of::<u32>();\n"
		"const CB: usize = CA + CA;\n"
		"const CC: usize = CB * CB;\n"
		"pub struct V16([u8; CC]);\n"
		"pub enum V17 { A([u8; size_of::<u128>()]), B(u8), C }\n"
		/* semver 1.0.14, src/identifier.rs */
		"const PTR_BYTES: usize = mem::size_of::<core::ptr::NonNull<u8>>();\n"
		"const TAIL_BYTES: usize = 8 * (PTR_BYTES < 8) as usize - PTR_BYTES * (PTR_BYTES < 8) as usize;\n"
		"#[repr(C, align(8))]\n"
		"pub struct Identifier { head: core::ptr::NonNull<u8>, tail: [u8; TAIL_BYTES] }\n"
		"pub struct V19(Option<Identifier>, [u8; size_of::<Option<Identifier>>()]);\n",
		TL_OK);
	for (size_t t = 0; t < tl_target_builtin_count(); t++)
		for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
			if (size_on(ctx, want[i].name, t) != want[i].size)
				fail_msg("%s on target %zu: %llu, rustc %llu", want[i].name,
					 t, (unsigned long long)size_on(ctx, want[i].name, t),
					 (unsigned long long)want[i].size);
	expect_no_diags(ctx);
	tl_ctx_free(ctx);
	/* behind a pointer there is no cycle (rustc accepts it) */
	ctx = load("pub struct R { r: [u8; std::mem::size_of::<Box<R>>()] }\n"
		   "pub struct S { s: [u8; std::mem::size_of::<Option<&S>>()], t: u16 }\n",
		   TL_OK);
	assert_int_equal(size_on(ctx, "R", 0), 8);
	assert_int_equal(size_on(ctx, "S", 1), 10);
	expect_no_diags(ctx);
	tl_ctx_free(ctx);
}

static tl_type_id field_type(const tl_ctx *ctx, const char *def, uint32_t i)
{
	const tl_def *d = find_def(ctx, def);
	assert_true(i < d->nfields);
	return d->fields[i].type;
}

/* Equal expressions are one term whatever their spelling's addresses;
 * same-named constants of different modules are not; names read as
 * written. */
static void terms_are_interned(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"use std::mem::size_of;\n"
		"const L: usize = size_of::<u64>();\n"
		"mod m { pub const L: usize = std::mem::size_of::<u32>(); }\n"
		"pub struct A([u8; size_of::<u64>()], [u8; L], [u8; L], [u8; m::L]);\n"
		"pub struct B([u8; size_of::<u64>()], [u8; crate::L]);\n",
		TL_OK);
	assert_int_equal(field_type(ctx, "A", 0), field_type(ctx, "B", 0));
	assert_int_equal(field_type(ctx, "A", 1), field_type(ctx, "A", 2));
	assert_int_not_equal(field_type(ctx, "A", 1), field_type(ctx, "A", 3));
	assert_string_equal(tl_type_name(ctx, field_type(ctx, "A", 0)),
			    "[u8; size_of::<u64>()]");
	assert_string_equal(tl_type_name(ctx, field_type(ctx, "A", 1)), "[u8; L]");
	assert_string_equal(tl_type_name(ctx, field_type(ctx, "A", 3)), "[u8; m::L]");
	const tl_type *len = tl_type_get(ctx, tl_type_get(ctx, field_type(ctx, "A", 0))->len);
	assert_int_equal(len->kind, TL_TY_CONST_EXPR);
	assert_int_equal(len->prim, TL_PRIM_USIZE);
	assert_int_equal(size_on(ctx, "A", 0), 8 + 8 + 8 + 4);
	/* a constant without size_of stays a plain CONST term */
	tl_ctx_free(ctx);
	ctx = load("const K: usize = 3 * 4;\npub struct C([u8; K]);\n", TL_OK);
	assert_int_equal(tl_type_get(ctx, tl_type_get(ctx, field_type(ctx, "C", 0))->len)->kind,
			 TL_TY_CONST);
	tl_ctx_free(ctx);
}

/* size_of::<T>() of a type that differs per target splits the user too. */
static void per_target_types(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"pub struct F { a: u8, #[cfg(target_arch = \"aarch64\")] b: u64 }\n"
		"const FS: usize = std::mem::size_of::<F>();\n"
		"pub struct Arr([u8; FS]);\n",
		TL_OK);
	assert_int_equal(size_on(ctx, "Arr", 0), 1);
	assert_int_equal(size_on(ctx, "Arr", 1), 16);
	tl_ctx_free(ctx);
}

/* Errors found while laying out: one diagnostic at the expression. */
static void layout_errors(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		uint32_t line, col;
		const char *id, *msg;
	} cases[] = {
		{"pub struct T { a: [u8; std::mem::size_of::<T>()] }", 1, 24, "layout-cycle",
		 "cycle detected when evaluating 'size_of::<T>()': the layout of 'T' depends on this constant"},
		{"pub struct T { a: Option<U> }\nstruct U([u8; std::mem::align_of::<T>()]);", 2, 15,
		 "layout-cycle",
		 "cycle detected when evaluating 'align_of::<T>()': the layout of 'T' depends on this constant"},
		{"pub struct T { a: [u8; std::mem::size_of::<Option<(u8, T)>>()] }", 1, 24,
		 "layout-cycle",
		 "cycle detected when evaluating 'size_of::<Option<(u8, T)>>()': the layout of 'T' depends on this constant"},
		{"const N: usize = std::mem::size_of::<u8>() - 2;\npub struct T([u8; N]);", 1, 44,
		 "const-eval", "arithmetic overflow in constant expression of type 'usize'"},
		{"pub struct T([u8; std::mem::size_of::<str>()]);", 1, 19, "const-eval",
		 "the size for values of type 'str' cannot be known at compilation time"},
		{"pub struct T([u8; std::mem::size_of::<u8>() == 1]);", 1, 45, "const-eval",
		 "mismatched types in constant expression: expected 'usize', found 'bool'"},
		{"const B: u8 = std::mem::size_of::<u16>();\npub struct T([u8; B as usize]);", 1, 15,
		 "const-eval", "mismatched types in constant expression: expected 'u8', found 'usize'"},
		{"pub struct T([u8; (std::mem::size_of::<u8>() < 2) as usize + true]);", 1, 62,
		 "const-eval", "mismatched types in constant expression: expected 'usize', found 'bool'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_ctx *ctx = load(cases[i].src, TL_OK);
		const tl_layout *l;
		for (size_t t = 0; t < tl_target_builtin_count(); t++)
			assert_int_not_equal(layout(ctx, "T", t, &l), TL_OK);
		/* the same message on both targets is recorded once */
		expect_only(ctx, cases[i].id, cases[i].line, cases[i].col, cases[i].msg);
		tl_ctx_free(ctx);
	}
}

/* A chain of constants doubling at each step stays linear to resolve,
 * intern and evaluate (bodies are shared, not copied), and deep nesting
 * through constants is an error, not a crash. */
static void constant_chains(void **state)
{
	(void)state;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_puts(&sb, "const C0: u128 = std::mem::size_of::<u8>() as u128;\n");
	for (int i = 1; i <= 120; i++)
		tl_strbuf_addf(&sb, "const C%d: u128 = C%d + C%d;\n", i, i - 1, i - 1);
	tl_strbuf_puts(&sb, "pub struct T([u8; (C120 >> 118) as usize]);\n");
	tl_ctx *ctx = load(sb.buf, TL_OK);
	assert_int_equal(size_on(ctx, "T", 0), 4); /* 2^120 >> 118 */
	tl_ctx_free(ctx);

	tl_strbuf_reset(&sb);
	tl_strbuf_puts(&sb, "const C0: usize = std::mem::size_of::<u8>();\n");
	for (int i = 1; i <= 600; i++)
		tl_strbuf_addf(&sb, "const C%d: usize = C%d + 1;\n", i, i - 1);
	tl_strbuf_puts(&sb, "pub struct T([u8; C600]);\n");
	ctx = load(sb.buf, TL_EINPUT);
	assert_string_equal(tl_diag_get(ctx, 0)->id, "too-big");
	assert_string_equal(tl_diag_get(ctx, 0)->message,
			    "constant expression is nested too deeply (more than 512 levels, constants included)");
	tl_ctx_free(ctx);
	tl_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lengths_follow_rustc),
		cmocka_unit_test(terms_are_interned),
		cmocka_unit_test(per_target_types),
		cmocka_unit_test(layout_errors),
		cmocka_unit_test(constant_chains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
