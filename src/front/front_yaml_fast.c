/*
 * YAML front end: the fast event source (see front_yaml_fast.h for what it
 * accepts and promises).
 *
 * Two parts, mirroring libyaml's own split:
 * - the tokenizer cuts whole lines into tokens: '-' entries, flow '[' ','
 *   ']', and scalars (a scalar followed by ': ' is a key). libyaml reads
 *   ahead before it gives events: past a token that may be a key, up to
 *   the rest of its line and the first token of the next line (all of it,
 *   when that is a plain scalar running over several lines). So the
 *   tokenizer takes whole lines, stays one line ahead of the state
 *   machine, and bails on a line where libyaml would fail that early
 *   (content_line): the events of the line above are then never given.
 * - the state machine turns tokens into events by indentation, as
 *   libyaml's scanner (indents, BLOCK-END tokens) and parser (states) do
 *   between them, with the same marks.
 * Anything it does not recognise makes it bail; nothing is ever guessed.
 */
#include "front/front_yaml_fast.h"

#include <stdlib.h>
#include <string.h>

enum { TK_EOF, TK_DASH, TK_LBRACKET, TK_RBRACKET, TK_COMMA, TK_SCALAR };
enum { FR_BMAP, FR_BSEQ, FR_ISEQ, FR_FSEQ };
enum {
	ST_STREAM_START,
	ST_DOC_START,
	ST_ROOT,
	ST_BMAP_KEY,
	ST_BMAP_VALUE,
	ST_BSEQ_ENTRY,
	ST_ISEQ_ENTRY,
	ST_FSEQ_FIRST,
	ST_FSEQ_ENTRY,
	ST_DOC_END,
	ST_STREAM_END,
	ST_DONE,
};

enum { MAX_KEY = 1000 }; /* libyaml forgets a simple key after 1024 chars */

/* ---- characters ---- */

static bool blankz(const yl_fast *s, size_t i)
{
	return i >= s->len || s->text[i] == ' ' || s->text[i] == '\n';
}

static bool flow_indicator(char c)
{
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Characters a plain scalar of the subset may start with. */
static bool plain_start(const yl_fast *s, size_t i)
{
	unsigned char c = (unsigned char)s->text[i];
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	if (c == '-') { /* "-1", "-x": a plain scalar, not an entry */
		unsigned char d = i + 1 < s->len ? (unsigned char)s->text[i + 1] : 0;
		return (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
		       (d >= '0' && d <= '9');
	}
	return strchr("_().<$/~+=^;\\", c) != NULL && c != 0;
}

void yl_fast_init(yl_fast *s, const char *text, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->text = text;
	s->len = len;
}

/* One of the subset's characters: printable ASCII or '\n' (libyaml
 * reports other control characters; tabs, CR and UTF-8 are left to it). */
static bool subset_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n';
}

/* The same for eight bytes at once: no byte with the high bit set, none
 * below 0x20 but '\n', no DEL. With the high bits clear, adding 0x60 to
 * a byte sets its high bit exactly when it is 0x20 or more, adding 1
 * exactly when it is 0x7f, and no sum carries into the next byte. */
static bool subset_word(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	if (w & high)
		return false;
	uint64_t below = ~(w + ones * 0x60) & high;
	uint64_t nl = w ^ (ones * '\n');           /* 0 where '\n' */
	uint64_t is_nl = ~((nl + ones * 0x7f) | nl) & high;
	uint64_t del = (w + ones) & high;
	return !((below & ~is_nl) | del);
}

/* Whether the text holds only the subset's characters. */
static bool subset_chars(const char *text, size_t len)
{
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		if (!subset_word(w))
			return false;
	}
	for (; i < len; i++)
		if (!subset_byte((unsigned char)text[i]))
			return false;
	return true;
}

static bool is_ascii(const char *s, size_t n)
{
	unsigned char any = 0;
	for (size_t i = 0; i < n; i++)
		any |= (unsigned char)s[i];
	return any < 0x80;
}

void yl_fast_release(yl_fast *s)
{
	free(s->q);
	s->q = NULL;
	s->cap = s->head = s->tail = 0;
}

/* ---- the tokenizer ---- */

static yaml_mark_t mark_at(const yl_fast *s, size_t i)
{
	return (yaml_mark_t){i, s->line, i - s->lstart};
}

static yl_ftok *push_tok(yl_fast *s, uint8_t kind, size_t from, size_t to)
{
	if (s->tail == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		yl_ftok *q = realloc(s->q, cap * sizeof(*q));
		if (!q)
			return NULL;
		s->q = q;
		s->cap = cap;
	}
	yl_ftok *t = &s->q[s->tail++];
	/* every field, without a memset first (a token per scalar) */
	*t = (yl_ftok){.start = mark_at(s, from), .end = mark_at(s, to),
		       .cont_col = -1, .kind = kind};
	return t;
}

/* The column of the next line holding text after the line break at `nl`,
 * or -1 when that text is a comment or there is none: whether a plain
 * scalar ending at `nl` may go on there (libyaml folds it in when the
 * column is deeper than the current indentation). */
static int32_t next_text_col(const yl_fast *s, size_t nl)
{
	size_t i = nl + 1, ls = nl + 1;
	while (i < s->len) {
		if (s->text[i] == ' ') {
			i++;
		} else if (s->text[i] == '\n') {
			ls = ++i;
		} else {
			return s->text[i] == '#' ? -1 : (int32_t)(i - ls);
		}
	}
	return -1;
}

/* A plain scalar from `p`; returns where scanning stopped (the end of the
 * line, a ': ', a comment or a flow indicator), 0 to bail. */
static size_t plain(yl_fast *s, size_t p, bool flow, size_t *end)
{
	const char *t = s->text;
	for (;;) {
		while (p < s->len && t[p] != ' ' && t[p] != '\n') {
			if (t[p] == ':') {
				if (flow)
					return 0;
				if (blankz(s, p + 1))
					goto done;
			} else if (flow && flow_indicator(t[p])) {
				goto done;
			}
			p++;
		}
		*end = p;
		size_t r = p;
		while (r < s->len && t[r] == ' ')
			r++;
		if (r == s->len || t[r] == '\n' || t[r] == '#' ||
		    (t[r] == ':' && blankz(s, r + 1)) ||
		    (flow && (flow_indicator(t[r]) || t[r] == ':')))
			return r;
		p = r; /* inner spaces belong to the scalar */
	}
done:
	*end = p;
	return p;
}

/* A quoted scalar whose opening quote is at `p`; returns the index after
 * the closing quote, 0 to bail (escapes, a line break, the end). */
static size_t quoted(yl_fast *s, size_t p, bool *unquote)
{
	const char *t = s->text;
	char q = t[p++];
	for (; p < s->len && t[p] != '\n'; p++) {
		if (q == '"' && t[p] == '\\')
			return 0;
		if (t[p] != q)
			continue;
		if (q == '\'' && p + 1 < s->len && t[p + 1] == '\'') {
			*unquote = true;
			p++;
			continue;
		}
		return p + 1;
	}
	return 0;
}

/* The token at `*pp` (not a comment, not the line's end) inside `flow`
 * open brackets; moves past it. NULL to bail. */
static yl_ftok *line_token(yl_fast *s, size_t *pp, unsigned *flow)
{
	const char *t = s->text;
	size_t p = *pp;
	char c = t[p];
	yl_ftok *tok;
	if (c == '-' && !*flow && blankz(s, p + 1)) {
		tok = push_tok(s, TK_DASH, p, p + 1);
		p++;
	} else if (c == '[') {
		if (++*flow > 32)
			return NULL;
		tok = push_tok(s, TK_LBRACKET, p, p + 1);
		p++;
	} else if (c == ']' && *flow) {
		--*flow;
		tok = push_tok(s, TK_RBRACKET, p, p + 1);
		p++;
	} else if (c == ',' && *flow) {
		tok = push_tok(s, TK_COMMA, p, p + 1);
		p++;
	} else if (c == '"' || c == '\'') {
		bool unquote = false;
		size_t q = quoted(s, p, &unquote);
		if (!q || !(tok = push_tok(s, TK_SCALAR, p, q)))
			return NULL;
		tok->style = c == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
				      : YAML_SINGLE_QUOTED_SCALAR_STYLE;
		tok->vpos = p + 1;
		tok->vlen = q - p - 2;
		tok->unquote = unquote;
		p = q;
	} else if (plain_start(s, p)) {
		size_t end;
		size_t q = plain(s, p, *flow > 0, &end);
		if (!q || !(tok = push_tok(s, TK_SCALAR, p, end)))
			return NULL;
		tok->style = YAML_PLAIN_SCALAR_STYLE;
		tok->vpos = p;
		tok->vlen = end - p;
		if (q < s->len && t[q] == '\n' && !*flow)
			tok->cont_col = next_text_col(s, q);
		p = q;
	} else {
		return NULL;
	}
	if (tok && tok->kind == TK_SCALAR) { /* a key: ':' and a blank after */
		size_t r = p;
		while (r < s->len && t[r] == ' ')
			r++;
		if (r < s->len && t[r] == ':') {
			if (*flow || !blankz(s, r + 1) ||
			    r - tok->start.index > MAX_KEY)
				return NULL;
			tok->key = true;
			tok->colon = r;
			p = r + 1;
		}
	}
	*pp = p;
	return tok;
}

/* Tokenizes the line of text starting at `ls` whose first non-space is at
 * `p`; moves to the next line. False to bail.
 *
 * Besides its tokens, the line must have one of the shapes "- - key:
 * value", any part left out: libyaml's scanner reports anything else
 * (a '-' or a key after a value), and it may do so before it gives the
 * events of tokens earlier on the line, which wait for it to decide
 * whether they are keys. */
static bool content_line(yl_fast *s, size_t ls, size_t p)
{
	const char *t = s->text;
	if (p == ls && s->len - p >= 3 &&
	    ((t[p] == '-' && t[p + 1] == '-' && t[p + 2] == '-') ||
	     (t[p] == '.' && t[p + 1] == '.' && t[p + 2] == '.')) &&
	    blankz(s, p + 3))
		return false; /* a document marker */
	enum { DASHES, VALUE, DONE } phase = DASHES;
	unsigned flow = 0;
	bool first = true;
	for (;;) {
		while (p < s->len && t[p] == ' ')
			p++;
		if (p == s->len || t[p] == '\n')
			break;
		if (t[p] == '#') {
			if (flow)
				return false;
			while (p < s->len && t[p] != '\n')
				p++;
			break;
		}
		bool in_flow = flow > 0;
		yl_ftok *tok = line_token(s, &p, &flow);
		if (!tok)
			return false;
		tok->nl = first;
		if (!in_flow) {
			if (tok->kind == TK_DASH || tok->key) {
				if (phase != DASHES)
					return false;
				phase = tok->key ? VALUE : DASHES;
			} else {
				if (phase == DONE)
					return false;
				phase = DONE;
			}
		}
		/* a plain scalar starting a line, not a key: where libyaml
		 * takes it for one (at the indentation) it fails as soon as
		 * its scan leaves the line, before it gives the events of
		 * the line above */
		if (first && tok->kind == TK_SCALAR && !tok->key &&
		    tok->style == YAML_PLAIN_SCALAR_STYLE)
			return false;
		first = false;
	}
	if (flow)
		return false; /* a flow sequence over several lines */
	if (p < s->len) { /* past the line break */
		s->line++;
		s->lstart = p + 1;
		s->pos = p + 1;
	} else {
		s->pos = p;
	}
	return true;
}

/* Tokenizes the next line with text, or queues the end. False to bail. */
static bool next_line(yl_fast *s)
{
	if (s->head == s->tail) { /* empty: start over at the front */
		s->head = s->tail = 0;
	} else if (s->head > 0) { /* keep the queue at the front */
		memmove(s->q, s->q + s->head, (s->tail - s->head) * sizeof(*s->q));
		s->tail -= s->head;
		s->head = 0;
	}
	const char *t = s->text;
	while (s->pos < s->len) {
		size_t ls = s->pos, p = ls;
		while (p < s->len && t[p] == ' ')
			p++;
		if (p < s->len && t[p] == '#')
			while (p < s->len && t[p] != '\n')
				p++;
		if (p == s->len) {
			s->pos = p;
			break;
		}
		if (t[p] == '\n') {
			s->pos = p + 1;
			s->line++;
			s->lstart = p + 1;
			continue;
		}
		return content_line(s, ls, p);
	}
	yl_ftok *tok = push_tok(s, TK_EOF, s->len, s->len);
	if (!tok)
		return false;
	tok->nl = true;
	s->eof = true;
	return true;
}

/* The next token, with the whole of the line after it tokenized; NULL
 * when bailing. */
static const yl_ftok *peek(yl_fast *s)
{
	while (!s->bailed &&
	       (s->head == s->tail ||
		(!s->eof && s->q[s->tail - 1].start.line == s->q[s->head].start.line)))
		if (!next_line(s))
			s->bailed = true;
	return s->bailed ? NULL : &s->q[s->head];
}

static void take(yl_fast *s)
{
	if (s->q[s->head].kind != TK_EOF)
		s->head++;
}

/* ---- events ---- */

static bool bail(yl_fast *s)
{
	s->bailed = true;
	return false;
}

static void event(yaml_event_t *ev, yaml_event_type_t type, yaml_mark_t a,
		  yaml_mark_t b)
{
	/* the rest zero, as libyaml leaves it (no call to memset per event) */
	*ev = (yaml_event_t){.type = type, .start_mark = a, .end_mark = b};
}

static bool append(char **buf, size_t *len, size_t *cap, const char *s,
		   size_t n, size_t *voff)
{
	if (*len + n + 1 > *cap) {
		size_t c = *cap ? *cap : 4096;
		while (c < *len + n + 1)
			c *= 2;
		char *b = realloc(*buf, c);
		if (!b)
			return false;
		*buf = b;
		*cap = c;
	}
	*voff = *len;
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '\0';
	return true;
}

/* Where libyaml puts the BLOCK-END of a collection indented at `col` that
 * the end of the text closes: at the end, or at the start of the line
 * after it when the first unrolling (at the end's column) spared it. */
static yaml_mark_t end_mark(const yl_ftok *eof, uint32_t col)
{
	yaml_mark_t m = eof->start;
	if (col <= m.column && m.column != 0) {
		m.line++;
		m.column = 0;
	}
	return m;
}

static bool push(yl_fast *s, uint8_t kind, size_t col)
{
	if (s->nframes == sizeof(s->frames) / sizeof(s->frames[0]))
		return bail(s);
	s->frames[s->nframes++] = (yl_fframe){(uint32_t)col, kind};
	return true;
}

/* The state after a node: the enclosing collection's next entry. */
static void resume(yl_fast *s)
{
	static const uint8_t next[] = {
		[FR_BMAP] = ST_BMAP_KEY,
		[FR_BSEQ] = ST_BSEQ_ENTRY,
		[FR_ISEQ] = ST_ISEQ_ENTRY,
		[FR_FSEQ] = ST_FSEQ_ENTRY,
	};
	s->state = s->nframes ? next[s->frames[s->nframes - 1].kind] : ST_DOC_END;
}

/* Ends the innermost collection at marks a..b. */
static void close_frame(yl_fast *s, yaml_event_t *ev, yaml_mark_t a,
			yaml_mark_t b)
{
	uint8_t kind = s->frames[--s->nframes].kind;
	event(ev, kind == FR_BMAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT,
	      a, b);
	resume(s);
}

typedef struct out {
	char **buf;
	size_t *len, *cap, *voff;
} out;

static bool scalar_event(yl_fast *s, yaml_event_t *ev, const yl_ftok *t,
			 out *o)
{
	event(ev, YAML_SCALAR_EVENT, t->start, t->end);
	ev->data.scalar.style = (yaml_scalar_style_t)t->style;
	if (t->style == YAML_PLAIN_SCALAR_STYLE)
		ev->data.scalar.plain_implicit = 1;
	else
		ev->data.scalar.quoted_implicit = 1;
	const char *v = s->text + t->vpos;
	if (!append(o->buf, o->len, o->cap, v, t->vlen, o->voff))
		return bail(s);
	size_t len = t->vlen;
	if (t->unquote) { /* '' stands for ' */
		char *d = *o->buf + *o->voff, *w = d;
		for (size_t i = 0; i < t->vlen; i++) {
			*w++ = v[i];
			if (v[i] == '\'')
				i++;
		}
		*w = '\0';
		len = (size_t)(w - d);
		*o->len = *o->voff + len + 1;
	}
	ev->data.scalar.length = len;
	return true;
}

static bool empty_scalar(yl_fast *s, yaml_event_t *ev, yaml_mark_t m, out *o)
{
	event(ev, YAML_SCALAR_EVENT, m, m);
	ev->data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
	ev->data.scalar.plain_implicit = 1;
	if (!append(o->buf, o->len, o->cap, "", 0, o->voff))
		return bail(s);
	return true;
}

/* The block node starting at token `t`, inside a collection indented at
 * `indent` (-1: none): a mapping, a sequence, a scalar or a flow
 * sequence. */
static bool block_node(yl_fast *s, yaml_event_t *ev, const yl_ftok *t,
		       long indent, out *o)
{
	switch (t->kind) {
	case TK_SCALAR:
		if (t->key) {
			event(ev, YAML_MAPPING_START_EVENT, t->start, t->start);
			ev->data.mapping_start.implicit = 1;
			ev->data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
			s->state = ST_BMAP_KEY;
			s->first_key = true;
			return push(s, FR_BMAP, t->start.column);
		}
		/* libyaml folds the next line in when it is indented deeper
		 * than the collection: not the subset */
		if (t->cont_col >= 0 && t->cont_col > indent)
			return bail(s);
		if (!scalar_event(s, ev, t, o))
			return false;
		take(s);
		resume(s);
		return true;
	case TK_DASH:
		event(ev, YAML_SEQUENCE_START_EVENT, t->start, t->start);
		ev->data.sequence_start.implicit = 1;
		ev->data.sequence_start.style = YAML_BLOCK_SEQUENCE_STYLE;
		s->state = ST_BSEQ_ENTRY;
		return push(s, FR_BSEQ, t->start.column);
	case TK_LBRACKET:
		event(ev, YAML_SEQUENCE_START_EVENT, t->start, t->end);
		ev->data.sequence_start.implicit = 1;
		ev->data.sequence_start.style = YAML_FLOW_SEQUENCE_STYLE;
		take(s);
		s->state = ST_FSEQ_FIRST;
		return push(s, FR_FSEQ, 0);
	default:
		return bail(s);
	}
}

/* A node in a flow sequence: a scalar or a nested flow sequence. */
static bool flow_node(yl_fast *s, yaml_event_t *ev, const yl_ftok *t, out *o)
{
	if (t->kind == TK_LBRACKET)
		return block_node(s, ev, t, -1, o);
	if (t->kind != TK_SCALAR || t->key)
		return bail(s);
	if (!scalar_event(s, ev, t, o))
		return false;
	take(s);
	s->state = ST_FSEQ_ENTRY;
	return true;
}

/* A mapping's value after ':' (top frame a BMAP at m). */
static bool map_value(yl_fast *s, yaml_event_t *ev, const yl_ftok *t, out *o)
{
	uint32_t m = s->frames[s->nframes - 1].col;
	if (!t->nl) { /* on the key's line */
		if (t->key || t->kind == TK_DASH)
			return bail(s);
		return block_node(s, ev, t, m, o);
	}
	if (t->kind == TK_EOF || t->start.column < m ||
	    (t->start.column == m && t->kind == TK_SCALAR && t->key)) {
		s->state = ST_BMAP_KEY;
		return empty_scalar(s, ev, s->after, o);
	}
	if (t->start.column == m) {
		if (t->kind != TK_DASH)
			return bail(s);
		/* an indentless sequence: '-' at the key's column */
		event(ev, YAML_SEQUENCE_START_EVENT, t->start, t->end);
		ev->data.sequence_start.implicit = 1;
		ev->data.sequence_start.style = YAML_BLOCK_SEQUENCE_STYLE;
		s->state = ST_ISEQ_ENTRY;
		return push(s, FR_ISEQ, m);
	}
	return block_node(s, ev, t, m, o);
}

/* A sequence entry after '-' (top frame a BSEQ or an ISEQ at col). */
static bool seq_value(yl_fast *s, yaml_event_t *ev, const yl_ftok *t, out *o)
{
	const yl_fframe *f = &s->frames[s->nframes - 1];
	uint8_t entry = f->kind == FR_BSEQ ? ST_BSEQ_ENTRY : ST_ISEQ_ENTRY;
	if (!t->nl)
		return block_node(s, ev, t, f->col, o);
	if (t->kind == TK_EOF || t->start.column < f->col ||
	    (t->start.column == f->col &&
	     (t->kind == TK_DASH || (f->kind == FR_ISEQ && t->key)))) {
		s->state = entry;
		return empty_scalar(s, ev, s->after, o);
	}
	if (t->start.column == f->col)
		return bail(s);
	return block_node(s, ev, t, f->col, o);
}

/* The state machine's step; every path yields one event or bails. */
static bool step(yl_fast *s, yaml_event_t *ev, out *o)
{
	if (s->state == ST_STREAM_START) {
		/* checked here, on the thread that parses, not in init */
		s->ascii = true;
		if (!subset_chars(s->text, s->len)) {
			s->ascii = is_ascii(s->text, s->len);
			return bail(s);
		}
		event(ev, YAML_STREAM_START_EVENT, (yaml_mark_t){0, 0, 0},
		      (yaml_mark_t){0, 0, 0});
		ev->data.stream_start.encoding = YAML_UTF8_ENCODING;
		s->state = ST_DOC_START;
		return true;
	}
	const yl_ftok *t = peek(s);
	if (!t)
		return false;
	const yl_fframe *top = s->nframes ? &s->frames[s->nframes - 1] : NULL;
	switch (s->state) {
	case ST_DOC_START:
		if (t->kind != TK_DASH && !(t->kind == TK_SCALAR && t->key))
			return bail(s); /* a block collection at the root only */
		event(ev, YAML_DOCUMENT_START_EVENT, t->start, t->start);
		ev->data.document_start.implicit = 1;
		s->state = ST_ROOT;
		return true;
	case ST_ROOT:
		return block_node(s, ev, t, -1, o);
	case ST_BMAP_KEY:
		if (t->kind == TK_EOF) {
			yaml_mark_t m = end_mark(t, top->col);
			close_frame(s, ev, m, m);
			return true;
		}
		if (!t->nl && !s->first_key) /* after a value, on its line */
			return bail(s);
		if (t->start.column < top->col) {
			close_frame(s, ev, t->start, t->start);
			return true;
		}
		if (t->start.column != top->col || t->kind != TK_SCALAR || !t->key)
			return bail(s);
		if (!scalar_event(s, ev, t, o))
			return false;
		s->first_key = false;
		s->after = (yaml_mark_t){t->colon + 1, t->start.line,
					 t->start.column + (t->colon + 1 - t->start.index)};
		take(s);
		s->state = ST_BMAP_VALUE;
		return true;
	case ST_BMAP_VALUE:
		return map_value(s, ev, t, o);
	case ST_BSEQ_ENTRY:
	case ST_ISEQ_ENTRY:
		if (t->kind == TK_EOF) {
			yaml_mark_t m = end_mark(t, top->col);
			close_frame(s, ev, m, m);
			return true;
		}
		if (!t->nl)
			return bail(s);
		if (t->start.column == top->col && t->kind == TK_DASH) {
			/* the '-' yields nothing: on to the entry */
			s->after = t->end;
			take(s);
			t = peek(s);
			return t && seq_value(s, ev, t, o);
		}
		if (t->start.column < top->col ||
		    (s->state == ST_ISEQ_ENTRY && t->start.column == top->col &&
		     t->kind == TK_SCALAR && t->key)) {
			close_frame(s, ev, t->start, t->start);
			return true;
		}
		return bail(s);
	case ST_FSEQ_FIRST:
	case ST_FSEQ_ENTRY:
		if (t->kind == TK_RBRACKET) {
			take(s);
			close_frame(s, ev, t->start, t->end);
			return true;
		}
		if (s->state == ST_FSEQ_ENTRY) {
			if (t->kind != TK_COMMA)
				return bail(s);
			take(s);
			t = peek(s);
			if (!t)
				return false;
			if (t->kind == TK_RBRACKET) {
				take(s);
				close_frame(s, ev, t->start, t->end);
				return true;
			}
		}
		return flow_node(s, ev, t, o);
	case ST_DOC_END:
		if (t->kind != TK_EOF)
			return bail(s);
		event(ev, YAML_DOCUMENT_END_EVENT, end_mark(t, 0), end_mark(t, 0));
		ev->data.document_end.implicit = 1;
		s->state = ST_STREAM_END;
		return true;
	case ST_STREAM_END:
		event(ev, YAML_STREAM_END_EVENT, end_mark(t, 0), end_mark(t, 0));
		s->state = ST_DONE;
		return true;
	default:
		return bail(s);
	}
}

bool yl_fast_next(yl_fast *s, yaml_event_t *ev, char **buf, size_t *len,
		  size_t *cap, size_t *voff)
{
	if (s->bailed)
		return false;
	out o = {buf, len, cap, voff};
	*voff = (size_t)-1;
	if (!step(s, ev, &o))
		return false;
	s->emitted++;
	return true;
}
