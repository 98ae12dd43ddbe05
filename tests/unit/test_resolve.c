/*
 * Name resolution (src/front/resolve*.c): lookup order, generics,
 * defaults, aliases, closures, array lengths, discriminants, the embedded
 * prelude and --type expressions. Most cases use a small prelude of their
 * own (loaded as builtin), so they do not depend on src/data/prelude.yaml;
 * one case checks that the real prelude resolves cleanly.
 */
#include "front_test_util.h"

#include "front/front_yaml.h"

/* A stand-in for the embedded prelude. */
static const char mini_prelude[] =
	"types:\n"
	"  Vec<T>: { path: std::vec::Vec, struct: [ptr: \"*const T\", cap: usize, len: usize] }\n"
	"  String: { path: std::string::String, struct: [vec: Vec<u8>] }\n"
	"  \"Box<T: ?Sized>\": { path: std::boxed::Box, tuple: [\"*const T\"] }\n"
	"  Option<T>: { path: std::option::Option, enum: [None, Some(T)] }\n"
	"  Weak<T>: { path: std::rc::Weak, struct: [p: \"*const T\"] }\n"
	"  Weak<T>: { path: std::sync::Weak, struct: [p: \"*const T\", q: usize] }\n"
	"  RandomState: { struct: [k0: u64, k1: u64] }\n"
	"  HashMap<K, V, S = RandomState>: { struct: [s: S, k: \"*const (K, V)\"] }\n"
	"  \"ToOwned<B: ?Sized>\": { cases: [ {str: String}, {\"[T]\": Vec<T>}, {_: B} ] }\n"
	"  \"Cow<'a, B: ?Sized>\": { enum: [\"Borrowed(&'a B)\", \"Owned(ToOwned<B>)\"] }\n";

/* A context with the mini prelude as its builtin definitions. */
static tl_ctx *ctx_with_prelude(void)
{
	tl_ctx *ctx = new_ctx();
	ctx->prelude_loaded = true; /* keep the embedded one out */
	uint32_t file = tl_source_add(ctx, "<prelude>", mini_prelude,
				      sizeof(mini_prelude) - 1);
	assert_int_equal(tl_front_yaml_load(ctx, file, true), TL_OK);
	return ctx;
}

static tl_ctx *resolve_yaml(const char *yaml, tl_status want)
{
	tl_ctx *ctx = ctx_with_prelude();
	tl_status st = tl_load_yaml_buffer(ctx, "t.yaml", yaml, strlen(yaml));
	if (st == TL_OK)
		st = tl_ctx_resolve(ctx);
	if (st != want) {
		dump_diags(ctx);
		fail_msg("status %d, expected %d", st, want);
	}
	if (want == TL_OK)
		expect_no_diags(ctx);
	return ctx;
}

static const char *field_type(tl_ctx *ctx, const char *def, uint32_t i)
{
	return tl_type_name(ctx, find_def(ctx, def)->fields[i].type);
}

static void primitives_and_paths(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  P: { tuple: [bool, char, u8, u16, u32, u64, u128, usize, i8, i16,\n"
		"               i32, i64, i128, isize, f16, f32, f64, f128, \"&str\",\n"
		"               \"std::primitive::u8\", \"Box<str>\", Vec<String>,\n"
		"               \"std::vec::Vec<u8>\", \"::std::string::String\"] }\n",
		TL_OK);
	static const char *const want[] = {
		"bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8",
		"i16", "i32", "i64", "i128", "isize", "f16", "f32", "f64", "f128",
		"&str", "u8", "Box<str>", "Vec<String>", "Vec<u8>", "String",
	};
	for (uint32_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		assert_string_equal(field_type(ctx, "P", i), want[i]);
	const tl_type *t = tl_type_get(ctx, find_def(ctx, "P")->fields[2].type);
	assert_int_equal(t->kind, TL_TY_PRIM);
	assert_int_equal(t->prim, TL_PRIM_U8);
	tl_ctx_free(ctx);
}

static void user_types_shadow_primitives_and_prelude(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml("types:\n"
				   "  u8: { struct: [] }\n"
				   "  Vec<T>: { tuple: [T] }\n"
				   "  S: { tuple: [u8, Vec<u16>, String] }\n",
				   TL_OK);
	const tl_def *s = find_def(ctx, "S");
	const tl_type *t = tl_type_get(ctx, s->fields[0].type);
	assert_int_equal(t->kind, TL_TY_ADT);
	assert_ptr_equal(t->def, find_def(ctx, "u8"));
	t = tl_type_get(ctx, s->fields[1].type);
	assert_ptr_equal(t->def, find_def(ctx, "Vec"));
	/* the prelude's String keeps the prelude's Vec */
	t = tl_type_get(ctx, s->fields[2].type);
	const tl_type *vec = tl_type_get(ctx, t->def->fields[0].type);
	assert_true(vec->def->builtin);
	tl_ctx_free(ctx);
}

static void qualified_paths_pick_among_prelude_types(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  S: { tuple: [Weak<u8>, \"rc::Weak<u8>\", \"sync::Weak<u8>\",\n"
		"               \"std::sync::Weak<u8>\", \"alloc::sync::Weak<u8>\"] }\n",
		TL_OK);
	const tl_def *s = find_def(ctx, "S");
	const tl_def *rc = NULL, *sync = NULL;
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		if (d->path && strcmp(d->path, "std::rc::Weak") == 0)
			rc = d;
		if (d->path && strcmp(d->path, "std::sync::Weak") == 0)
			sync = d;
	}
	assert_non_null(rc);
	assert_non_null(sync);
	assert_ptr_equal(tl_type_get(ctx, s->fields[0].type)->def, rc);
	assert_ptr_equal(tl_type_get(ctx, s->fields[1].type)->def, rc);
	assert_ptr_equal(tl_type_get(ctx, s->fields[2].type)->def, sync);
	assert_ptr_equal(tl_type_get(ctx, s->fields[3].type)->def, sync);
	assert_ptr_equal(tl_type_get(ctx, s->fields[4].type)->def, sync);
	tl_ctx_free(ctx);
}

static void generic_parameters_become_param_terms(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  \"Arr<T, const N: usize>\": { struct: [a: \"[T; N]\", s: \"&Self\", b: Option<T>] }\n"
		"  Use: { tuple: [\"Arr<u8, 4>\", \"Arr<u8, { 2 * 2 }>\", \"Arr<u16, 0x4>\"] }\n",
		TL_OK);
	const tl_def *arr = find_def(ctx, "Arr");
	const tl_type *a = tl_type_get(ctx, arr->fields[0].type);
	assert_int_equal(a->kind, TL_TY_ARRAY);
	assert_int_equal(tl_type_get(ctx, a->inner)->kind, TL_TY_PARAM);
	assert_int_equal(tl_type_get(ctx, a->len)->kind, TL_TY_PARAM);
	assert_int_equal(tl_type_get(ctx, a->len)->param, 1);
	assert_string_equal(field_type(ctx, "Arr", 1), "&Arr<T, N>");
	assert_string_equal(field_type(ctx, "Arr", 2), "Option<T>");
	const tl_def *use = find_def(ctx, "Use");
	assert_int_equal(use->fields[0].type, use->fields[1].type);
	assert_string_equal(field_type(ctx, "Use", 2), "Arr<u16, 4>");
	assert_false(arr->report);
	assert_true(use->report);
	tl_ctx_free(ctx);
}

/* A type of several parts written alike on many fields' lines is one
 * shared tree, resolved once for all the non-generic definitions that use
 * it: what it means must still follow each definition (its parameters,
 * `Self`). */
static void shared_field_types_resolve_per_definition(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  T:\n"
		"    struct:\n"
		"      - x: u8\n"
		"  Gen<T>:\n"
		"    struct:\n"
		"      - a: Option<T>\n"
		"      - s: \"&Self\"\n"
		"  A:\n"
		"    struct:\n"
		"      - a: Option<T>\n"
		"      - b: Option<T>\n"
		"      - s: \"&Self\"\n"
		"  B:\n"
		"    struct:\n"
		"      - a: Option<T>\n"
		"      - s: \"&Self\"\n"
		"  Gen2<T>:\n"
		"    struct:\n"
		"      - a: Option<T>\n",
		TL_OK);
	const tl_def *gen = find_def(ctx, "Gen"), *a = find_def(ctx, "A"),
		     *b = find_def(ctx, "B"), *gen2 = find_def(ctx, "Gen2");
	const tl_type *ga = tl_type_get(ctx, gen->fields[0].type);
	assert_true(ga->has_params);
	assert_false(tl_type_get(ctx, a->fields[0].type)->has_params);
	assert_string_equal(field_type(ctx, "A", 0), "Option<T>");
	assert_int_equal(a->fields[0].type, a->fields[1].type);
	assert_int_equal(a->fields[0].type, b->fields[0].type);
	assert_int_equal(gen->fields[0].type, gen2->fields[0].type);
	assert_string_equal(field_type(ctx, "Gen", 1), "&Gen<T>");
	assert_string_equal(field_type(ctx, "A", 2), "&A");
	assert_string_equal(field_type(ctx, "B", 1), "&B");
	tl_ctx_free(ctx);
}

static void defaults_fill_missing_arguments(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  Pair<A, B = Vec<A>>: { tuple: [A, B] }\n"
		"  Use: { tuple: [\"HashMap<u8, u16>\", Pair<u8>, \"Pair<u8, u8>\"] }\n",
		TL_OK);
	assert_string_equal(field_type(ctx, "Use", 0), "HashMap<u8, u16, RandomState>");
	assert_string_equal(field_type(ctx, "Use", 1), "Pair<u8, Vec<u8>>");
	assert_string_equal(field_type(ctx, "Use", 2), "Pair<u8, u8>");
	tl_ctx_free(ctx);
}

static void aliases_resolve_to_their_target(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  Link: { alias: Option<Box<Node>> }\n"
		"  Node: { struct: [next: Link, v: Two<u8>, w: Deep] }\n"
		"  Two<T>: { alias: \"(T, T)\" }\n"
		"  Deep: { alias: Link }\n",
		TL_OK);
	assert_string_equal(field_type(ctx, "Node", 0), "Option<Box<Node>>");
	assert_string_equal(field_type(ctx, "Node", 1), "(u8, u8)");
	assert_int_equal(find_def(ctx, "Node")->fields[0].type,
			 find_def(ctx, "Node")->fields[2].type);
	assert_int_equal(find_def(ctx, "Link")->alias_type,
			 find_def(ctx, "Node")->fields[0].type);
	tl_ctx_free(ctx);
}

static void closures_capture_by_reference_or_value(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  C:\n"
		"    closure:\n"
		"      - a: { by: ref, type: u8 }\n"
		"      - b: { by: ref_mut, type: \"[u8]\" }\n"
		"      - c: { by: move, type: String }\n"
		"      - d: u64\n",
		TL_OK);
	assert_string_equal(field_type(ctx, "C", 0), "&u8");
	assert_string_equal(field_type(ctx, "C", 1), "&mut [u8]");
	assert_string_equal(field_type(ctx, "C", 2), "String");
	assert_string_equal(field_type(ctx, "C", 3), "u64");
	tl_ctx_free(ctx);
}

static void fn_dyn_and_lifetimes(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  S:\n"
		"    tuple:\n"
		"      - \"fn(i32) -> i32\"\n"
		"      - \"fn( i32 )->i32\"\n"
		"      - \"Box<dyn Fn(u8) -> u8 + Send + 'static>\"\n"
		"      - \"&'a u8\"\n"
		"      - \"&u8\"\n"
		"      - \"&'a mut dyn std::io::Write\"\n"
		"      - \"!\"\n"
		"      - \"()\"\n"
		"      - \"(u8,)\"\n",
		TL_OK);
	const tl_def *s = find_def(ctx, "S");
	assert_int_equal(tl_type_get(ctx, s->fields[0].type)->kind, TL_TY_FNPTR);
	assert_string_equal(field_type(ctx, "S", 0), "fn(i32) -> i32");
	assert_int_equal(s->fields[0].type, s->fields[1].type);
	assert_string_equal(field_type(ctx, "S", 2), "Box<dyn Fn(u8) -> u8 + Send>");
	assert_int_equal(s->fields[3].type, s->fields[4].type);
	const tl_type *d = tl_type_get(ctx, tl_type_get(ctx, s->fields[5].type)->inner);
	assert_int_equal(d->kind, TL_TY_DYN);
	assert_string_equal(d->text, "std::io::Write");
	assert_int_equal(tl_type_get(ctx, s->fields[6].type)->kind, TL_TY_NEVER);
	assert_int_equal(tl_type_get(ctx, s->fields[7].type)->kind, TL_TY_UNIT);
	assert_int_equal(tl_type_get(ctx, s->fields[8].type)->kind, TL_TY_TUPLE);
	tl_ctx_free(ctx);
}

static void type_functions_pick_a_case(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  S: { tuple: [\"ToOwned<str>\", \"ToOwned<[u16]>\", ToOwned<u32>, Cow<str>] }\n",
		TL_OK);
	assert_string_equal(field_type(ctx, "S", 0), "String");
	assert_string_equal(field_type(ctx, "S", 1), "Vec<u16>");
	assert_string_equal(field_type(ctx, "S", 2), "u32");
	/* inside Cow the argument is generic; an instance applies the case */
	tl_type_id cow = find_def(ctx, "S")->fields[3].type;
	const tl_def *cd = tl_type_get(ctx, cow)->def;
	const tl_field *owned = &cd->variants[1].fields[0];
	assert_string_equal(tl_type_name(ctx, owned->type), "ToOwned<B>");
	assert_string_equal(tl_type_name(ctx, tl_type_field(ctx, cow, owned)), "String");
	tl_ctx_free(ctx);
}

static void array_lengths_are_evaluated(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  S: { tuple: [\"[u8; 4 * 1024]\", \"[u8; usize::MAX]\", \"[u8; u8::MAX as usize + 1]\", \"[u8; 0]\"] }\n",
		TL_OK);
	assert_string_equal(field_type(ctx, "S", 0), "[u8; 4096]");
	assert_string_equal(field_type(ctx, "S", 1), "[u8; 18446744073709551615]");
	assert_string_equal(field_type(ctx, "S", 2), "[u8; 256]");
	assert_string_equal(field_type(ctx, "S", 3), "[u8; 0]");
	tl_ctx_free(ctx);
}

static void discriminants_follow_rust(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml(
		"types:\n"
		"  E: { enum: [A = 10, B, C = 5, D] }\n"
		"  N: { repr: i8, enum: [X = -128, Y, Z = 127] }\n"
		"  I: { enum: [M = -1, O] }\n"
		"  F: { repr: u8, enum: [\"P(u32) = 3\", Q] }\n"
		"  W: { repr: u64, enum: [\"A = u64::MAX\"] }\n",
		TL_OK);
	const tl_def *e = find_def(ctx, "E");
	assert_true(e->variants[0].disc == 10);
	assert_true(e->variants[1].disc == 11);
	assert_true(e->variants[2].disc == 5);
	assert_true(e->variants[3].disc == 6);
	const tl_def *n = find_def(ctx, "N");
	assert_true(n->variants[0].disc == -128);
	assert_true(n->variants[1].disc == -127);
	assert_true(find_def(ctx, "I")->variants[1].disc == 0);
	assert_true(find_def(ctx, "F")->variants[1].disc == 4);
	assert_true(find_def(ctx, "W")->variants[0].disc == (tl_i128)UINT64_MAX);
	tl_ctx_free(ctx);
}

typedef struct err_case {
	const char *name, *yaml, *id;
	uint32_t line, col;
	const char *msg;
} err_case;

static const err_case errors[] = {
	{"unknown type with a suggestion", "types:\n  S: { tuple: [Strng] }\n", "unknown-type", 2, 16,
	 "unknown type 'Strng' (did you mean 'String'?)"},
	{"unknown type", "types:\n  S: { tuple: [\"Vec<Zebra>\"] }\n", "unknown-type", 2, 21,
	 "unknown type 'Zebra'"},
	{"unknown type suggests a parameter", "types:\n  S<Item>: { tuple: [Itme] }\n", "unknown-type", 2, 22,
	 "unknown type 'Itme' (did you mean 'Item'?)"},
	{"wrong number of arguments", "types:\n  S: { tuple: [\"Vec<u8, u8>\"] }\n", "generic-args", 2, 17,
	 "wrong number of generic arguments for 'Vec': expected 1, found 2"},
	{"missing arguments", "types:\n  S: { tuple: [Vec] }\n", "generic-args", 2, 16,
	 "wrong number of generic arguments for 'Vec': expected 1, found 0"},
	{"wrong number with defaults", "types:\n  S: { tuple: [HashMap<u8>] }\n", "generic-args", 2, 16,
	 "wrong number of generic arguments for 'HashMap': expected 2 to 3, found 1"},
	{"const parameter as a type", "types:\n  \"S<const N: usize>\": { tuple: [N] }\n", "generic-args", 2, 34,
	 "const parameter 'N' cannot be used as a type"},
	{"parameter with arguments", "types:\n  S<T>: { tuple: [T<u8>] }\n", "generic-args", 2, 19,
	 "generic parameter 'T' takes no generic arguments"},
	{"primitive with arguments", "types:\n  S: { tuple: [u8<u8>] }\n", "generic-args", 2, 16,
	 "primitive type 'u8' takes no generic arguments"},
	{"associated binding", "types:\n  S: { tuple: [\"Vec<Item = u8>\"] }\n", "generic-args", 2, 28,
	 "associated type bindings such as 'Item = ..' are only allowed on traits"},
	{"type for a const parameter", "types:\n  \"A<const N: usize>\": { tuple: [] }\n  S: { tuple: [\"A<[u8]>\"] }\n",
	 "generic-args", 3, 19, "expected a constant for parameter 'N' of 'A', found a type"},
	{"constant for a type parameter", "types:\n  S: { tuple: [\"Vec<4>\"] }\n", "generic-args", 2, 21,
	 "expected a type for parameter 'T' of 'Vec', found a constant"},
	{"placeholder", "types:\n  S: { tuple: [\"Vec<_>\"] }\n", "unknown-type", 2, 21,
	 "the placeholder '_' is not allowed in field types"},
	{"Self in an alias", "types:\n  S: { alias: Self }\n", "unknown-type", 2, 15,
	 "'Self' is only allowed inside a struct, enum, union or closure"},
	{"alias cycle", "types:\n  A: { alias: B }\n  B: { alias: \"Box<A>\" }\n", "alias-cycle", 2, 3,
	 "type alias 'A' refers to itself"},
	{"array length overflow", "types:\n  S: { tuple: [\"[u8; usize::MAX + 1]\"] }\n", "const-eval", 2, 33,
	 "arithmetic overflow in constant expression of type 'usize'"},
	{"array length unknown constant", "types:\n  S: { tuple: [\"[u8; LEN]\"] }\n", "unknown-const", 2, 22,
	 "unknown constant 'LEN'"},
	{"array length of a wrong type", "types:\n  \"S<const N: u8>\": { tuple: [\"[u8; N]\"] }\n", "const-eval", 2, 37,
	 "mismatched types in constant expression: expected 'usize', found 'u8'"},
	{"generic array length expression", "types:\n  \"S<const N: usize>\": { tuple: [\"[u8; N + 1]\"] }\n",
	 "const-eval", 2, 40,
	 "generic parameter 'N' cannot be used in a constant expression (only alone, as in '[T; N]')"},
	{"discriminant overflow", "types:\n  E: { repr: u8, enum: [A = 255, B] }\n", "discriminant", 2, 34,
	 "discriminant of 'B' overflows 'u8' (the previous variant has 255)"},
	{"discriminant out of range", "types:\n  E: { repr: u8, enum: [A = 256] }\n", "const-eval", 2, 29,
	 "literal out of range for 'u8'"},
	{"negative discriminant, unsigned repr", "types:\n  E: { repr: u16, enum: [A = -1] }\n", "const-eval", 2, 30,
	 "cannot negate a value of unsigned type 'u16'"},
	{"duplicate discriminant", "types:\n  E: { enum: [A = 1, B = 0, C] }\n", "duplicate-discriminant", 2, 29,
	 "discriminant value 1 is assigned to both 'A' and 'C'"},
	{"explicit discriminant needs a repr", "types:\n  E: { enum: [\"A(u8) = 1\"] }\n", "discriminant", 2, 24,
	 "explicit discriminant on variant 'A' with fields needs a primitive representation such as 'repr: u8'"},
	{"alias expansion explosion",
	 "types:\n"
	 "  A0<T>: { alias: Vec<T> }\n  A1<T>: { alias: A0<A0<T>> }\n  A2<T>: { alias: A1<A1<T>> }\n"
	 "  A3<T>: { alias: A2<A2<T>> }\n  A4<T>: { alias: A3<A3<T>> }\n  A5<T>: { alias: A4<A4<T>> }\n"
	 "  A6<T>: { alias: A5<A5<T>> }\n  A7<T>: { alias: A6<A6<T>> }\n  A8<T>: { alias: A7<A7<T>> }\n"
	 "  A9<T>: { alias: A8<A8<T>> }\n  A10<T>: { alias: A9<A9<T>> }\n"
	 "  S: { tuple: [A10<u8>] }\n",
	 "too-big", 12, 20,
	 "'A9' expands to a type that is too large or too deeply nested"},
};

static void each_error_message(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof(errors) / sizeof(*errors); i++) {
		const err_case *c = &errors[i];
		tl_ctx *ctx = ctx_with_prelude();
		tl_status st = tl_load_yaml_buffer(ctx, "t.yaml", c->yaml, strlen(c->yaml));
		if (st == TL_OK)
			st = tl_ctx_resolve(ctx);
		const tl_diag *d = tl_diag_get(ctx, 0);
		if (st != TL_EINPUT || !d || strcmp(d->id, c->id) != 0 ||
		    d->loc.line != c->line || d->loc.col != c->col ||
		    strcmp(d->message, c->msg) != 0) {
			print_message("case '%s' (status %d): expected %u:%u [%s] %s\n",
				      c->name, st, c->line, c->col, c->id, c->msg);
			dump_diags(ctx);
			failures++;
		}
		tl_ctx_free(ctx);
	}
	assert_int_equal(failures, 0);
}

static void duplicate_discriminant_notes_the_first(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml("types:\n  E: { enum: [A = 1, B = 0, C] }\n", TL_EINPUT);
	const tl_diag *d = tl_diag_get(ctx, 0);
	assert_int_equal(d->nnotes, 1);
	assert_int_equal(d->notes[0].loc.col, 15);
	assert_string_equal(d->notes[0].message, "'A' has the value 1");
	tl_ctx_free(ctx);
}

static void errors_do_not_cascade(void **state)
{
	(void)state;
	tl_ctx *ctx = ctx_with_prelude();
	const char *yaml = "types:\n"
			   "  S: { tuple: [\"Option<Vec<Strng>>\", \"(Zebra, Zebra)\"] }\n"
			   "  T: { tuple: [S, \"Vec<\"] }\n";
	assert_int_equal(tl_load_yaml_buffer(ctx, "t.yaml", yaml, strlen(yaml)), TL_EINPUT);
	assert_int_equal(tl_ctx_resolve(ctx), TL_EINPUT);
	assert_int_equal(tl_error_count(ctx), 4); /* Strng, Zebra twice, Vec< */
	assert_int_equal(find_def(ctx, "S")->fields[0].type, 0);
	assert_int_equal(find_def(ctx, "T")->fields[1].type, 0);
	assert_int_not_equal(find_def(ctx, "T")->fields[0].type, 0);
	tl_ctx_free(ctx);
}

static void parse_type_from_the_command_line(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml("types:\n  Node: { struct: [v: u8] }\n", TL_OK);
	tl_type_id id;
	assert_int_equal(tl_parse_type(ctx, "Option<Box<Node>>", &id), TL_OK);
	assert_string_equal(tl_type_name(ctx, id), "Option<Box<Node>>");
	assert_int_equal(tl_parse_type(ctx, "Vec<Nod>", &id), TL_EINPUT);
	assert_int_equal(id, 0);
	const tl_diag *d = tl_diag_get(ctx, 0);
	assert_string_equal(tl_file_path(ctx, d->loc.file), "<command line>");
	assert_int_equal(d->loc.col, 5);
	assert_string_equal(d->message, "unknown type 'Nod' (did you mean 'Node'?)");
	size_t len;
	const char *line = tl_file_line(ctx, d->loc.file, 1, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(line, "Vec<Nod>", 8);
	assert_int_equal(tl_parse_type(ctx, "[u8; 4", &id), TL_EINPUT);
	assert_string_equal(tl_diag_get(ctx, 1)->id, "type-syntax");
	tl_ctx_free(ctx);
}

static void resolve_is_idempotent_and_incremental(void **state)
{
	(void)state;
	tl_ctx *ctx = resolve_yaml("types:\n  A: { tuple: [u8] }\n", TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	const char *more = "types:\n  B: { tuple: [A] }\n";
	assert_int_equal(tl_load_yaml_buffer(ctx, "u.yaml", more, strlen(more)), TL_OK);
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	assert_string_equal(field_type(ctx, "B", 0), "A");
	tl_ctx_free(ctx);
}

static void embedded_prelude_resolves_cleanly(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char *yaml = "types:\n  S: { tuple: [Vec<u8>, String, Option<Box<u8>>, \"HashMap<u8, u8>\", \"std::rc::Rc<u8>\", NonZeroU32] }\n";
	assert_int_equal(tl_load_yaml_buffer(ctx, "t.yaml", yaml, strlen(yaml)), TL_OK);
	tl_status st = tl_ctx_resolve(ctx);
	if (st != TL_OK)
		dump_diags(ctx);
	assert_int_equal(st, TL_OK);
	for (size_t i = 0; i < tl_def_count(ctx); i++) {
		const tl_def *d = tl_def_get(ctx, i);
		assert_int_equal(d->report, !d->builtin && d->nparams == 0);
	}
	tl_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primitives_and_paths),
		cmocka_unit_test(user_types_shadow_primitives_and_prelude),
		cmocka_unit_test(qualified_paths_pick_among_prelude_types),
		cmocka_unit_test(generic_parameters_become_param_terms),
		cmocka_unit_test(shared_field_types_resolve_per_definition),
		cmocka_unit_test(defaults_fill_missing_arguments),
		cmocka_unit_test(aliases_resolve_to_their_target),
		cmocka_unit_test(closures_capture_by_reference_or_value),
		cmocka_unit_test(fn_dyn_and_lifetimes),
		cmocka_unit_test(type_functions_pick_a_case),
		cmocka_unit_test(array_lengths_are_evaluated),
		cmocka_unit_test(discriminants_follow_rust),
		cmocka_unit_test(each_error_message),
		cmocka_unit_test(duplicate_discriminant_notes_the_first),
		cmocka_unit_test(errors_do_not_cascade),
		cmocka_unit_test(parse_type_from_the_command_line),
		cmocka_unit_test(resolve_is_idempotent_and_incremental),
		cmocka_unit_test(embedded_prelude_resolves_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
