/*
 * tl_report_each: the report as a stream. Entries are built type by type
 * in scratch memory; the consumer gets each type's entries in order.
 *
 * With a second core the consumer (say, the JSON writer) runs on a thread
 * of its own: the calling thread builds batches of types (layouts, fields,
 * niche paths: everything that reads and grows the context) while the
 * other adds the previous batch's holes (they need nothing but the
 * entries) and hands it to the consumer, which sees only the entries and
 * the strings they point to. A ring of a few batches bounds the
 * memory; every batch has its own arena, cleared when it comes back. With
 * one core, or jobs = 1, everything runs on the calling thread, one type at
 * a time: the same calls in the same order.
 */
#include <pthread.h>
#include <stdlib.h>

#include "model/ctx_internal.h"
#include "report/report_int.h"

enum {
	BATCH_TYPES = 256,
	NBATCHES = 3,
	/* fewer types than this are not worth a thread */
	MIN_THREADED = 2 * BATCH_TYPES,
};

/* A line of its own: the builder fills one batch (its arena's fill
 * changes with every allocation) while the consumer reads and clears
 * another, and sharing a cache line would move it between the cores on
 * every write (false sharing). */
typedef struct batch {
	_Alignas(64)
	tl_arena mem;
	tl_report_entry *e;   /* BATCH_TYPES * ntargets */
	uint32_t *count;      /* entries per type */
	size_t ntypes;
} batch;

typedef struct stream {
	batch b[NBATCHES];
	size_t ntargets;
	tl_report_each_fn fn;
	void *user;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	unsigned head;        /* oldest full batch */
	unsigned nfull;       /* full batches, the consumer's included */
	bool closed;          /* the builder adds no more */
	tl_status st;         /* the consumer's first failure */
} stream;

/* Hands a batch's types to the consumer (unless `skip`: it failed
 * already), then empties it. */
static tl_status consume(stream *p, batch *b, bool skip)
{
	tl_status st = TL_OK;
	tl_report_entry *e = b->e;
	for (size_t i = 0; i < b->ntypes && !skip && !st; i++) {
		/* the builder left the holes to this thread */
		for (uint32_t k = 0; k < b->count[i] && !st; k++) {
			uint32_t j = e[k].same_as;
			if (j && j <= k) {
				e[k].holes = e[j - 1].holes;
				e[k].padding = e[j - 1].padding;
			} else {
				st = tl_report__holes(&e[k], &b->mem);
			}
		}
		if (b->count[i] && !st)
			st = p->fn(e, b->count[i], p->user);
		e += b->count[i];
	}
	b->ntypes = 0;
	tl_arena_clear(&b->mem);
	return st;
}

static void *consumer_thread(void *arg)
{
	stream *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->nfull && !p->closed)
			pthread_cond_wait(&p->cv, &p->lock);
		if (!p->nfull)
			break;
		batch *b = &p->b[p->head];
		bool skip = p->st != TL_OK;
		pthread_mutex_unlock(&p->lock);
		tl_status st = consume(p, b, skip);
		pthread_mutex_lock(&p->lock);
		if (st && !p->st)
			p->st = st;
		p->head = (p->head + 1) % NBATCHES;
		p->nfull--;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static tl_status each_serial(tl_ctx *ctx, const tl_report_request *req,
			     tl_report_each_fn fn, void *user)
{
	tl_status st = TL_OK;
	tl_arena mem;
	tl_arena_init(&mem);
	tl_report_entry *e = calloc(req->ntargets + 1, sizeof(*e));
	if (!e)
		return TL_ENOMEM;
	tl_niche_memo *memo = tl_niche_memo_new(); /* NULL: no memo */
	for (size_t i = 0; i < req->ntypes && !st; i++) {
		size_t n = 0;
		st = tl_report__build_type(ctx, &mem, memo, req, i, true, e, &n);
		if (!st && n)
			st = fn(e, n, user);
		tl_arena_clear(&mem);
	}
	tl_niche_memo_free(memo);
	tl_arena_release(&mem);
	free(e);
	return st;
}

static bool want_thread(const tl_ctx *ctx, const tl_report_request *req)
{
	return req->ntypes >= MIN_THREADED && tl_jobs_second_thread(ctx->jobs);
}

static void pipe_free(stream *p)
{
	for (unsigned i = 0; i < NBATCHES; i++) {
		tl_arena_release(&p->b[i].mem);
		free(p->b[i].e);
		free(p->b[i].count);
	}
}

/* Waits for a free batch; NULL when the consumer failed (p->st). */
static batch *next_free(stream *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfull == NBATCHES && !p->st)
		pthread_cond_wait(&p->cv, &p->lock);
	batch *b = p->st ? NULL : &p->b[(p->head + p->nfull) % NBATCHES];
	pthread_mutex_unlock(&p->lock);
	return b;
}

static void publish(stream *p)
{
	pthread_mutex_lock(&p->lock);
	p->nfull++;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->lock);
}

static tl_status each_threaded(tl_ctx *ctx, const tl_report_request *req,
			       stream *p, tl_niche_memo *memo)
{
	tl_status st = TL_OK;
	for (size_t i = 0; i < req->ntypes && !st;) {
		batch *b = next_free(p);
		if (!b)
			break;
		tl_report_entry *e = b->e;
		for (; i < req->ntypes && b->ntypes < BATCH_TYPES; i++) {
			size_t n = 0;
			tl_report__prefetch(ctx, req, i + 8, 0);
			tl_report__prefetch(ctx, req, i + 4, 1);
			tl_report__prefetch(ctx, req, i + 2, 2);
			st = tl_report__build_type(ctx, &b->mem, memo, req, i,
						   false, e, &n);
			if (st) /* as serially: this type's entries are not handed on */
				break;
			b->count[b->ntypes++] = (uint32_t)n;
			e += n;
		}
		publish(p);
	}
	return st;
}

tl_status tl_report_each(tl_ctx *ctx, const tl_report_request *req,
			 tl_report_each_fn fn, void *user)
{
	if (!want_thread(ctx, req))
		return each_serial(ctx, req, fn, user);
	stream p = {0};
	p.ntargets = req->ntargets;
	p.fn = fn;
	p.user = user;
	for (unsigned i = 0; i < NBATCHES; i++) {
		tl_arena_init(&p.b[i].mem);
		p.b[i].e = calloc(BATCH_TYPES * req->ntargets + 1, sizeof(*p.b[i].e));
		p.b[i].count = calloc(BATCH_TYPES, sizeof(*p.b[i].count));
		if (!p.b[i].e || !p.b[i].count) {
			pipe_free(&p);
			return TL_ENOMEM;
		}
	}
	pthread_t thread;
	if (pthread_mutex_init(&p.lock, NULL)) {
		pipe_free(&p);
		return each_serial(ctx, req, fn, user);
	}
	if (pthread_cond_init(&p.cv, NULL)) {
		pthread_mutex_destroy(&p.lock);
		pipe_free(&p);
		return each_serial(ctx, req, fn, user);
	}
	if (pthread_create(&thread, NULL, consumer_thread, &p)) {
		pthread_cond_destroy(&p.cv);
		pthread_mutex_destroy(&p.lock);
		pipe_free(&p);
		return each_serial(ctx, req, fn, user);
	}
	tl_niche_memo *memo = tl_niche_memo_new(); /* NULL: no memo */
	tl_status st = each_threaded(ctx, req, &p, memo);
	tl_niche_memo_free(memo);
	pthread_mutex_lock(&p.lock);
	p.closed = true;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.lock);
	pthread_join(thread, NULL);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.lock);
	pipe_free(&p);
	/* a consumer failure came at an earlier type than any build failure */
	return p.st ? p.st : st;
}
