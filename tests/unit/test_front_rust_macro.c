/*
 * macro_rules! in the `.rs` front end: definitions, matching (fragments,
 * repetitions, separators, arms), transcription, scope, locations of the
 * items made, macros in types, include!, and the errors and limits.
 */
#include <stdlib.h>

#include "front_test_util.h"

#include "front/front_rust.h"
#include "front/rust_parse.h"
#include "typelayout/layout.h"
#include "typelayout/target.h"
#include "util/strbuf.h"

#define FIXTURES TL_SOURCE_DIR "/testdata/rust"

/* Loads and resolves `src`, which must give no diagnostic. */
static tl_ctx *load(const char *src)
{
	tl_ctx *ctx = new_ctx();
	tl_status st = tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						 NULL);
	if (st == TL_OK)
		st = tl_ctx_resolve(ctx);
	expect_no_diags(ctx);
	assert_int_equal(st, TL_OK);
	return ctx;
}

/* Loads `src`, which must give exactly this one error. */
static void load_error(const char *src, const char *id, uint32_t line,
		       uint32_t col, const char *msg)
{
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						   NULL), TL_EINPUT);
	expect_only(ctx, id, line, col, msg);
	tl_ctx_free(ctx);
}

static bool has_def(const tl_ctx *ctx, const char *name)
{
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		if (!tl_def_get(ctx, i)->builtin && !strcmp(tl_def_get(ctx, i)->name, name))
			return true;
	return false;
}

static const tl_layout *layout(tl_ctx *ctx, const char *name, size_t target)
{
	const tl_layout *l = NULL;
	assert_int_equal(tl_layout_of(ctx, tl_def_type(ctx, find_def(ctx, name)),
				      tl_target_builtin(target), &l), TL_OK);
	return l;
}

static void expect_loc(tl_loc loc, uint32_t line, uint32_t col)
{
	if (loc.line != line || loc.col != col)
		fail_msg("location %u:%u, expected %u:%u", loc.line, loc.col, line, col);
}

/* url's simple_enum_error!: one enum from an ident repetition; the enum
 * is located at its tokens in the macro, the variants in the call. */
static void ident_repetition_makes_enum(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! simple_enum_error {\n"
		"    ($($name: ident => $description: expr,)+) => {\n"
		"        /// Errors that can occur during parsing.\n"
		"        #[derive(PartialEq, Eq, Clone, Copy, Debug)]\n"
		"        pub enum ParseError {\n"
		"            $(\n"
		"                $name,\n"
		"            )+\n"
		"        }\n"
		"        impl fmt::Display for ParseError {\n"
		"            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {\n"
		"                match *self { $(ParseError::$name => f.write_str($description),)+ }\n"
		"            }\n"
		"        }\n"
		"    }\n"
		"}\n"
		"pub struct Uses(ParseError);\n"
		"simple_enum_error! {\n"
		"    EmptyHost => \"empty host\",\n"
		"    IdnaError => \"invalid international domain name\",\n"
		"    Overflow => \"URLs more than 4 GB are not supported\",\n"
		"}\n");
	const tl_def *e = find_def(ctx, "ParseError");
	assert_int_equal(e->kind, TL_DEF_ENUM);
	assert_string_equal(e->path, "crate::ParseError");
	assert_int_equal(e->nvariants, 3);
	assert_string_equal(e->variants[0].name, "EmptyHost");
	assert_string_equal(e->variants[2].name, "Overflow");
	expect_loc(e->loc, 5, 9);             /* `pub` in the macro's body */
	expect_loc(e->variants[1].loc, 20, 5); /* `IdnaError` in the call */
	assert_int_equal(e->loc.file, e->variants[1].loc.file);
	assert_int_equal(layout(ctx, "Uses", 0)->size, 1);
	tl_ctx_free(ctx);
}

/* http's standard_headers!: nested repetitions, doc comments matched by
 * `#[$docs:meta]`, `;` inside the repetition, a literal fragment. */
static void nested_repetitions_and_docs(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! standard_headers {\n"
		"    ($($(#[$docs:meta])* ($konst:ident, $upcase:ident, $name_bytes:literal);)+) => {\n"
		"        enum StandardHeader { $($konst,)+ }\n"
		"        $($(#[$docs])* pub const $upcase: u8 = 0;)+\n"
		"    }\n"
		"}\n"
		"standard_headers! {\n"
		"    /// Accept.\n"
		"    ///\n"
		"    /// More text.\n"
		"    (Accept, ACCEPT, b\"accept\");\n"
		"    /** Block doc. */ #[cfg(all())]\n"
		"    (Age, AGE, b\"age\");\n"
		"}\n"
		"macro_rules! fields {\n"
		"    ($($s:ident { $($f:ident : $t:ty),* })*) => { $(struct $s { $($f: $t),* })* };\n"
		"}\n"
		"fields! { A { x: u8, y: u16 } B { } C { z: [u64; 2] } }\n");
	const tl_def *e = find_def(ctx, "StandardHeader");
	assert_int_equal(e->nvariants, 2);
	assert_string_equal(e->variants[1].name, "Age");
	assert_int_equal(find_def(ctx, "A")->nfields, 2);
	expect_field(&find_def(ctx, "A")->fields[1], "y", "u16");
	assert_int_equal(find_def(ctx, "B")->nfields, 0);
	expect_field(&find_def(ctx, "C")->fields[0], "z", "[u64; 2]");
	tl_ctx_free(ctx);
}

/* `$(...),*` with and without a trailing separator, `?`, and `+`. */
static void separators_and_optional(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! list { ($name:ident: $($v:ident),* $(,)?) => { enum $name { $($v),* } }; }\n"
		"list!(E1: A, B, C);\n"
		"list!(E2: A, B,);\n"
		"list!(E3:);\n"
		"macro_rules! opt { ($name:ident $(= $d:expr)? ; $($rest:tt)+) => {\n"
		"    #[repr(u8)] enum $name { X $(= $d)?, Y }\n"
		"}; }\n"
		"opt!(O1 = 7; x);\n"
		"opt!(O2; x y z);\n");
	assert_int_equal(find_def(ctx, "E1")->nvariants, 3);
	assert_int_equal(find_def(ctx, "E2")->nvariants, 2);
	assert_int_equal(find_def(ctx, "E3")->nvariants, 0);
	assert_int_equal(find_def(ctx, "O1")->variants[1].disc, 8);
	assert_int_equal(find_def(ctx, "O2")->variants[1].disc, 1);
	tl_ctx_free(ctx);
}

/* Arms are tried in order; literal tokens choose between them; an arm
 * whose fragment cannot start at a token is passed over. */
static void arms_in_order(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! pick {\n"
		"    (@unit $n:ident) => { struct $n; };\n"
		"    ($n:ident) => { struct $n(u32); };\n"
		"    ($e:expr ; $n:ident) => { struct Never; };\n"
		"    (struct $n:ident) => { struct $n(u16); };\n"
		"    ($n:ident $($rest:tt)*) => { struct $n(u8); };\n"
		"}\n"
		"pick!(@unit U);\n"
		"pick!(W);\n"
		"pick!(B extra tokens);\n"
		"pick!(struct S);\n");
	assert_int_equal(find_def(ctx, "U")->shape, TL_SHAPE_UNIT);
	expect_field(&find_def(ctx, "W")->fields[0], "0", "u32");
	expect_field(&find_def(ctx, "B")->fields[0], "0", "u8");
	expect_field(&find_def(ctx, "S")->fields[0], "0", "u16");
	assert_false(has_def(ctx, "Never"));
	tl_ctx_free(ctx);
}

/* ty, expr, literal, tt, meta, vis, path, lifetime and block fragments. */
/* Where an expr fragment ends: a name or literal after an operand starts
 * the next thing (serde's `$($ty:ident $size:expr)*` on `A "8" B "16"`),
 * and a closure's parameters keep their commas (`|ip, port| ..`). */
static void expr_fragment_ends(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! each { ($($ty:ident $size:expr)*) => {\n"
		"  $( #[cfg(any(never, target_pointer_width = $size))] pub struct $ty(u8); )* }; }\n"
		"each! { A \"64\" B \"32\" C \"64\" }\n"
		"macro_rules! sock { ($e:tt $t:ty, $new:expr) => { pub struct S($t); }; }\n"
		"sock!(\"v6\" u16, |ip, port| f(ip, port, 0, 0));\n");
	assert_true(has_def(ctx, "A"));
	assert_false(has_def(ctx, "B")); /* 32-bit only: no built-in target */
	assert_true(has_def(ctx, "C"));
	assert_int_equal(layout(ctx, "S", 0)->size, 2);
	tl_ctx_free(ctx);
}

static void fragments(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! wrap { ($v:vis $n:ident <$l:lifetime> : $($f:ident: $t:ty),*) => {\n"
		"    $v struct $n<$l> { $($f: $t),* }\n"
		"}; }\n"
		"wrap!(pub W<'a>: a: Vec<Option<u8>>, b: &'a [u8], c: [u16; 3], d: fn(u8) -> u8,\n"
		"      e: std::collections::HashMap<u8, u8>, f: &'a dyn Fn() -> u8);\n"
		"pub struct UseW(W<'static>);\n"
		/* an expr fragment stays one operand: ($e) * 2 */
		"macro_rules! disc { ($e:expr, $l:literal) => { #[repr(i8)] enum D { A = $e * 2, B = $l } }; }\n"
		"disc!(1 + 2, -1);\n"
		"macro_rules! attr { (#[$m:meta] $name:ident $body:tt) => { #[$m] struct $name $body }; }\n"
		"attr!(#[repr(C, align(8))] Aligned { x: u8 });\n"
		"macro_rules! p { ($p:path, $b:block) => { struct P($p); }; }\n"
		"p!(std::num::NonZeroU32, { 1 + 1 });\n");
	const tl_def *w = find_def(ctx, "W");
	assert_int_equal(w->nfields, 6);
	expect_field(&w->fields[0], "a", "Vec<Option<u8>>");
	expect_field(&w->fields[1], "b", "&[u8]");
	expect_field(&w->fields[2], "c", "[u16; 3]");
	expect_field(&w->fields[3], "d", "fn(u8) -> u8");
	expect_field(&w->fields[5], "f", "&dyn Fn() -> u8");
	assert_int_equal(layout(ctx, "UseW", 0)->size, 24 + 16 + 6 + 8 + 48 + 16 + 2);
	const tl_def *d = find_def(ctx, "D");
	assert_int_equal(d->variants[0].disc, 6);
	assert_int_equal(d->variants[1].disc, -1);
	assert_int_equal(layout(ctx, "Aligned", 0)->align, 8);
	assert_int_equal(layout(ctx, "Aligned", 0)->size, 8);
	expect_field(&find_def(ctx, "P")->fields[0], "0", "std::num::NonZeroU32");
	tl_ctx_free(ctx);
}

/* A macro whose expansion invokes another one, one that defines a macro,
 * `$crate`, and a constant made by a macro used as an array length. */
static void macros_calling_macros(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! inner { ($n:ident, $len:expr) => {\n"
		"    pub const LEN: usize = $len;\n"
		"    pub struct $n([u8; LEN]);\n"
		"}; }\n"
		"macro_rules! outer { ($($n:ident)*) => { $($crate::inner!($n, 4 + 4);)* }; }\n"
		"mod m { outer!(Buf); }\n"
		"macro_rules! maker { ($name:ident, $t:ty) => {\n"
		"    macro_rules! $name { ($s:ident) => { struct $s($t); }; }\n"
		"}; }\n"
		"maker!(make_u16, u16);\n"
		"make_u16!(Made);\n");
	const tl_def *b = find_def(ctx, "Buf");
	assert_string_equal(b->path, "crate::m::Buf");
	assert_int_equal(layout(ctx, "Buf", 0)->size, 8);
	expect_field(&find_def(ctx, "Made")->fields[0], "0", "u16");
	tl_ctx_free(ctx);
}

/* Textual scope: after the definition, in child modules, out of a
 * #[macro_use] module; #[macro_export] ones by path; a `use`. */
static void scope(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"early!(NotYet);\n"
		"macro_rules! early { ($n:ident) => { struct $n; }; }\n"
		"early!(Now);\n"
		"mod child { early!(InChild); }\n"
		"mod hidden { macro_rules! hid { () => { struct Hid; }; } hid!(); }\n"
		"hid!();\n"
		"#[macro_use] mod shown { macro_rules! vis { () => { struct Vis; }; } }\n"
		"vis!();\n"
		"mod exp { #[macro_export] macro_rules! exported { () => { pub struct Exp; }; } }\n"
		"mod user { crate::exported!(); }\n"
		"mod used { macro_rules! local2 { () => { pub struct L2; }; } pub(crate) use local2; }\n"
		"mod user2 { use crate::used::local2; local2!(); }\n");
	assert_false(has_def(ctx, "NotYet"));
	assert_true(has_def(ctx, "Now"));
	assert_string_equal(find_def(ctx, "InChild")->path, "crate::child::InChild");
	assert_string_equal(find_def(ctx, "Hid")->path, "crate::hidden::Hid");
	size_t hids = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		hids += !strcmp(tl_def_get(ctx, i)->name, "Hid");
	assert_int_equal(hids, 1); /* hid!() at the root: skipped */
	assert_string_equal(find_def(ctx, "Vis")->path, "crate::Vis");
	assert_string_equal(find_def(ctx, "Exp")->path, "crate::user::Exp");
	assert_string_equal(find_def(ctx, "L2")->path, "crate::user2::L2");
	tl_ctx_free(ctx);
}

/* Another crate's macros are skipped, whatever they hold -- except
 * cfg_if!, which is built in (front_rust_cfg_if.c). */
static void unknown_macro_skipped(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"bitflags! { pub struct Flags: u32 { const A = 1; } }\n"
		"lazy_static::lazy_static! { static ref X: u8 = 1; }\n"
		"cfg_if::cfg_if! { if #[cfg(unix)] { struct U; } }\n"
		"thread_local!(static T: u8 = 0);\n"
		"struct Kept(u8);\n");
	assert_true(has_def(ctx, "Kept"));
	assert_false(has_def(ctx, "Flags"));
	assert_true(has_def(ctx, "U"));
	tl_ctx_free(ctx);
}

/* #[cfg] on an invocation: its items exist where it holds; an invocation
 * under a false cfg is not expanded at all. */
static void cfg_on_invocation(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"macro_rules! one { ($n:ident) => { pub struct $n(u8); }; }\n"
		"#[cfg(target_arch = \"x86_64\")] one!(OnX86);\n"
		"#[cfg(any())] one!(this does not match);\n"
		"#[cfg(not(any()))] one!(Always);\n");
	const tl_def *x = find_def(ctx, "OnX86");
	assert_int_equal(x->target_mask, 1u << 0);
	assert_true(has_def(ctx, "Always"));
	tl_ctx_free(ctx);
}

/* syn's `Token![as]`: a macro of the crate in a type. */
static void macro_in_type(void **state)
{
	(void)state;
	tl_ctx *ctx = load(
		"pub mod token { pub struct As(u32); pub struct Static(u16); }\n"
		"#[macro_export] macro_rules! Token { [as] => { $crate::token::As }; [static] => { crate::token::Static }; }\n"
		"pub struct Cast { pub as_token: Token![as], pub s: Option<Token![static]> }\n");
	expect_field(&find_def(ctx, "Cast")->fields[0], "as_token", "crate::token::As");
	assert_int_equal(layout(ctx, "Cast", 0)->size, 8);
	tl_ctx_free(ctx);
}

/* include!("file.rs") reads the file's items where it stands. */
static void include_file(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load(ctx, FIXTURES "/macros/lib.rs", NULL),
			 TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	expect_no_diags(ctx);
	assert_string_equal(find_def(ctx, "Included")->path, "crate::inc::Included");
	assert_string_equal(find_def(ctx, "FromFileMacro")->path,
			    "crate::FromFileMacro");
	assert_int_equal(layout(ctx, "Included", 0)->size, 4);
	tl_ctx_free(ctx);
	/* a buffer has no directory: nothing is read from files */
	load_error("include!(\"/etc/hostname\");\n", "io-error", 1, 10,
		   "cannot include '/etc/hostname': this input has no directory");
}

/* A tt-muncher: each step is a nested invocation (rustc's count), read in
 * a loop; #![recursion_limit] lets it go past the default 128. */
static void tt_muncher(void **state)
{
	(void)state;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_strbuf_puts(&sb, "#![recursion_limit = \"512\"]\n"
		       "macro_rules! consts {\n"
		       "    () => {};\n"
		       "    ($n:ident = $v:expr, $($rest:tt)*) => { pub const $n: usize = $v; consts!($($rest)*); };\n"
		       "}\n"
		       "consts! {");
	for (int i = 0; i < 300; i++)
		tl_strbuf_addf(&sb, " C%d = %d,", i, i);
	tl_strbuf_puts(&sb, " }\npub struct Arr([u8; C299]);\n");
	tl_ctx *ctx = load(tl_strbuf_cstr(&sb));
	assert_int_equal(layout(ctx, "Arr", 0)->size, 299);
	tl_ctx_free(ctx);
	tl_strbuf_release(&sb);
}

static void errors(void **state)
{
	(void)state;
	load_error("macro_rules! m { ($x:ident) => { struct $x; }; }\nm!(1);\n",
		   "bad-macro", 2, 1, "no rule of macro 'm' matches this invocation");
	load_error("macro_rules! m { () => { m!{} }; }\nm!{}\n",
		   "bad-macro", 1, 26,
		   "recursion limit reached while expanding 'm!' (more than 128 nested invocations)");
	/* not a tail invocation: nested on the C stack */
	load_error("#![recursion_limit = \"100000\"]\n"
		   "macro_rules! m { () => { m!{} struct X; }; }\nm!{}\n",
		   "bad-macro", 2, 26,
		   "recursion limit reached while expanding 'm!' (more than 256 nested invocations)");
	load_error("macro_rules! d { ($($t:tt)*) => { d!{$($t)* $($t)*} }; }\nd!{x}\n",
		   "bad-macro", 1, 35,
		   "expansion of macro 'd' is too large (more than 131072 tokens)");
	load_error("macro_rules! m { ($x) => {}; }\n", "bad-macro", 1, 20,
		   "missing fragment specifier for '$x' in macro 'm'");
	load_error("macro_rules! m { ($x:type) => {}; }\n", "bad-macro", 1, 22,
		   "invalid fragment specifier 'type' in macro 'm'");
	load_error("macro_rules! m { ($($x:ident)) => {}; }\n", "bad-macro", 1, 29,
		   "expected one of '*', '+' or '?' after a repetition in macro 'm', found the end of its group");
	load_error("macro_rules! m {}\n", "bad-macro", 1, 1,
		   "macro 'm' must contain at least one rule");
	load_error("macro_rules! m { () {} }\n", "bad-macro", 1, 21,
		   "expected '=>' after a matcher of macro 'm', found '{'");
	load_error("macro_rules! m { x => {} }\n", "bad-macro", 1, 18,
		   "expected a rule of macro 'm' ('(matcher) => { transcriber }'), found 'x'");
	load_error("macro_rules! m { () => x }\n", "bad-macro", 1, 24,
		   "expected a delimited transcriber after '=>' in macro 'm', found 'x'");
	load_error("macro_rules! m { () => {} x }\n", "bad-macro", 1, 27,
		   "expected ';' between the rules of macro 'm', found 'x'");
	load_error("macro_rules! n;\n", "rust-syntax", 1, 15,
		   "expected '{', '(' or '[' after 'macro_rules! n', found ';'");
	load_error("macro_rules! m { ($($x:ident)*) => { struct S($x); }; }\nm!(a b);\n",
		   "bad-macro", 1, 48, "variable 'x' is still repeating at this depth");
	load_error("macro_rules! m { ($x:ident) => { $(struct $x;)* }; }\nm!(a);\n",
		   "bad-macro", 1, 34,
		   "attempted to repeat an expression containing no syntax variables matched as repeating at this depth");
	load_error("macro_rules! m { ($($x:ident)* ; $($y:ident)*) => { $(struct $x($y);)* }; }\nm!(a b ; c);\n",
		   "bad-macro", 1, 53,
		   "meta-variable 'x' repeats 2 times, but 'y' repeats 1 time");
	load_error("struct S { f: other!() }\n", "rust-unsupported", 1, 15,
		   "macro 'other!' in a type is not one of this crate's macros (only those are expanded)");
	/* an error inside an expansion is located at its real tokens */
	load_error("macro_rules! m { ($t:tt) => { struct S { x: $t } }; }\nm!(7);\n",
		   "type-syntax", 2, 4, "expected a type, found '7'");
	load_error("macro_rules! m { () => { struct S } }\nm!{}\n",
		   "type-syntax", 2, 4,
		   "expected '{' or '(' or ';' after the struct name, found end of input");
}

static void expect_limit(const char *src, uint32_t line, uint32_t col,
			 const char *msg)
{
	tl_ctx *ctx = new_ctx();
	assert_int_equal(tl_front_rust_load_buffer(ctx, "t.rs", src, strlen(src),
						   NULL), TL_EINPUT);
	expect_only(ctx, "bad-macro", line, col, msg);
	tl_ctx_free(ctx);
}

/* Limits of a whole crate: invocations, tokens, matching steps. After
 * the first, nothing more is expanded (one error). Each costs seconds
 * under ASan, so the sanitizer build leaves them to the plain one (the
 * limits per expansion and of nesting are in `errors`). */
#if defined(__SANITIZE_ADDRESS__)
#define HEAVY_SKIP() skip()
#else
#define HEAVY_SKIP() ((void)0)
#endif

static void crate_limit_calls(void **state)
{
	(void)state;
	HEAVY_SKIP();
	tl_strbuf sb = TL_STRBUF_INIT;
	/* 2^20 small leaves */
	tl_strbuf_puts(&sb, "macro_rules! m0 { () => { const _: () = (); }; }\n");
	for (int i = 1; i <= 20; i++)
		tl_strbuf_addf(&sb, "macro_rules! m%d { () => { m%d!{} m%d!{} }; }\n",
			       i, i - 1, i - 1);
	tl_strbuf_puts(&sb, "m20!{}\n");
	expect_limit(tl_strbuf_cstr(&sb), 2, 27,
		     "too many macro invocations in this crate (more than 262144 expansions)");
	tl_strbuf_release(&sb);
}

static void crate_limit_tokens(void **state)
{
	(void)state;
	HEAVY_SKIP();
	tl_strbuf sb = TL_STRBUF_INIT;
	/* 2^8 leaves of 2^16 tokens each */
	tl_strbuf_puts(&sb, "macro_rules! d16 { ($($t:tt)*) => { const _: () = { $($t)* }; }; }\n");
	for (int i = 15; i >= 0; i--)
		tl_strbuf_addf(&sb, "macro_rules! d%d { ($($t:tt)*) => { d%d!{$($t)* $($t)*} }; }\n",
			       i, i + 1);
	tl_strbuf_puts(&sb, "macro_rules! w0 { () => { d0!{x} }; }\n");
	for (int i = 1; i <= 8; i++)
		tl_strbuf_addf(&sb, "macro_rules! w%d { () => { w%d!{} w%d!{} }; }\n",
			       i, i - 1, i - 1);
	tl_strbuf_puts(&sb, "w8!{}\n");
	expect_limit(tl_strbuf_cstr(&sb), 3, 37,
		     "macro expansions are too large ('d15!' passed 8388608 tokens in this crate)");
	tl_strbuf_release(&sb);
}

static void crate_limit_steps(void **state)
{
	(void)state;
	HEAVY_SKIP();
	tl_strbuf sb = TL_STRBUF_INIT;
	/* 256 rules that each read all of a 2^14-token input, then fail */
	for (int i = 13; i >= 0; i--)
		tl_strbuf_addf(&sb, "macro_rules! d%d { ($($t:tt)*) => { d%d!{$($t)* $($t)*} }; }\n",
			       i, i + 1);
	tl_strbuf_puts(&sb, "macro_rules! d14 {\n");
	for (int i = 0; i < 256; i++)
		tl_strbuf_puts(&sb, "($($t:tt)* ;) => {};\n");
	tl_strbuf_puts(&sb, "($($t:tt)*) => {}; }\n");
	for (int i = 0; i < 10; i++)
		tl_strbuf_puts(&sb, "d0!{x}\n");
	expect_limit(tl_strbuf_cstr(&sb), 1, 37,
		     "matching macro invocations takes too long ('d14!' passed 33554432 steps in this crate)");
	tl_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ident_repetition_makes_enum),
		cmocka_unit_test(nested_repetitions_and_docs),
		cmocka_unit_test(separators_and_optional),
		cmocka_unit_test(arms_in_order),
		cmocka_unit_test(fragments),
		cmocka_unit_test(expr_fragment_ends),
		cmocka_unit_test(macros_calling_macros),
		cmocka_unit_test(scope),
		cmocka_unit_test(unknown_macro_skipped),
		cmocka_unit_test(cfg_on_invocation),
		cmocka_unit_test(macro_in_type),
		cmocka_unit_test(include_file),
		cmocka_unit_test(tt_muncher),
		cmocka_unit_test(errors),
		cmocka_unit_test(crate_limit_calls),
		cmocka_unit_test(crate_limit_tokens),
		cmocka_unit_test(crate_limit_steps),
	};
	if (getenv("TL_TEST_FILTER")) /* one case: TL_TEST_FILTER=scope */
		cmocka_set_test_filter(getenv("TL_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
