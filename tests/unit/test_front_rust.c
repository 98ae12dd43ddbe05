/*
 * The `.rs` front end's item parser on every construct it reads or skips:
 * struct shapes, enums, unions, aliases, generics, repr, attributes,
 * visibility, doc comments, skipped items, inline modules, #[cfg] on
 * items, fields and variants (one def per target when they differ),
 * locations, and recovery after errors.
 */
#include "front_test_util.h"

#include "front/front_rust.h"
#include "front/rust_parse.h"

static tl_ctx *load(const char *src)
{
	tl_ctx *ctx = new_ctx();
	tl_status st = tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						 NULL);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	return ctx;
}

static tl_ctx *load_cfg(const char *src, const char *cfg)
{
	tl_ctx *ctx = new_ctx();
	tl_load_opts o = TL_LOAD_OPTS_INIT;
	o.cfgs = &cfg;
	o.ncfgs = 1;
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), &o),
			 TL_OK);
	expect_no_diags(ctx);
	return ctx;
}

static size_t count_named(const tl_ctx *ctx, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		n += !strcmp(tl_def_get(ctx, i)->name, name);
	return n;
}

static void struct_shapes(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"/// A point.\n"
		"#[derive(Debug, Clone, Copy)]\n"
		"pub struct Point { pub x: f64, pub(crate) y: f64, pub(in crate::a) z: i8, }\n"
		"pub(crate) struct Pair(u8, pub (u16, u32), pub(super) i64);\n"
		"struct Unit;\n"
		"struct Empty {}\n"
		"struct Refs<'a> { s: &'a str, m: &'a mut [u8], r: r#type::Foo }\n");
	const tl_def *p = find_def(ctx, "Point");
	assert_int_equal(p->kind, TL_DEF_STRUCT);
	assert_int_equal(p->shape, TL_SHAPE_NAMED);
	assert_int_equal(p->nfields, 3);
	expect_field(&p->fields[0], "x", "f64");
	expect_field(&p->fields[2], "z", "i8");
	assert_string_equal(p->path, "crate::Point");
	assert_true(p->report);
	assert_int_equal(p->lang, TL_LANG_RUST);
	assert_true(tl_front_rust_owns(p));
	const tl_def *pair = find_def(ctx, "Pair");
	assert_int_equal(pair->shape, TL_SHAPE_TUPLE);
	assert_int_equal(pair->nfields, 3);
	expect_field(&pair->fields[1], "1", "(u16, u32)");
	expect_field(&pair->fields[2], "2", "i64");
	assert_int_equal(find_def(ctx, "Unit")->shape, TL_SHAPE_UNIT);
	assert_int_equal(find_def(ctx, "Empty")->nfields, 0);
	const tl_def *refs = find_def(ctx, "Refs");
	expect_field(&refs->fields[0], "s", "&str");
	expect_field(&refs->fields[1], "m", "&mut [u8]");
	expect_field(&refs->fields[2], "r", "type::Foo");
	tl_ctx_free(ctx);
}

static void enums_and_unions(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"#[repr(u8)]\n"
		"pub enum E { A = 1, B(u8) = 2, C { x: u16, y: (), } = 3 << 1, D, }\n"
		"enum Big { Max = u128::MAX as isize, Neg = -5 }\n"
		"enum Empty {}\n"
		"#[repr(C)] union U { a: u32, b: f32, c: std::mem::ManuallyDrop<String> }\n");
	const tl_def *e = find_def(ctx, "E");
	assert_int_equal(e->kind, TL_DEF_ENUM);
	assert_int_equal(e->nvariants, 4);
	assert_int_equal(e->variants[0].shape, TL_SHAPE_UNIT);
	assert_non_null(e->variants[0].disc_expr);
	assert_int_equal(e->variants[1].shape, TL_SHAPE_TUPLE);
	expect_field(&e->variants[1].fields[0], "0", "u8");
	assert_int_equal(e->variants[2].shape, TL_SHAPE_NAMED);
	expect_field(&e->variants[2].fields[1], "y", "()");
	assert_int_equal(e->variants[2].disc_expr->kind, TL_CX_BINARY);
	assert_null(e->variants[3].disc_expr);
	assert_true(e->repr.flags & TL_REPR_INT);
	assert_int_equal(e->repr.int_type, TL_PRIM_U8);
	assert_int_equal(find_def(ctx, "Big")->variants[0].disc_expr->kind, TL_CX_CAST);
	assert_int_equal(find_def(ctx, "Empty")->nvariants, 0);
	const tl_def *u = find_def(ctx, "U");
	assert_int_equal(u->kind, TL_DEF_UNION);
	assert_int_equal(u->nfields, 3);
	expect_field(&u->fields[2], "c", "std::mem::ManuallyDrop<String>");
	tl_ctx_free(ctx);
}

static void aliases_pointers_fns(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"pub type Alias<T> = Vec<T>;\n"
		"type Cb = Option<unsafe extern \"C\" fn(*mut u8, usize) -> i32>;\n"
		"struct P { a: *const u8, b: *mut *const [u16], c: extern \"C\" fn(i32, ...),\n"
		"  d: for<'a> fn(&'a u8) -> &'a u8, e: Box<dyn Fn(u8) -> u8 + Send>, f: ! }\n");
	const tl_def *a = find_def(ctx, "Alias");
	assert_int_equal(a->kind, TL_DEF_ALIAS);
	assert_int_equal(a->nparams, 1);
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_texpr_print(&sb, find_def(ctx, "Cb")->alias_of);
	assert_string_equal(tl_strbuf_cstr(&sb),
			    "Option<unsafe extern \"C\" fn(*mut u8, usize) -> i32>");
	tl_strbuf_release(&sb);
	const tl_def *p = find_def(ctx, "P");
	expect_field(&p->fields[0], "a", "*const u8");
	expect_field(&p->fields[1], "b", "*mut *const [u16]");
	expect_field(&p->fields[2], "c", "extern \"C\" fn(i32, ...)");
	expect_field(&p->fields[3], "d", "fn(&u8) -> &u8");
	expect_field(&p->fields[4], "e", "Box<dyn Fn(u8) -> u8 + Send>");
	expect_field(&p->fields[5], "f", "!");
	tl_ctx_free(ctx);
}

static void generics(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"struct G<'a, T: ?Sized + 'a, const N: usize, U: Clone = u8, V = ()>\n"
		"where T: std::fmt::Debug, U: ?Sized, for<'b> V: Fn(&'b u8), Vec<U>: Clone,\n"
		"{ r: &'a T, a: [U; N], v: V }\n"
		"struct W<T>(T) where T: Iterator<Item = u8>;\n"
		"enum O<T> where T: Copy { S(T), N }\n"
		"type A<T> where T: Copy = (T, T);\n");
	const tl_def *g = find_def(ctx, "G");
	assert_int_equal(g->nparams, 4);
	assert_string_equal(g->params[0].name, "T");
	assert_true(g->params[0].maybe_unsized);
	assert_true(g->params[1].is_const);
	assert_int_equal(g->params[1].const_type, TL_PRIM_USIZE);
	assert_true(g->params[2].maybe_unsized); /* from the where clause */
	assert_non_null(g->params[2].deflt);
	assert_false(g->params[3].maybe_unsized);
	expect_field(&g->fields[1], "a", "[U; N]");
	assert_int_equal(find_def(ctx, "W")->shape, TL_SHAPE_TUPLE);
	assert_int_equal(find_def(ctx, "O")->nvariants, 2);
	assert_int_equal(find_def(ctx, "A")->alias_of->kind, TL_TX_TUPLE);
	tl_ctx_free(ctx);
}

static void reprs(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"#[repr(C)] struct C1(u8);\n"
		"#[repr(transparent)] struct T1(u8);\n"
		"#[repr(packed)] struct P1(u8);\n"
		"#[repr(C, packed(4))] struct P4(u8);\n"
		"#[repr(align(16))] #[repr(C)] struct A16(u8);\n"
		"#[repr(align(8), align(32))] struct A32(u8);\n"
		"#[repr(C, i128)] enum CI { A }\n"
		"#[repr(usize)] enum US { A }\n"
		"#[repr(Rust)] struct R(u8);\n"
		"#[cfg_attr(all(), repr(C))] struct CA(u8);\n"
		"#[cfg_attr(feature = \"x\", repr(C))] struct CB(u8);\n");
	assert_int_equal(find_def(ctx, "C1")->repr.flags, TL_REPR_C);
	assert_int_equal(find_def(ctx, "T1")->repr.flags, TL_REPR_TRANSPARENT);
	assert_int_equal(find_def(ctx, "P1")->repr.packed, 1);
	const tl_def *p4 = find_def(ctx, "P4");
	assert_int_equal(p4->repr.flags, TL_REPR_C | TL_REPR_PACKED);
	assert_int_equal(p4->repr.packed, 4);
	const tl_def *a16 = find_def(ctx, "A16");
	assert_int_equal(a16->repr.flags, TL_REPR_C | TL_REPR_ALIGN);
	assert_int_equal(a16->repr.align, 16);
	assert_int_equal(find_def(ctx, "A32")->repr.align, 32);
	const tl_def *ci = find_def(ctx, "CI");
	assert_int_equal(ci->repr.flags, TL_REPR_C | TL_REPR_INT);
	assert_int_equal(ci->repr.int_type, TL_PRIM_I128);
	assert_int_equal(find_def(ctx, "US")->repr.int_type, TL_PRIM_USIZE);
	assert_int_equal(find_def(ctx, "R")->repr.flags, 0);
	assert_int_equal(find_def(ctx, "CA")->repr.flags, TL_REPR_C);
	assert_int_equal(find_def(ctx, "CB")->repr.flags, 0);
	tl_ctx_free(ctx);
}

/* Everything that is not a type item is skipped, whatever it holds. */
static void skipped_items(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"#![allow(dead_code)]\n"
		"//! inner doc\n"
		"#![cfg_attr(docsrs, feature(doc_cfg))]\n"
		"extern crate alloc;\n"
		"extern crate serde as s;\n"
		"use std::{fmt, collections::HashMap as Map, io::*};\n"
		"impl<T: Clone> Foo<T> where T: Copy { fn f(&self) -> u8 { if 1 < 2 { 3 } else { 4 } } }\n"
		"impl<const N: usize> Bar<{ N }> { }\n"
		"unsafe impl Send for Foo<u8> {}\n"
		"impl<T> Trait for [T] where T: Fn() -> u8 {}\n"
		"pub fn f<T>(x: T) -> impl Iterator<Item = u8> where T: Copy { todo!() }\n"
		"const fn g() -> u8 { 1 }\n"
		"pub const unsafe fn h() {}\n"
		"async fn i() {}\n"
		"unsafe extern \"C\" fn j() {}\n"
		"pub trait Tr: Clone { type A; const B: u8 = 1; fn f(&self) {} }\n"
		"unsafe trait Un {}\n"
		"auto trait Au {}\n"
		"const _: () = { struct Hidden; };\n"
		"pub const C: Foo = Foo { a: 1, b: [1; 3] };\n"
		"static S: &str = \"}\";\n"
		"static mut M: [u8; 2] = [0; 2];\n"
		"extern \"C\" { fn puts(s: *const u8) -> i32; static errno: i32; }\n"
		"macro_rules! m { ($x:ident) => { fn $x() {} }; }\n"
		"macro_rules! n ( () => {} );\n"
		"m!(Foo);\n"
		"m! { Bar }\n"
		"lazy_static::lazy_static! { static ref X: u8 = 1; }\n"
		"struct Kept { x: u8 }\n");
	assert_int_equal(tl_def_count(ctx), 1);
	assert_string_equal(tl_def_get(ctx, 0)->name, "Kept");
	tl_ctx_free(ctx);
}

static void modules_and_locations(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"pub mod a {\n"
		"    //! inner docs of a\n"
		"    pub mod b {\n"
		"        /// doc\n"
		"        #[derive(Clone)]\n"
		"        pub(crate) struct Foo { x: u8 }\n"
		"    }\n"
		"    enum Bar { X }\n"
		"}\n"
		"#[repr(C)] struct Baz;\n");
	const tl_def *foo = find_def(ctx, "Foo");
	assert_string_equal(foo->path, "crate::a::b::Foo");
	/* rustc's item span starts after the attributes: at the visibility */
	assert_int_equal(foo->loc.line, 6);
	assert_int_equal(foo->loc.col, 9);
	assert_int_equal(foo->fields[0].loc.col, 33);
	const tl_def *bar = find_def(ctx, "Bar");
	assert_string_equal(bar->path, "crate::a::Bar");
	assert_int_equal(bar->variants[0].loc.col, 16);
	const tl_def *baz = find_def(ctx, "Baz");
	assert_int_equal(baz->loc.line, 10);
	assert_int_equal(baz->loc.col, 12);
	tl_ctx_free(ctx);
}

static void shebang_bom_and_edition_names(void **state)
{
	(void)state;
	tl_ctx *ctx = load("\xEF\xBB\xBF#!/usr/bin/env run-cargo-script\n"
			   "mod gen { pub struct Try { r#try: u8, gen: u8 } }\n");
	const tl_def *t = find_def(ctx, "Try");
	assert_string_equal(t->path, "crate::gen::Try");
	assert_int_equal(t->loc.line, 2);
	assert_int_equal(t->loc.col, 11);
	assert_string_equal(t->fields[0].name, "try");
	tl_ctx_free(ctx);
}

static void cfg_items_fields_variants(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"#[cfg(windows)] struct Win(u8);\n"
		"#[cfg(unix)] struct Unix(u8);\n"
		"#[cfg(all(unix, target_pointer_width = \"64\", target_endian = \"little\"))]\n"
		"struct Wide(u8);\n"
		"#[cfg(any(target_os = \"macos\", not(target_os = \"linux\")))] struct Mac;\n"
		"#[cfg(feature = \"std\")] struct Std;\n"
		"#[cfg(false)] struct Never;\n"
		"#[cfg(target_arch = \"aarch64\")] struct Arm(u8);\n"
		"struct F { a: u8, #[cfg(target_arch = \"x86_64\")] b: u64,\n"
		"  #[cfg(test)] c: u8 }\n"
		"enum V { A, #[cfg(target_arch = \"aarch64\")] B(u8), #[cfg(debug_assertions)] C }\n"
		"struct Tup(#[cfg(target_arch = \"x86_64\")] u8, u16);\n"
		"#[cfg(target_has_atomic = \"128\")] struct A128;\n"
		"#[cfg(target_feature = \"sse2\")] struct Sse;\n");
	assert_int_equal(count_named(ctx, "Win"), 0);
	assert_int_equal(find_def(ctx, "Unix")->target_mask, 0);
	assert_int_equal(find_def(ctx, "Wide")->target_mask, 0);
	assert_int_equal(count_named(ctx, "Mac") + count_named(ctx, "Std") +
			 count_named(ctx, "Never"), 0);
	assert_int_equal(find_def(ctx, "Arm")->target_mask, 2);
	assert_int_equal(find_def(ctx, "A128")->target_mask, 2);
	assert_int_equal(find_def(ctx, "Sse")->target_mask, 1);
	/* F differs: one def per target, fields filtered */
	assert_int_equal(count_named(ctx, "F"), 2);
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (!strcmp(d->name, "F"))
			assert_int_equal(d->nfields, d->target_mask == 1 ? 2 : 1);
		if (!strcmp(d->name, "V"))
			assert_int_equal(d->nvariants, d->target_mask == 2 ? 2 : 1);
		if (!strcmp(d->name, "Tup")) {
			assert_int_equal(d->nfields, d->target_mask == 1 ? 2 : 1);
			/* tuple fields are numbered after cfg */
			assert_string_equal(d->fields[d->nfields - 1].name,
					    d->target_mask == 1 ? "1" : "0");
		}
	}
	tl_ctx_free(ctx);
	ctx = load_cfg("#[cfg(feature = \"std\")] struct Std;\n"
		       "#[cfg_attr(feature = \"std\", repr(C))] struct R(u8);\n",
		       "feature=\"std\"");
	assert_int_equal(find_def(ctx, "R")->repr.flags, TL_REPR_C);
	find_def(ctx, "Std");
	tl_ctx_free(ctx);
	ctx = load_cfg("#[cfg(debug_assertions)] struct D;", "debug_assertions");
	find_def(ctx, "D");
	tl_ctx_free(ctx);
}

static void cfg_attr_repr_per_target(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"#[cfg_attr(target_arch = \"x86_64\", repr(align(128)))]\n"
		"#[cfg_attr(not(target_arch = \"x86_64\"), repr(align(64)))]\n"
		"pub struct CachePadded<T>(T);\n"
		"#[cfg_attr(unix, cfg(target_arch = \"x86_64\"))] struct OnlyX;\n");
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (!strcmp(d->name, "CachePadded"))
			assert_int_equal(d->repr.align, d->target_mask == 1 ? 128 : 64);
	}
	assert_int_equal(count_named(ctx, "CachePadded"), 2);
	assert_int_equal(find_def(ctx, "OnlyX")->target_mask, 1);
	tl_ctx_free(ctx);
}

/* A bad item is reported, skipped, and the next items are still read. */
static void recovery(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *src = "struct A { x: }\n"
			  "struct B(u8);\n"
			  "enum C { X = , Y }\n"
			  "}\n"
			  "struct D;\n";
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src), NULL),
			 TL_EINPUT);
	assert_int_equal(tl_error_count(ctx), 3);
	expect_diag(ctx, 0, "type-syntax", 1, 15, "expected a type, found '}'");
	expect_diag(ctx, 1, "type-syntax", 3, 14,
		    "expected a constant expression, found ','");
	expect_diag(ctx, 2, "rust-syntax", 4, 1, "expected an item, found '}'");
	find_def(ctx, "B");
	find_def(ctx, "D");
	assert_int_equal(tl_def_count(ctx), 2);
	tl_ctx_free(ctx);
}

/* `I::Item` and `<T as Trait>::X` are read; using them is resolution's
 * business (see test_front_rust_scope.c). */
static void associated_types(void **state)
{
	(void)state;
	tl_ctx *ctx = load("struct M<I: Iterator> { it: I, cur: Option<I::Item>,\n"
			   "  q: <I as IntoIterator>::IntoIter }\n");
	const tl_def *m = find_def(ctx, "M");
	expect_field(&m->fields[2], "q", "<I as IntoIterator>::IntoIter");
	const tl_texpr *q = m->fields[2].texpr;
	assert_non_null(q->inner); /* the self type of the qualified path */
	assert_string_equal(q->text, "IntoIterator");
	tl_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(struct_shapes),
		cmocka_unit_test(enums_and_unions),
		cmocka_unit_test(aliases_pointers_fns),
		cmocka_unit_test(generics),
		cmocka_unit_test(reprs),
		cmocka_unit_test(skipped_items),
		cmocka_unit_test(modules_and_locations),
		cmocka_unit_test(shebang_bom_and_edition_names),
		cmocka_unit_test(cfg_items_fields_variants),
		cmocka_unit_test(cfg_attr_repr_per_target),
		cmocka_unit_test(recovery),
		cmocka_unit_test(associated_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
