/*
 * The Rust lexer, the type-expression / constant-expression parser, the
 * normalised printer and the constant evaluator (src/front/rust_*.c,
 * src/model/syntax_print.c, src/model/const_eval.c).
 */
#include "front_test_util.h"

#include <stdlib.h>

#include "model/const_eval.h"
#include "front/rust_lex.h"
#include "front/rust_parse.h"
#include "util/strbuf.h"

/* ---- lexer ---- */

static tl_token next(tl_rlex *lx)
{
	return tl_rlex_next(lx);
}

static void expect_tok(tl_rlex *lx, tl_tok_kind kind, const char *text)
{
	tl_token t = next(lx);
	if (t.kind != kind || t.len != strlen(text) ||
	    memcmp(t.text, text, t.len) != 0)
		fail_msg("expected token %d '%s', got %d '%.*s'", kind, text,
			 t.kind, (int)t.len, t.text);
}

static void lex_identifiers_raw_and_lifetimes(void **state)
{
	(void)state;
	const char *s = "foo r#type 'a 'static '_ _ Self";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	expect_tok(&lx, TL_TOK_IDENT, "foo");
	tl_token t = next(&lx);
	assert_int_equal(t.kind, TL_TOK_IDENT);
	assert_true(t.raw);
	assert_int_equal(t.len, 4);
	assert_false(tl_tok_is(&t, "type")); /* raw: never a keyword */
	expect_tok(&lx, TL_TOK_LIFETIME, "'a");
	expect_tok(&lx, TL_TOK_LIFETIME, "'static");
	expect_tok(&lx, TL_TOK_LIFETIME, "'_");
	expect_tok(&lx, TL_TOK_IDENT, "_");
	t = next(&lx);
	assert_true(tl_tok_is_keyword(&t));
	assert_int_equal(next(&lx).kind, TL_TOK_EOF);
	assert_int_equal(next(&lx).kind, TL_TOK_EOF);
}

/* Every strict and reserved keyword is one, and names that share a
 * keyword's length and first letter (or differ only in case) are not. */
static void lex_every_keyword(void **state)
{
	(void)state;
	const char *s =
		"as do fn if in box dyn for let mod mut pub ref use else enum "
		"impl loop move priv self Self true type async await break "
		"const crate false final macro match super trait where while "
		"yield become extern return static struct typeof unsafe unsized "
		"virtual abstract continue override";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	int n = 0;
	for (tl_token t = next(&lx); t.kind != TL_TOK_EOF; t = next(&lx), n++)
		assert_true(tl_tok_is_keyword(&t));
	assert_int_equal(n, 50);
	const char *names = "at u8 u64 Vec String T0 f0 Box Option usize i32 "
			    "SELF Type selfish _ a abstracts try gen union";
	tl_rlex_init(&lx, names, strlen(names), 1, 1, 1);
	for (tl_token t = next(&lx); t.kind != TL_TOK_EOF; t = next(&lx))
		assert_false(tl_tok_is_keyword(&t));
}

static void lex_numbers_with_suffixes(void **state)
{
	(void)state;
	const char *s = "42 0xff_u8 0o17 0b1010i32 1_000 1.5 1e9 2.0f32 1..=5 0x1f32";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	tl_token t = next(&lx);
	assert_int_equal(t.kind, TL_TOK_INT);
	assert_int_equal(t.suffix, t.len);
	t = next(&lx);
	assert_int_equal(t.kind, TL_TOK_INT);
	assert_int_equal(t.len, 7);
	assert_int_equal(t.suffix, 5); /* "0xff_" + "u8" */
	expect_tok(&lx, TL_TOK_INT, "0o17");
	t = next(&lx);
	assert_int_equal(t.suffix, 6);
	expect_tok(&lx, TL_TOK_INT, "1_000");
	expect_tok(&lx, TL_TOK_FLOAT, "1.5");
	expect_tok(&lx, TL_TOK_FLOAT, "1e9");
	expect_tok(&lx, TL_TOK_FLOAT, "2.0f32");
	expect_tok(&lx, TL_TOK_INT, "1");
	t = next(&lx);
	assert_int_equal(t.punct, TL_P3('.', '.', '='));
	expect_tok(&lx, TL_TOK_INT, "5");
	t = next(&lx); /* all hex digits: no suffix */
	assert_int_equal(t.suffix, t.len);
}

static void lex_char_string_and_byte_literals(void **state)
{
	(void)state;
	const char *s = "'x' '\\n' '\\'' b'a' \"s\\\"x\" r#\"raw \" \"# b\"by\" br\"x\" c\"c\" 'é'";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	expect_tok(&lx, TL_TOK_CHAR, "'x'");
	expect_tok(&lx, TL_TOK_CHAR, "'\\n'");
	expect_tok(&lx, TL_TOK_CHAR, "'\\''");
	expect_tok(&lx, TL_TOK_CHAR, "b'a'");
	expect_tok(&lx, TL_TOK_STR, "\"s\\\"x\"");
	tl_token t = next(&lx);
	assert_int_equal(t.kind, TL_TOK_STR);
	assert_true(t.raw);
	assert_int_equal(t.len, strlen("r#\"raw \" \"#"));
	expect_tok(&lx, TL_TOK_STR, "b\"by\"");
	expect_tok(&lx, TL_TOK_STR, "br\"x\"");
	expect_tok(&lx, TL_TOK_STR, "c\"c\"");
	expect_tok(&lx, TL_TOK_CHAR, "'é'");
	assert_int_equal(next(&lx).kind, TL_TOK_EOF);
}

static void lex_punctuation_longest_match(void **state)
{
	(void)state;
	const char *s = ":: -> => ..= ... .. <<= >>= && || != # $ ? ~ @";
	static const uint32_t want[] = {
		TL_P2(':', ':'), TL_P2('-', '>'), TL_P2('=', '>'),
		TL_P3('.', '.', '='), TL_P3('.', '.', '.'), TL_P2('.', '.'),
		TL_P3('<', '<', '='), TL_P3('>', '>', '='), TL_P2('&', '&'),
		TL_P2('|', '|'), TL_P2('!', '='), '#', '$', '?', '~', '@',
	};
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		tl_token t = next(&lx);
		assert_int_equal(t.kind, TL_TOK_PUNCT);
		assert_int_equal(t.punct, want[i]);
	}
}

static void lex_comments_nested_and_doc(void **state)
{
	(void)state;
	const char *s = "a // line\nb /* x /* nested */ y */ c /// doc\nd /** d */ e //! in\n"
			"f //// not doc\ng /**/ h";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	for (const char *w = "abcdefgh"; *w; w++) {
		char id[2] = {*w, 0};
		expect_tok(&lx, TL_TOK_IDENT, id);
	}
	tl_rlex_init(&lx, s, strlen(s), 1, 1, 1);
	lx.keep_doc = true;
	expect_tok(&lx, TL_TOK_IDENT, "a");
	expect_tok(&lx, TL_TOK_IDENT, "b");
	expect_tok(&lx, TL_TOK_IDENT, "c");
	expect_tok(&lx, TL_TOK_DOC, "/// doc");
	expect_tok(&lx, TL_TOK_IDENT, "d");
	expect_tok(&lx, TL_TOK_DOC, "/** d */");
	expect_tok(&lx, TL_TOK_IDENT, "e");
	tl_token t = next(&lx);
	assert_int_equal(t.kind, TL_TOK_DOC);
	assert_true(t.inner_doc);
	expect_tok(&lx, TL_TOK_IDENT, "f");
	expect_tok(&lx, TL_TOK_IDENT, "g");
	expect_tok(&lx, TL_TOK_IDENT, "h");
}

static void lex_locations_are_byte_columns_from_start(void **state)
{
	(void)state;
	const char *s = "é a\n  \tb";
	tl_rlex lx;
	tl_rlex_init(&lx, s, strlen(s), 3, 7, 12);
	tl_token t = next(&lx);
	assert_int_equal(t.loc.file, 3);
	assert_int_equal(t.loc.line, 7);
	assert_int_equal(t.loc.col, 12);
	t = next(&lx); /* after a 2-byte character and a space */
	assert_int_equal(t.loc.line, 7);
	assert_int_equal(t.loc.col, 15);
	t = next(&lx);
	assert_int_equal(t.loc.line, 8);
	assert_int_equal(t.loc.col, 4);
	tl_rlex_init(&lx, s, strlen(s), 3, 7, 12);
	lx.fixed_loc = true;
	next(&lx);
	t = next(&lx);
	assert_int_equal(t.loc.col, 12);
}

static void lex_errors_are_tokens(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"\"abc", "unterminated string literal"},
		{"/* a /* b */", "unterminated block comment"},
		{"\\", "unexpected character"},
		{"'", "unterminated character literal"},
		{"r#\"x\"", "unterminated string literal"},
		{"r##x", "expected '\"' to start a raw string"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_rlex lx;
		tl_rlex_init(&lx, cases[i].text, strlen(cases[i].text), 1, 1, 1);
		tl_token t = next(&lx);
		assert_int_equal(t.kind, TL_TOK_ERROR);
		assert_string_equal(t.error, cases[i].msg);
	}
}

static void lex_peek_does_not_consume(void **state)
{
	(void)state;
	tl_rlex lx;
	tl_rlex_init(&lx, "a b", 3, 1, 1, 1);
	assert_true(tl_tok_is(tl_rlex_peek(&lx), "a"));
	assert_true(tl_tok_is(tl_rlex_peek(&lx), "a"));
	tl_token t = next(&lx);
	assert_true(tl_tok_is(&t, "a"));
	t = next(&lx);
	assert_true(tl_tok_is(&t, "b"));
}

/* ---- type expressions ---- */

typedef struct fixture {
	tl_ctx *ctx;
	tl_rparse p;
	uint32_t file;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->ctx = new_ctx();
	f->file = tl_source_add(f->ctx, "<t>", "", 0);
	tl_rparse_init(&f->p, f->ctx);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tl_rparse_release(&f->p);
	tl_ctx_free(f->ctx);
	free(f);
	return 0;
}

static const tl_texpr *parse(fixture *f, const char *text)
{
	tl_rparse_begin(&f->p, text, strlen(text), (tl_loc){f->file, 1, 1}, false);
	const tl_texpr *t = tl_rparse_type(&f->p);
	if (t && !tl_rparse_end(&f->p, "the type"))
		t = NULL;
	return t;
}

/* Parses `text` and checks its normalised spelling. */
static const tl_texpr *parse_ok(fixture *f, const char *text, const char *norm)
{
	const tl_texpr *t = parse(f, text);
	if (!t) {
		dump_diags(f->ctx);
		fail_msg("'%s' did not parse", text);
	}
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_texpr_print(&sb, t);
	if (strcmp(tl_strbuf_cstr(&sb), norm) != 0)
		fail_msg("'%s' printed as '%s', expected '%s'", text,
			 tl_strbuf_cstr(&sb), norm);
	tl_strbuf_release(&sb);
	expect_no_diags(f->ctx);
	return t;
}

static void parse_paths_with_generics(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "std::rc::Rc<T>", "std::rc::Rc<T>");
	assert_int_equal(t->kind, TL_TX_PATH);
	assert_int_equal(t->nsegs, 3);
	assert_string_equal(t->segs[2], "Rc");
	assert_int_equal(t->nargs, 1);
	assert_string_equal(t->args[0].type->segs[0], "T");
	t = parse_ok(f, "Vec::<u8>", "Vec<u8>");
	assert_int_equal(t->nsegs, 1);
	assert_int_equal(t->nargs, 1);
	t = parse_ok(f, "HashMap<K, V,>", "HashMap<K, V>");
	assert_int_equal(t->nargs, 2);
	t = parse_ok(f, "::core::u8", "::core::u8");
	assert_true(t->global);
	parse_ok(f, "Option<Box<Node>>", "Option<Box<Node>>");
	parse_ok(f, "Option<Box<Vec<u8>>>", "Option<Box<Vec<u8>>>");
	parse_ok(f, "NonZero<u32>", "NonZero<u32>");
	parse_ok(f, "r#Foo", "Foo");
	parse_ok(f, "crate::a::B", "crate::a::B");
}

static void parse_lifetime_const_and_assoc_args(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "Cow<'a, str>", "Cow<str>");
	assert_int_equal(t->nargs, 2);
	assert_string_equal(t->args[0].lifetime, "'a");
	t = parse_ok(f, "Foo<16>", "Foo<16>");
	assert_int_equal(t->args[0].value->kind, TL_CX_INT);
	assert_true(t->args[0].value->value == 16);
	parse_ok(f, "Foo<-1>", "Foo<-1>");
	t = parse_ok(f, "Foo<{ N + 1 }>", "Foo<{ N + 1 }>");
	assert_int_equal(t->args[0].value->kind, TL_CX_BINARY);
	parse_ok(f, "Vec<Foo<4>>", "Vec<Foo<4>>");
	t = parse_ok(f, "Iterator<Item = u8>", "Iterator<Item = u8>");
	assert_string_equal(t->args[0].assoc, "Item");
}

static void parse_refs_and_raw_pointers(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "&'a mut T", "&mut T");
	assert_int_equal(t->kind, TL_TX_REF);
	assert_true(t->mut);
	assert_string_equal(t->lifetime, "'a");
	t = parse_ok(f, "&&u8", "&&u8");
	assert_int_equal(t->inner->kind, TL_TX_REF);
	assert_int_equal(t->inner->loc.col, 2);
	t = parse_ok(f, "*const T", "*const T");
	assert_int_equal(t->kind, TL_TX_RAWPTR);
	assert_false(t->mut);
	t = parse_ok(f, "*mut [u8]", "*mut [u8]");
	assert_true(t->mut);
	parse_ok(f, "&'static str", "&str");
}

static void parse_slices_arrays_and_tuples(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "[u8]", "[u8]");
	assert_int_equal(t->kind, TL_TX_SLICE);
	t = parse_ok(f, "[u8; 4 * 1024]", "[u8; 4 * 1024]");
	assert_int_equal(t->kind, TL_TX_ARRAY);
	assert_int_equal(t->len->kind, TL_CX_BINARY);
	parse_ok(f, "[u8; LEN]", "[u8; LEN]");
	parse_ok(f, "[u8; usize::MAX]", "[u8; usize::MAX]");
	parse_ok(f, "[[u8; 2]; 3]", "[[u8; 2]; 3]");
	parse_ok(f, "[u8; 0x10]", "[u8; 16]");
	t = parse_ok(f, "()", "()");
	assert_int_equal(t->kind, TL_TX_TUPLE);
	assert_int_equal(t->nelems, 0);
	t = parse_ok(f, "(T,)", "(T,)");
	assert_int_equal(t->nelems, 1);
	parse_ok(f, "(A, B)", "(A, B)");
	t = parse_ok(f, "(u8)", "u8"); /* parentheses, not a tuple */
	assert_int_equal(t->kind, TL_TX_PATH);
}

/* size_of/align_of calls, comparisons and bool operators in lengths:
 * parsed with Rust's precedence, printed back with the parentheses
 * they need. */
static void parse_sizeof_and_comparisons(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "[u8; size_of::<u64>()]", "[u8; size_of::<u64>()]");
	assert_int_equal(t->len->kind, TL_CX_SIZEOF);
	assert_int_equal(t->len->op, TL_CX_OP_SIZE_OF);
	assert_string_equal(t->len->ty->segs[0], "u64");
	assert_int_equal(t->len->loc.col, 6);
	t = parse_ok(f, "[u8; core::mem::align_of::<Vec<u8>>()]",
		     "[u8; align_of::<Vec<u8>>()]");
	assert_int_equal(t->len->op, TL_CX_OP_ALIGN_OF);
	parse_ok(f, "[u8; mem::size_of::<&'a str>()]", "[u8; size_of::<&str>()]");
	parse_ok(f, "[u8; std::mem::size_of::<(u8, [u16; 2])>()]",
		 "[u8; size_of::<(u8, [u16; 2])>()]");
	parse_ok(f, "[u8; ::core::mem::size_of::<u8>()]", "[u8; size_of::<u8>()]");
	t = parse_ok(f, "[u8; 8 * (P < 8) as usize - P * (P < 8) as usize]",
		     "[u8; 8 * (P < 8) as usize - P * (P < 8) as usize]");
	assert_int_equal(t->len->op, '-');
	assert_int_equal(t->len->a->b->a->op, TL_CX_OP_LT);
	parse_ok(f, "[u8; (a <= b) as usize]", "[u8; (a <= b) as usize]");
	parse_ok(f, "[u8; (a > b || c >= d && !e) as usize]",
		 "[u8; (a > b || c >= d && !e) as usize]");
	t = parse_ok(f, "[u8; ((a || b) && c) as usize]", "[u8; ((a || b) && c) as usize]");
	assert_int_equal(t->len->a->op, TL_CX_OP_AND);
	parse_ok(f, "[u8; ((a == b) != c) as usize]", "[u8; ((a == b) != c) as usize]");
	parse_ok(f, "[u8; (a & b == c | d) as usize]", "[u8; (a & b == c | d) as usize]");
	t = parse_ok(f, "[u8; (true ^ false) as usize]", "[u8; (true ^ false) as usize]");
	assert_int_equal(t->len->a->a->kind, TL_CX_BOOL);
	assert_true(t->len->a->a->value == 1);
	parse_ok(f, "Foo<{ size_of::<T>() > 4 }>", "Foo<{ size_of::<T>() > 4 }>");
	parse_ok(f, "[u8; size_of]", "[u8; size_of]"); /* a constant's name */
}

static void parse_fn_pointers(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "fn(i32) -> i32", "fn(i32) -> i32");
	assert_int_equal(t->kind, TL_TX_FNPTR);
	assert_int_equal(t->nelems, 1);
	assert_non_null(t->ret);
	parse_ok(f, "unsafe extern \"C\" fn(*const u8)",
		 "unsafe extern \"C\" fn(*const u8)");
	parse_ok(f, "for<'a> fn(&'a u8)", "fn(&u8)");
	parse_ok(f, "extern fn()", "extern \"C\" fn()");
	parse_ok(f, "fn(x: u8, _: u16, ...) -> !", "fn(u8, u16, ...) -> !");
	parse_ok(f, "fn() -> ()", "fn()");
	parse_ok(f, "fn( u8 ,u16 )->(u8,)", "fn(u8, u16) -> (u8,)");
}

static void parse_trait_objects(void **state)
{
	fixture *f = *state;
	const tl_texpr *t = parse_ok(f, "dyn Trait + Send + 'a", "dyn Trait + Send");
	assert_int_equal(t->kind, TL_TX_DYN);
	assert_string_equal(t->text, "Trait + Send");
	t = parse_ok(f, "Box<dyn Fn(u8) -> u8 + Send>", "Box<dyn Fn(u8) -> u8 + Send>");
	assert_string_equal(t->args[0].type->text, "Fn(u8) -> u8 + Send");
	parse_ok(f, "&(dyn A + B)", "&(dyn A + B)");
	parse_ok(f, "&dyn std::io::Write", "&dyn std::io::Write");
	parse_ok(f, "Box<dyn for<'a> Fn(&'a u8)>", "Box<dyn Fn(&u8)>");
	parse_ok(f, "Box<dyn Iterator<Item = Box<dyn Fn()>>>",
		 "Box<dyn Iterator<Item = Box<dyn Fn()>>>");
	parse_ok(f, "dyn 'a + Send", "dyn Send");
	parse_ok(f, "dyn ?Sized", "dyn ?Sized");
}

static void parse_never_and_infer(void **state)
{
	fixture *f = *state;
	assert_int_equal(parse_ok(f, "!", "!")->kind, TL_TX_NEVER);
	assert_int_equal(parse_ok(f, "_", "_")->kind, TL_TX_INFER);
}

static void parse_locations_are_exact(void **state)
{
	fixture *f = *state;
	tl_rparse_begin(&f->p, "Vec<&'a [u8; 4]>", 16, (tl_loc){f->file, 9, 20},
			false);
	const tl_texpr *t = tl_rparse_type(&f->p);
	assert_non_null(t);
	assert_int_equal(t->loc.col, 20);
	assert_int_equal(t->args[0].type->loc.col, 24);
	assert_int_equal(t->args[0].type->inner->loc.col, 28);
	assert_int_equal(t->args[0].type->inner->len->loc.col, 33);
	assert_int_equal(t->loc.line, 9);
}

static void parse_errors_have_locations(void **state)
{
	static const struct {
		const char *text;
		uint32_t col;
		const char *msg;
	} cases[] = {
		{"Vec<u8", 7, "expected '>' to close the generic arguments of 'Vec', found end of input"},
		{"Vec<u8; 4>", 7, "expected '>' to close the generic arguments of 'Vec', found ';'"},
		{"impl Trait", 1, "'impl Trait' is not a storable field type"},
		{"[u8; 16", 8, "expected ']' to close the array type, found end of input"},
		{"[u8 16]", 5, "expected ';' or ']' after the element type, found '16'"},
		{"*u8", 2, "expected 'const' or 'mut' after '*' in a raw pointer type, found 'u8'"},
		{"u8 u16", 4, "unexpected 'u16' after the type"},
		{"&dyn A + B", 8, "ambiguous '+' after the type: add parentheses, as in '&(dyn A + B)'"},
		{"Box<Fn(u8)>", 7, "'Fn(..)' is a trait: write 'dyn Fn(..)' for a trait object"},
		{"<T as X>", 9, "expected '::' after a qualified path, found end of input"},
		{"(u8", 4, "expected ')' to close the tuple type, found end of input"},
		{"fn(u8", 6, "expected ')' to close the parameter list, found end of input"},
		{"dyn 'a", 1, "at least one trait is required for an object type"},
		{"struct", 1, "expected a type, found keyword 'struct'"},
		{"Foo<u8>::Bar", 8, "associated type paths such as 'Foo<..>::X' are not supported"},
		{"\"x\"", 1, "expected a type, found '\"x\"'"},
		{"[u8; 1.5]", 6, "floating-point literals are not allowed in constant expressions"},
		{"[u8; 0b102]", 6, "invalid integer literal '0b102'"},
		{"[u8; 3u7]", 6, "invalid suffix 'u7' for an integer literal"},
		{"[u8; 999999999999999999999999999999999999999999]", 6,
		 "integer literal '999999999999999999999999999999999999999999' is too large"},
		{"[u8; f(1)]", 6, "function call 'f' is not supported in a constant expression"},
		{"[u8; foo::<u8>()]", 6, "function call 'foo' is not supported in a constant expression"},
		{"[u8; m::size_of::<u8>()]", 6,
		 "function call 'm::size_of' is not supported in a constant expression"},
		{"[u8; mem::size_of_val(&1)]", 6,
		 "function call 'mem::size_of_val' is not supported in a constant expression"},
		{"[u8; size_of()]", 6, "'size_of' needs its type argument, as in 'size_of::<T>()'"},
		{"[u8; size_of::<u8, u16>()]", 18,
		 "expected '>' after the type argument of 'size_of', found ','"},
		{"[u8; core::mem::align_of::<u8>]", 31,
		 "expected '(' to call the function, found ']'"},
		{"[u8; size_of::<u8>(1)]", 20,
		 "expected ')' to close the call (it takes no arguments), found '1'"},
		{"[u8; ::N]", 6, "expected a constant expression, found '::'"},
		{"[u8; 1 < 2 < 3]", 12, "comparison operators cannot be chained (use parentheses)"},
		{"[u8; 1 == 2 != 3]", 13, "comparison operators cannot be chained (use parentheses)"},
		{"[u8; 1 as f32]", 11, "constant expressions can only be cast to integer types, found 'f32'"},
		{"[u8; ]", 6, "expected a constant expression, found ']'"},
		{"Vec<\"x", 5, "unterminated string literal"},
		{"fn", 3, "expected '(' after 'fn', found end of input"},
		{"unsafe u8", 8, "expected 'fn', found 'u8'"},
		{"for<T> fn()", 5, "expected '>' to close the 'for<..>' binder, found 'T'"},
		{"", 1, "expected a type, found end of input"},
	};
	fixture *f = *state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t before = tl_diag_count(f->ctx);
		assert_null(parse(f, cases[i].text));
		assert_int_equal(tl_diag_count(f->ctx), before + 1);
		expect_diag(f->ctx, before, "type-syntax", 1, cases[i].col,
			    cases[i].msg);
	}
}

static void parse_depth_is_limited(void **state)
{
	fixture *f = *state;
	char text[2000];
	size_t n = 0;
	for (int i = 0; i < 600; i++)
		text[n++] = '&';
	memcpy(text + n, "u8", 3);
	assert_null(parse(f, text));
	expect_only(f->ctx, "type-syntax", 1, 257,
		    "expression is nested too deeply (more than 256 levels)");
	/* constant expressions share the limit */
	n = 0;
	text[n++] = '[';
	text[n++] = 'u';
	text[n++] = '8';
	text[n++] = ';';
	for (int i = 0; i < 600; i++)
		text[n++] = '(';
	text[n] = '\0';
	assert_null(parse(f, text));
	assert_int_equal(tl_diag_count(f->ctx), 2);
}

/* ---- constant expressions ---- */

static tl_u128 eval(fixture *f, const char *text, tl_prim type, tl_status want)
{
	tl_rparse_begin(&f->p, text, strlen(text), (tl_loc){f->file, 1, 1}, false);
	const tl_cexpr *e = tl_rparse_cexpr(&f->p);
	if (!e || !tl_rparse_end(&f->p, "the expression")) {
		dump_diags(f->ctx);
		fail_msg("'%s' did not parse", text);
	}
	tl_cx_env env = {f->ctx, 64, NULL, NULL, NULL};
	tl_u128 v = 0;
	tl_status st = tl_cexpr_eval(&env, e, type, &v, NULL);
	if (st != want) {
		dump_diags(f->ctx);
		fail_msg("'%s' evaluated with status %d", text, st);
	}
	return v;
}

static void cexpr_precedence_follows_rust(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *text;
		unsigned long long want;
	} cases[] = {
		{"1 + 2 * 3", 7}, {"(1 + 2) * 3", 9}, {"1 << 2 + 1", 8},
		{"6 & 3 | 8", 10}, {"1 | 2 ^ 3", 1}, {"10 - 2 - 3", 5},
		{"100 / 10 / 5", 2}, {"7 % 4", 3}, {"{ 4 }", 4},
		{"4 * 1024", 4096}, {"0x10 + 0o10 + 0b10", 26}, {"1_000", 1000},
		{"u8::MAX as usize", 255}, {"-1i8 as u8 as usize", 255},
		{"300 as u8 as usize", 44}, {"u32::BITS as usize", 32},
		{"!0usize >> 60", 15}, {"usize::MAX", 18446744073709551615ull},
		{"2 + 3 as usize * 2", 8},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_u128 v = eval(f, cases[i].text, TL_PRIM_USIZE, TL_OK);
		if (v != cases[i].want)
			fail_msg("'%s' = %llu, expected %llu", cases[i].text,
				 (unsigned long long)v, cases[i].want);
	}
	expect_no_diags(f->ctx);
}

static void cexpr_signed_values_are_sign_extended(void **state)
{
	fixture *f = *state;
	assert_true((tl_i128)eval(f, "-128i8", TL_PRIM_I8, TL_OK) == -128);
	assert_true((tl_i128)eval(f, "i8::MIN", TL_PRIM_I8, TL_OK) == -128);
	assert_true((tl_i128)eval(f, "-1", TL_PRIM_ISIZE, TL_OK) == -1);
	assert_true((tl_i128)eval(f, "-(2 - 5)", TL_PRIM_I32, TL_OK) == 3);
	assert_true((tl_i128)eval(f, "!0", TL_PRIM_I16, TL_OK) == -1);
	assert_true((tl_i128)eval(f, "-8 >> 1", TL_PRIM_I32, TL_OK) == -4);
	assert_true((tl_i128)eval(f, "i128::MIN", TL_PRIM_I128, TL_OK) < 0);
	assert_true(eval(f, "u128::MAX", TL_PRIM_U128, TL_OK) == ~(tl_u128)0);
	/* no context: an unsuffixed literal is i32 */
	tl_rparse_begin(&f->p, "7", 1, (tl_loc){f->file, 1, 1}, false);
	tl_cx_env env = {f->ctx, 64, NULL, NULL, NULL};
	tl_prim ty;
	tl_u128 v;
	assert_int_equal(tl_cexpr_eval(&env, tl_rparse_cexpr(&f->p), TL_CX_NOTYPE,
				       &v, &ty), TL_OK);
	assert_int_equal(ty, TL_PRIM_I32);
	expect_no_diags(f->ctx);
}

static void cexpr_errors(void **state)
{
	static const struct {
		const char *text;
		tl_prim type;
		uint32_t col;
		const char *id, *msg;
	} cases[] = {
		{"255u8 + 1", TL_PRIM_U8, 7, "const-eval", "arithmetic overflow in constant expression of type 'u8'"},
		{"1 / 0", TL_PRIM_U32, 3, "const-eval", "division by zero in constant expression"},
		{"1 % 0", TL_PRIM_U32, 3, "const-eval", "remainder by zero in constant expression"},
		{"i32::MIN / -1", TL_PRIM_I32, 10, "const-eval", "arithmetic overflow in constant expression of type 'i32'"},
		{"1u8 << 8", TL_PRIM_U8, 5, "const-eval", "arithmetic overflow in constant expression of type 'u8'"},
		{"-i8::MIN", TL_PRIM_I8, 1, "const-eval", "arithmetic overflow in constant expression of type 'i8'"},
		{"-1", TL_PRIM_USIZE, 1, "const-eval", "cannot negate a value of unsigned type 'usize'"},
		{"256", TL_PRIM_U8, 1, "const-eval", "literal out of range for 'u8'"},
		{"-129", TL_PRIM_I8, 1, "const-eval", "literal out of range for 'i8'"},
		{"-i128::MIN", TL_PRIM_I128, 1, "const-eval", "arithmetic overflow in constant expression of type 'i128'"},
		{"i128::MAX + 1", TL_PRIM_I128, 11, "const-eval", "arithmetic overflow in constant expression of type 'i128'"},
		{"u128::MAX + 1", TL_PRIM_U128, 11, "const-eval", "arithmetic overflow in constant expression of type 'u128'"},
		{"16u8", TL_PRIM_USIZE, 1, "const-eval", "mismatched types in constant expression: expected 'usize', found 'u8'"},
		{"u16::MAX", TL_PRIM_U8, 1, "const-eval", "mismatched types in constant expression: expected 'u8', found 'u16'"},
		{"LEN + 1", TL_PRIM_USIZE, 1, "unknown-const", "unknown constant 'LEN'"},
		{"1 - 2", TL_PRIM_U64, 3, "const-eval", "arithmetic overflow in constant expression of type 'u64'"},
		{"u64::MAX * 2", TL_PRIM_U64, 10, "const-eval", "arithmetic overflow in constant expression of type 'u64'"},
	};
	fixture *f = *state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t before = tl_diag_count(f->ctx);
		eval(f, cases[i].text, cases[i].type, TL_EINPUT);
		assert_int_equal(tl_diag_count(f->ctx), before + 1);
		expect_diag(f->ctx, before, cases[i].id, 1, cases[i].col,
			    cases[i].msg);
	}
}

/* Comparisons, && || ! on bool, bool as integer. */
static void cexpr_bools_and_comparisons(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *text;
		unsigned long long want;
	} cases[] = {
		{"(1 < 2) as usize", 1}, {"(2 <= 1) as usize", 0},
		{"(3 > 3) as usize", 0}, {"(3 >= 3) as usize", 1},
		{"(4 == 4) as usize", 1}, {"(4 != 4) as usize", 0},
		{"(-1 < 0) as usize", 1}, /* i32: signed */
		{"(-1i8 as u8 > 200) as usize", 1},
		{"(u8::MAX as usize > 255) as usize", 0},
		{"(true && false || true) as usize", 1},
		{"(false || false) as usize", 0},
		{"!(1 == 1) as usize", 0}, {"!false as usize", 1},
		{"(false < true) as usize", 1}, {"(true == !false) as usize", 1},
		{"(true ^ true) as usize + (true & true) as usize + (false | true) as usize", 2},
		{"3 * (1 >= 1) as usize", 3},
		{"(false && 1 / 0 == 0) as usize", 0}, /* not evaluated */
		{"(true || 1 / 0 == 0) as usize", 1},
		{"8 * (8usize < 8) as usize - 8 * (8usize < 8) as usize", 0},
		{"true as u8 as usize", 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_u128 v = eval(f, cases[i].text, TL_PRIM_USIZE, TL_OK);
		if (v != cases[i].want)
			fail_msg("'%s' = %llu, expected %llu", cases[i].text,
				 (unsigned long long)v, cases[i].want);
	}
	assert_true(eval(f, "1 < 2", TL_PRIM_BOOL, TL_OK) == 1);
	tl_prim ty;
	tl_u128 v;
	tl_cx_env env = {f->ctx, 64, NULL, NULL, NULL};
	tl_rparse_begin(&f->p, "1 != 2", 6, (tl_loc){f->file, 1, 1}, false);
	assert_int_equal(tl_cexpr_eval(&env, tl_rparse_cexpr(&f->p), TL_CX_NOTYPE,
				       &v, &ty), TL_OK);
	assert_int_equal(ty, TL_PRIM_BOOL);
	assert_true(v == 1);
	expect_no_diags(f->ctx);
}

static void cexpr_bool_errors(void **state)
{
	static const struct {
		const char *text;
		tl_prim type;
		uint32_t col;
		const char *msg;
	} cases[] = {
		{"true", TL_PRIM_USIZE, 1, "mismatched types in constant expression: expected 'usize', found 'bool'"},
		{"1 < 2", TL_PRIM_USIZE, 3, "mismatched types in constant expression: expected 'usize', found 'bool'"},
		{"(1 && true) as usize", TL_PRIM_USIZE, 2, "mismatched types in constant expression: expected 'bool', found an integer"},
		{"(1u8 || true) as usize", TL_PRIM_USIZE, 2, "mismatched types in constant expression: expected 'bool', found 'u8'"},
		{"(true + 1) as usize", TL_PRIM_USIZE, 7, "binary operator '+' cannot be applied to type 'bool'"},
		{"(true << 1) as usize", TL_PRIM_USIZE, 7, "binary operator '<<' cannot be applied to type 'bool'"},
		{"1 << (1 < 2)", TL_PRIM_USIZE, 3, "binary operator '<<' cannot be applied to type 'bool'"},
		{"(-true) as usize", TL_PRIM_USIZE, 2, "cannot apply unary operator '-' to type 'bool'"},
		{"(1 as u8) == true", TL_PRIM_BOOL, 14, "mismatched types in constant expression: expected 'u8', found 'bool'"},
		{"size_of::<u8>()", TL_PRIM_USIZE, 1,
		 "'size_of::<u8>()' depends on a layout: only array lengths and const generic arguments may use size_of and align_of"},
		{"align_of::<u8>()", TL_PRIM_U8, 1, "mismatched types in constant expression: expected 'u8', found 'usize'"},
		{"(size_of::<u8>() as u8) == 1", TL_PRIM_BOOL, 2,
		 "'size_of::<u8>()' depends on a layout: only array lengths and const generic arguments may use size_of and align_of"},
	};
	fixture *f = *state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t before = tl_diag_count(f->ctx);
		eval(f, cases[i].text, cases[i].type, TL_EINPUT);
		assert_int_equal(tl_diag_count(f->ctx), before + 1);
		expect_diag(f->ctx, before, "const-eval", 1, cases[i].col,
			    cases[i].msg);
	}
}

/* A layout oracle for the evaluator: sizes by type name, pointer-sized
 * types at the width in `user` (what the layout engine answers from a
 * target's table). */
static int fake_layout(void *user, const tl_cexpr *x, tl_u128 *value)
{
	unsigned bits = *(const unsigned *)user;
	const char *name = x->ty->kind == TL_TX_PATH ? x->ty->segs[x->ty->nsegs - 1] : "";
	if (!strcmp(name, "u64"))
		*value = 8;
	else if (!strcmp(name, "u16"))
		*value = 2;
	else
		*value = bits / 8; /* usize, pointers */
	return 0;
}

static tl_status eval_width(fixture *f, const char *text, unsigned bits,
			    tl_u128 *v)
{
	tl_rparse_begin(&f->p, text, strlen(text), (tl_loc){f->file, 1, 1}, false);
	const tl_cexpr *e = tl_rparse_cexpr(&f->p);
	assert_non_null(e);
	tl_cx_env env = {f->ctx, bits, NULL, &bits, fake_layout};
	assert_true(tl_cexpr_needs_layout(&env, e));
	return tl_cexpr_eval(&env, e, TL_PRIM_USIZE, v, NULL);
}

/* The same expression on a 32-bit and a 64-bit target: the layout engine
 * passes the target's usize width and answers size_of itself. */
static void cexpr_per_target_width(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *text;
		unsigned long long w32, w64;
	} cases[] = {
		{"size_of::<usize>()", 4, 8},
		{"16 / size_of::<usize>()", 4, 2},
		{"8 * (size_of::<*const u8>() < 8) as usize", 8, 0},
		{"8 * (size_of::<usize>() < 8) as usize - size_of::<usize>() * (size_of::<usize>() < 8) as usize", 4, 0},
		{"usize::MAX / size_of::<u64>()", 0x1FFFFFFFull, 0x1FFFFFFFFFFFFFFFull},
		{"align_of::<u16>() + (usize::BITS == 32) as usize", 3, 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_u128 v32 = 0, v64 = 0;
		assert_int_equal(eval_width(f, cases[i].text, 32, &v32), TL_OK);
		assert_int_equal(eval_width(f, cases[i].text, 64, &v64), TL_OK);
		if (v32 != cases[i].w32 || v64 != cases[i].w64)
			fail_msg("'%s' = %llu / %llu, expected %llu / %llu", cases[i].text,
				 (unsigned long long)v32, (unsigned long long)v64,
				 cases[i].w32, cases[i].w64);
	}
	expect_no_diags(f->ctx);
	/* overflows on one width only */
	tl_u128 v;
	const char *text = "size_of::<usize>() * (u32::MAX as usize / 2)";
	assert_int_equal(eval_width(f, text, 64, &v), TL_OK);
	assert_int_equal(eval_width(f, text, 32, &v), TL_EINPUT);
	expect_only(f->ctx, "const-eval", 1, 20,
		    "arithmetic overflow in constant expression of type 'usize'");
}

static int param_lookup(void *user, const tl_cexpr *path, tl_prim *type,
			tl_u128 *value)
{
	(void)user;
	(void)value;
	if (strcmp(path->segs[0], "N") == 0) {
		*type = TL_PRIM_USIZE;
		return -1;
	}
	if (strcmp(path->segs[0], "K") == 0) {
		*type = TL_PRIM_USIZE;
		*value = 5;
		return 1;
	}
	return 0;
}

static void cexpr_lookup_hook(void **state)
{
	fixture *f = *state;
	tl_cx_env env = {f->ctx, 64, param_lookup, NULL, NULL};
	tl_u128 v;
	tl_rparse_begin(&f->p, "K * 2", 5, (tl_loc){f->file, 1, 1}, false);
	assert_int_equal(tl_cexpr_eval(&env, tl_rparse_cexpr(&f->p), TL_PRIM_USIZE,
				       &v, NULL), TL_OK);
	assert_true(v == 10);
	tl_rparse_begin(&f->p, "N + 1", 5, (tl_loc){f->file, 1, 1}, false);
	assert_int_equal(tl_cexpr_eval(&env, tl_rparse_cexpr(&f->p), TL_PRIM_USIZE,
				       &v, NULL), TL_EINPUT);
	expect_only(f->ctx, "const-eval", 1, 1,
		    "generic parameter 'N' cannot be used in a constant expression (only alone, as in '[T; N]')");
}

static int deferred_lookup(void *user, const tl_cexpr *path, tl_prim *type,
			   tl_u128 *value)
{
	(void)user;
	(void)value;
	*type = TL_PRIM_USIZE;
	return strcmp(path->segs[0], "D") == 0 ? TL_CX_DEFERRED : 0;
}

/* A constant whose value needs a layout: the front ends defer a length
 * that uses it, and evaluating it without a layout is an error. */
static void cexpr_deferred_constants(void **state)
{
	fixture *f = *state;
	tl_cx_env env = {f->ctx, 64, deferred_lookup, NULL, NULL};
	static const struct {
		const char *text;
		bool needs;
	} cases[] = {
		{"D + 1", true}, {"(1 < D) as usize", true}, {"-(D as i32)", true},
		{"size_of::<u8>()", true}, {"1 + 2", false}, {"u8::MAX as usize", false},
		{"(true && X) as usize", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_rparse_begin(&f->p, cases[i].text, strlen(cases[i].text),
				(tl_loc){f->file, 1, 1}, false);
		const tl_cexpr *e = tl_rparse_cexpr(&f->p);
		assert_non_null(e);
		if (tl_cexpr_needs_layout(&env, e) != cases[i].needs)
			fail_msg("'%s': needs_layout should be %d", cases[i].text,
				 cases[i].needs);
	}
	tl_u128 v;
	tl_rparse_begin(&f->p, "2 * D", 5, (tl_loc){f->file, 1, 1}, false);
	assert_int_equal(tl_cexpr_eval(&env, tl_rparse_cexpr(&f->p), TL_PRIM_USIZE,
				       &v, NULL), TL_EINPUT);
	expect_only(f->ctx, "const-eval", 1, 5,
		    "'D' depends on a layout: only array lengths and const generic arguments may use size_of and align_of");
}

/* ---- generic parameters and variants ---- */

static void generic_parameter_lists(void **state)
{
	fixture *f = *state;
	const char *s = "<'a, T: ?Sized + Clone + 'a, const N: usize, V: for<'b> Fn(&'b u8), U = u8>";
	tl_rparse_begin(&f->p, s, strlen(s), (tl_loc){f->file, 1, 1}, false);
	tl_gparam *g;
	uint32_t n;
	assert_true(tl_rparse_generics(&f->p, &g, &n));
	assert_true(tl_rparse_end(&f->p, "the list"));
	assert_int_equal(n, 4);
	assert_string_equal(g[0].name, "T");
	assert_true(g[0].maybe_unsized);
	assert_true(g[1].is_const);
	assert_int_equal(g[1].const_type, TL_PRIM_USIZE);
	assert_false(g[2].maybe_unsized);
	assert_null(g[2].deflt);
	assert_non_null(g[3].deflt);
	expect_no_diags(f->ctx);
	tl_rparse_begin(&f->p, "", 0, (tl_loc){f->file, 1, 1}, false);
	assert_true(tl_rparse_generics(&f->p, &g, &n));
	assert_int_equal(n, 0);
}

static void generic_parameter_errors(void **state)
{
	static const struct {
		const char *text;
		uint32_t col;
		const char *msg;
	} cases[] = {
		{"<T, T>", 5, "duplicate generic parameter 'T'"},
		{"<T = u8, U>", 10, "generic parameters with a default must come last"},
		{"<const N: usize = 3>", 17, "default values of const parameters are not supported"},
		{"<const N: f32>", 11, "const parameters must have an integer, 'bool' or 'char' type, found 'f32'"},
		{"<T U>", 4, "expected '>' to close the generic parameters, found 'U'"},
		{"<1>", 2, "expected a generic parameter, found '1'"},
	};
	fixture *f = *state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t before = tl_diag_count(f->ctx);
		tl_rparse_begin(&f->p, cases[i].text, strlen(cases[i].text),
				(tl_loc){f->file, 1, 1}, false);
		tl_gparam *g;
		uint32_t n;
		assert_false(tl_rparse_generics(&f->p, &g, &n));
		expect_diag(f->ctx, before, "type-syntax", 1, cases[i].col,
			    cases[i].msg);
	}
}

static tl_variant variant(fixture *f, const char *text, bool ok)
{
	tl_variant v;
	tl_rparse_begin(&f->p, text, strlen(text), (tl_loc){f->file, 1, 1}, false);
	bool r = tl_rparse_variant(&f->p, &v) && tl_rparse_end(&f->p, "the variant");
	if (r != ok) {
		dump_diags(f->ctx);
		fail_msg("'%s': unexpected result", text);
	}
	return v;
}

static void variant_declarations(void **state)
{
	fixture *f = *state;
	tl_variant v = variant(f, "Empty", true);
	assert_string_equal(v.name, "Empty");
	assert_int_equal(v.shape, TL_SHAPE_UNIT);
	v = variant(f, "Ok = 200", true);
	assert_true(v.disc_expr->value == 200);
	v = variant(f, "A = -1", true);
	assert_int_equal(v.disc_expr->kind, TL_CX_UNARY);
	v = variant(f, "Number(i32)", true);
	assert_int_equal(v.shape, TL_SHAPE_TUPLE);
	assert_int_equal(v.nfields, 1);
	assert_string_equal(v.fields[0].name, "0");
	assert_int_equal(v.fields[0].loc.col, 8);
	v = variant(f, "Moved { x: i32, pub y: i32, }", true);
	assert_int_equal(v.shape, TL_SHAPE_NAMED);
	assert_int_equal(v.nfields, 2);
	assert_string_equal(v.fields[1].name, "y");
	assert_int_equal(v.fields[1].loc.col, 21);
	assert_int_equal(v.fields[1].bit_width, -1);
	v = variant(f, "V(u8, pub(crate) u16,) = 3", true);
	assert_int_equal(v.nfields, 2);
	assert_non_null(v.disc_expr);
	v = variant(f, "E {}", true);
	assert_int_equal(v.shape, TL_SHAPE_NAMED);
	assert_int_equal(v.nfields, 0);
	expect_no_diags(f->ctx);
	variant(f, "1x", false);
	expect_diag(f->ctx, 0, "type-syntax", 1, 1, "expected a variant name, found '1x'");
	variant(f, "A { x }", false);
	expect_diag(f->ctx, 1, "type-syntax", 1, 7, "expected ':' after the field name, found '}'");
	variant(f, "A(u8", false);
	expect_diag(f->ctx, 2, "type-syntax", 1, 5, "expected ')' to close the field list, found end of input");
	variant(f, "A = ", false);
	expect_diag(f->ctx, 3, "type-syntax", 1, 5, "expected a constant expression, found end of input");
	variant(f, "A B", false);
	expect_diag(f->ctx, 4, "type-syntax", 1, 3, "unexpected 'B' after the variant");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lex_identifiers_raw_and_lifetimes),
		cmocka_unit_test(lex_every_keyword),
		cmocka_unit_test(lex_numbers_with_suffixes),
		cmocka_unit_test(lex_char_string_and_byte_literals),
		cmocka_unit_test(lex_punctuation_longest_match),
		cmocka_unit_test(lex_comments_nested_and_doc),
		cmocka_unit_test(lex_locations_are_byte_columns_from_start),
		cmocka_unit_test(lex_errors_are_tokens),
		cmocka_unit_test(lex_peek_does_not_consume),
		cmocka_unit_test_setup_teardown(parse_paths_with_generics, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_lifetime_const_and_assoc_args, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_refs_and_raw_pointers, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_slices_arrays_and_tuples, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_sizeof_and_comparisons, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_fn_pointers, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_trait_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_never_and_infer, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_locations_are_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_errors_have_locations, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_depth_is_limited, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_precedence_follows_rust, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_signed_values_are_sign_extended, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_lookup_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_bools_and_comparisons, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_bool_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_per_target_width, setup, teardown),
		cmocka_unit_test_setup_teardown(cexpr_deferred_constants, setup, teardown),
		cmocka_unit_test_setup_teardown(generic_parameter_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(generic_parameter_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(variant_declarations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
