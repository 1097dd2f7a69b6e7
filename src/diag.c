/* diag.c - collecting and printing diagnostics. */
#include "diag.h"

#include "alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const severity_names[] = { "note", "warning", "error" };
static const char *const severity_colours[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };

void bd_diag_init(struct bd_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void bd_diag_fini(struct bd_diag *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->msgs[i].file);
		free(d->msgs[i].text);
	}
	free(d->msgs);
	memset(d, 0, sizeof(*d));
}

static void add(struct bd_diag *d, enum bd_severity severity, const char *file, unsigned line, unsigned col,
		enum bd_rule rule, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

static void add(struct bd_diag *d, enum bd_severity severity, const char *file, unsigned line, unsigned col,
		enum bd_rule rule, const char *fmt, va_list ap)
{
	const struct bd_rule_info *info = bd_rule_get(rule);
	struct bd_diag_msg *m;
	va_list again;
	int n;

	if (severity == BD_WARNING && d->werror)
		severity = BD_ERROR;
	bd_grow(&d->msgs, &d->cap, d->len + 1, sizeof(*d->msgs));
	m = &d->msgs[d->len++];
	m->severity = severity;
	m->file = bd_strdup(file);
	m->line = line;
	m->col = line ? col : 0;
	m->id = info ? rule : BD_R_NONE;
	m->rule = info ? info->name : NULL;
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	m->text = bd_malloc(n > 0 ? (size_t)n + 1 : 1);
	m->text[0] = '\0';
	if (n > 0)
		vsnprintf(m->text, (size_t)n + 1, fmt, again);
	va_end(again);
	d->count[severity]++;
}

void bd_diag_vreport(struct bd_diag *d, enum bd_rule rule, const char *file, unsigned line, unsigned col,
		     const char *fmt, va_list ap)
{
	const struct bd_rule_info *info = bd_rule_get(rule);
	enum bd_severity severity = BD_ERROR;

	switch (info ? info->severity : BD_RS_ERROR) {
	case BD_RS_NOTE:
		severity = BD_NOTE;
		break;
	case BD_RS_WARNING:
		severity = BD_WARNING;
		break;
	case BD_RS_ERROR:
		severity = BD_ERROR;
		break;
	case BD_RS_A11Y:
		severity = d->a11y_werror ? BD_ERROR : BD_WARNING;
		break;
	}
	add(d, severity, file, line, col, rule, fmt, ap);
}

void bd_diag_report(struct bd_diag *d, enum bd_rule rule, const char *file, unsigned line, unsigned col,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(d, rule, file, line, col, fmt, ap);
	va_end(ap);
}

void bd_diag_add(struct bd_diag *d, enum bd_severity severity, const char *file, unsigned line,
		 unsigned col, enum bd_rule rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, severity, file, line, col, rule, fmt, ap);
	va_end(ap);
}

void bd_diag_move(struct bd_diag *dst, struct bd_diag *src)
{
	if (src->len == 0)
		return;
	bd_grow(&dst->msgs, &dst->cap, dst->len + src->len, sizeof(*dst->msgs));
	memcpy(dst->msgs + dst->len, src->msgs, src->len * sizeof(*src->msgs));
	dst->len += src->len;
	for (int s = 0; s < 3; s++)
		dst->count[s] += src->count[s];
	free(src->msgs);
	src->msgs = NULL;
	src->len = src->cap = 0;
	memset(src->count, 0, sizeof(src->count));
}

static char *location(const struct bd_diag_msg *m)
{
	if (!m->file)
		return bd_strdup("bindery");
	if (m->line && m->col)
		return bd_asprintf("%s:%u:%u", m->file, m->line, m->col);
	if (m->line)
		return bd_asprintf("%s:%u", m->file, m->line);
	return bd_strdup(m->file);
}

char *bd_diag_format(const struct bd_diag_msg *m)
{
	char *where = location(m);
	char *line = m->rule ? bd_asprintf("%s: %s: %s [%s]", where, severity_names[m->severity], m->text, m->rule)
			     : bd_asprintf("%s: %s: %s", where, severity_names[m->severity], m->text);
	free(where);
	return line;
}

void bd_diag_print(const struct bd_diag *d, FILE *out, bool colour)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct bd_diag_msg *m = &d->msgs[i];
		char *where;

		if (d->quiet && m->severity != BD_ERROR)
			continue;
		if (!colour) {
			char *line = bd_diag_format(m);
			fprintf(out, "%s\n", line);
			free(line);
			continue;
		}
		where = location(m);
		fprintf(out, "\033[1m%s:\033[0m %s%s:\033[0m %s", where, severity_colours[m->severity],
			severity_names[m->severity], m->text);
		if (m->rule)
			fprintf(out, " [%s]", m->rule);
		fputc('\n', out);
		free(where);
	}
}

bool bd_diag_is_terminal(FILE *out)
{
	return isatty(fileno(out)) == 1;
}
