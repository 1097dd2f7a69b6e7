/* diag.h - problems found in the user's input, collected and printed GCC style.
 *
 * Input problems are not return codes: a stage adds them here with a location
 * and a rule name, keeps going so that one run reports every problem, and
 * then fails if any error was added.  Printed as
 *   FILE:LINE:COL: error: message [rule-name]
 * (":COL" is left out when the column is unknown, ":LINE" when the line is). */
#ifndef BD_DIAG_H
#define BD_DIAG_H

#include "rules.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum bd_severity { BD_NOTE, BD_WARNING, BD_ERROR };

struct bd_diag_msg {
	enum bd_severity severity;
	char *file;     /* owned; may be NULL for messages about the whole run */
	unsigned line;  /* 0: unknown */
	unsigned col;   /* 0: unknown */
	enum bd_rule id;
	const char *rule; /* the rule's stable name, e.g. "glossary-undefined" (static); NULL for BD_R_NONE */
	char *text;     /* owned */
};

struct bd_diag {
	struct bd_diag_msg *msgs;
	size_t len, cap;
	size_t count[3];     /* by severity, after promotion */
	bool werror;         /* warnings are added as errors */
	bool a11y_werror;    /* accessibility (A11Y) rules are added as errors */
	bool quiet;          /* bd_diag_print leaves notes and warnings out */
};

void bd_diag_init(struct bd_diag *d);
void bd_diag_fini(struct bd_diag *d);

/* Adds one message about rule, with the rule's severity from the table
 * (rules.h); file is copied. */
void bd_diag_report(struct bd_diag *d, enum bd_rule rule, const char *file, unsigned line, unsigned col,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void bd_diag_vreport(struct bd_diag *d, enum bd_rule rule, const char *file, unsigned line, unsigned col,
		     const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Adds one message with an explicit severity (werror still applies): for
 * the few places whose severity is not the rule's own. */
void bd_diag_add(struct bd_diag *d, enum bd_severity severity, const char *file, unsigned line,
		 unsigned col, enum bd_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static inline size_t bd_diag_errors(const struct bd_diag *d) { return d->count[BD_ERROR]; }

/* Moves every message of src to the end of dst; src is left empty. */
void bd_diag_move(struct bd_diag *dst, struct bd_diag *src);

/* Writes one line per message, in the order they were added. */
void bd_diag_print(const struct bd_diag *d, FILE *out, bool colour);

/* Formats one message as its GCC-style line (no newline); the caller frees it. */
char *bd_diag_format(const struct bd_diag_msg *m);

/* True when out is a terminal (the program decides on colour: NO_COLOR). */
bool bd_diag_is_terminal(FILE *out);

#endif
