/*
 * YAML front end: the top level of a file (`targets:`, `types:`) and type
 * expressions inside scalars, including the usual quoting slips. The
 * format is documented in doc/yaml-format.md; the event reader is in
 * front_yaml_read.c, definitions in front_yaml_def.c.
 */
#include "front/front_yaml.h"

#include <string.h>

#include "front/front_yaml_int.h"
#include "util/strbuf.h"
#include "util/u128.h"

/* ---- type scalars and quoting slips ---- */

/* YAML gives `&`, `*`, `!` and `[` at the start of a plain value a meaning
 * of its own, so an unquoted `&str` arrives as an anchor, `*const u8` as
 * an alias, `!` as a tag and `[u8; 16]` as a flow sequence. Say how to
 * write it instead of reporting a confusing shape error. */
void yl_slip(tl_yl *y, tl_loc loc, const char *what, const char *text,
	     const char *reads)
{
	tl_error(y->ctx, loc, ID_YAML_UNQUOTED,
		 "%s '%s' must be quoted, as in \"%s\" (YAML reads %s)", what,
		 text, text, reads);
	y->slip_line = loc.line;
}

/* The rest of the line from `loc`, without a trailing comment: the only
 * way to show what an alias slip (`*const u8`) was meant to say. */
void yl_rest_of_line(tl_yl *y, tl_loc loc, tl_strbuf *sb)
{
	size_t len;
	const char *line = tl_file_line(y->ctx, y->file, loc.line, &len);
	if (!line || loc.col > len)
		return;
	const char *s = line + loc.col - 1;
	size_t n = len - (loc.col - 1);
	for (size_t i = 1; i < n; i++)
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			n = i;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	tl_strbuf_add(sb, s, n);
}

/* Cuts `[u8; 2]; 3] }` after the bracket that closes the first one. */
static void balanced_prefix(tl_strbuf *sb)
{
	int depth = 0;
	for (size_t i = 0; i < sb->len; i++) {
		char c = sb->buf[i];
		depth += c == '[' || c == '(';
		depth -= c == ']' || c == ')';
		if (depth == 0) {
			sb->len = i + 1;
			sb->buf[sb->len] = '\0';
			return;
		}
	}
}

/* Rebuilds `[u8; 16]` from the flow sequence YAML made of it. */
static void flow_text(tl_yl *y, tl_strbuf *sb)
{
	if (yl_is(y, YAML_SCALAR_EVENT)) {
		tl_strbuf_add(sb, (const char *)y->ev->data.scalar.value,
			      y->ev->data.scalar.length);
		yl_next(y);
		return;
	}
	if (!yl_is(y, YAML_SEQUENCE_START_EVENT)) {
		tl_strbuf_puts(sb, "..");
		yl_skip(y);
		return;
	}
	tl_strbuf_putc(sb, '[');
	yl_next(y);
	for (bool first = true; !y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT);
	     first = false) {
		if (!first)
			tl_strbuf_puts(sb, ", ");
		flow_text(y, sb);
	}
	tl_strbuf_putc(sb, ']');
	yl_next(y);
}

/* A plain scalar followed by ':' was cut short by YAML (`Foo<A: B>`):
 * libyaml fails on the next event, so say how to quote instead. */
static bool cut_at_colon(tl_yl *y, const yl_scalar *s)
{
	if (y->ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	if (y->ascii) { /* mark indexes are byte offsets: no line lookup */
		size_t i = y->ev->end_mark.index;
		if (i >= y->len || y->text[i] != ':')
			return false;
	} else {
		tl_loc end = yl_loc(y, y->ev->end_mark);
		size_t len;
		const char *line = tl_file_line(y->ctx, y->file, end.line, &len);
		if (!line || end.col > len || line[end.col - 1] != ':')
			return false;
	}
	tl_strbuf sb = TL_STRBUF_INIT;
	yl_rest_of_line(y, s->loc, &sb);
	yl_slip(y, s->loc, "type", tl_strbuf_cstr(&sb),
		"': ' as the start of a mapping value");
	tl_strbuf_release(&sb);
	return true;
}

/* Whether a type tree may stand for every use of its text: the parts
 * whose resolution is the same at every use, or reports at the use (a
 * quiet resolution then tells, rsv_fields): names with type arguments,
 * references, pointers, slices, tuples, arrays of a literal length. */
static bool shareable(const tl_texpr *t)
{
	switch (t->kind) {
	case TL_TX_PATH:
		if (t->inner)
			return false;
		for (uint32_t i = 0; i < t->nargs; i++) {
			const tl_garg *a = &t->args[i];
			if (a->assoc || (a->value && a->value->kind != TL_CX_INT) ||
			    (a->type && !shareable(a->type)))
				return false;
		}
		return true;
	case TL_TX_REF:
	case TL_TX_RAWPTR:
	case TL_TX_SLICE:
		return shareable(t->inner);
	case TL_TX_ARRAY:
		return t->len && t->len->kind == TL_CX_INT && shareable(t->inner);
	case TL_TX_TUPLE:
		for (uint32_t i = 0; i < t->nelems; i++)
			if (!shareable(t->elems[i]))
				return false;
		return true;
	case TL_TX_NEVER:
		return true;
	default:
		return false;
	}
}

/* Makes `t` the shared tree of `text` (a copy of its root marked so). */
static const tl_texpr *share_type(tl_yl *y, const tl_texpr *t, const char *text)
{
	tl_texpr *root = tl_arena_memdup(y->rp.syn, t, sizeof(*t));
	if (!root || tl_noted_put(&y->shared, text, root) < 0) {
		y->ctx->oom = true;
		return t;
	}
	root->shared_text = text;
	return root;
}

static const tl_texpr *parse_type_scalar(tl_yl *y)
{
	yl_scalar s = yl_scalar_of(y);
	const tl_texpr *simple = tl_rparse_simple_path(y->ctx, y->rp.syn,
						       y->share ? &y->shared : NULL,
						       s.s, s.len, s.loc);
	if (simple) {
		yl_next(y);
		return simple;
	}
	if (cut_at_colon(y, &s)) {
		yl_next(y);
		return NULL;
	}
	/* a type of several parts written on the field's line: one tree
	 * for every field whose type is written the same way */
	const char *key = NULL;
	if (y->share && s.exact) {
		key = tl_intern(y->ctx, s.s, s.len);
		const tl_texpr *got = key ? tl_noted_get(key) : NULL;
		if (got) {
			yl_next(y);
			return got;
		}
	}
	size_t diags = tl_diag_count(y->ctx);
	yl_rparse_begin(y, &s);
	const tl_texpr *t = tl_rparse_type(&y->rp);
	if (t && !tl_rparse_end(&y->rp, "the type"))
		t = NULL;
	if (t && key && tl_diag_count(y->ctx) == diags && shareable(t))
		t = share_type(y, t, key);
	yl_next(y);
	return t;
}

static const tl_texpr *type_scalar(tl_yl *y, const char *what,
				   const char *name)
{
	const yaml_event_t *ev = y->ev;
	const char *anchor = (const char *)ev->data.scalar.anchor;
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *val = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	tl_strbuf sb = TL_STRBUF_INIT;
	if (anchor || (tag && tag[0] == '!')) {
		tl_strbuf_puts(&sb, anchor ? "&" : "");
		tl_strbuf_puts(&sb, anchor ? anchor : tag);
		if (len) {
			tl_strbuf_putc(&sb, ' ');
			tl_strbuf_add(&sb, val, len);
		}
		yl_slip(y, yl_here(y), "type", tl_strbuf_cstr(&sb),
		     anchor ? "'&' as an anchor" : "'!' as a tag");
		tl_strbuf_release(&sb);
		yl_next(y);
		return NULL;
	}
	if (tag && strcmp(tag, YAML_STR_TAG) != 0) {
		yl_tag_error(y, tag);
		yl_next(y);
		return NULL;
	}
	if (len == 0 && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		tl_error(y->ctx, yl_here(y), ID_YAML_SHAPE,
			 "expected a type for %s%s%s%s, found an empty value", what,
			 name ? " '" : "", name ? name : "", name ? "'" : "");
		yl_next(y);
		return NULL;
	}
	return parse_type_scalar(y);
}

static void not_a_type(tl_yl *y, const char *what, const char *name,
		       tl_loc loc)
{
	tl_error(y->ctx, loc, ID_YAML_SHAPE, "expected a type for %s%s%s%s, found %s",
		 what, name ? " '" : "", name ? name : "", name ? "'" : "",
		 yl_kind(y->ev));
	yl_skip(y);
}

const tl_texpr *yl_type(tl_yl *y, const char *what, const char *name)
{
	if (!y->have_ev || y->stop)
		return NULL;
	tl_strbuf sb = TL_STRBUF_INIT;
	tl_loc loc = yl_here(y);
	switch (y->ev->type) {
	case YAML_SCALAR_EVENT:
		return type_scalar(y, what, name);
	case YAML_ALIAS_EVENT:
		yl_rest_of_line(y, loc, &sb);
		yl_slip(y, loc, "type", sb.len ? tl_strbuf_cstr(&sb) : "*",
			"'*' as an alias");
		yl_next(y);
		break;
	case YAML_SEQUENCE_START_EVENT:
		if (y->ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE) {
			/* `[[u8; 2]; 3]` makes libyaml fail while we read it:
			 * that error is this slip, and the text is taken from
			 * the source line instead */
			y->slip_line = loc.line;
			flow_text(y, &sb);
			if (y->stop) {
				tl_strbuf_reset(&sb);
				yl_rest_of_line(y, loc, &sb);
				balanced_prefix(&sb);
			}
			yl_slip(y, loc, "type", tl_strbuf_cstr(&sb),
				"'[' as the start of a list");
			break;
		}
		not_a_type(y, what, name, loc);
		break;
	default:
		not_a_type(y, what, name, loc);
		break;
	}
	tl_strbuf_release(&sb);
	return NULL;
}

bool yl_u64(tl_yl *y, const char *what, uint64_t *out, tl_loc *loc)
{
	yl_scalar s;
	tl_u128 v;
	if (!yl_string(y, what, &s))
		return false;
	if (loc)
		*loc = s.loc;
	if (!tl_u128_parse(s.s, s.len, &v) || v > UINT64_MAX) {
		tl_error(y->ctx, s.loc, ID_BAD_VALUE,
			 "%s must be a non-negative integer, found '%.*s'", what,
			 (int)(s.len > 40 ? 40 : s.len), s.s);
		yl_next(y);
		return false;
	}
	*out = (uint64_t)v;
	yl_next(y);
	return true;
}

/* ---- the top level ---- */

static void add_target(tl_yl *y)
{
	yl_scalar s;
	if (!yl_string(y, "a target name", &s))
		return;
	tl_ctx *ctx = y->ctx;
	size_t n = ctx->ninput_targets;
	const char **names = tl_arena_array(&ctx->arena, n + 1, sizeof(*names));
	tl_loc *locs = tl_arena_array(&ctx->arena, n + 1, sizeof(*locs));
	const char *name = tl_intern(ctx, s.s, s.len);
	if (!names || !locs || !name) {
		ctx->oom = true;
	} else {
		/* a handful of targets: copying the arrays is cheaper than a
		 * growable vector the context would have to free */
		if (n) {
			memcpy(names, ctx->input_targets, n * sizeof(*names));
			memcpy(locs, ctx->input_target_locs, n * sizeof(*locs));
		}
		names[n] = name;
		locs[n] = s.loc;
		ctx->input_targets = names;
		ctx->input_target_locs = locs;
		ctx->ninput_targets = n + 1;
	}
	yl_next(y);
}

static void yl_targets(tl_yl *y)
{
	if (yl_is(y, YAML_SCALAR_EVENT)) {
		add_target(y);
		return;
	}
	if (!yl_begin_seq(y, "'targets'", NULL, "a list of target names"))
		return;
	while (!y->stop && !yl_is(y, YAML_SEQUENCE_END_EVENT))
		add_target(y);
	yl_next(y);
}

static void yl_types(tl_yl *y)
{
	if (!yl_begin_map(y, "'types'", NULL,
			  "a mapping from type names to definitions"))
		return;
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT))
		yl_def(y);
	yl_next(y);
}

static const char *const top_keys[] = {"types", "targets", "impls", NULL};

static void yl_root(tl_yl *y)
{
	/* an empty document (`---` alone, `~`) has no types */
	if (yl_is(y, YAML_SCALAR_EVENT) && y->ev->data.scalar.length == 0 &&
	    !y->ev->data.scalar.anchor && !y->ev->data.scalar.tag) {
		yl_next(y);
		return;
	}
	if (!yl_begin_map(y, "the top level", NULL, "a mapping with a 'types' key"))
		return;
	bool seen[3] = {false, false, false};
	while (!y->stop && !yl_is(y, YAML_MAPPING_END_EVENT)) {
		yl_scalar k;
		if (!yl_key(y, &k))
			continue;
		int key = yl_scalar_eq(&k, "types") ? 0 :
			  yl_scalar_eq(&k, "targets") ? 1 :
			  yl_scalar_eq(&k, "impls") ? 2 : -1;
		if (key < 0)
			yl_unknown_key(y, &k, "at the top level", top_keys);
		else if (seen[key])
			tl_error(y->ctx, k.loc, ID_YAML_DUPKEY,
				 "duplicate key '%s' at the top level",
				 top_keys[key]);
		yl_next(y);
		if (key < 0 || seen[key])
			yl_skip(y);
		else if (key == 0)
			yl_types(y);
		else if (key == 1)
			yl_targets(y);
		else
			yl_impls(y);
		if (key >= 0)
			seen[key] = true;
	}
	yl_next(y);
}

tl_status tl_front_yaml_load(tl_ctx *ctx, uint32_t file, bool builtin)
{
	const tl_source *src = tl_source_get(ctx, file);
	if (!src)
		return TL_EIO;
	size_t errors = ctx->nerrors;
	size_t first_def = ctx->defs.len;
	tl_yl y;
	memset(&y, 0, sizeof(y));
	y.ctx = ctx;
	y.file = file;
	y.builtin = builtin;
	y.names.gen = 1;
	y.vnames.gen = 1;
	y.text = src->text;
	y.len = src->len;
	if (!yaml_parser_initialize(&y.parser))
		return TL_ENOMEM;
	/* a definition takes 80 bytes or more of YAML (four lines) */
	if (!builtin)
		tl_ctx_expect_defs(ctx, src->len / 80);
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)src->text,
				     src->len);
	yaml_parser_set_encoding(&y.parser, YAML_UTF8_ENCODING);
	/* the prelude is small: not worth a thread */
	if (!yl_feed_start(&y.feed, &y.parser, src->text, src->len,
			   builtin ? 1 : ctx->jobs)) {
		yl_feed_stop(&y.feed);
		yaml_parser_delete(&y.parser);
		return TL_ENOMEM;
	}
	y.feed.strtab = &ctx->strings;
	tl_rparse_init(&y.rp, ctx);
	bool first = yl_next(&y);
	/* told by the thread that parses, with the first event: until then
	 * locations take the general path */
	y.ascii = y.feed.fast.ascii;
	if (first && yl_is(&y, YAML_STREAM_START_EVENT) && yl_next(&y)) {
		while (yl_is(&y, YAML_DOCUMENT_START_EVENT)) {
			yl_next(&y);
			yl_root(&y);
			if (yl_is(&y, YAML_DOCUMENT_END_EVENT))
				yl_next(&y);
		}
	}
	yl_feed_stop(&y.feed);
	yaml_parser_delete(&y.parser);
	/* the fields of these definitions point into ctx->syntax until
	 * resolution is done (front/load.c) */
	tl_def_range range = {first_def, ctx->defs.len};
	if (!builtin && range.to > range.from &&
	    !TL_VEC_PUSH(ctx->syntax_defs, range))
		ctx->oom = true;
	tl_rparse_release(&y.rp);
	TL_VEC_FREE(y.fields);
	TL_VEC_FREE(y.variants);
	free(y.names.slots);
	free(y.vnames.slots);
	tl_noted_clear(&y.shared);
	tl_ptrmap_release(&y.prims);
	if (ctx->oom)
		return TL_ENOMEM;
	return ctx->nerrors > errors ? TL_EINPUT : TL_OK;
}
