/*
 * Shared between the YAML front end's files: front_yaml_read.c (the event
 * reader, locations, scalars, keys), front_yaml.c (the top level, type
 * scalars and their quoting slips), front_yaml_def.c (one definition's
 * body) and front_yaml_fields.c (fields, captures and variants).
 *
 * The reader is a pull parser over libyaml events: `y->ev` is the current
 * event, and every yl_* function that reads a node consumes it completely,
 * leaving `y->ev` on the event after it. Model nodes are built as events
 * arrive; no document tree exists, so memory grows with the model only.
 */
#ifndef TL_FRONT_FRONT_YAML_INT_H
#define TL_FRONT_FRONT_YAML_INT_H

#include <pthread.h>
#include <yaml.h>

#include "front/front_yaml_fast.h"
#include "front/rust_parse.h"
#include "model/ctx_internal.h"

/* Deeper than any valid input needs (about 7), low enough that hostile
 * input cannot make libyaml's own stacks grow without bound. */
#define TL_YAML_MAX_DEPTH 64

#define ID_YAML_SYNTAX "yaml-syntax"
#define ID_YAML_SHAPE "yaml-shape"
#define ID_YAML_KEY "yaml-unknown-key"
#define ID_YAML_DUPKEY "yaml-duplicate-key"
#define ID_YAML_ANCHOR "yaml-anchor"
#define ID_YAML_UNQUOTED "yaml-unquoted"
#define ID_YAML_DEPTH "yaml-depth"
#define ID_BAD_VALUE "bad-value"
#define ID_BAD_REPR "bad-repr"

/* A set of interned pointers, emptied in O(1) by bumping `gen`. */
typedef struct yl_set {
	struct yl_set_slot {
		const void *key;
		const void *value;
		uint32_t gen;
	} *slots;
	size_t cap, len;
	uint32_t gen;
} yl_set;

/* ---- front_yaml_events.c: the events, parsed ahead on a thread ---- */

#define YL_CHUNKS 16

/* The parsing side and the reader run on two cores: what one writes for
 * every event must not share a cache line with what the other reads for
 * every event, or each write takes the line from the other core (false
 * sharing). Hence the alignments below. */
#define YL_LINE 64

typedef struct yl_chunk {
	_Alignas(YL_LINE)
	yaml_event_t *ev;  /* the events: the first `nfast` from the fast
			    * source, the rest libyaml's (deleted when the
			    * chunk is refilled) */
	uint32_t nev, nfast;
	size_t *voff;      /* where each fast scalar's value is in `buf` */
	uint32_t *hash;    /* each scalar's interning hash (tl_str_hash),
			    * computed by the parsing side */
	char *buf;         /* the fast scalars' values */
	size_t blen, bcap;
} yl_chunk;

typedef struct yl_feed {
	/* the reader's */
	_Alignas(YL_LINE)
	yl_chunk *cur;          /* the reader's chunk */
	uint32_t pos;           /* next event in it */
	bool fast_ev;           /* the event last given came from the fast
				 * source: no anchor, no tag, no alias */
	/* the table the reader interns scalars in (may be NULL): the slot
	 * of a scalar a few events ahead is asked for before it is needed */
	const struct tl_strtab *strtab;
	/* the parsing side's */
	_Alignas(YL_LINE)
	yaml_parser_t *parser;
	uint64_t skip;          /* libyaml events to drop: the fast source
				 * gave them before it bailed */
	unsigned depth;
	bool done;              /* nothing more to parse */
	bool failed;            /* libyaml failed: the parser says why */
	yl_fast fast;           /* tried first (front_yaml_fast.h) */
	/* the ring, when a thread parses: under the lock, once per chunk */
	_Alignas(YL_LINE)
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	unsigned head;          /* oldest filled chunk */
	unsigned nready;        /* filled chunks, the reader's included */
	bool finished;          /* the thread will fill no more */
	bool cancel;
	yl_chunk chunks[YL_CHUNKS];
} yl_feed;

/* Starts parsing `text` (which `parser` reads too): the fast source
 * first, libyaml from where it bails; on a thread when jobs != 1 and
 * there are two cores. False when out of memory. */
bool yl_feed_start(yl_feed *f, yaml_parser_t *parser, const char *text,
		   size_t len, unsigned jobs);
/* The next event, owned by the feed until the next call; NULL at the
 * end (then `failed` says whether libyaml failed). */
const yaml_event_t *yl_feed_next(yl_feed *f);
/* Stops the thread and frees the chunks. */
void yl_feed_stop(yl_feed *f);

typedef struct tl_yl {
	tl_ctx *ctx;
	uint32_t file;
	bool builtin;
	bool ascii;      /* the file is ASCII: libyaml's character columns are
			  * bytes (the feed says so with the first event) */
	const char *text; /* the source (the context's copy) */
	size_t len;
	yaml_parser_t parser;
	yl_feed feed;
	/* the reader's from here (a line of its own: front_yaml_int.h) */
	_Alignas(YL_LINE)
	const yaml_event_t *ev; /* the current event (the feed's, valid until
				 * the next yl_next) */
	bool have_ev;
	bool stop;       /* libyaml failed or the depth limit was hit */
	unsigned depth;
	uint32_t slip_line; /* a quoting slip was reported on this line (1-based) */
	tl_rparse rp;
	TL_VEC(tl_field) fields;     /* scratch for the list being read */
	TL_VEC(tl_variant) variants;
	yl_set names;                /* field names of one list */
	yl_set vnames;               /* variant names of one enum */
	tl_noted shared;             /* name -> the shared node of field types
				      * that are that single name; text -> the
				      * shared tree of field types of several
				      * parts written so (never a name) */
	bool share;                  /* the type being read may be shared */
	tl_ptrmap prims;             /* interned primitive name -> prim + 1 */
	const char *index_names[16]; /* interned "0".."15" */
} tl_yl;

/* A scalar's text and where its first character is. `exact` is false when
 * the text does not map one-to-one onto the source (escapes, folded
 * lines): then every location inside it is reported at `loc`. */
typedef struct yl_scalar {
	const char *s;
	size_t len;
	tl_loc loc;
	bool exact;
} yl_scalar;

/* ---- front_yaml_read.c ---- */
bool yl_next(tl_yl *y);
void yl_skip(tl_yl *y);
tl_loc yl_loc(tl_yl *y, yaml_mark_t m);
tl_loc yl_here(tl_yl *y);
yl_scalar yl_scalar_of(tl_yl *y);
const char *yl_kind(const yaml_event_t *ev);
bool yl_is(const tl_yl *y, yaml_event_type_t type);
/* True when the current event is a plain key scalar; reports anchors,
 * tags and non-scalar keys (skipping the key and its value). */
bool yl_key(tl_yl *y, yl_scalar *out);
bool yl_scalar_eq(const yl_scalar *s, const char *lit);
/* Begins Rust parsing of a scalar's text. */
void yl_rparse_begin(tl_yl *y, const yl_scalar *s);
/* The current node as a string value (`what` names it in errors). On
 * success the scalar stays current (the caller moves on with yl_next); on
 * failure the node has been reported and skipped. */
bool yl_string(tl_yl *y, const char *what, yl_scalar *out);
/* Starts a sequence/mapping; else reports "<what> '<name>' must be
 * <expected>, found X" (name may be NULL) and skips the node. */
bool yl_begin_seq(tl_yl *y, const char *what, const char *name,
		  const char *expected);
bool yl_begin_map(tl_yl *y, const char *what, const char *name,
		  const char *expected);
/* "0", "1", ...: the interned names of tuple fields. */
const char *yl_index_name(tl_yl *y, uint32_t i);
/* "YAML tags are not supported" for the current node. */
void yl_tag_error(tl_yl *y, const char *tag);
/* Reports an unknown key, with a suggestion among `keys` (NULL-ended). */
void yl_unknown_key(tl_yl *y, const yl_scalar *k, const char *where,
		    const char *const *keys);

/* Inserts key -> value; returns the earlier value when key is present. */
const void *yl_set_put(tl_yl *y, yl_set *s, const void *key,
		       const void *value);
void yl_set_clear(yl_set *s);

/* ---- front_yaml.c ---- */
/* A type expression where one is expected (for "<what> '<name>'", name
 * may be NULL): parses the scalar, or reports
 * the usual quoting slips (`&str` as an anchor, `*const` as an alias, `!`
 * as a tag, `[u8; 16]` as a flow sequence). Consumes the node. */
const tl_texpr *yl_type(tl_yl *y, const char *what, const char *name);
/* Reports a quoting slip: "<what> '<text>' must be quoted ... (YAML reads
 * <reads>)", and remembers the line so libyaml's follow-up error there is
 * not reported again. */
void yl_slip(tl_yl *y, tl_loc loc, const char *what, const char *text,
	     const char *reads);
/* Appends the source text from `loc` to the end of its line (without a
 * trailing comment). */
void yl_rest_of_line(tl_yl *y, tl_loc loc, tl_strbuf *sb);
/* Parses an unsigned integer scalar (decimal, 0x, 0o, 0b, `_`). */
bool yl_u64(tl_yl *y, const char *what, uint64_t *out, tl_loc *loc);
/* ---- front_yaml_def.c ---- */
/* Reads `Name<params>: { ... }` at the current key. */
void yl_def(tl_yl *y);
/* front_yaml_impl.c: the value of the top-level `impls:` key. */
void yl_impls(tl_yl *y);

/* ---- front_yaml_fields.c ---- */
/* The value of the `key` of `def` that lists its fields: `struct:` or
 * `union:` fields, `tuple:` items, `closure:` captures, `enum:` variants. */
void yl_field_list(tl_yl *y, tl_def *def, const char *key);

#endif
