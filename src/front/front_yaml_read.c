/*
 * YAML front end: the libyaml event reader, locations, scalars, keys and
 * small helpers shared by the other front_yaml_*.c files.
 *
 * Columns: libyaml's marks are 0-based and count characters; diagnostics
 * use 1-based byte columns (diag.h). For an ASCII file the two agree; for
 * any other file the column is converted by walking the line's UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_yaml_int.h"
#include "front/resolve.h"

/* ---- events ---- */

__attribute__((cold, noinline)) static void report_libyaml(tl_yl *y)
{
	yaml_parser_t *p = &y->parser;
	if (p->error == YAML_MEMORY_ERROR) {
		y->ctx->oom = true;
		return;
	}
	tl_loc loc = yl_loc(y, p->problem_mark);
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset instead of a mark */
		loc = (tl_loc){y->file, 1, 1};
		const tl_source *src = tl_source_get(y->ctx, y->file);
		for (size_t i = 0; src && i < p->problem_offset && i < src->len; i++) {
			if (src->text[i] == '\n') {
				loc.line++;
				loc.col = 1;
			} else {
				loc.col++;
			}
		}
	}
	/* the parse error that follows a reported slip (`*const u8` reads as
	 * an alias followed by junk) says nothing new */
	if (y->slip_line && loc.line == y->slip_line)
		return;
	const char *ctx = p->context ? p->context : "";
	const char *hint = "";
	if (strstr(ctx, "anchor"))
		hint = " (a type starting with '&' must be quoted, as in \"&'a str\")";
	else if (strstr(ctx, "alias"))
		hint = " (a type starting with '*' must be quoted, as in \"*const u8\")";
	else if (strstr(ctx, "tag"))
		hint = " (a type starting with '!' must be quoted, as in \"!\")";
	else if (p->problem && strstr(p->problem, "mapping values"))
		hint = " (quote values that contain ': ', as in \"Moved { x: i32 }\")";
	tl_error(y->ctx, loc, ID_YAML_SYNTAX, "invalid YAML: %s%s%s%s",
		 p->problem ? p->problem : "unknown error", *ctx ? " " : "", ctx,
		 hint);
}

__attribute__((cold, noinline)) static void too_deep(tl_yl *y)
{
	tl_error(y->ctx, yl_here(y), ID_YAML_DEPTH,
		 "YAML nesting is too deep (more than %d levels)",
		 TL_YAML_MAX_DEPTH);
	y->stop = true;
}

bool yl_next(tl_yl *y)
{
	if (y->have_ev) {
		if (y->ev->type == YAML_SEQUENCE_END_EVENT ||
		    y->ev->type == YAML_MAPPING_END_EVENT)
			y->depth--;
		if (y->ev->type == YAML_STREAM_END_EVENT)
			y->stop = true; /* libyaml returns empty events after it */
		y->have_ev = false;
	}
	if (y->stop)
		return false;
	static const yaml_event_t no_event; /* YAML_NO_EVENT */
	const yaml_event_t *ev = yl_feed_next(&y->feed);
	y->ev = ev ? ev : &no_event;
	if (!ev) {
		if (y->feed.failed)
			report_libyaml(y);
		y->stop = true;
		return false;
	}
	y->have_ev = true;
	if (y->ev->type == YAML_SEQUENCE_START_EVENT ||
	    y->ev->type == YAML_MAPPING_START_EVENT) {
		if (++y->depth > TL_YAML_MAX_DEPTH) {
			too_deep(y);
			return false;
		}
	}
	return true;
}

bool yl_is(const tl_yl *y, yaml_event_type_t type)
{
	return y->have_ev && !y->stop && y->ev->type == type;
}

void yl_skip(tl_yl *y)
{
	if (!y->have_ev || y->stop)
		return;
	if (y->ev->type != YAML_SEQUENCE_START_EVENT &&
	    y->ev->type != YAML_MAPPING_START_EVENT) {
		yl_next(y);
		return;
	}
	/* an END event still counts at its collection's depth (the depth
	 * drops when it is consumed) */
	unsigned level = y->depth;
	while (yl_next(y))
		if ((y->ev->type == YAML_SEQUENCE_END_EVENT ||
		     y->ev->type == YAML_MAPPING_END_EVENT) && y->depth == level)
			break;
	yl_next(y); /* past the END */
}

const char *yl_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.length ? "a string" : "an empty value";
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "the end of the collection";
	}
}

/* ---- locations ---- */

tl_loc yl_loc(tl_yl *y, yaml_mark_t m)
{
	tl_loc loc = {y->file, (uint32_t)m.line + 1, (uint32_t)m.column + 1};
	if (y->ascii)
		return loc;
	size_t len;
	const char *line = tl_file_line(y->ctx, y->file, loc.line, &len);
	if (!line)
		return loc;
	size_t i = 0;
	for (size_t chars = 0; i < len && chars < m.column; chars++) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			i++;
	}
	loc.col = (uint32_t)i + 1;
	return loc;
}

tl_loc yl_here(tl_yl *y)
{
	return yl_loc(y, y->ev->start_mark);
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

yl_scalar yl_scalar_of(tl_yl *y)
{
	yl_scalar r;
	const yaml_event_t *ev = y->ev;
	r.s = (const char *)ev->data.scalar.value;
	r.len = ev->data.scalar.length;
	r.loc = yl_loc(y, ev->start_mark);
	yaml_scalar_style_t style = ev->data.scalar.style;
	bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		      style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	size_t span = ev->end_mark.index - ev->start_mark.index;
	size_t chars = y->ascii ? r.len : utf8_chars(r.s, r.len);
	/* one line and no escapes: character i of the value is at loc + i */
	r.exact = ev->start_mark.line == ev->end_mark.line &&
		  (style == YAML_PLAIN_SCALAR_STYLE ||
		   (quoted && span == chars + 2));
	if (quoted)
		r.loc.col++;
	return r;
}

bool yl_scalar_eq(const yl_scalar *s, const char *lit)
{
	return strlen(lit) == s->len && memcmp(s->s, lit, s->len) == 0;
}

void yl_rparse_begin(tl_yl *y, const yl_scalar *s)
{
	tl_rparse_begin(&y->rp, s->s, s->len, s->loc, !s->exact);
}

void yl_tag_error(tl_yl *y, const char *tag)
{
	/* show `!!int` as written, not libyaml's expanded form */
	static const char std_prefix[] = "tag:yaml.org,2002:";
	bool std = strncmp(tag, std_prefix, sizeof(std_prefix) - 1) == 0;
	tl_error(y->ctx, yl_here(y), ID_YAML_ANCHOR,
		 "YAML tags are not supported ('%s%s')", std ? "!!" : "",
		 std ? tag + sizeof(std_prefix) - 1 : tag);
}

/* Anchors and tags on a node where no quoting slip is likely. */
static bool check_props(tl_yl *y)
{
	if (y->feed.fast_ev)
		return true; /* the fast source gives none of these */
	const yaml_event_t *ev = y->ev;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	if (ev->type == YAML_SCALAR_EVENT) {
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	} else if (ev->type == YAML_ALIAS_EVENT) {
		tl_error(y->ctx, yl_here(y), ID_YAML_ANCHOR,
			 "YAML aliases are not supported ('*%s')",
			 (const char *)ev->data.alias.anchor);
		return false;
	}
	if (anchor) {
		tl_error(y->ctx, yl_here(y), ID_YAML_ANCHOR,
			 "YAML anchors are not supported ('&%s')",
			 (const char *)anchor);
		return false;
	}
	if (tag && strcmp((const char *)tag, YAML_STR_TAG) != 0 &&
	    !(ev->type == YAML_SEQUENCE_START_EVENT &&
	      strcmp((const char *)tag, YAML_SEQ_TAG) == 0) &&
	    !(ev->type == YAML_MAPPING_START_EVENT &&
	      strcmp((const char *)tag, YAML_MAP_TAG) == 0)) {
		yl_tag_error(y, (const char *)tag);
		return false;
	}
	return true;
}

bool yl_key(tl_yl *y, yl_scalar *out)
{
	if (!yl_is(y, YAML_SCALAR_EVENT)) {
		tl_error(y->ctx, yl_here(y), ID_YAML_SHAPE,
			 "mapping keys must be strings, found %s", yl_kind(y->ev));
		yl_skip(y); /* the key */
		yl_skip(y); /* its value */
		return false;
	}
	if (!check_props(y)) {
		yl_next(y);
		yl_skip(y);
		return false;
	}
	*out = yl_scalar_of(y);
	return true;
}

bool yl_string(tl_yl *y, const char *what, yl_scalar *out)
{
	if (yl_is(y, YAML_SCALAR_EVENT)) {
		if (!check_props(y)) {
			yl_next(y);
			return false;
		}
		*out = yl_scalar_of(y);
		return true;
	}
	if (!y->have_ev || y->stop)
		return false;
	if (y->ev->type == YAML_ALIAS_EVENT)
		check_props(y);
	else
		tl_error(y->ctx, yl_here(y), ID_YAML_SHAPE,
			 "%s must be a string, found %s", what, yl_kind(y->ev));
	yl_skip(y);
	return false;
}

static bool begin_coll(tl_yl *y, yaml_event_type_t type, const char *what,
		       const char *name, const char *expected)
{
	if (yl_is(y, type)) {
		if (!check_props(y)) {
			yl_skip(y);
			return false;
		}
		return yl_next(y);
	}
	if (!y->have_ev || y->stop)
		return false;
	if (y->ev->type == YAML_ALIAS_EVENT)
		check_props(y);
	else /* formatted only here: the names cost nothing on valid input */
		tl_error(y->ctx, yl_here(y), ID_YAML_SHAPE,
			 "%s%s%s%s must be %s, found %s", what, name ? " '" : "",
			 name ? name : "", name ? "'" : "", expected,
			 yl_kind(y->ev));
	yl_skip(y);
	return false;
}

bool yl_begin_seq(tl_yl *y, const char *what, const char *name,
		  const char *expected)
{
	return begin_coll(y, YAML_SEQUENCE_START_EVENT, what, name, expected);
}

bool yl_begin_map(tl_yl *y, const char *what, const char *name,
		  const char *expected)
{
	return begin_coll(y, YAML_MAPPING_START_EVENT, what, name, expected);
}

void yl_unknown_key(tl_yl *y, const yl_scalar *k, const char *where,
		    const char *const *keys)
{
	char key[80];
	snprintf(key, sizeof(key), "%.*s", (int)(k->len > 64 ? 64 : k->len), k->s);
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; keys[i]; i++) {
		size_t d = tl_front_distance(key, keys[i], 2);
		if (d < best_d) {
			best = keys[i];
			best_d = d;
		}
	}
	size_t n = 0;
	while (keys[n])
		n++;
	if (best)
		tl_error(y->ctx, k->loc, ID_YAML_KEY,
			 "unknown key '%s' %s (did you mean '%s'?)", key, where,
			 best);
	else if (n == 2)
		tl_error(y->ctx, k->loc, ID_YAML_KEY,
			 "unknown key '%s' %s (expected '%s' or '%s')", key, where,
			 keys[0], keys[1]);
	else
		tl_error(y->ctx, k->loc, ID_YAML_KEY, "unknown key '%s' %s", key,
			 where);
}

/* ---- pointer set (duplicate names in one list) ---- */

const void *yl_set_put(tl_yl *y, yl_set *s, const void *key,
		       const void *value)
{
	if ((s->len + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct yl_set_slot *slots = calloc(cap, sizeof(*slots));
		if (!slots) {
			y->ctx->oom = true;
			return NULL;
		}
		for (size_t i = 0; i < s->cap; i++) {
			if (s->slots[i].gen != s->gen || !s->slots[i].key)
				continue;
			size_t j = ((uintptr_t)s->slots[i].key >> 4) * 0x9E3779B97F4A7C15ull >> 29 & (cap - 1);
			while (slots[j].key)
				j = (j + 1) & (cap - 1);
			slots[j] = s->slots[i];
		}
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	size_t j = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ull >> 29 & (s->cap - 1);
	while (s->slots[j].key && s->slots[j].gen == s->gen) {
		if (s->slots[j].key == key)
			return s->slots[j].value;
		j = (j + 1) & (s->cap - 1);
	}
	s->slots[j].key = key;
	s->slots[j].value = value;
	s->slots[j].gen = s->gen;
	s->len++;
	return NULL;
}

void yl_set_clear(yl_set *s)
{
	s->len = 0;
	/* stale slots carry an old generation and read as empty */
	if (++s->gen == 0) {
		if (s->slots)
			memset(s->slots, 0, s->cap * sizeof(*s->slots));
		s->gen = 1;
	}
}
