#define _GNU_SOURCE /* SCHED_IDLE */
#include "util/block_pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util/arena_pages.h"

/* blocks kept ready: enough for a burst of allocations, little waste */
#define POOL 2
#define SMALL_PAGE ((size_t)4096)
#define STEP ((size_t)2 << 20) /* a huge page: faulted in per step */

struct tl_block_pool {
	pthread_mutex_t lock;
	pthread_cond_t room;      /* a block was taken, or stop was set */
	size_t block;
	void *ready[POOL];
	unsigned n;
	bool stop;                /* the owner is done: the filler frees all */
	/* the filler's own: the block being faulted in */
	unsigned char *partial;
	size_t done;
};

/* Unmaps every block the pool holds and frees it. */
static void destroy(tl_block_pool *p)
{
	for (unsigned i = 0; i < p->n; i++)
		tl_pages_unmap(p->ready[i], p->block);
	if (p->partial)
		tl_pages_unmap(p->partial, p->block);
	pthread_cond_destroy(&p->room);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* Faults in the next huge page of the block being prepared, mapping one
 * first if there is none; the block joins the pool when it is all in.
 * False when mapping failed. */
static bool fill_step(tl_block_pool *p)
{
	if (!p->partial) {
		size_t n = p->block;
		unsigned char *b = tl_pages_map(&n);
		if (!b)
			return false;
		if (n != p->block) {
			tl_pages_unmap(b, n);
			return false;
		}
		p->partial = b;
		p->done = 0;
	}
	/* one write per small page: the kernel zeroes the page (a huge one
	 * at once where it can) */
	size_t end = p->block - p->done > STEP ? p->done + STEP : p->block;
	for (size_t i = p->done; i < end; i += SMALL_PAGE)
		((volatile unsigned char *)p->partial)[i] = 0;
	p->done = end;
	if (p->done < p->block)
		return true;
	pthread_mutex_lock(&p->lock);
	p->ready[p->n++] = p->partial; /* room was checked before mapping */
	pthread_mutex_unlock(&p->lock);
	p->partial = NULL;
	return true;
}

static void *filler(void *arg)
{
	tl_block_pool *p = arg;
	/* only on a core nobody else wants: without idle priority, filling
	 * would take time from the threads that do the work, so it waits
	 * to be stopped instead */
	struct sched_param sp = {0};
	bool idle = pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp) == 0;
	pthread_mutex_lock(&p->lock);
	while (!idle && !p->stop)
		pthread_cond_wait(&p->room, &p->lock);
	for (;;) {
		while (!p->stop && p->n == POOL && !p->partial)
			pthread_cond_wait(&p->room, &p->lock);
		if (p->stop)
			break;
		pthread_mutex_unlock(&p->lock);
		bool ok = fill_step(p);
		pthread_mutex_lock(&p->lock);
		if (!ok) /* no memory to map: wait to be stopped */
			while (!p->stop)
				pthread_cond_wait(&p->room, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	destroy(p);
	return NULL;
}

tl_block_pool *tl_block_pool_new(size_t block)
{
	tl_block_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (pthread_mutex_init(&p->lock, NULL)) {
		free(p);
		return NULL;
	}
	if (pthread_cond_init(&p->room, NULL)) {
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	p->block = block;
	/* the filler runs only on a core nobody else wants (SCHED_IDLE): it
	 * never delays the threads that do the work, and the kernel may
	 * preempt it in the middle of zeroing a huge page */
	pthread_attr_t attr;
	pthread_t thread;
	bool started = false;
	if (!pthread_attr_init(&attr)) {
		started = !pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) &&
			  !pthread_create(&thread, &attr, filler, p);
		pthread_attr_destroy(&attr);
	}
	if (!started) {
		destroy(p);
		return NULL;
	}
	return p;
}

void tl_block_pool_free(tl_block_pool *p)
{
	if (!p)
		return;
	/* the filler may be in the middle of a step: it frees the pool */
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->lock);
}

void *tl_block_pool_take(tl_block_pool *p)
{
	void *b = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->n) {
		b = p->ready[--p->n];
		pthread_cond_signal(&p->room);
	}
	pthread_mutex_unlock(&p->lock);
	return b;
}
