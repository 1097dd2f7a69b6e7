/* check.h - the EPUB checker: `bindery check FILE.epub...`.
 *
 * Checks a finished EPUB 3 file against the rules of EPUB 3.3 (errors) and
 * EPUB Accessibility 1.1 (warnings).  The checker only reads: it never writes
 * a file, and it treats every byte of the EPUB as hostile (see check.c for
 * the limits that keep memory and time bounded). */
#ifndef BD_CHECK_H
#define BD_CHECK_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct bd_check;

struct bd_check_options {
	bool werror;        /* accessibility warnings become errors */
	uint64_t max_total; /* cap on total uncompressed bytes read; 0 = default 4 GiB */
	size_t max_xml;     /* cap per XML entry; 0 = default 64 MiB */
	/* Called once every rule set ran on a readable ZIP, with the checker's
	 * state (check_internal.h) still there, the package document included:
	 * bindery catalog reads its records from it.  May be NULL. */
	void (*on_done)(struct bd_check *ck, void *arg);
	void *done_arg;
};

/* Checks one EPUB file.  Messages go to diag with file = "PATH!ENTRY" (e.g.
 * "dist/b.epub!EPUB/package.opf") and line/col when known, or file = PATH
 * for container-level problems.  opts may be NULL (defaults).
 * Returns 0 when the check ran (whatever it found: count errors with
 * bd_diag_errors), 3 when the file could not be opened or read at all (also
 * reported in diag).  Never writes anything. */
int bd_check_epub(const char *path, const struct bd_check_options *opts, struct bd_diag *diag);


struct bd_json;
/* One message as a JSON object {"rule", "severity", "file", "line", "col",
 * "message"}, with file in place of the message's own (the --json output
 * and the check report share it). */
void bd_check_json_message(struct bd_json *j, const struct bd_diag_msg *m, const char *file);

/* Writes the --json form of several files' results:
 * [{"file":..., "messages":[{"rule","severity","file","line","col","message"}],
 *   "errors":N, "warnings":N}, ...]
 * files[i] goes with per_file[i]. */
void bd_check_write_json(FILE *out, const char *const *files, const struct bd_diag *const *per_file,
			 size_t nfiles);

#endif
