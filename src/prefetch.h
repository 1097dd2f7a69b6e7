/* prefetch.h - doing the next items' self-contained work on a second thread.
 *
 * The builder reads articles in order, and the expensive part of reading one
 * (the file, its SHA-256, the parse, the schema check) needs nothing from the
 * others.  A prefetcher runs that part for the items ahead of the one being
 * used, at most `ahead` of them, while the caller indexes or renders the
 * current one.  Results and their messages come back strictly in order, so
 * output and diagnostics are the same as doing the work inline, which is
 * what happens when the thread cannot start. */
#ifndef BD_PREFETCH_H
#define BD_PREFETCH_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The work for item index: returns its result (NULL allowed), reports to
 * diag, which belongs to this item alone.  Runs on the prefetch thread, so it
 * must not touch anything the caller changes meanwhile. */
typedef void *(*bd_prefetch_fn)(size_t index, void *ctx, struct bd_diag *diag);
/* Frees a result nobody took (after an early stop). */
typedef void (*bd_prefetch_free_fn)(void *result);

struct bd_prefetch;

/* Starts work on items 0..n-1; werror as in the caller's diag.  threads
 * false: every item is worked on the caller's thread when taken (the same
 * results and messages, slower). */
struct bd_prefetch *bd_prefetch_start(size_t n, size_t ahead, bd_prefetch_fn fn, bd_prefetch_free_fn free_fn,
				      void *ctx, bool werror, bool threads);
/* Waits for item index, the next one in order, moves its messages into
 * diag and returns its result, which the caller now owns. */
void *bd_prefetch_take(struct bd_prefetch *pf, size_t index, struct bd_diag *diag);
/* Hands a taken result back to be freed on the prefetch thread, where it
 * was allocated (cheaper for malloc than freeing it here). */
void bd_prefetch_give_back(struct bd_prefetch *pf, void *result);
/* Stops the thread (items not started are skipped) and frees what was not
 * taken. */
void bd_prefetch_stop(struct bd_prefetch *pf);

#endif
