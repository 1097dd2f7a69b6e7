/* diag.h - problems found in the user's input, collected and printed GCC style.
 *
 * Input problems are not return codes: a stage adds them here with a location
 * and a rule name, keeps going so that one run reports every problem, and
 * then fails if any error was added.  Printed as
 *   FILE:LINE:COL: error: message [rule-name]
 * (":COL" is left out when the column is unknown, ":LINE" when the line is). */
#ifndef BD_DIAG_H
#define BD_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum bd_severity { BD_NOTE, BD_WARNING, BD_ERROR };

struct bd_diag_msg {
	enum bd_severity severity;
	char *file;     /* owned; may be NULL for messages about the whole run */
	unsigned line;  /* 0: unknown */
	unsigned col;   /* 0: unknown */
	char *rule;     /* owned; stable rule name, e.g. "glossary-undefined" */
	char *text;     /* owned */
};

struct bd_diag {
	struct bd_diag_msg *msgs;
	size_t len, cap;
	size_t count[3];     /* by severity, after promotion */
	bool werror;         /* warnings are added as errors */
	bool quiet;          /* bd_diag_print leaves notes and warnings out */
};

void bd_diag_init(struct bd_diag *d);
void bd_diag_fini(struct bd_diag *d);

/* Adds one message; the strings are copied. */
void bd_diag_add(struct bd_diag *d, enum bd_severity severity, const char *file, unsigned line,
		 unsigned col, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

#define bd_diag_error(d, file, line, col, rule, ...) \
	bd_diag_add((d), BD_ERROR, (file), (line), (col), (rule), __VA_ARGS__)
#define bd_diag_warning(d, file, line, col, rule, ...) \
	bd_diag_add((d), BD_WARNING, (file), (line), (col), (rule), __VA_ARGS__)
#define bd_diag_note(d, file, line, col, rule, ...) \
	bd_diag_add((d), BD_NOTE, (file), (line), (col), (rule), __VA_ARGS__)

static inline size_t bd_diag_errors(const struct bd_diag *d) { return d->count[BD_ERROR]; }

/* Moves every message of src to the end of dst; src is left empty. */
void bd_diag_move(struct bd_diag *dst, struct bd_diag *src);

/* Writes one line per message, in the order they were added. */
void bd_diag_print(const struct bd_diag *d, FILE *out, bool colour);

/* Formats one message as its GCC-style line (no newline); the caller frees it. */
char *bd_diag_format(const struct bd_diag_msg *m);

/* True when colour should be used on this stream: a terminal, and NO_COLOR unset. */
bool bd_diag_want_colour(FILE *out);

#endif
