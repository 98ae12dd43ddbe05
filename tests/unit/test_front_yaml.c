/*
 * The YAML front end (src/front/front_yaml*.c): every construct of
 * doc/yaml-format.md read into the model, exact locations, and one case
 * per error message.
 */
#include "front_test_util.h"

#include "front/rust_parse.h"
#include "util/strbuf.h"

static tl_status load(tl_ctx *ctx, const char *yaml)
{
	return tl_load_yaml_buffer(ctx, "t.yaml", yaml, strlen(yaml));
}

static tl_ctx *load_ok(const char *yaml)
{
	tl_ctx *ctx = new_ctx();
	if (load(ctx, yaml) != TL_OK) {
		dump_diags(ctx);
		fail_msg("load failed");
	}
	expect_no_diags(ctx);
	return ctx;
}

static void expect_texpr(const tl_texpr *t, const char *want)
{
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_texpr_print(&sb, t);
	assert_string_equal(tl_strbuf_cstr(&sb), want);
	tl_strbuf_release(&sb);
}

/* ---- good inputs ---- */

static void struct_fields_in_order_with_locations(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  Point:\n"
			      "    repr: C\n"
			      "    struct:\n"
			      "      - x: f64\n"
			      "      - \"y\": \"Vec<u8>\"\n"
			      "      - z: 'Option<Box<Point>>'\n");
	const tl_def *d = find_def(ctx, "Point");
	assert_int_equal(d->kind, TL_DEF_STRUCT);
	assert_int_equal(d->shape, TL_SHAPE_NAMED);
	assert_int_equal(d->lang, TL_LANG_RUST);
	assert_int_equal(d->repr.flags, TL_REPR_C);
	assert_int_equal(d->loc.line, 2);
	assert_int_equal(d->loc.col, 3);
	assert_true(d->report);
	assert_false(d->builtin);
	assert_int_equal(d->nfields, 3);
	assert_string_equal(d->fields[0].name, "x");
	assert_int_equal(d->fields[0].loc.line, 5);
	assert_int_equal(d->fields[0].loc.col, 9);
	assert_int_equal(d->fields[0].bit_width, -1);
	expect_texpr(d->fields[0].texpr, "f64");
	assert_int_equal(d->fields[0].texpr->loc.col, 12);
	assert_string_equal(d->fields[1].name, "y");
	assert_int_equal(d->fields[1].loc.col, 10); /* inside the quotes */
	assert_int_equal(d->fields[1].texpr->args[0].type->loc.col, 19);
	assert_int_equal(d->fields[2].texpr->loc.col, 13);
	assert_int_equal(d->fields[2].texpr->args[0].type->args[0].type->loc.col, 24);
	tl_ctx_free(ctx);
}

static void tuple_unit_and_union_shapes(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  Pair: { tuple: [u8, \"[u32; 2]\"] }\n"
			      "  Marker: { struct: [] }\n"
			      "  Empty: { tuple: [] }\n"
			      "  U: { union: [ {a: u32}, {b: f32} ] }\n"
			      "  Flow: { struct: [a: u8, b: u16] }\n");
	const tl_def *d = find_def(ctx, "Pair");
	assert_int_equal(d->shape, TL_SHAPE_TUPLE);
	assert_int_equal(d->nfields, 2);
	assert_string_equal(d->fields[1].name, "1");
	assert_int_equal(d->fields[1].loc.col, 24);
	expect_texpr(d->fields[1].texpr, "[u32; 2]");
	assert_int_equal(find_def(ctx, "Marker")->shape, TL_SHAPE_UNIT);
	assert_int_equal(find_def(ctx, "Empty")->shape, TL_SHAPE_TUPLE);
	d = find_def(ctx, "U");
	assert_int_equal(d->kind, TL_DEF_UNION);
	assert_int_equal(d->nfields, 2);
	assert_int_equal(find_def(ctx, "Flow")->nfields, 2);
	tl_ctx_free(ctx);
}

static void enum_variants_in_every_form(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  Data:\n"
			      "    repr: [C, u8]\n"
			      "    enum:\n"
			      "      - Empty\n"
			      "      - Ok = 200\n"
			      "      - Neg = -1\n"
			      "      - Number(i32)\n"
			      "      - \"Moved { x: i32, y: i32 }\"\n"
			      "      - Point:\n"
			      "          - x: i32\n"
			      "          - y: { type: i32 }\n"
			      "      - Pair: [u8, u32]\n"
			      "      - Unit: []\n"
			      "      - Seven = 7: [u8]\n");
	const tl_def *d = find_def(ctx, "Data");
	assert_int_equal(d->kind, TL_DEF_ENUM);
	assert_int_equal(d->repr.flags, TL_REPR_C | TL_REPR_INT);
	assert_int_equal(d->repr.int_type, TL_PRIM_U8);
	assert_int_equal(d->nvariants, 9);
	const tl_variant *v = d->variants;
	assert_string_equal(v[0].name, "Empty");
	assert_int_equal(v[0].shape, TL_SHAPE_UNIT);
	assert_int_equal(v[0].loc.line, 5);
	assert_int_equal(v[0].loc.col, 9);
	assert_true(v[1].disc_expr->value == 200);
	assert_int_equal(v[1].disc_expr->loc.col, 14);
	assert_int_equal(v[2].disc_expr->kind, TL_CX_UNARY);
	assert_int_equal(v[3].shape, TL_SHAPE_TUPLE);
	assert_int_equal(v[4].shape, TL_SHAPE_NAMED);
	assert_int_equal(v[4].loc.col, 10);
	assert_int_equal(v[4].fields[1].loc.col, 26);
	assert_string_equal(v[5].name, "Point");
	assert_int_equal(v[5].shape, TL_SHAPE_NAMED);
	assert_int_equal(v[5].nfields, 2);
	assert_int_equal(v[5].fields[1].loc.line, 12);
	assert_int_equal(v[6].shape, TL_SHAPE_TUPLE);
	assert_int_equal(v[6].nfields, 2);
	assert_int_equal(v[7].shape, TL_SHAPE_UNIT);
	assert_true(v[8].disc_expr->value == 7);
	assert_int_equal(v[8].nfields, 1);
	tl_ctx_free(ctx);
}

static void generic_names_opaque_alias_closure(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  Wrapper<T>: { struct: [value: T] }\n"
			      "  \"Cell<T: ?Sized>\": { struct: [value: T] }\n"
			      "  \"Arr<T, const N: usize>\": { tuple: [\"[T; N]\"] }\n"
			      "  Foo<T = u8>: { tuple: [T] }\n"
			      "  Handle:\n"
			      "    opaque: { size: 16, align: 8 }\n"
			      "  Link: { alias: Option<Box<Handle>> }\n"
			      "  Counter:\n"
			      "    closure:\n"
			      "      - i: { by: ref_mut, type: i32 }\n"
			      "      - s: { by: ref, type: str }\n"
			      "      - name: String\n");
	const tl_def *d = find_def(ctx, "Wrapper");
	assert_int_equal(d->nparams, 1);
	assert_false(d->report); /* generic: instantiated by use */
	d = find_def(ctx, "Cell");
	assert_true(d->params[0].maybe_unsized);
	d = find_def(ctx, "Arr");
	assert_true(d->params[1].is_const);
	assert_non_null(find_def(ctx, "Foo")->params[0].deflt);
	d = find_def(ctx, "Handle");
	assert_int_equal(d->kind, TL_DEF_OPAQUE);
	assert_int_equal(d->opaque_size, 16);
	assert_int_equal(d->opaque_align, 8);
	d = find_def(ctx, "Link");
	assert_int_equal(d->kind, TL_DEF_ALIAS);
	expect_texpr(d->alias_of, "Option<Box<Handle>>");
	d = find_def(ctx, "Counter");
	assert_int_equal(d->kind, TL_DEF_CLOSURE);
	assert_int_equal(d->fields[0].capture, TL_CAPTURE_REF_MUT);
	assert_int_equal(d->fields[1].capture, TL_CAPTURE_REF);
	assert_int_equal(d->fields[2].capture, TL_CAPTURE_MOVE);
	tl_ctx_free(ctx);
}

static void repr_budget_doc_and_prelude_keys(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  A: { repr: \"C, align(16)\", struct: [], budget: 0x40, doc: hi }\n"
			      "  B: { repr: [packed(2), packed(4)], struct: [] }\n"
			      "  C: { repr: [align(4), align(8), Rust], struct: [] }\n"
			      "  E: { repr: isize, enum: [] }\n"
			      "  T: { repr: transparent, tuple: [u8] }\n"
			      "  N:\n"
			      "    path: std::num::NonZeroU8\n"
			      "    valid: \"1..=MAX\"\n"
			      "    hide_niche: false\n"
			      "    tuple: [u8]\n"
			      "  V: { valid: \"0..=isize::MAX\", hide_niche: true, tuple: [usize] }\n");
	const tl_def *d = find_def(ctx, "A");
	assert_int_equal(d->repr.flags, TL_REPR_C | TL_REPR_ALIGN);
	assert_int_equal(d->repr.align, 16);
	assert_int_equal(d->budget, 64);
	d = find_def(ctx, "B");
	assert_int_equal(d->repr.packed, 2);
	assert_int_equal(find_def(ctx, "C")->repr.align, 8);
	assert_int_equal(find_def(ctx, "E")->repr.int_type, TL_PRIM_ISIZE);
	assert_int_equal(find_def(ctx, "T")->repr.flags, TL_REPR_TRANSPARENT);
	d = find_def(ctx, "N");
	assert_string_equal(d->path, "std::num::NonZeroU8");
	assert_true(d->valid_start->value == 1);
	assert_int_equal(d->valid_end->kind, TL_CX_PATH);
	assert_string_equal(d->valid_end->segs[0], "MAX");
	assert_false(d->hide_niche);
	d = find_def(ctx, "V");
	assert_int_equal(d->valid_end->nsegs, 2);
	assert_true(d->hide_niche);
	tl_ctx_free(ctx);
}

static void type_function_cases(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  \"ToOwned<B: ?Sized>\":\n"
			      "    cases:\n"
			      "      - str: String\n"
			      "      - \"[T]\": Vec<T>\n"
			      "      - _: B\n");
	const tl_def *d = find_def(ctx, "ToOwned");
	assert_int_equal(d->ncases, 3);
	assert_int_equal(d->cases[0].pattern, TL_CASE_STR);
	assert_int_equal(d->cases[1].pattern, TL_CASE_SLICE);
	assert_string_equal(d->cases[1].elem, "T");
	assert_int_equal(d->cases[1].loc.line, 5);
	assert_int_equal(d->cases[1].loc.col, 10);
	expect_texpr(d->cases[1].target_texpr, "Vec<T>");
	assert_int_equal(d->cases[2].pattern, TL_CASE_ANY);
	tl_ctx_free(ctx);
}

/* `impls:` gives associated types; they are not types of their own. */
static void trait_impls(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  It: { struct: [n: u32] }\n"
			      "  \"M<I>\": { struct: [cur: Option<I::Item>] }\n"
			      "  Uses: { struct: [m: M<It>, i: \"<It as Iterator>::Item\"] }\n"
			      "impls:\n"
			      "  \"Iterator for It\":\n"
			      "    Item: u64\n"
			      "  \"<T> IntoIterator for Vec<T>\": {Item: T}\n");
	const tl_def *item = NULL;
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		if (tl_def_get(ctx, i)->impl_for && !tl_def_get(ctx, i)->builtin &&
		    !strcmp(tl_def_get(ctx, i)->impl_trait, "Iterator"))
			item = tl_def_get(ctx, i);
	assert_non_null(item);
	assert_string_equal(item->name, "<It as Iterator>::Item");
	assert_string_equal(item->impl_assoc, "Item");
	assert_int_equal(item->kind, TL_DEF_ALIAS);
	assert_false(item->report);
	assert_int_equal(item->loc.line, 7);
	assert_int_equal(item->loc.col, 5);
	expect_texpr(item->alias_of, "u64");
	assert_int_equal(tl_ctx_resolve(ctx), TL_OK);
	tl_type_id id;
	assert_int_equal(tl_parse_type(ctx, "<Vec<char> as IntoIterator>::Item", &id), TL_OK);
	assert_string_equal(tl_type_name(ctx, id), "char");
	assert_int_equal(tl_parse_type(ctx, "Option<<It as Iterator>::Item>", &id), TL_OK);
	assert_string_equal(tl_type_name(ctx, id), "Option<u64>");
	tl_ctx_free(ctx);
}

static void bit_fields_and_targets(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("targets: [x86_64, aarch64]\n"
			      "types:\n"
			      "  Flags:\n"
			      "    repr: C\n"
			      "    struct:\n"
			      "      - kind: { type: u32, bits: 3 }\n"
			      "      - pad: { bits: 0, type: u32 }\n"
			      "      - id: u64\n");
	const tl_def *d = find_def(ctx, "Flags");
	assert_int_equal(d->fields[0].bit_width, 3);
	assert_int_equal(d->fields[1].bit_width, 0);
	assert_int_equal(d->fields[2].bit_width, -1);
	assert_int_equal(tl_input_target_count(ctx), 2);
	tl_loc loc;
	assert_string_equal(tl_input_target(ctx, 1, &loc), "aarch64");
	assert_int_equal(loc.line, 1);
	assert_int_equal(loc.col, 19);
	assert_null(tl_input_target(ctx, 2, NULL));
	tl_ctx_free(ctx);
	ctx = load_ok("targets: i686\n");
	assert_int_equal(tl_input_target_count(ctx), 1);
	tl_ctx_free(ctx);
}

static void empty_and_multi_document_files(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("");
	tl_ctx_free(ctx);
	ctx = load_ok("# nothing\n---\n");
	tl_ctx_free(ctx);
	ctx = load_ok("types:\n  A: {struct: []}\n---\ntypes:\n  B: {struct: []}\n");
	assert_int_equal(tl_def_count(ctx), 2);
	tl_ctx_free(ctx);
	ctx = load_ok("types: {}\n");
	tl_ctx_free(ctx);
}

static void columns_are_bytes_in_utf8_files(void **state)
{
	(void)state;
	tl_ctx *ctx = load_ok("types:\n"
			      "  Café: { struct: [ {é: u8}, {x: \"Vec<u8>\"} ] }\n");
	const tl_def *d = find_def(ctx, "Café");
	assert_int_equal(d->fields[0].loc.col, 23);
	assert_int_equal(d->fields[1].loc.col, 33);
	assert_int_equal(d->fields[1].texpr->args[0].type->loc.col, 41);
	tl_ctx_free(ctx);
}

static void escaped_scalars_point_at_their_start(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(load(ctx, "types:\n  A: { struct: [ {x: \"Vec\\x3Cu8\"} ] }\n"),
			 TL_EINPUT);
	/* the error is inside an escaped string: reported at its start */
	expect_only(ctx, "type-syntax", 2, 23,
		    "expected '>' to close the generic arguments of 'Vec', found end of input");
	tl_ctx_free(ctx);
}

/* ---- one case per error message ---- */

typedef struct err_case {
	const char *name, *yaml, *id;
	uint32_t line, col;
	const char *msg;
} err_case;

static const err_case errors[] = {
	{"malformed YAML", "types:\n  A: \"open\n", "yaml-syntax", 3, 1,
	 "invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
	{"unquoted variant with ': '", "types:\n  E:\n    enum:\n      - A { x: i32, y: u8 }\n",
	 "yaml-unquoted", 4, 9,
	 "variant 'A { x: i32, y: u8 }' must be quoted, as in \"A { x: i32, y: u8 }\" (YAML reads ': ' as the start of a mapping value)"},
	{"unquoted field value with ': '", "types:\n  A:\n    struct:\n      - x: Foo<a: b>\n",
	 "yaml-unquoted", 4, 12,
	 "type 'Foo<a: b>' must be quoted, as in \"Foo<a: b>\" (YAML reads ': ' as the start of a mapping value)"},
	{"mapping value in a flow sequence", "types:\n  A: { tuple: [u8: x] }\n",
	 "yaml-unknown-key", 2, 16,
	 "unknown key 'u8' in a field (expected 'type' or 'bits')"},
	{"anchor with a lifetime", "types:\n  A:\n    struct:\n      - x: &'a str\n",
	 "yaml-syntax", 4, 13,
	 "invalid YAML: did not find expected alphabetic or numeric character while scanning an anchor (a type starting with '&' must be quoted, as in \"&'a str\")"},
	{"nesting too deep",
	 "types: {A: {struct: [], doc: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}\n",
	 "yaml-depth", 1, 91, "YAML nesting is too deep (more than 64 levels)"},
	{"top level not a mapping", "- a\n", "yaml-shape", 1, 1,
	 "the top level must be a mapping with a 'types' key, found a sequence"},
	{"types not a mapping", "types: [A]\n", "yaml-shape", 1, 8,
	 "'types' must be a mapping from type names to definitions, found a sequence"},
	{"complex key", "types:\n  ? [a]\n  : {}\n", "yaml-shape", 2, 5,
	 "mapping keys must be strings, found a sequence"},
	{"anchor on a node", "types:\n  A: &x { struct: [] }\n", "yaml-anchor", 2, 6,
	 "YAML anchors are not supported ('&x')"},
	{"alias outside a type", "types:\n  A: { repr: *x, struct: [] }\n", "yaml-anchor", 2, 14,
	 "YAML aliases are not supported ('*x')"},
	{"tag outside a type", "types:\n  A: { budget: !big 3, struct: [] }\n", "yaml-anchor", 2, 16,
	 "YAML tags are not supported ('!big')"},
	{"tag on a type", "types:\n  A: { tuple: [!!int 3] }\n", "yaml-anchor", 2, 16,
	 "YAML tags are not supported ('!!int')"},
	{"unquoted &str", "types:\n  A:\n    struct:\n      - name: &str\n", "yaml-unquoted", 4, 15,
	 "type '&str' must be quoted, as in \"&str\" (YAML reads '&' as an anchor)"},
	{"unquoted &mut T", "types:\n  A:\n    tuple: [&mut u8]\n", "yaml-unquoted", 3, 13,
	 "type '&mut u8' must be quoted, as in \"&mut u8\" (YAML reads '&' as an anchor)"},
	{"unquoted *const", "types:\n  A:\n    struct:\n      - raw: *const u8  # raw\n",
	 "yaml-unquoted", 4, 14,
	 "type '*const u8' must be quoted, as in \"*const u8\" (YAML reads '*' as an alias)"},
	{"unquoted !", "types:\n  A:\n    struct:\n      - never: !\n", "yaml-unquoted", 4, 16,
	 "type '!' must be quoted, as in \"!\" (YAML reads '!' as a tag)"},
	{"unquoted array", "types:\n  A:\n    struct:\n      - buf: [u8; 16]\n", "yaml-unquoted", 4, 14,
	 "type '[u8; 16]' must be quoted, as in \"[u8; 16]\" (YAML reads '[' as the start of a list)"},
	{"unquoted nested array", "types:\n  A: { tuple: [[[u8; 2]; 3]] }\n", "yaml-unquoted", 2, 16,
	 "type '[[u8; 2]; 3]' must be quoted, as in \"[[u8; 2]; 3]\" (YAML reads '[' as the start of a list)"},
	{"unquoted generic key with bounds", "types:\n  Cell<T: ?Sized>:\n    struct: []\n",
	 "yaml-unquoted", 2, 3,
	 "type 'Cell<T: ?Sized>' must be quoted, as in \"Cell<T: ?Sized>\" (YAML reads ': ' as the end of the key)"},
	{"unknown top-level key", "tpyes:\n  A: {struct: []}\n", "yaml-unknown-key", 1, 1,
	 "unknown key 'tpyes' at the top level (did you mean 'types'?)"},
	{"unknown definition key", "types:\n  A:\n    strcut: []\n", "yaml-unknown-key", 3, 5,
	 "unknown key 'strcut' in a type definition (did you mean 'struct'?)"},
	{"unknown field key", "types:\n  A:\n    struct: [ x: { type: u8, bit: 3 } ]\n",
	 "yaml-unknown-key", 3, 30, "unknown key 'bit' in a field (did you mean 'bits'?)"},
	{"unknown capture key", "types:\n  A:\n    closure: [ x: { type: u8, mode: ref } ]\n",
	 "yaml-unknown-key", 3, 31, "unknown key 'mode' in a capture (expected 'type' or 'by')"},
	{"unknown opaque key", "types:\n  A: { opaque: { size: 4, align: 4, pad: 1 } }\n",
	 "yaml-unknown-key", 2, 37, "unknown key 'pad' in 'opaque' (expected 'size' or 'align')"},
	{"duplicate top-level key", "types: {}\ntypes: {}\n", "yaml-duplicate-key", 2, 1,
	 "duplicate key 'types' at the top level"},
	{"duplicate definition key", "types:\n  A: { repr: C, struct: [], repr: C }\n",
	 "yaml-duplicate-key", 2, 29, "duplicate key 'repr' in the definition of 'A'"},
	{"two kinds", "types:\n  A: { struct: [], enum: [] }\n", "yaml-shape", 2, 20,
	 "type 'A' has both 'struct' and 'enum': a definition has exactly one kind"},
	{"no kind", "types:\n  A: { repr: C }\n", "missing-kind", 2, 3,
	 "type 'A' has no definition: add one of 'struct', 'tuple', 'union', 'enum', 'opaque', 'alias', 'closure' or 'cases'"},
	{"body not a mapping", "types:\n  A: u8\n", "yaml-shape", 2, 6,
	 "the definition of 'A' must be a mapping such as '{ struct: [...] }', found a string"},
	{"struct not a sequence", "types:\n  A:\n    struct: { x: u8 }\n", "yaml-shape", 3, 13,
	 "'struct' of 'A' must be a sequence of fields such as '- x: u32', found a mapping"},
	{"field not a mapping", "types:\n  A:\n    struct: [u8]\n", "yaml-shape", 3, 14,
	 "each field must be a one-key mapping such as '- x: u32', found a string"},
	{"field without its dash", "types:\n  A:\n    struct:\n      - x: u8\n        y: u8\n",
	 "yaml-shape", 5, 9, "field 'y' must be its own list item: start it with '- '"},
	{"bad field name", "types:\n  A:\n    struct: [ 1x: u8 ]\n", "bad-name", 3, 15,
	 "field name '1x' is not a valid identifier"},
	{"empty field type", "types:\n  A:\n    struct:\n      - x:\n", "yaml-shape", 4, 11,
	 "expected a type for field 'x', found an empty value"},
	{"field type is a list", "types:\n  A:\n    struct:\n      - x:\n          - u8\n",
	 "yaml-shape", 5, 11, "expected a type for field 'x', found a sequence"},
	{"field without type", "types:\n  A:\n    struct: [ x: { bits: 3 } ]\n", "yaml-shape", 3, 18,
	 "field 'x' has no 'type'"},
	{"bits too large", "types:\n  A:\n    struct: [ x: { type: u8, bits: 70000 } ]\n",
	 "bad-value", 3, 36, "'bits' of field 'x' is too large"},
	{"bits not a number", "types:\n  A:\n    struct: [ x: { type: u8, bits: three } ]\n",
	 "bad-value", 3, 36, "'bits' must be a non-negative integer, found 'three'"},
	{"bad capture mode", "types:\n  A:\n    closure: [ x: { type: u8, by: copy } ]\n",
	 "bad-value", 3, 35, "'by' must be 'ref', 'ref_mut' or 'move', found 'copy'"},
	{"empty union", "types:\n  U: { union: [] }\n", "yaml-shape", 2, 3,
	 "union 'U' has no fields (a union needs at least one)"},
	{"enum not a sequence", "types:\n  E: { enum: A }\n", "yaml-shape", 2, 14,
	 "'enum' of 'E' must be a sequence of variants such as '- Empty' or '- Number(i32)', found a string"},
	{"variant without its dash", "types:\n  E:\n    enum:\n      - A: []\n        B: []\n",
	 "yaml-shape", 5, 9, "variant 'B' must be its own list item: start it with '- '"},
	{"variant fields not a list", "types:\n  E:\n    enum:\n      - A: u8\n", "yaml-shape", 4, 12,
	 "the fields of variant 'A' must be a sequence such as '[u8, u32]' or '[ {x: i32} ]', found a string"},
	{"variant is a list", "types:\n  E:\n    enum: [[A]]\n", "yaml-shape", 3, 12,
	 "a variant must be a string, found a sequence"},
	{"variant syntax", "types:\n  E:\n    enum: [\"A(u8\"]\n", "type-syntax", 3, 17,
	 "expected ')' to close the field list, found end of input"},
	{"type syntax", "types:\n  A:\n    struct: [ x: \"Vec<u8\" ]\n", "type-syntax", 3, 25,
	 "expected '>' to close the generic arguments of 'Vec', found end of input"},
	{"type name syntax", "types:\n  A<>B: { struct: [] }\n", "type-syntax", 2, 6,
	 "unexpected 'B' after the type name"},
	{"repr unknown", "types:\n  A: { repr: transparant, tuple: [u8] }\n", "bad-repr", 2, 14,
	 "unknown repr 'transparant' (did you mean 'transparent'?)"},
	{"repr unknown, no guess", "types:\n  A: { repr: \"C, zebra\", struct: [] }\n", "bad-repr", 2, 18,
	 "unknown repr 'zebra'"},
	{"repr align without value", "types:\n  A: { repr: align, struct: [] }\n", "bad-repr", 2, 14,
	 "repr 'align' needs a value, as in 'align(8)'"},
	{"repr C with a value", "types:\n  A: { repr: C(4), struct: [] }\n", "bad-repr", 2, 16,
	 "repr 'C' takes no argument"},
	{"repr align not a power of two", "types:\n  A: { repr: align(3), struct: [] }\n", "bad-repr", 2, 20,
	 "the argument of 'align' must be a power of two no greater than 2^29"},
	{"repr align expression", "types:\n  A: { repr: align(N), struct: [] }\n", "bad-repr", 2, 20,
	 "repr 'align' takes an integer, as in 'align(8)'"},
	{"repr simd", "types:\n  A: { repr: simd, struct: [] }\n", "bad-repr", 2, 14,
	 "repr 'simd' is not supported"},
	{"repr two integers", "types:\n  E: { repr: [u8, i32], enum: [] }\n", "bad-repr", 2, 19,
	 "conflicting repr hints 'u8' and 'i32'"},
	{"repr packed and align", "types:\n  A: { repr: [packed, align(8)], struct: [] }\n", "bad-repr", 2, 8,
	 "conflicting repr hints: 'packed' and 'align' cannot be combined"},
	{"repr transparent and C", "types:\n  A: { repr: [transparent, C], tuple: [u8] }\n", "bad-repr", 2, 8,
	 "repr 'transparent' cannot be combined with other repr hints"},
	{"repr integer on a struct", "types:\n  A: { repr: u8, struct: [] }\n", "bad-repr", 2, 8,
	 "integer repr hints such as 'u8' are only allowed on enums"},
	{"repr packed on an enum", "types:\n  E: { repr: packed, enum: [] }\n", "bad-repr", 2, 8,
	 "repr 'packed' is not allowed on enums"},
	{"repr transparent enum", "types:\n  E: { repr: transparent, enum: [A, B] }\n", "bad-repr", 2, 8,
	 "repr 'transparent' on an enum needs exactly one variant"},
	{"repr on an alias", "types:\n  A: { repr: C, alias: u8 }\n", "bad-repr", 2, 8,
	 "'repr' is not allowed on aliases"},
	{"repr on an opaque type", "types:\n  A: { repr: C, opaque: {size: 1, align: 1} }\n", "bad-repr", 2, 8,
	 "'repr' is not allowed on opaque types"},
	{"repr on a closure", "types:\n  A: { repr: C, closure: [] }\n", "bad-repr", 2, 8,
	 "'repr' is not allowed on closures"},
	{"repr is a mapping", "types:\n  A: { repr: {C: 1}, struct: [] }\n", "yaml-shape", 2, 14,
	 "'repr' must be a string, found a mapping"},
	{"opaque incomplete", "types:\n  A: { opaque: { size: 4 } }\n", "bad-value", 2, 8,
	 "opaque type 'A' needs both 'size' and 'align'"},
	{"opaque bad align", "types:\n  A: { opaque: { size: 6, align: 6 } }\n", "bad-value", 2, 34,
	 "'align' of 'A' must be a power of two no greater than 2^29"},
	{"opaque size not a multiple", "types:\n  A: { opaque: { size: 6, align: 4 } }\n", "bad-value", 2, 8,
	 "size 6 of 'A' is not a multiple of its alignment 4"},
	{"opaque not a mapping", "types:\n  A: { opaque: 4 }\n", "yaml-shape", 2, 16,
	 "'opaque' must be a mapping such as '{ size: 16, align: 8 }', found a string"},
	{"budget not a number", "types:\n  A: { budget: -1, struct: [] }\n", "bad-value", 2, 16,
	 "'budget' must be a non-negative integer, found '-1'"},
	{"hide_niche not a boolean", "types:\n  A: { hide_niche: yes, struct: [] }\n", "bad-value", 2, 20,
	 "'hide_niche' must be true or false"},
	{"path not a path", "types:\n  A: { path: \"Vec<u8>\", struct: [] }\n", "bad-value", 2, 15,
	 "'path' must be a plain path such as 'std::vec::Vec'"},
	{"valid without range", "types:\n  A: { valid: \"1\", tuple: [u8] }\n", "type-syntax", 2, 17,
	 "expected '..=' between the bounds of the valid range, found end of input"},
	{"cases without a parameter", "types:\n  A: { cases: [ {str: String} ] }\n", "bad-value", 2, 8,
	 "'cases' needs a generic parameter, as in 'ToOwned<B>'"},
	{"bad case pattern", "types:\n  A<B>: { cases: [ {u8: String} ] }\n", "type-syntax", 2, 21,
	 "expected '[' to start a case pattern ('str', '[T]' or '_'), found 'u8'"},
	{"case entry without its dash", "types:\n  A<B>:\n    cases:\n      - str: String\n        _: B\n",
	 "yaml-shape", 5, 9, "each case must be its own list item: start it with '- '"},
	{"targets not a list", "targets: { x: 1 }\n", "yaml-shape", 1, 10,
	 "'targets' must be a list of target names, found a mapping"},
	{"target not a string", "targets: [[x]]\n", "yaml-shape", 1, 11,
	 "a target name must be a string, found a sequence"},
	{"duplicate type", "types:\n  A: { struct: [] }\n  A: { tuple: [] }\n", "duplicate-type", 3, 3,
	 "duplicate type 'A'"},
	{"duplicate field", "types:\n  A: { struct: [x: u8, y: u8, x: u16] }\n", "duplicate-field", 2, 31,
	 "duplicate field 'x' in 'A'"},
	{"duplicate variant field", "types:\n  E: { enum: [\"V { a: u8, a: u8 }\"] }\n", "duplicate-field", 2, 27,
	 "duplicate field 'a' in 'V'"},
	{"duplicate variant", "types:\n  E: { enum: [A, B, A] }\n", "duplicate-variant", 2, 21,
	 "duplicate variant 'A' in 'E'"},
	{"impls not a mapping", "impls: [a]\n", "yaml-shape", 1, 8,
	 "'impls' must be a mapping from impl headers ('<T> Iterator for Iter<T>') to associated types, found a sequence"},
	{"impl not a mapping", "impls:\n  \"Iterator for u8\": u16\n", "yaml-shape", 2, 22,
	 "impl 'Iterator for u8' must be a mapping from associated type names to types, such as 'Item: T', found a string"},
	{"impl without for", "impls:\n  \"Iterator u8\": {Item: u8}\n", "type-syntax", 2, 13,
	 "expected 'for' after the trait of an impl, found 'u8'"},
	{"impl of a non-trait", "impls:\n  \"[u8] for u8\": {Item: u8}\n", "type-syntax", 2, 4,
	 "expected a trait path"},
	{"impl self type trailing", "impls:\n  \"Tr for u8 u16\": {Item: u8}\n", "type-syntax", 2, 14,
	 "unexpected 'u16' after the impl's self type"},
};

static void each_error_message(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof(errors) / sizeof(*errors); i++) {
		const err_case *c = &errors[i];
		tl_ctx *ctx = new_ctx();
		tl_status st = load(ctx, c->yaml);
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

static void duplicates_point_at_the_first(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(load(ctx, "types:\n  A: { struct: [] }\n  A: { tuple: [] }\n"),
			 TL_EINPUT);
	const tl_diag *d = tl_diag_get(ctx, 0);
	assert_int_equal(d->nnotes, 1);
	assert_int_equal(d->notes[0].loc.line, 2);
	assert_int_equal(d->notes[0].loc.col, 3);
	assert_string_equal(d->notes[0].message, "'A' was first defined here");
	assert_int_equal(tl_def_count(ctx), 1); /* the second one is dropped */
	tl_ctx_free(ctx);
	/* across files too */
	ctx = new_ctx();
	assert_int_equal(load(ctx, "types:\n  A: { struct: [] }\n"), TL_OK);
	assert_int_equal(tl_load_yaml_buffer(ctx, "u.yaml", "types: {A: {tuple: []}}", 23),
			 TL_EINPUT);
	d = tl_diag_get(ctx, 0);
	assert_string_equal(tl_file_path(ctx, d->notes[0].loc.file), "t.yaml");
	tl_ctx_free(ctx);
	ctx = new_ctx();
	assert_int_equal(load(ctx, "types: {A: {struct: [x: u8, x: u8]}}"), TL_EINPUT);
	d = tl_diag_get(ctx, 0);
	assert_int_equal(d->nnotes, 1);
	assert_int_equal(d->notes[0].loc.col, 22);
	assert_string_equal(d->notes[0].message, "'x' was first declared here");
	tl_ctx_free(ctx);
}

static void all_errors_of_a_file_are_reported(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	assert_int_equal(load(ctx, "types:\n"
				   "  A: { strcut: [] }\n"
				   "  B: { struct: [ x: \"Vec<\" ] }\n"
				   "  C: { repr: Cee, struct: [ y: \"[u8; 4\" ] }\n"
				   "  D: { struct: [ z: &str ] }\n"
				   "  E: { enum: [A, A] }\n"),
			 TL_EINPUT);
	assert_int_equal(tl_error_count(ctx), 6);
	/* each broken definition is still added (except by name errors) */
	assert_int_equal(tl_def_count(ctx), 5);
	tl_ctx_free(ctx);
}

static void load_file_dispatches_on_extension(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	/* .rs goes to the Rust front end (which cannot read this one) */
	assert_int_equal(tl_load_file(ctx, "/nonexistent/x.rs", NULL), TL_EIO);
	assert_int_equal(tl_load_file(ctx, "x.txt", NULL), TL_EINPUT);
	expect_diag(ctx, 1, "unknown-format", 0, 0,
		    "unknown input format for 'x.txt' (expected .yaml, .yml, .rs or a directory)");
	assert_int_equal(tl_load_file(ctx, "/nonexistent/x.yml", NULL), TL_EIO);
	expect_diag(ctx, 2, "io", 0, 0,
		    "cannot read '/nonexistent/x.yml': No such file or directory");
	tl_ctx_free(ctx);
}

static void non_utf8_input_is_an_error_not_a_crash(void **state)
{
	(void)state;
	tl_ctx *ctx = new_ctx();
	const char bad[] = "types:\n  A\xff: {struct: []}\n";
	assert_int_equal(tl_load_yaml_buffer(ctx, "t.yaml", bad, sizeof(bad) - 1),
			 TL_EINPUT);
	assert_string_equal(tl_diag_get(ctx, 0)->id, "yaml-syntax");
	assert_int_equal(tl_diag_get(ctx, 0)->loc.line, 2);
	tl_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(struct_fields_in_order_with_locations),
		cmocka_unit_test(tuple_unit_and_union_shapes),
		cmocka_unit_test(enum_variants_in_every_form),
		cmocka_unit_test(generic_names_opaque_alias_closure),
		cmocka_unit_test(repr_budget_doc_and_prelude_keys),
		cmocka_unit_test(type_function_cases),
		cmocka_unit_test(trait_impls),
		cmocka_unit_test(bit_fields_and_targets),
		cmocka_unit_test(empty_and_multi_document_files),
		cmocka_unit_test(columns_are_bytes_in_utf8_files),
		cmocka_unit_test(escaped_scalars_point_at_their_start),
		cmocka_unit_test(each_error_message),
		cmocka_unit_test(duplicates_point_at_the_first),
		cmocka_unit_test(all_errors_of_a_file_are_reported),
		cmocka_unit_test(load_file_dispatches_on_extension),
		cmocka_unit_test(non_utf8_input_is_an_error_not_a_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
