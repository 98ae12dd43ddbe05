/*
 * One test per error message of the `.rs` front end: each case is a
 * source text and the one diagnostic it must give (id, line, column,
 * message). Cases that need resolution set `resolve`.
 */
#include <stdlib.h>
#include <unistd.h>

#include "front_test_util.h"

#include "front/front_rust.h"
#include "util/strbuf.h"

typedef struct err_case {
	const char *src;
	const char *id;
	uint32_t line, col;
	const char *msg;
	bool resolve;
} err_case;

static const err_case cases[] = {
	/* cfg predicates */
	{"#[cfg(target_os = linux)] struct A;", "bad-cfg", 1, 19,
	 "expected a plain string literal as a cfg value", false},
	{"#[cfg(\"x\")] struct A;", "bad-cfg", 1, 7,
	 "expected a cfg predicate, found '\"x\"'", false},
	{"#[cfg(version(\"1.80\"))] struct A;", "rust-unsupported", 1, 7,
	 "unsupported cfg predicate 'version(..)' (expected all, any or not)", false},
	{"#[cfg(not(unix, windows))] struct A;", "bad-cfg", 1, 7,
	 "'not' takes exactly one cfg predicate, found 2", false},
	{"#[cfg(all(unix windows))] struct A;", "type-syntax", 1, 16,
	 "expected ')' to close the cfg predicate list, found 'windows'", false},
	/* attributes */
	{"#[repr(align(3))] struct A;", "bad-repr", 1, 14,
	 "invalid repr(align(..)): not a power of two", false},
	{"#[repr(align(1073741824))] struct A;", "bad-repr", 1, 14,
	 "invalid repr(align(..)): larger than 2^29", false},
	{"#[repr(packed(x))] struct A;", "bad-repr", 1, 15,
	 "expected an unsuffixed integer in repr(packed(..)), found 'x'", false},
	{"#[repr(align)] struct A;", "type-syntax", 1, 13,
	 "expected '(' after 'align' (repr(align(N)) needs an alignment), found ')'", false},
	{"#[repr(\"C\")] struct A;", "bad-repr", 1, 8,
	 "expected a repr hint, found '\"C\"'", false},
	{"#[repr(u7)] enum A { B }", "bad-repr", 1, 8, "unknown repr hint 'u7'", false},
	{"#[path = 7] mod m;", "rust-syntax", 1, 10,
	 "expected a plain string literal after 'path ='", false},
	{"#[cfg_attr(target_arch = \"x86_64\", path = \"a.rs\")] mod m;",
	 "rust-unsupported", 1, 36,
	 "a #[path] that differs between targets is not supported", false},
	{"#[7] struct A;", "rust-syntax", 1, 3, "expected an attribute, found '7'", false},
	{"struct A;\n#![allow(x)]\nstruct B;", "rust-syntax", 2, 1,
	 "an inner attribute is not permitted here: '#![...]' must come before the items of a file or module", false},
	{"struct A { #[repr(C)] x: u8 }", "bad-repr", 1, 19,
	 "#[repr] is not allowed on a field", false},
	{"enum A { #[repr(C)] B }", "bad-repr", 1, 17,
	 "#[repr] is not allowed on a variant", false},
	/* repr combinations (rustc E0566, E0587, E0634, E0517) */
	{"#[repr(packed, packed(2))] struct A(u8);", "bad-repr", 1, 16,
	 "conflicting packed representation hints", false},
	{"#[repr(u8, u16)] enum A { B }", "bad-repr", 1, 12,
	 "conflicting representation hints", false},
	{"#[repr(u8)] struct A(u8);", "bad-repr", 1, 8,
	 "repr(u8) and the other integer hints apply to enums only", false},
	{"#[repr(packed)] enum A { B }", "bad-repr", 1, 8,
	 "repr(packed) applies to structs and unions only", false},
	{"#[repr(simd)] struct A([f32; 4]);", "bad-repr", 1, 8,
	 "repr(simd) is not supported", false},
	{"#[repr(packed, align(8))] struct A(u8);", "bad-repr", 1, 16,
	 "type has conflicting packed and align representation hints", false},
	/* items and bodies */
	{"struct A { x: u8 = 3 }", "rust-unsupported", 1, 18,
	 "default field values are not supported", false},
	{"let x = 3;", "rust-syntax", 1, 1, "expected an item, found keyword 'let'", false},
	{"foo;", "rust-syntax", 1, 1, "expected an item, found 'foo'", false},
	{"mod m { struct A;", "rust-syntax", 1, 18,
	 "expected '}' to close module 'm', found end of input", false},
	{"use a::{b, 3};", "rust-syntax", 1, 12,
	 "expected a path in a use declaration, found '3'", false},
	{"struct A { x u8 }", "type-syntax", 1, 14,
	 "expected ':' after the field name, found 'u8'", false},
	{"struct A(u8 u16);", "type-syntax", 1, 13,
	 "expected ')' or ',' after a tuple field, found 'u16'", false},
	{"enum A { B C }", "type-syntax", 1, 12,
	 "expected '}' or ',' after a variant, found 'C'", false},
	{"union U(u8);", "type-syntax", 1, 8,
	 "expected '{' to start the union's fields, found '('", false},
	{"type A;", "type-syntax", 1, 7,
	 "expected '=' in a type alias ('type Name = Type;'), found ';'", false},
	{"mod m;", "module-not-found", 1, 1,
	 "cannot load the file of module 'm': this input has no directory", false},
	/* constants and resolution */
	{"const A: usize = B;\nconst B: usize = A;\nstruct S([u8; A]);",
	 "const-eval", 1, 1, "cycle detected when evaluating constant 'A'", false},
	{"const A: u8 = 200 + 100;\nstruct S([u8; A as usize]);", "const-eval", 1, 19,
	 "arithmetic overflow in constant expression of type 'u8'", false},
	{"const N: usize = f(2);\nstruct S([u8; N]);", "type-syntax", 1, 18,
	 "function call 'f' is not supported in a constant expression", false},
	{"const X: usize = std::mem::size_of::<Self>();\nstruct S([u8; X]);",
	 "rust-unsupported", 1, 38,
	 "'Self' is only available in impls and type definitions, not in constant 'X'",
	 true},
	{"struct G<T>([u8; core::mem::size_of::<T>()], T);", "const-eval", 1, 39,
	 "generic parameters may not be used in const operations ('T' in 'G')", true},
	{"const W: usize = std::mem::size_of::<u64>();\nenum E { A = W as isize }",
	 "const-eval", 2, 14,
	 "'W' depends on a layout: only array lengths and const generic arguments may use size_of and align_of",
	 true},
	{"struct S { x: <u8 as Tr>::Out }", "associated-type", 1, 15,
	 "associated type '<u8 as Tr>::Out' has no known impl (impls are read from the input files and the prelude)",
	 true},
	{"trait A { type X; }\ntrait B { type X; }\nstruct It;\n"
	 "impl A for It { type X = u8; }\nimpl B for It { type X = u16; }\n"
	 "struct S { x: <It>::X }", "associated-type", 6, 15,
	 "associated type '<It>::X' is ambiguous: 2 impls match and give different types",
	 true},
	{"struct S<I> { x: I::A::B }", "associated-type", 1, 18,
	 "associated type 'I::A::B' is not supported (only `<T as Trait>::Name` and `T::Name` without generic arguments are)",
	 true},
	{"struct S<T> { x: Option<Self::X>, t: T }", "rust-unsupported", 1, 25,
	 "associated type 'Self::X' is not supported (write the type it stands for)",
	 true},
	{"#[cfg(target_arch = \"x86_64\")] struct X(u8);\nstruct S(X);",
	 "target-specific", 2, 10,
	 "type 'X' does not exist on target aarch64-unknown-linux-gnu (its #[cfg] excludes it)",
	 true},
};

static void run_case(void **state)
{
	const err_case *c = *state;
	tl_ctx *ctx = new_ctx();
	tl_status st = tl_front_rust_load_buffer(ctx, "t.rs", c->src,
						 strlen(c->src), NULL);
	if (c->resolve) {
		assert_int_equal(st, TL_OK);
		assert_int_not_equal(tl_ctx_resolve(ctx), TL_OK);
	} else {
		assert_int_equal(st, TL_EINPUT);
	}
	expect_only(ctx, c->id, c->line, c->col, c->msg);
	tl_ctx_free(ctx);
}

/* Errors without a source location: options and inputs. */
static void bad_cfg_option(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *cfgs[] = {"feature=x"};
	tl_load_opts o = TL_LOAD_OPTS_INIT;
	o.cfgs = cfgs;
	o.ncfgs = 1;
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", "", 0, &o),
			 TL_EINPUT);
	expect_only(ctx, "bad-cfg", 0, 0,
		    "invalid --cfg 'feature=x': expected NAME or NAME=\"VALUE\"");
	tl_ctx_free(ctx);
}

static void bad_opaque(void **state)
{
	(void)state;
	static const struct {
		const char *spec, *msg;
	} o[] = {
		{"Span", "invalid --opaque 'Span': expected NAME=SIZE:ALIGN, as in 'Span=24:8'"},
		{"Span=24:3", "invalid --opaque 'Span=24:3': the alignment 3 is not a power of two up to 2^29"},
		{"Span=20:8", "invalid --opaque 'Span=20:8': the size 20 is not a multiple of the alignment 8"},
	};
	for (size_t i = 0; i < sizeof(o) / sizeof(*o); i++) {
		tl_ctx *ctx = new_ctx();
		assert_int_equal(tl_add_opaque(ctx, o[i].spec), TL_EINPUT);
		expect_only(ctx, "bad-opaque", 0, 0, o[i].msg);
		tl_ctx_free(ctx);
	}
}

static void missing_input(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, "/nonexistent/x.rs", NULL), TL_EIO);
	expect_only(ctx, "io-error", 0, 0,
		    "cannot read '/nonexistent/x.rs': No such file or directory");
	tl_ctx_free(ctx);
}

/* Nesting limits: inline modules and use groups. */
static void nesting_limits(void **state)
{
	(void)state;
	tl_strbuf sb = TL_STRBUF_INIT;
	for (int i = 0; i < 70; i++)
		tl_strbuf_puts(&sb, "mod m {");
	tl_ctx *ctx = new_ctx();
	tl_front_rust_load_buffer(ctx, "t.rs", sb.buf, sb.len, NULL);
	expect_diag(ctx, 0, "rust-unsupported", 1, 442,
		    "modules are nested too deeply (more than 64 levels)");
	tl_ctx_free(ctx);
	tl_strbuf_reset(&sb);
	tl_strbuf_puts(&sb, "use a::");
	for (int i = 0; i < 40; i++)
		tl_strbuf_puts(&sb, "{b::");
	ctx = new_ctx();
	tl_front_rust_load_buffer(ctx, "t.rs", sb.buf, sb.len, NULL);
	expect_diag(ctx, 0, "rust-unsupported", 1, 137,
		    "use list is nested too deeply (more than 32 levels)");
	tl_ctx_free(ctx);
	tl_strbuf_release(&sb);
}

static void path_attribute_not_found(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, TL_SOURCE_DIR "/testdata/rust/badpath",
					    NULL), TL_EINPUT);
	expect_only(ctx, "module-not-found", 1, 3,
		    "file not found for module 'x': '" TL_SOURCE_DIR
		    "/testdata/rust/badpath/nope.rs'");
	tl_ctx_free(ctx);
}

static void empty_directory(void **state)
{
	(void)state;
	char dir[] = "/tmp/tl-rs-empty-XXXXXX";
	assert_non_null(mkdtemp(dir));
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, dir, NULL), TL_EINPUT);
	char msg[128];
	snprintf(msg, sizeof(msg), "no Rust sources in directory '%s'", dir);
	expect_only(ctx, "io-error", 0, 0, msg);
	tl_ctx_free(ctx);
	rmdir(dir);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(*cases) + 6];
	size_t n = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(run_case,
									 (void *)&cases[i]);
		tests[n++].name = cases[i].msg;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(bad_cfg_option);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(bad_opaque);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(missing_input);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(nesting_limits);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(path_attribute_not_found);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(empty_directory);
	return _cmocka_run_group_tests("front_rust_errors", tests, n, NULL, NULL);
}
