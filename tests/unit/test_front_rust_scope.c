/*
 * Resolution of `.rs` input: paths through modules (`crate::`, `super::`,
 * `self::`), `use` imports (grouped, renamed, glob), module files and
 * directories, constants and associated constants in array lengths and
 * discriminants, per-target definitions, the global fallback (last
 * segment, ambiguity, other crates, --opaque), and `--type` names.
 */
#include "front_test_util.h"

#include "front/front_rust.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"

#define FIXTURES TL_SOURCE_DIR "/testdata/rust"

static tl_ctx *load_src(const char *src)
{
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						   NULL), TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	return ctx;
}

/* The def a field's resolved type names (an ADT). */
static const tl_def *field_def(const tl_ctx *ctx, const tl_def *d, const char *f)
{
	for (uint32_t i = 0; i < d->nfields; i++) {
		if (strcmp(d->fields[i].name, f))
			continue;
		const tl_type *t = tl_type_get(ctx, d->fields[i].type);
		assert_non_null(t);
		while (t->kind == TL_TY_ARRAY)
			t = tl_type_get(ctx, t->inner);
		assert_int_equal(t->kind, TL_TY_ADT);
		return t->def;
	}
	fail_msg("no field '%s'", f);
	return NULL;
}

static uint64_t size_of(tl_ctx *ctx, tl_type_id id, size_t target)
{
	const tl_layout *l = NULL;
	assert_int_equal(tl_layout_of(ctx, id, tl_target_builtin(target), &l), TL_OK);
	return l->size;
}

static uint64_t def_size(tl_ctx *ctx, const char *name)
{
	return size_of(ctx, tl_def_type(ctx, find_def(ctx, name)), 0);
}

static void crate_directory(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/crate1", NULL), TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	const tl_def *root = find_def(ctx, "Root");
	assert_string_equal(field_def(ctx, root, "span")->path, "crate::ast::Span");
	assert_string_equal(field_def(ctx, root, "node")->path, "crate::ast::Node");
	assert_string_equal(field_def(ctx, root, "u")->path, "crate::util::U");
	assert_string_equal(field_def(ctx, root, "r")->path, "crate::renamed::R");
	/* the prelude's path lists its re-exports after the first one */
	assert_true(strncmp(field_def(ctx, root, "map")->path,
			    "std::collections::HashMap ", 26) == 0);
	const tl_def *detail = find_def(ctx, "Detail");
	assert_string_equal(detail->path, "crate::ast::detail::Detail");
	assert_string_equal(field_def(ctx, detail, "k")->path,
			    "crate::ast::detail::Kind");
	/* file and line of the item in its own file */
	assert_non_null(strstr(tl_file_path(ctx, detail->loc.file), "ast/detail.rs"));
	assert_int_equal(detail->loc.line, 4);
	/* reordered: s (8, align 4), w (32), k (1), padded to 4 */
	assert_int_equal(def_size(ctx, "Detail"), 44);
	assert_int_equal(def_size(ctx, "Inline"), 16);
	/* Root: 8 + (8+48) + (8+56+8) + 8 + 16 + 15 + 48 */
	assert_int_equal(def_size(ctx, "Root"), 8 + 56 + 72 + 8 + 16 + 15 + 48 + 1);
	/* loading a file of the crate again adds nothing */
	size_t n = tl_def_count(ctx);
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/crate1/src/ast.rs", NULL),
			 TL_OK);
	assert_int_equal(tl_def_count(ctx), n);
	tl_ctx_free(ctx);
}

static void type_names_on_the_command_line(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/crate1/src", NULL), TL_OK);
	tl_type_id a, b, c;
	assert_int_equal(tl_parse_type(ctx, "Span", &a), TL_OK);
	assert_int_equal(tl_parse_type(ctx, "ast::Span", &b), TL_OK);
	assert_int_equal(tl_parse_type(ctx, "crate::ast::Span", &c), TL_OK);
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	expect_no_diags(ctx);
	tl_ctx_free(ctx);
}

static void module_file_errors(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/badmods", NULL), TL_EINPUT);
	assert_int_equal(tl_error_count(ctx), 2);
	const tl_diag *d0 = tl_diag_get(ctx, 0), *d1 = tl_diag_get(ctx, 1);
	assert_string_equal(d0->id, "module-not-found");
	assert_non_null(strstr(d0->message, "file not found for module 'nofile' (looked for '"));
	assert_int_equal(d0->loc.line, 1);
	assert_non_null(strstr(d1->message, "file for module 'both' found at both '"));
	find_def(ctx, "Ok1");
	tl_ctx_free(ctx);
}

/* Without lib.rs or main.rs, every file is a crate root; names across
 * them resolve by last segment. */
static void loose_files(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/loose", NULL), TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	assert_int_equal(def_size(ctx, "A"), 4);
	tl_ctx_free(ctx);
}

static void scopes_and_imports(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"mod a {\n"
		"    pub struct Foo(u64);\n"
		"    pub mod b { pub struct Foo(u8); pub struct G<T>(T, super::Foo); }\n"
		"    pub struct UsesInner(b::Foo, self::Foo, super::Top);\n"
		"}\n"
		"mod c {\n"
		"    use crate::a::{b::{self, Foo as BFoo}, Foo};\n"
		"    use super::a::b::*;\n"
		"    pub struct X(Foo, BFoo, b::Foo, G<u16>);\n"
		"}\n"
		"struct Top(u32);\n"
		"struct Node { next: Option<Box<Self>>, v: u8 }\n");
	const tl_def *x = find_def(ctx, "X");
	assert_string_equal(field_def(ctx, x, "0")->path, "crate::a::Foo");
	assert_string_equal(field_def(ctx, x, "1")->path, "crate::a::b::Foo");
	assert_string_equal(field_def(ctx, x, "2")->path, "crate::a::b::Foo");
	assert_string_equal(field_def(ctx, x, "3")->path, "crate::a::b::G");
	const tl_def *u = find_def(ctx, "UsesInner");
	assert_string_equal(field_def(ctx, u, "0")->path, "crate::a::b::Foo");
	assert_string_equal(field_def(ctx, u, "1")->path, "crate::a::Foo");
	assert_int_equal(def_size(ctx, "X"), 8 + 1 + 1 + 16 + 6);
	assert_int_equal(def_size(ctx, "Node"), 16);
	tl_ctx_free(ctx);
}

static void constants(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"const A: usize = 4 * 16;\n"
		"pub const B: usize = A / 2 + (1 << 2);\n"
		"mod m { pub const C: u8 = 3; }\n"
		"const D: u64 = u64::MAX;\n"
		"struct S([u8; A], [u8; B], [u8; m::C as usize]);\n"
		"#[repr(u64)] enum E { X = D, Y = 1 }\n"
		"#[repr(u128)] enum Big { Max = u128::MAX, Zero = 0 }\n"
		"#[repr(i8)] enum Neg { A = -128, B = 127 }\n"
		"struct K<const N: usize>([u8; N]);\n"
		"struct UseK(K<A>, K<{ B }>);\n");
	assert_int_equal(def_size(ctx, "S"), 64 + 36 + 3);
	const tl_def *e = find_def(ctx, "E");
	assert_true((tl_u128)e->variants[0].disc == (tl_u128)UINT64_MAX);
	const tl_def *big = find_def(ctx, "Big");
	assert_true((tl_u128)big->variants[0].disc == ~(tl_u128)0);
	assert_int_equal(def_size(ctx, "Big"), 16);
	assert_int_equal(find_def(ctx, "Neg")->variants[0].disc, -128);
	assert_int_equal(def_size(ctx, "UseK"), 64 + 36);
	tl_ctx_free(ctx);
}

/* Names no scope declares: primitives and the std prelude before the
 * crate's own types of that name; `extern crate` bindings. */
static void preludes_and_extern_crates(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"extern crate alloc as core_alloc;\n"
		"extern crate self as me;\n"
		"pub type bool = help::Bool;\n"
		"mod help { pub type Bool = bool; }\n"
		"mod e { pub type Result<T> = core::result::Result<T, u8>; }\n"
		"mod f { use std::char; pub struct U(Result<u8, u16>, Vec<u8>,\n"
		"  super::me::e::Result<u32>, char); }\n"
		"pub struct V(core_alloc::vec::Vec<u8>, crate::bool);\n");
	/* 4 (Result<u8, u16>) + 24 + 8 (Result<u32, u8>) + 4 (char) */
	assert_int_equal(def_size(ctx, "U"), 40);
	assert_int_equal(def_size(ctx, "V"), 32);
	tl_ctx_free(ctx);
}

/* A struct using a type that differs per target is itself split. */
static void per_target_dependencies(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"#[cfg(target_arch = \"x86_64\")] const N: usize = 4;\n"
		"#[cfg(target_arch = \"aarch64\")] const N: usize = 8;\n"
		"pub struct Arr([u8; N]);\n"
		"pub struct F { a: u8, #[cfg(target_arch = \"aarch64\")] b: u64 }\n"
		"pub struct UsesF(F, u8);\n"
		"pub struct Plain(u32);\n"
		"pub struct UsesPlain(Plain);\n");
	size_t arr = 0, uses = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (d->builtin)
			continue;
		size_t t = d->target_mask == 2 ? 1 : 0;
		tl_type_id id = tl_def_type(ctx, d);
		if (!strcmp(d->name, "Arr")) {
			arr++;
			assert_int_equal(size_of(ctx, id, t), t ? 8 : 4);
		} else if (!strcmp(d->name, "UsesF")) {
			uses++;
			assert_int_equal(size_of(ctx, id, t), t ? 24 : 2);
		} else if (!strcmp(d->name, "UsesPlain")) {
			assert_int_equal(d->target_mask, 0);
		}
	}
	assert_int_equal(arr, 2);
	assert_int_equal(uses, 2);
	tl_ctx_free(ctx);
}

static void other_crates_and_opaque(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *src = "use proc_macro2::Span;\n"
			  "pub struct T { s: Span, v: serde_json::Value }\n";
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), NULL),
			 TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_EINPUT);
	expect_diag(ctx, 0, "unknown-type", 2, 19,
		    "unknown type 'proc_macro2::Span' (from another crate: give its shape with --opaque 'Span=SIZE:ALIGN')");
	expect_diag(ctx, 1, "unknown-type", 2, 28,
		    "unknown type 'serde_json::Value' (from another crate: give its shape with --opaque 'Value=SIZE:ALIGN')");
	tl_ctx_free(ctx);

	ctx = new_ctx();
	assert_int_equal(tl_add_opaque(ctx, "Span=24:8"), TL_OK);
	assert_int_equal(tl_add_opaque(ctx, "serde_json::Value=32:8"), TL_OK);
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), NULL),
			 TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	assert_int_equal(def_size(ctx, "T"), 56);
	tl_ctx_free(ctx);
}

/* A std path never names a type of a loaded crate, even by last segment. */
static void std_paths_skip_crates(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *a = "pub mod map { pub struct Iter(u8); }\n";
	const char *b = "use std::zz::Iter;\npub struct K(Iter);\n";
	assert_int_equal(tl_front_rust_load_buffer(ctx, "a.rs", a, strlen(a), NULL),
			 TL_OK);
	assert_int_equal(tl_front_rust_load_buffer(ctx, "b.rs", b, strlen(b), NULL),
			 TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_EINPUT);
	expect_only(ctx, "unknown-type", 2, 14, "unknown type 'std::zz::Iter'");
	tl_ctx_free(ctx);
}

static void ambiguous_names(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *src = "mod a { pub struct Foo(u8); }\n"
			  "mod b { pub struct Foo(u16); }\n"
			  "mod c { pub struct Uses(Foo); }\n";
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), NULL),
			 TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_EINPUT);
	expect_only(ctx, "ambiguous-type", 3, 25,
		    "ambiguous type 'Foo': candidates are 'crate::a::Foo' and 'crate::b::Foo'");
	tl_type_id id;
	assert_int_equal(tl_parse_type(ctx, "b::Foo", &id), TL_OK);
	assert_int_equal(tl_parse_type(ctx, "Foo", &id), TL_EINPUT);
	tl_ctx_free(ctx);
}

/* Associated types: answered by the crate's trait impls and the
 * prelude's; sizes checked with rustc 1.95 (x86_64). */
static void associated_type_uses(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"use std::iter::*;\n"
		"pub struct M<I: Iterator> { it: I, cur: Option<I::Item> }\n"
		"pub struct It(u32);\n"
		"impl Iterator for It { type Item = u64; fn next(&mut self) -> Option<u64> { None } }\n"
		"pub struct UsesM(M<It>);\n"
		"mod map {\n"
		"  pub struct Map { v: Vec<(String, u8)> }\n"
		"  pub struct IntoIter { it: std::vec::IntoIter<(String, u8)> }\n"
		"  impl IntoIterator for Map { type Item = (String, u8); type IntoIter = IntoIter; }\n"
		"  impl<'a> IntoIterator for &'a Map { type Item = &'a (String, u8);\n"
		"    type IntoIter = std::slice::Iter<'a, (String, u8)>; }\n"
		"}\n"
		"pub struct Q<'a> { a: <map::Map as IntoIterator>::IntoIter,\n"
		"  b: <&'a map::Map as IntoIterator>::IntoIter, x: u8 }\n"
		"pub struct W<T: Iterator>(M<T>, Box<W<T>>);\n"
		"pub struct UsesW(W<It>);\n"
		"pub struct P(Peekable<std::vec::IntoIter<char>>);\n");
	assert_int_equal(def_size(ctx, "UsesM"), 24);
	assert_int_equal(def_size(ctx, "Q"), 56);
	assert_int_equal(def_size(ctx, "UsesW"), 32);
	assert_int_equal(def_size(ctx, "P"), 40);
	/* impls are not types: not reported, not found by name */
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		assert_false(tl_def_get(ctx, i)->impl_for && tl_def_get(ctx, i)->report);
	tl_type_id id;
	assert_int_equal(tl_find_types(ctx, "IntoIter", &id, 1), 1);
	/* a std path on the command line never names the crate's IntoIter */
	assert_int_equal(tl_parse_type(ctx, "std::iter::Peekable<std::vec::IntoIter<char>>",
				       &id), TL_OK);
	assert_int_equal(size_of(ctx, id, 0), 40);
	tl_ctx_free(ctx);
}

/* Trait impls made by a macro answer projections too (tinyvec's Array
 * impls for [T; N]); 24 is rustc's size. */
static void associated_type_from_macro_impls(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"pub trait Array { type Item; }\n"
		"macro_rules! arr { ($($n:literal)*) => {\n"
		"  $( impl<T: Default> Array for [T; $n] { type Item = T; } )* } }\n"
		"arr!(1 2 3 4);\n"
		"pub struct TinyVec<A: Array> { len: u16, data: A, last: Option<A::Item> }\n"
		"pub struct U(TinyVec<[char; 4]>);\n");
	assert_int_equal(def_size(ctx, "U"), 24);
	tl_ctx_free(ctx);
}

/* A projection no impl answers: an error where the instance is written,
 * reported once (not again where a layout meets it inside Option). */
static void associated_type_without_impl(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *src = "pub struct M<I> { cur: Option<I::Item> }\n"
			  "pub struct Uses(M<u8>);\n";
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), NULL),
			 TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_EINPUT);
	expect_only(ctx, "associated-type", 2, 17,
		    "associated type '<u8>::Item' has no known impl (impls are read from the input files and the prelude)");
	const tl_layout *l;
	tl_type_id id;
	assert_int_equal(tl_parse_type(ctx, "M<u8>", &id), TL_OK);
	assert_int_equal(tl_layout_of(ctx, id, tl_target_builtin(0), &l), TL_EINPUT);
	assert_int_equal(tl_error_count(ctx), 1);
	tl_ctx_free(ctx);
}

/* Two crates loaded together: `dep_lib::Wide` (the Cargo.toml name,
 * `-` as `_`), `extern crate dep_lib as dl`, `::dep_lib` and re-exports
 * resolve through the other crate's modules, not by the last segment
 * (dep-lib has two types named Wide). */
static void crates_by_name(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/twocrates/app/src", NULL), TL_OK);
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/twocrates/dep-lib/src", NULL),
			 TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	const tl_def *uses = find_def(ctx, "Uses");
	assert_string_equal(field_def(ctx, uses, "w")->path, "crate::inner::Wide");
	assert_string_equal(field_def(ctx, uses, "o")->path, "crate::inner::Other");
	assert_string_equal(field_def(ctx, uses, "x")->path, "crate::other::Wide");
	assert_int_equal(def_size(ctx, "Uses"), 24);
	assert_int_equal(def_size(ctx, "Uses2"), 24);
	tl_ctx_free(ctx);
}

/* cfg_if! (built in): each branch's items under the cfg that selects it;
 * a crate's own `macro_rules! cfg_if` would win. */
static void cfg_if_branches(void **state)
{
	(void)state;
	tl_ctx *ctx = load_src(
		"cfg_if::cfg_if! {\n"
		"    if #[cfg(target_arch = \"x86_64\")] {\n"
		"        pub struct Group(u128);\n"
		"    } else if #[cfg(target_pointer_width = \"64\")] {\n"
		"        pub struct Group(u64);\n"
		"        pub struct OnlyArm(u8);\n"
		"    } else {\n"
		"        pub struct Group(u8);\n"
		"    }\n"
		"}\n"
		"cfg_if! { if #[cfg(feature = \"off\")] { pub struct Feat(u8); } }\n"
		"pub struct Uses(Group);\n");
	/* Uses is split: one def per target */
	int seen = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (strcmp(d->name, "Uses"))
			continue;
		size_t t = d->target_mask == 1 ? 0 : 1;
		assert_int_equal(d->target_mask, 1u << t);
		assert_int_equal(size_of(ctx, tl_def_type(ctx, d), t),
				 t == 0 ? 16 : 8); /* u128, or the else-if's u64 */
		seen++;
	}
	assert_int_equal(seen, 2);
	assert_int_equal(find_def(ctx, "OnlyArm")->target_mask, 2);
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		assert_string_not_equal(tl_def_get(ctx, i)->name, "Feat");
	tl_ctx_free(ctx);
}

/* The cfg facts table names the built-in targets in their order. */
static void cfg_targets_match_builtin_targets(void **state)
{
	(void)state;
	for (size_t i = 0; i < tl_target_builtin_count(); i++)
		assert_string_equal(tl_target_builtin(i)->triple,
				    tl_front_rust_cfg_triple(i));
	assert_null(tl_front_rust_cfg_triple(tl_target_builtin_count()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crate_directory),
		cmocka_unit_test(type_names_on_the_command_line),
		cmocka_unit_test(module_file_errors),
		cmocka_unit_test(loose_files),
		cmocka_unit_test(scopes_and_imports),
		cmocka_unit_test(constants),
		cmocka_unit_test(preludes_and_extern_crates),
		cmocka_unit_test(per_target_dependencies),
		cmocka_unit_test(other_crates_and_opaque),
		cmocka_unit_test(std_paths_skip_crates),
		cmocka_unit_test(ambiguous_names),
		cmocka_unit_test(associated_type_uses),
		cmocka_unit_test(associated_type_from_macro_impls),
		cmocka_unit_test(associated_type_without_impl),
		cmocka_unit_test(crates_by_name),
		cmocka_unit_test(cfg_if_branches),
		cmocka_unit_test(cfg_targets_match_builtin_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
