/* prefetch.c - the prefetch thread (see prefetch.h).
 *
 * A ring of `ahead` slots: the thread fills slot i % ahead with item i once
 * the caller has taken item i - ahead; the caller waits for slot i to be
 * filled.  One mutex and two conditions; nothing else is shared. */
#include "prefetch.h"

#include "alloc.h"
#include "worker.h"

#include <stdlib.h>

struct slot {
	void *result;
	struct bd_diag diag;
};

struct bd_prefetch {
	size_t n, ahead;
	bd_prefetch_fn fn;
	bd_prefetch_free_fn free_fn;
	void *ctx;
	bool werror;
	struct slot *slots;
	struct bd_worker w;   /* wake_thread: room was freed; wake_caller: a slot was filled */
	size_t done;      /* items finished by the thread */
	size_t taken;     /* items taken by the caller */
	bool stopping;
	void **returned;  /* results given back, for the thread to free */
	size_t nreturned, returned_cap;
};

/* Frees what the caller gave back: on the thread that allocated it, so the
 * memory goes back to that thread's malloc arena without contention. */
static void free_returned(struct bd_prefetch *pf)
{
	while (pf->nreturned > 0) {
		void *r = pf->returned[--pf->nreturned];
		pthread_mutex_unlock(&pf->w.lock);
		pf->free_fn(r);
		pthread_mutex_lock(&pf->w.lock);
	}
}

static void run_one(struct bd_prefetch *pf, size_t i, struct slot *s)
{
	bd_diag_init(&s->diag);
	s->diag.werror = pf->werror;
	s->result = pf->fn(i, pf->ctx, &s->diag);
}

static void *work(void *arg)
{
	struct bd_prefetch *pf = arg;

	pthread_mutex_lock(&pf->w.lock);
	while (pf->done < pf->n && !pf->stopping) {
		size_t i = pf->done;
		free_returned(pf);
		if (i - pf->taken >= pf->ahead) {
			pthread_cond_wait(&pf->w.wake_thread, &pf->w.lock);
			continue;
		}
		pthread_mutex_unlock(&pf->w.lock);
		run_one(pf, i, &pf->slots[i % pf->ahead]);
		pthread_mutex_lock(&pf->w.lock);
		pf->done++;
		pthread_cond_signal(&pf->w.wake_caller);
	}
	free_returned(pf);
	pthread_mutex_unlock(&pf->w.lock);
	return NULL;
}

struct bd_prefetch *bd_prefetch_start(size_t n, size_t ahead, bd_prefetch_fn fn, bd_prefetch_free_fn free_fn,
				      void *ctx, bool werror, bool threads)
{
	struct bd_prefetch *pf = bd_calloc(1, sizeof(*pf));

	pf->n = n;
	pf->ahead = ahead ? ahead : 1;
	pf->fn = fn;
	pf->free_fn = free_fn;
	pf->ctx = ctx;
	pf->werror = werror;
	pf->slots = bd_calloc(pf->ahead, sizeof(*pf->slots));
	if (threads)
		bd_worker_start(&pf->w, work, pf);
	return pf;
}

void *bd_prefetch_take(struct bd_prefetch *pf, size_t index, struct bd_diag *diag)
{
	struct slot *s = &pf->slots[index % pf->ahead];
	void *result;

	if (pf->w.running) {
		pthread_mutex_lock(&pf->w.lock);
		while (pf->done <= index)
			pthread_cond_wait(&pf->w.wake_caller, &pf->w.lock);
		pthread_mutex_unlock(&pf->w.lock);
	} else {
		run_one(pf, index, s);
	}
	result = s->result;
	s->result = NULL;
	bd_diag_move(diag, &s->diag);
	bd_diag_fini(&s->diag);
	if (pf->w.running) {
		pthread_mutex_lock(&pf->w.lock);
		pf->taken = index + 1;
		pthread_cond_signal(&pf->w.wake_thread);
		pthread_mutex_unlock(&pf->w.lock);
	} else {
		pf->taken = index + 1;
	}
	return result;
}

void bd_prefetch_give_back(struct bd_prefetch *pf, void *result)
{
	if (!result)
		return;
	if (!pf->w.running) {
		pf->free_fn(result);
		return;
	}
	pthread_mutex_lock(&pf->w.lock);
	bd_grow(&pf->returned, &pf->returned_cap, pf->nreturned + 1, sizeof(void *));
	pf->returned[pf->nreturned++] = result;
	pthread_mutex_unlock(&pf->w.lock);
}

void bd_prefetch_stop(struct bd_prefetch *pf)
{
	size_t done;

	if (!pf)
		return;
	if (pf->w.running) {
		pthread_mutex_lock(&pf->w.lock);
		pf->stopping = true;
		pthread_cond_signal(&pf->w.wake_thread);
		pthread_mutex_unlock(&pf->w.lock);
		bd_worker_join(&pf->w);
		done = pf->done;
	} else {
		done = pf->taken;
	}
	/* Given back after the thread ended. */
	for (size_t i = 0; i < pf->nreturned; i++)
		pf->free_fn(pf->returned[i]);
	free(pf->returned);
	/* Finished but never taken. */
	for (size_t i = pf->taken; i < done; i++) {
		struct slot *s = &pf->slots[i % pf->ahead];
		if (s->result && pf->free_fn)
			pf->free_fn(s->result);
		bd_diag_fini(&s->diag);
	}
	free(pf->slots);
	free(pf);
}
