/*
 * YAML front end: the event source of the reader (front_yaml_read.c): the
 * fast source (front_yaml_fast.h) while it lasts, then libyaml from where
 * it bailed, past the events already given.
 *
 * The parsing runs on a thread of its own when a second core is
 * available: it fills chunks of events and hands them to the reader
 * through a ring, so parsing the YAML and building the model overlap. The
 * events are not copied: libyaml's are its own, deleted by the parsing
 * side when the reader hands their chunk back, before refilling it, so
 * every allocation is made and freed on the parsing thread; the fast
 * source's values live in the chunk's buffer. The ring is deep enough to
 * ride out the reader's slow moments (a page fault on a fresh arena
 * block) without stalling the parser, and small (a few MB) however long
 * the file. With one core (or jobs = 1) the reader fills each chunk
 * itself when it runs dry: the same events in the same order, so the
 * result cannot depend on the thread.
 *
 * The parser thread touches only the parser, the fast source and the
 * chunks; chunks change hands under the ring's mutex, and libyaml's error
 * (kept in the parser) is read only after the thread has stopped for
 * good.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front_yaml_int.h"

enum {
	CHUNK_EVENTS = 1024,
	/* how many events ahead the reader asks for a scalar's strtab slot */
	YL_PREFETCH = 12,
};

/* Deletes the events a chunk still holds (the reader is done with them). */
static void chunk_clear(yl_chunk *c)
{
	for (uint32_t i = c->nfast; i < c->nev; i++)
		yaml_event_delete(&c->ev[i]);
	c->nev = c->nfast = 0;
	c->blen = 0;
}

/* The next event into *ev: the fast source's while it lasts, then
 * libyaml's past the events the fast source gave. False when libyaml
 * fails. */
static bool parse_one(yl_feed *f, yl_chunk *c, yaml_event_t *ev)
{
	if (!f->fast.bailed) {
		if (yl_fast_next(&f->fast, ev, &c->buf, &c->blen, &c->bcap,
				 &c->voff[c->nev])) {
			c->nfast++;
			return true;
		}
		f->skip = f->fast.emitted;
		yl_fast_release(&f->fast);
	}
	for (;;) {
		if (!yaml_parser_parse(f->parser, ev))
			return false;
		if (!f->skip || ev->type == YAML_STREAM_END_EVENT)
			return true;
		f->skip--;
		yaml_event_delete(ev);
	}
}

/* Parses events into `c` (emptied first) until it is full or the stream
 * ends (STREAM_END, a libyaml error, the depth limit: `f->done`). Runs on
 * the parser thread, or on the reader's when there is none. */
static void produce(yl_feed *f, yl_chunk *c)
{
	chunk_clear(c);
	while (!f->done && c->nev < CHUNK_EVENTS) {
		yaml_event_t *ev = &c->ev[c->nev];
		if (!parse_one(f, c, ev)) {
			f->failed = f->done = true;
			break;
		}
		c->nev++;
		/* the reader's own limits: it stops at this event, so nothing
		 * after it is needed (and hostile nesting cannot make libyaml's
		 * stacks grow) */
		if (ev->type == YAML_SEQUENCE_START_EVENT ||
		    ev->type == YAML_MAPPING_START_EVENT) {
			if (++f->depth > TL_YAML_MAX_DEPTH)
				f->done = true;
		} else if (ev->type == YAML_SEQUENCE_END_EVENT ||
			   ev->type == YAML_MAPPING_END_EVENT) {
			f->depth--;
		} else if (ev->type == YAML_STREAM_END_EVENT) {
			f->done = true;
		}
	}
	/* the fast scalars' values are in place now that the buffer has
	 * stopped growing; every scalar's hash is taken here, for the reader */
	for (uint32_t i = 0; i < c->nev; i++) {
		yaml_event_t *ev = &c->ev[i];
		if (ev->type != YAML_SCALAR_EVENT)
			continue;
		if (i < c->nfast)
			ev->data.scalar.value = (yaml_char_t *)c->buf + c->voff[i];
		c->hash[i] = tl_str_hash((const char *)ev->data.scalar.value,
					 ev->data.scalar.length);
	}
}

static void *parser_thread(void *arg)
{
	yl_feed *f = arg;
	pthread_mutex_lock(&f->lock);
	while (!f->cancel) {
		while (f->nready == YL_CHUNKS && !f->cancel)
			pthread_cond_wait(&f->cv, &f->lock);
		if (f->cancel)
			break;
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

bool yl_feed_start(yl_feed *f, yaml_parser_t *parser, const char *text,
		   size_t len, unsigned jobs)
{
	memset(f, 0, sizeof(*f));
	f->parser = parser;
	yl_fast_init(&f->fast, text, len);
	for (unsigned i = 0; i < YL_CHUNKS; i++) {
		f->chunks[i].ev = malloc(CHUNK_EVENTS * sizeof(*f->chunks[i].ev));
		f->chunks[i].voff = malloc(CHUNK_EVENTS * sizeof(*f->chunks[i].voff));
		f->chunks[i].hash = malloc(CHUNK_EVENTS * sizeof(*f->chunks[i].hash));
		if (!f->chunks[i].ev || !f->chunks[i].voff || !f->chunks[i].hash)
			return false;
	}
	if (!tl_jobs_second_thread(jobs))
		return true;
	if (pthread_mutex_init(&f->lock, NULL))
		return true; /* no thread: the reader parses */
	if (pthread_cond_init(&f->cv, NULL)) {
		pthread_mutex_destroy(&f->lock);
		return true;
	}
	if (pthread_create(&f->thread, NULL, parser_thread, f)) {
		pthread_cond_destroy(&f->cv);
		pthread_mutex_destroy(&f->lock);
		return true;
	}
	f->threaded = true;
	return true;
}

/* The next chunk with events in f->cur; false at the end of the stream.
 * Kept out of line: once per chunk, while the reader's path for every
 * event is a few instructions that need no saved registers. */
__attribute__((noinline)) static bool next_chunk(yl_feed *f)
{
	if (!f->threaded) {
		if (f->done)
			return false;
		f->cur = &f->chunks[0];
		produce(f, f->cur);
		f->pos = 0;
		return f->cur->nev > 0;
	}
	pthread_mutex_lock(&f->lock);
	if (f->cur) { /* hand the chunk read back to the parser */
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

const yaml_event_t *yl_feed_next(yl_feed *f)
{
	while (!f->cur || f->pos == f->cur->nev) {
		if (!next_chunk(f))
			return NULL;
	}
	const yl_chunk *c = f->cur;
	uint32_t ahead = f->pos + YL_PREFETCH;
	if (f->strtab && ahead < c->nev && c->ev[ahead].type == YAML_SCALAR_EVENT)
		tl_strtab_prefetch(f->strtab, c->hash[ahead]);
	f->fast_ev = f->pos < c->nfast;
	return &c->ev[f->pos++];
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
	for (unsigned i = 0; i < YL_CHUNKS; i++) {
		yl_chunk *c = &f->chunks[i];
		if (c->ev)
			chunk_clear(c);
		free(c->ev);
		free(c->voff);
		free(c->hash);
		free(c->buf);
		memset(c, 0, sizeof(*c));
	}
	yl_fast_release(&f->fast);
}
