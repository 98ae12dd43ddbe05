/*
 * The C front end's behaviour: one definition or one per target, naming,
 * which types are reported, translation units that fail, #pragma pack
 * replay, attribute expressions, compile databases, progress.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/ctx_internal.h"
#include "typelayout/cfront.h"
#include "typelayout/layout.h"

static char tmpdir[64];
static char paths[16][128];
static int npaths;

static const char *put(const char *name, const char *text)
{
	char *p = paths[npaths++];
	snprintf(p, sizeof(paths[0]), "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/tl_test_cfront_XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	npaths = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = npaths; i-- > 0;)
		unlink(paths[i]);
	for (int i = npaths; i-- > 0;)
		rmdir(paths[i]);
	rmdir(tmpdir);
	return 0;
}

typedef struct run {
	tl_ctx *ctx;
	tl_status st;
	size_t checked, failed;
} run;

static run load(const char *const *in, size_t n, tl_c_opts *o)
{
	run r;
	tl_c_opts dflt = TL_C_OPTS_INIT;
	if (!o)
		o = &dflt;
	o->verify = true;
	assert_int_equal(tl_ctx_new(&r.ctx), TL_OK);
	r.st = tl_load_c(r.ctx, in, n, o);
	assert_int_equal(tl_verify_c(r.ctx, &r.checked, &r.failed), TL_OK);
	assert_int_equal(r.failed, 0);
	return r;
}

static size_t count_named(tl_ctx *ctx, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		n += strcmp(tl_def_get(ctx, i)->name, name) == 0;
	return n;
}

static const tl_def *def_named(tl_ctx *ctx, const char *name)
{
	for (size_t i = 0; i < tl_def_count(ctx); i++)
		if (!strcmp(tl_def_get(ctx, i)->name, name))
			return tl_def_get(ctx, i);
	return NULL;
}

static void same_record_on_both_targets_is_one_def(void **state)
{
	(void)state;
	const char *h = put("a.h",
		"struct same { char c; long l; };\n"
		"struct diff { char c;\n#ifdef __aarch64__\n int x;\n#endif\n};\n"
		"struct uses { struct diff d; };\n"
		"#ifdef __x86_64__\nstruct only_x86 { int x; };\n#endif\n");
	run r = load(&h, 1, NULL);
	assert_int_equal(r.st, TL_OK);
	assert_int_equal(def_named(r.ctx, "struct same")->target_mask, 0);
	assert_int_equal(count_named(r.ctx, "struct diff"), 2);
	/* a record holding a differing one by value differs too */
	assert_int_equal(count_named(r.ctx, "struct uses"), 2);
	assert_int_equal(def_named(r.ctx, "struct only_x86")->target_mask, 1);
	tl_ctx_free(r.ctx);
}

static void record_seen_in_two_units_is_added_once(void **state)
{
	(void)state;
	put("common.h", "struct shared { int a; double b; };\n");
	const char *in[2];
	in[0] = put("one.c", "#include \"common.h\"\nstruct one { struct shared s; };\n");
	in[1] = put("two.c", "#include \"common.h\"\nstruct two { struct shared *p; };\n");
	tl_c_opts o = TL_C_OPTS_INIT;
	o.jobs = 2;
	run r = load(in, 2, &o);
	assert_int_equal(r.st, TL_OK);
	assert_int_equal(count_named(r.ctx, "struct shared"), 1);
	/* not a named file: loaded because it is needed, not reported */
	assert_false(def_named(r.ctx, "struct shared")->report);
	assert_true(def_named(r.ctx, "struct one")->report);
	tl_ctx_free(r.ctx);
}

static void names_follow_c(void **state)
{
	(void)state;
	const char *h = put("n.h",
		"typedef struct { int x; } point_t;\n"
		"struct outer { struct { int a; }; union { int u; } named;\n"
		"  struct inner { int q; } in; };\n"
		"enum color { RED };\n");
	run r = load(&h, 1, NULL);
	assert_non_null(def_named(r.ctx, "point_t"));
	assert_non_null(def_named(r.ctx, "struct inner"));
	assert_non_null(def_named(r.ctx, "enum color"));
	const tl_def *o = def_named(r.ctx, "struct outer");
	assert_non_null(o);
	assert_int_equal(o->nfields, 3);
	assert_string_equal(o->fields[0].name, "");
	const tl_type *anon = tl_type_get(r.ctx, o->fields[0].type);
	assert_int_equal(anon->kind, TL_TY_ADT);
	char want[200];
	snprintf(want, sizeof(want), "struct (anonymous at %s:2:16)", h);
	assert_string_equal(anon->def->name, want);
	assert_false(anon->def->report); /* shown inside its outer record */
	assert_true(def_named(r.ctx, "struct inner")->report);
	tl_ctx_free(r.ctx);
}

static void system_types_need_a_name_or_all(void **state)
{
	(void)state;
	const char *h = put("s.h", "#include <stddef.h>\n#include <time.h>\n"
			    "struct mine { struct timespec ts; size_t n; };\n");
	run r = load(&h, 1, NULL);
	assert_true(def_named(r.ctx, "struct mine")->report);
	assert_false(def_named(r.ctx, "struct timespec")->report);
	tl_ctx_free(r.ctx);

	tl_c_opts o = TL_C_OPTS_INIT;
	const char *names[] = {"struct time*", "size_t"};
	o.names = names;
	o.nnames = 2;
	r = load(&h, 1, &o);
	assert_true(def_named(r.ctx, "struct timespec")->report);
	assert_true(def_named(r.ctx, "size_t")->report);
	tl_ctx_free(r.ctx);
}

static void failing_unit_does_not_stop_others(void **state)
{
	(void)state;
	const char *in[3];
	in[0] = put("bad.h", "struct bad { unknown_t x; };\n");
	in[1] = put("good.h", "struct good { int x; };\n");
	char missing[160];
	snprintf(missing, sizeof(missing), "%s/nope.h", tmpdir);
	in[2] = missing;
	run r = load(in, 3, NULL);
	assert_int_equal(r.st, TL_EINPUT);
	assert_non_null(def_named(r.ctx, "struct good"));
	assert_null(def_named(r.ctx, "struct bad"));
	const tl_diag *d = NULL;
	for (size_t i = 0; i < tl_diag_count(r.ctx) && !d; i++)
		if (strstr(tl_diag_get(r.ctx, i)->message, "unknown_t"))
			d = tl_diag_get(r.ctx, i);
	assert_non_null(d);
	/* the same error on both targets is reported once, as clang says it */
	assert_string_equal(d->message, "unknown type name 'unknown_t'");
	assert_string_equal(tl_file_path(r.ctx, d->loc.file), in[0]);
	assert_int_equal(d->loc.line, 1);
	assert_int_equal(d->loc.col, 14);
	size_t len;
	assert_non_null(tl_file_line(r.ctx, d->loc.file, 1, &len));
	tl_ctx_free(r.ctx);
}

static void pragma_pack_is_replayed(void **state)
{
	(void)state;
	put("push1.h", "#pragma pack(push, 1)\n");
	put("pop.h", "#pragma pack(pop)\n");
	const char *h = put("p.h",
		"#include \"push1.h\"\n"
		"struct from_header { char c; int i; };\n"
		"#include \"pop.h\"\n"
		"#ifdef __aarch64__\n#pragma pack(push, 2)\n#else\n#pragma pack(push, 4)\n#endif\n"
		"struct per_target { char c; long l; };\n"
		"#pragma pack(pop)\n"
		"_Pragma(\"pack(push, r1, 2)\")\n"
		"#pragma pack(push, 1)\n"
		"#pragma pack(pop, r1)\n"
		"struct after_labels { char c; int i; };\n");
	run r = load(&h, 1, NULL);
	assert_int_equal(r.st, TL_OK);
	assert_int_equal(def_named(r.ctx, "struct from_header")->c_pack, 1);
	assert_int_equal(count_named(r.ctx, "struct per_target"), 2);
	assert_int_equal(def_named(r.ctx, "struct after_labels")->c_pack, 0);
	assert_true(r.checked > 0);
	tl_ctx_free(r.ctx);
}

static void attribute_expressions_are_evaluated(void **state)
{
	(void)state;
	const char *h = put("e.h",
		"enum { AL = 32 };\n"
		"struct e { char c; int x __attribute__((aligned(sizeof(long) * 2)));\n"
		"  char d __attribute__((aligned(AL)));\n"
		"  _Alignas(double) char y; };\n");
	run r = load(&h, 1, NULL);
	const tl_def *d = def_named(r.ctx, "struct e");
	assert_non_null(d);
	assert_int_equal(d->fields[1].c_align, 16);
	assert_int_equal(d->fields[2].c_align, 32);
	assert_int_equal(d->fields[3].c_align, 8);
	tl_ctx_free(r.ctx);
}

static void compile_database_supplies_flags(void **state)
{
	(void)state;
	char inc[160], db[400];
	snprintf(inc, sizeof(inc), "%s/inc", tmpdir);
	assert_int_equal(mkdir(inc, 0700), 0);
	put("inc/dep.h", "struct dep { WIDTH_T w; };\n");
	const char *c = put("main.c", "#include <dep.h>\nstruct top { struct dep d; };\n");
	snprintf(db, sizeof(db),
		 "[{\"directory\": \"%s\", \"file\": \"main.c\", \"arguments\": "
		 "[\"cc\", \"-Iinc\", \"-DWIDTH_T=long\", \"-c\", \"main.c\"]}]\n", tmpdir);
	put("compile_commands.json", db);
	strcpy(paths[npaths++], inc); /* removed last */
	tl_c_opts o = TL_C_OPTS_INIT;
	o.compdb_dir = tmpdir;
	run r = load(&c, 1, &o);
	assert_int_equal(r.st, TL_OK);
	const tl_def *d = def_named(r.ctx, "struct dep");
	assert_non_null(d);
	assert_string_equal(d->fields[0].type_text, "long");
	tl_ctx_free(r.ctx);
}

static size_t progress_calls;

static void on_progress(size_t done, size_t total, void *user)
{
	(void)user;
	assert_true(done <= total);
	progress_calls++;
}

static void progress_is_reported_per_unit(void **state)
{
	(void)state;
	const char *in[3];
	in[0] = put("a1.h", "struct a1 { int x; };\n");
	in[1] = put("a2.h", "struct a2 { int x; };\n");
	in[2] = put("a3.h", "struct a3 { int x; };\n");
	tl_c_opts o = TL_C_OPTS_INIT;
	o.progress = on_progress;
	progress_calls = 0;
	run r = load(in, 3, &o);
	assert_int_equal(progress_calls, 3);
	tl_ctx_free(r.ctx);
}

static void unsupported_types_keep_clangs_numbers(void **state)
{
	(void)state;
	const char *h = put("u.h", "struct u { char c; _BitInt(17) x; };\n");
	run r = load(&h, 1, NULL);
	const tl_def *d = def_named(r.ctx, "struct u");
	assert_non_null(d);
	const tl_layout *l;
	assert_int_equal(tl_layout_of(r.ctx, tl_def_type(r.ctx, d),
				      tl_target_builtin(0), &l), TL_OK);
	assert_int_equal(l->size, 8);
	tl_ctx_free(r.ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_record_on_both_targets_is_one_def, setup, teardown),
		cmocka_unit_test_setup_teardown(record_seen_in_two_units_is_added_once, setup, teardown),
		cmocka_unit_test_setup_teardown(names_follow_c, setup, teardown),
		cmocka_unit_test_setup_teardown(system_types_need_a_name_or_all, setup, teardown),
		cmocka_unit_test_setup_teardown(failing_unit_does_not_stop_others, setup, teardown),
		cmocka_unit_test_setup_teardown(pragma_pack_is_replayed, setup, teardown),
		cmocka_unit_test_setup_teardown(attribute_expressions_are_evaluated, setup, teardown),
		cmocka_unit_test_setup_teardown(compile_database_supplies_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_is_reported_per_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(unsupported_types_keep_clangs_numbers, setup, teardown),
	};
	return cmocka_run_group_tests_name("cfront", tests, NULL, NULL);
}
