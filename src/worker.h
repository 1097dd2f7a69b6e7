/* worker.h - one helper thread with a lock and two conditions.
 *
 * epub.c (compressing), prefetch.c (reading ahead) and web.c (the web
 * edition) each run one such thread beside the caller: the lock guards what
 * they share, one condition wakes the thread and the other wakes the
 * caller.  Starting is allowed to fail: each then does the work on the
 * caller's thread instead, which is also what BINDERY_THREADS=1 in the
 * environment asks for. */
#ifndef BD_WORKER_H
#define BD_WORKER_H

#include <pthread.h>
#include <stdbool.h>

struct bd_worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake_thread, wake_caller;
	bool running;
};

/* Starts fn(arg) on a new thread; false (and nothing to clean up) when the
 * thread or its lock and conditions cannot be made. */
bool bd_worker_start(struct bd_worker *w, void *(*fn)(void *), void *arg);
/* Waits for the thread to return (the caller has told it to stop) and frees
 * the lock and conditions.  Does nothing when it is not running. */
void bd_worker_join(struct bd_worker *w);

#endif
