/*
 * YAML front end: a fast event source for the plain block-style YAML that
 * type descriptions are written in (front_yaml_fast.c).
 *
 * It yields exactly the events libyaml's parser yields for the same text,
 * field for field (marks, styles, implicit flags), for a subset of YAML:
 * ASCII text without tabs or carriage returns; block mappings, block and
 * indentless sequences; single-line plain scalars, single-quoted scalars
 * and double-quoted scalars without escapes; one-line flow sequences;
 * comments. On anything else (anchors, tags, flow mappings, multi-line
 * scalars, documents markers, syntax errors ...) it stops ("bails") before
 * yielding an event libyaml might not yield, and the caller carries on with
 * libyaml from the start of the text, dropping the events already taken.
 * So the combined stream is libyaml's, errors included.
 *
 * The test suite checks that claim on every YAML file in testdata and on
 * many generated and mutated texts (tests/unit/test_yaml_fast.c).
 */
#ifndef TL_FRONT_FRONT_YAML_FAST_H
#define TL_FRONT_FRONT_YAML_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

/* A token of the subset: an indicator or a scalar on one line. */
typedef struct yl_ftok {
	yaml_mark_t start, end;
	size_t vpos, vlen;      /* a scalar's text in the source (quotes off) */
	size_t colon;           /* a key's ':' (its index) */
	int32_t cont_col;       /* a plain scalar ending its line: the column of
				 * the next line with text, -1 when that is a
				 * comment or the end */
	uint8_t kind;           /* enum in front_yaml_fast.c */
	uint8_t style;          /* yaml_scalar_style_t */
	bool nl;                /* first token of its line */
	bool key;               /* a scalar followed by ': ' */
	bool unquote;           /* single-quoted with '' inside */
} yl_ftok;

typedef struct yl_fframe {
	uint32_t col;
	uint8_t kind;
} yl_fframe;

typedef struct yl_fast {
	const char *text;
	size_t len;
	/* the tokenizer: whole lines, one line ahead of the state machine */
	size_t pos;             /* start of the next line to tokenize */
	size_t line;            /* its number (0-based) */
	size_t lstart;          /* where the line holding `pos` starts */
	bool eof;               /* the end token is queued */
	yl_ftok *q;             /* queued tokens, q[head..tail) */
	size_t head, tail, cap;
	/* the state machine */
	yl_fframe frames[64];
	unsigned nframes;
	unsigned state;
	yaml_mark_t after;      /* end of the last ':' or '-' taken */
	bool first_key;         /* a block mapping has just started */
	bool bailed;
	bool ascii;             /* the whole text is ASCII: set when the first
				 * event is asked for (by the thread that
				 * parses: the reader need not read the text) */
	uint64_t emitted;       /* events yielded so far */
} yl_fast;

/* Starts over `text`. The first yl_fast_next checks the characters of
 * the whole text (on the thread that parses) and bails at once when they
 * are outside the subset's set. */
void yl_fast_init(yl_fast *s, const char *text, size_t len);
/* The next event in *ev; a scalar's value is appended NUL-terminated to
 * the buffer (*buf, *len, *cap: grown with realloc) at *voff, and
 * ev->data.scalar.value is left NULL for the caller to point there once
 * the buffer stops moving. False when the source bails (or is out of
 * memory: then it bails as well and libyaml carries on). */
bool yl_fast_next(yl_fast *s, yaml_event_t *ev, char **buf, size_t *len,
		  size_t *cap, size_t *voff);
void yl_fast_release(yl_fast *s);

#endif
