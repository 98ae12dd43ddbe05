/*
 * The fast YAML event source against libyaml: see yaml_fast_diff.h.
 */
#include "yaml_fast_diff.h"

#include <string.h>

#include "front/front_yaml_int.h"

static bool same_str(const yaml_char_t *a, const yaml_char_t *b)
{
	if (!a || !b)
		return a == b;
	return strcmp((const char *)a, (const char *)b) == 0;
}

static bool same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

static const char *differ_node(const yaml_char_t *anchor_a,
			       const yaml_char_t *anchor_b,
			       const yaml_char_t *tag_a, const yaml_char_t *tag_b,
			       int implicit_a, int implicit_b, int style_a,
			       int style_b)
{
	if (!same_str(anchor_a, anchor_b) || !same_str(tag_a, tag_b))
		return "anchor or tag";
	if (implicit_a != implicit_b)
		return "implicit";
	return style_a == style_b ? NULL : "style";
}

/* NULL when the events are the same, else what differs. */
static const char *differ(const yaml_event_t *a, const yaml_event_t *b)
{
	if (a->type != b->type)
		return "type";
	if (!same_mark(a->start_mark, b->start_mark))
		return "start mark";
	if (!same_mark(a->end_mark, b->end_mark))
		return "end mark";
	switch (a->type) {
	case YAML_STREAM_START_EVENT:
		return a->data.stream_start.encoding == b->data.stream_start.encoding
			       ? NULL : "encoding";
	case YAML_DOCUMENT_START_EVENT: {
		const yaml_tag_directive_t *as = a->data.document_start.tag_directives.start,
					   *ae = a->data.document_start.tag_directives.end,
					   *bs = b->data.document_start.tag_directives.start,
					   *be = b->data.document_start.tag_directives.end;
		if (a->data.document_start.implicit != b->data.document_start.implicit)
			return "implicit";
		if (!a->data.document_start.version_directive !=
			    !b->data.document_start.version_directive ||
		    (as != ae) != (bs != be))
			return "directives";
		return NULL;
	}
	case YAML_DOCUMENT_END_EVENT:
		return a->data.document_end.implicit == b->data.document_end.implicit
			       ? NULL : "implicit";
	case YAML_ALIAS_EVENT:
		return same_str(a->data.alias.anchor, b->data.alias.anchor)
			       ? NULL : "anchor";
	case YAML_SCALAR_EVENT:
		if (a->data.scalar.length != b->data.scalar.length ||
		    memcmp(a->data.scalar.value, b->data.scalar.value,
			   a->data.scalar.length) ||
		    b->data.scalar.value[b->data.scalar.length] != '\0')
			return "value";
		if (a->data.scalar.plain_implicit != b->data.scalar.plain_implicit ||
		    a->data.scalar.quoted_implicit != b->data.scalar.quoted_implicit)
			return "implicit";
		return differ_node(a->data.scalar.anchor, b->data.scalar.anchor,
				   a->data.scalar.tag, b->data.scalar.tag, 0, 0,
				   a->data.scalar.style, b->data.scalar.style);
	case YAML_SEQUENCE_START_EVENT:
		return differ_node(a->data.sequence_start.anchor,
				   b->data.sequence_start.anchor,
				   a->data.sequence_start.tag, b->data.sequence_start.tag,
				   a->data.sequence_start.implicit,
				   b->data.sequence_start.implicit,
				   a->data.sequence_start.style,
				   b->data.sequence_start.style);
	case YAML_MAPPING_START_EVENT:
		return differ_node(a->data.mapping_start.anchor,
				   b->data.mapping_start.anchor,
				   a->data.mapping_start.tag, b->data.mapping_start.tag,
				   a->data.mapping_start.implicit,
				   b->data.mapping_start.implicit,
				   a->data.mapping_start.style,
				   b->data.mapping_start.style);
	default:
		return NULL;
	}
}

static void init_parser(yaml_parser_t *p, const char *s, size_t len)
{
	yaml_parser_initialize(p);
	yaml_parser_set_input_string(p, (const unsigned char *)s, len);
	yaml_parser_set_encoding(p, YAML_UTF8_ENCODING);
}

tl_fast_diff tl_yaml_fast_diff(const char *s, size_t len)
{
	tl_fast_diff d = {NULL, 0, false};
	yaml_parser_t ref, par;
	init_parser(&ref, s, len);
	init_parser(&par, s, len);
	yl_feed f;
	if (!yl_feed_start(&f, &par, s, len, 1)) {
		d.what = "out of memory";
		goto out;
	}
	unsigned depth = 0;
	for (;; d.event++) {
		yaml_event_t ev;
		int ok = yaml_parser_parse(&ref, &ev);
		const yaml_event_t *got = yl_feed_next(&f);
		if (!ok) {
			if (got)
				d.what = "libyaml fails here, the feed does not";
			else if (depth > TL_YAML_MAX_DEPTH)
				; /* the feed stopped at its depth limit */
			else if (!f.failed || ref.error != par.error ||
				 !same_mark(ref.problem_mark, par.problem_mark))
				d.what = "another failure";
			break;
		}
		if (!got) {
			if (depth <= TL_YAML_MAX_DEPTH) /* else stopped on purpose */
				d.what = "the feed ends early";
			yaml_event_delete(&ev);
			break;
		}
		d.what = differ(&ev, got);
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			 ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (d.what || end)
			break;
	}
	d.whole = !f.fast.bailed;
out:
	yl_feed_stop(&f);
	yaml_parser_delete(&ref);
	yaml_parser_delete(&par);
	return d;
}
