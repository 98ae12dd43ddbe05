/*
 * YAML front end: the libyaml event source of the reader (front_yaml_read.c).
 *
 * libyaml's parser runs on a thread of its own when a second core is
 * available: it copies each event, strings included, into a chunk and
 * hands full chunks to the reader through a ring of a few chunks, so
 * parsing the YAML and building the model overlap. Memory stays a few
 * chunks however long the file. With one core (or jobs = 1) the reader
 * fills each chunk itself when it runs dry: the same events in the same
 * order, so the result cannot depend on the thread.
 *
 * The parser thread touches only the parser and the chunks; everything
 * it hands over is published under the ring's mutex, and libyaml's error
 * (kept in the parser) is read only after the thread has stopped for good.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/front_yaml_int.h"

enum {
	CHUNK_EVENTS = 1024,
	CHUNK_BYTES = 32 * 1024,
};

static void chunk_reset(yl_chunk *c)
{
	c->nev = 0;
	c->nbytes = 0;
}

/* A NUL-terminated copy of s[0..n) in the chunk; NULL when it does not fit. */
static yaml_char_t *chunk_str(yl_chunk *c, const yaml_char_t *s, size_t n)
{
	if (!s)
		return NULL;
	if (c->cap_bytes - c->nbytes < n + 1)
		return NULL;
	yaml_char_t *d = (yaml_char_t *)c->bytes + c->nbytes;
	memcpy(d, s, n);
	d[n] = '\0';
	c->nbytes += n + 1;
	return d;
}

static size_t cstr_len(const yaml_char_t *s)
{
	return s ? strlen((const char *)s) + 1 : 0;
}

/* Bytes the strings of `ev` take in a chunk. */
static size_t event_bytes(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.length + 1 + cstr_len(ev->data.scalar.anchor) +
		       cstr_len(ev->data.scalar.tag);
	case YAML_SEQUENCE_START_EVENT:
		return cstr_len(ev->data.sequence_start.anchor) +
		       cstr_len(ev->data.sequence_start.tag);
	case YAML_MAPPING_START_EVENT:
		return cstr_len(ev->data.mapping_start.anchor) +
		       cstr_len(ev->data.mapping_start.tag);
	case YAML_ALIAS_EVENT:
		return cstr_len(ev->data.alias.anchor);
	default:
		return 0;
	}
}

#define COPY_CSTR(c, p) chunk_str((c), (p), (p) ? strlen((const char *)(p)) : 0)

/* Appends a copy of `ev` whose strings live in the chunk (the caller has
 * made room). Document directives are dropped: the reader never reads
 * them. */
static void chunk_put(yl_chunk *c, const yaml_event_t *ev)
{
	yaml_event_t *d = &c->ev[c->nev++];
	*d = *ev;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		d->data.scalar.value = chunk_str(c, ev->data.scalar.value,
						 ev->data.scalar.length);
		d->data.scalar.anchor = COPY_CSTR(c, ev->data.scalar.anchor);
		d->data.scalar.tag = COPY_CSTR(c, ev->data.scalar.tag);
		break;
	case YAML_SEQUENCE_START_EVENT:
		d->data.sequence_start.anchor = COPY_CSTR(c, ev->data.sequence_start.anchor);
		d->data.sequence_start.tag = COPY_CSTR(c, ev->data.sequence_start.tag);
		break;
	case YAML_MAPPING_START_EVENT:
		d->data.mapping_start.anchor = COPY_CSTR(c, ev->data.mapping_start.anchor);
		d->data.mapping_start.tag = COPY_CSTR(c, ev->data.mapping_start.tag);
		break;
	case YAML_ALIAS_EVENT:
		d->data.alias.anchor = COPY_CSTR(c, ev->data.alias.anchor);
		break;
	case YAML_DOCUMENT_START_EVENT:
		d->data.document_start.version_directive = NULL;
		d->data.document_start.tag_directives.start = NULL;
		d->data.document_start.tag_directives.end = NULL;
		break;
	default:
		break;
	}
}

/* Room for a scalar longer than a chunk's byte area: the chunk is empty,
 * so no event points into the old area yet. */
static bool chunk_grow(yl_chunk *c, size_t need)
{
	char *b = realloc(c->bytes, need);
	if (!b)
		return false;
	c->bytes = b;
	c->cap_bytes = need;
	return true;
}

/* Parses events into `c` until it is full or the stream ends (STREAM_END,
 * a libyaml error, the depth limit: `f->done`). Runs on the parser thread,
 * or on the reader's when there is none. */
static void produce(yl_feed *f, yl_chunk *c)
{
	chunk_reset(c);
	while (c->nev < CHUNK_EVENTS) {
		yaml_event_t ev;
		if (f->have_held) {
			ev = f->held;
			f->have_held = false;
		} else if (f->done) {
			break;
		} else if (!yaml_parser_parse(f->parser, &ev)) {
			f->failed = f->done = true;
			break;
		}
		size_t need = event_bytes(&ev);
		if (c->cap_bytes - c->nbytes < need) {
			if (c->nev) { /* it starts the next chunk */
				f->held = ev;
				f->have_held = true;
				return;
			}
			if (!chunk_grow(c, need)) {
				yaml_event_delete(&ev);
				f->oom = f->done = true;
				break;
			}
		}
		yaml_event_type_t type = ev.type;
		chunk_put(c, &ev);
		yaml_event_delete(&ev);
		/* the reader's own limits: it stops at this event, so nothing
		 * after it is needed (and hostile nesting cannot make libyaml's
		 * stacks grow) */
		if (type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT) {
			if (++f->depth > TL_YAML_MAX_DEPTH)
				f->done = true;
		} else if (type == YAML_SEQUENCE_END_EVENT ||
			   type == YAML_MAPPING_END_EVENT) {
			f->depth--;
		} else if (type == YAML_STREAM_END_EVENT) {
			f->done = true;
		}
	}
}

static void *parser_thread(void *arg)
{
	yl_feed *f = arg;
	pthread_mutex_lock(&f->lock);
	while (!f->cancel) {
		if (f->nready == YL_CHUNKS) {
			pthread_cond_wait(&f->cv, &f->lock);
			continue;
		}
		yl_chunk *c = &f->chunks[(f->head + f->nready) % YL_CHUNKS];
		pthread_mutex_unlock(&f->lock);
		produce(f, c);
		pthread_mutex_lock(&f->lock);
		f->nready++;
		pthread_cond_broadcast(&f->cv);
		if (f->done)
			break;
	}
	f->finished = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

static bool want_thread(unsigned jobs)
{
	if (jobs == 1)
		return false;
	if (jobs >= 2)
		return true;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n >= 2;
}

bool yl_feed_start(yl_feed *f, yaml_parser_t *parser, unsigned jobs)
{
	memset(f, 0, sizeof(*f));
	f->parser = parser;
	for (unsigned i = 0; i < YL_CHUNKS; i++) {
		yl_chunk *c = &f->chunks[i];
		c->ev = malloc(CHUNK_EVENTS * sizeof(*c->ev));
		c->bytes = malloc(CHUNK_BYTES);
		c->cap_bytes = CHUNK_BYTES;
		if (!c->ev || !c->bytes)
			return false;
	}
	if (!want_thread(jobs))
		return true;
	if (pthread_mutex_init(&f->lock, NULL))
		return true;
	if (pthread_cond_init(&f->cv, NULL)) {
		pthread_mutex_destroy(&f->lock);
		return true;
	}
	if (pthread_create(&f->thread, NULL, parser_thread, f)) {
		pthread_cond_destroy(&f->cv);
		pthread_mutex_destroy(&f->lock);
		return true; /* no thread: the reader parses */
	}
	f->threaded = true;
	return true;
}

/* The next chunk with events in f->cur; false at the end of the stream. */
static bool next_chunk(yl_feed *f)
{
	if (!f->threaded) {
		if (f->done && !f->have_held)
			return false;
		f->cur = &f->chunks[0];
		produce(f, f->cur);
		f->pos = 0;
		return f->cur->nev > 0;
	}
	pthread_mutex_lock(&f->lock);
	if (f->cur) { /* give the chunk read back to the parser */
		f->head = (f->head + 1) % YL_CHUNKS;
		f->nready--;
		f->cur = NULL;
		pthread_cond_broadcast(&f->cv);
	}
	while (!f->nready && !f->finished)
		pthread_cond_wait(&f->cv, &f->lock);
	bool ok = f->nready > 0;
	if (ok) {
		f->cur = &f->chunks[f->head];
		f->pos = 0;
	}
	pthread_mutex_unlock(&f->lock);
	return ok;
}

bool yl_feed_next(yl_feed *f, yaml_event_t *out)
{
	while (!f->cur || f->pos == f->cur->nev) {
		if (!next_chunk(f))
			return false;
	}
	*out = f->cur->ev[f->pos++];
	return true;
}

void yl_feed_stop(yl_feed *f)
{
	if (f->threaded) {
		pthread_mutex_lock(&f->lock);
		f->cancel = true;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->lock);
		pthread_join(f->thread, NULL);
		pthread_cond_destroy(&f->cv);
		pthread_mutex_destroy(&f->lock);
		f->threaded = false;
	}
	if (f->have_held) {
		yaml_event_delete(&f->held);
		f->have_held = false;
	}
	for (unsigned i = 0; i < YL_CHUNKS; i++) {
		free(f->chunks[i].ev);
		free(f->chunks[i].bytes);
		f->chunks[i].ev = NULL;
		f->chunks[i].bytes = NULL;
	}
}
