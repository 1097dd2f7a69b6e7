/* publish.h - publishing into a folder of books (dist/), one publisher at a
 * time, through a journal, so that after any completed run the folder is
 * one consistent set: `sha256sum -c SHA256SUMS` passes and the feeds list
 * exactly the EPUBs present.
 *
 *   begin   mkdir DIR; flock DIR/.bindery.lock (wait, or fail with
 *           no_wait); finish a journal a killed run left; remove stale
 *           staging folders; create DIR/.bindery-stage.XXXXXX
 *   (the caller stages its books' files and calls bd_publish_add)
 *   commit  read every other book present (its .bindery-book-SLUG.xml, or
 *           its EPUB's package for an EPUB bindery did not publish); write
 *           the shared files and DIR/.bindery-manifest into staging; refuse
 *           to replace or remove a file bindery did not write; sync
 *           staging; write and sync DIR/.bindery-journal (the renames and
 *           removals); rename; sync DIR; remove the journal
 *   end     remove what is left of the staging folder; unlock
 *
 * The lock file is never deleted (a waiting process holds it open). */
#ifndef BD_PUBLISH_H
#define BD_PUBLISH_H

#include "diag.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct bd_record_meta;

#define BD_PUBLISH_LOCK ".bindery.lock"
#define BD_PUBLISH_MANIFEST ".bindery-manifest"
#define BD_PUBLISH_JOURNAL ".bindery-journal"
#define BD_PUBLISH_STAGE_PREFIX ".bindery-stage."
/* A build's own folder for the web edition's pages before it publishes
 * (web.h): .bindery-web.PID.XXXXXX, removed by recovery once PID is gone. */
#define BD_PUBLISH_WORK_PREFIX ".bindery-web."

enum bd_progress {
	BD_PROGRESS_WAITING, /* "waiting for another bindery...", before any message */
	BD_PROGRESS_DONE,    /* what a successful run wrote */
};

struct bd_publish_options {
	const char *base_url;  /* the folder's address for the feeds; NULL: relative links */
	/* Where the one-line progress messages go: the library never prints.
	 * NULL: nowhere (--quiet). */
	void (*progress)(enum bd_progress kind, const char *line, void *arg);
	void *progress_arg;
	bool no_wait;          /* fail at once when another bindery holds the lock */
	bool force;            /* replace or remove files bindery did not write */
	/* Set by the program's SIGINT/SIGTERM handler; polled between steps:
	 * the run stops, removing its staging folder.  May be NULL. */
	const volatile sig_atomic_t *interrupted;
	/* Tests only: called after each step of publishing, so a test can
	 * kill the process at every step in turn: 1 locked and recovered,
	 * 2 staging folder made, 3 shared files staged and checked against
	 * the manifest, 4 staging synced, 5 journal written, then one step
	 * per rename and removal, then the folder synced, then the journal
	 * removed.  May be NULL. */
	void (*test_step)(unsigned step, void *arg);
	void *test_arg;
};

struct bd_publish;

/* Formats one progress line and hands it to opts->progress, if any. */
void bd_publish_progress(const struct bd_publish_options *opts, enum bd_progress kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Locks dir and prepares a staging folder in it; NULL after errors in diag. */
struct bd_publish *bd_publish_begin(const char *dir, const struct bd_publish_options *opts, struct bd_diag *diag);
/* The staging folder, where the caller writes its books' files. */
const char *bd_publish_stage(const struct bd_publish *p);
/* True (after an "interrupted" error in diag) when a signal asked to stop. */
bool bd_publish_interrupted(struct bd_publish *p, struct bd_diag *diag);
/* The SHA-256 (64 hex digits) of a file the caller staged as name
 * (relative to the staging folder), computed as it wrote it: commit then
 * need not read the file again. */
void bd_publish_hashed(struct bd_publish *p, const char *name, const char *hex);
/* A book whose files (m->files, all of them in the staging folder, the
 * hidden metadata file too: bd_records_stage_book) are to be published.
 * Takes m over (it is zeroed). */
void bd_publish_add(struct bd_publish *p, struct bd_record_meta *m);
/* Publishes.  *changed (may be NULL) counts the files added, replaced or
 * removed.  Returns an enum bd_exit value. */
int bd_publish_commit(struct bd_publish *p, size_t *changed, struct bd_diag *diag);
/* Removes what is left of the staging folder, unlocks and frees p. */
void bd_publish_end(struct bd_publish *p);

/* Stages the records of the EPUB at epub_path (checked with bindery check)
 * for publishing: a copy of the EPUB when copy is true (else it stays where
 * it is, in the folder), its cover and its own records.  Adds the book to p.
 * Returns an enum bd_exit value; a failing check is recorded, not an error.
 * (catalog.c) */
int bd_catalog_stage(struct bd_publish *p, const char *epub_path, bool copy, const char *base_url,
		     struct bd_diag *diag);
/* The same for an EPUB the caller has read (and checked) already with
 * bd_catalog_read: takes over e's metadata and leaves it empty. */
struct bd_catalog_epub;
int bd_catalog_stage_read(struct bd_publish *p, const char *epub_path, bool copy, struct bd_catalog_epub *e,
			  const char *base_url, struct bd_diag *diag);

#endif
