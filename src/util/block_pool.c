#include "util/block_pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/arena_pages.h"

/* blocks kept ready: enough for a burst of allocations, little waste */
#define POOL 2
#define SMALL_PAGE ((size_t)4096)
/* faulted in per call: one huge page, so the filler is back to its own
 * work within a fraction of a millisecond */
#define STEP ((size_t)2 << 20)

struct tl_block_pool {
	pthread_mutex_t lock;
	size_t block;
	void *ready[POOL];
	unsigned n;
	/* the block being faulted in, [0, done) of it so far (the filler's
	 * own: never read by the taker) */
	unsigned char *partial;
	size_t done;
};

tl_block_pool *tl_block_pool_new(size_t block)
{
	tl_block_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (pthread_mutex_init(&p->lock, NULL)) {
		free(p);
		return NULL;
	}
	p->block = block;
	return p;
}

void tl_block_pool_free(tl_block_pool *p)
{
	if (!p)
		return;
	for (unsigned i = 0; i < p->n; i++)
		tl_pages_unmap(p->ready[i], p->block);
	if (p->partial)
		tl_pages_unmap(p->partial, p->block);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

bool tl_block_pool_fill(tl_block_pool *p)
{
	if (!p->partial) {
		pthread_mutex_lock(&p->lock);
		bool room = p->n < POOL;
		pthread_mutex_unlock(&p->lock);
		if (!room)
			return false;
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
	/* fault the next step in: one write per small page */
	size_t end = p->block - p->done > STEP ? p->done + STEP : p->block;
	for (size_t i = p->done; i < end; i += SMALL_PAGE)
		((volatile unsigned char *)p->partial)[i] = 0;
	p->done = end;
	if (p->done < p->block)
		return true;
	pthread_mutex_lock(&p->lock);
	bool kept = p->n < POOL;
	if (kept)
		p->ready[p->n++] = p->partial;
	pthread_mutex_unlock(&p->lock);
	if (!kept)
		tl_pages_unmap(p->partial, p->block);
	p->partial = NULL;
	return kept;
}

void *tl_block_pool_take(tl_block_pool *p)
{
	void *b = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->n)
		b = p->ready[--p->n];
	pthread_mutex_unlock(&p->lock);
	return b;
}
