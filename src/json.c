/* json.c - the JSON string escaper and the emitter that places commas,
 * line breaks and indentation. */
#include "json.h"

#include <stdarg.h>
#include <string.h>
#include <utf8proc.h>

/* The len bytes at s as a JSON string. */
static void string_n(FILE *out, const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t left = len;

	fputc('"', out);
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &c);

		if (n <= 0) {
			fputs("\\ufffd", out);
			p++, left--;
			continue;
		}
		if (c == '"')
			fputs("\\\"", out);
		else if (c == '\\')
			fputs("\\\\", out);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c == 0x7F)
			fprintf(out, "\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, (size_t)n, out);
		p += n, left -= (size_t)n;
	}
	fputc('"', out);
}

void bd_json_string(FILE *out, const char *s)
{
	s = s ? s : "";
	string_n(out, s, strlen(s));
}

/* ---- the emitter ----------------------------------------------------------- */

void bd_json_begin(struct bd_json *j, FILE *out, unsigned indent, bool compact)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->indent = indent;
	j->compact = compact;
}

void bd_json_end(struct bd_json *j)
{
	fputc('\n', j->out);
}

static void new_line(struct bd_json *j, unsigned level)
{
	fprintf(j->out, "\n%*s", (int)(level * j->indent), "");
}

/* What goes before a value or a key: the comma and the line break or space. */
static void separate(struct bd_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->open[j->depth - 1].count++)
		fputc(',', j->out);
	if (j->open[j->depth - 1].layout != BD_JSON_INLINE)
		new_line(j, j->open[j->depth - 1].level);
	else if (j->open[j->depth - 1].count > 1 && !j->compact)
		fputc(' ', j->out);
}

static void open_container(struct bd_json *j, enum bd_json_layout layout, char c)
{
	unsigned level = j->depth ? j->open[j->depth - 1].level : 0;

	separate(j);
	fputc(c, j->out);
	if (j->depth == BD_JSON_MAX_DEPTH)
		return; /* deeper than any writer nests: a programming error, the output stays flat */
	j->open[j->depth].layout = layout;
	j->open[j->depth].object = c == '{';
	j->open[j->depth].count = 0;
	j->open[j->depth].level = level + (layout != BD_JSON_INLINE);
	j->depth++;
}

void bd_json_object(struct bd_json *j, enum bd_json_layout layout)
{
	open_container(j, layout, '{');
}

void bd_json_array(struct bd_json *j, enum bd_json_layout layout)
{
	open_container(j, layout, '[');
}

void bd_json_close(struct bd_json *j)
{
	if (j->depth == 0)
		return;
	j->depth--;
	if (j->open[j->depth].layout == BD_JSON_LINES && j->open[j->depth].count)
		new_line(j, j->open[j->depth].level - 1);
	fputc(j->open[j->depth].object ? '}' : ']', j->out);
}

void bd_json_key(struct bd_json *j, const char *name)
{
	separate(j);
	bd_json_string(j->out, name);
	fputs(j->compact ? ":" : ": ", j->out);
	j->after_key = true;
}

void bd_json_str(struct bd_json *j, const char *s)
{
	separate(j);
	bd_json_string(j->out, s);
}

void bd_json_number(struct bd_json *j, const char *fmt, ...)
{
	va_list ap;

	separate(j);
	va_start(ap, fmt);
	vfprintf(j->out, fmt, ap);
	va_end(ap);
}

void bd_json_csv(struct bd_json *j, const char *list)
{
	bd_json_array(j, BD_JSON_INLINE);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		separate(j);
		string_n(j->out, p, n);
		p += n + (p[n] == ',');
	}
	bd_json_close(j);
}

void bd_json_member_strings(struct bd_json *j, const char *name, char *const *items, size_t n)
{
	bd_json_key(j, name);
	bd_json_array(j, BD_JSON_INLINE);
	for (size_t i = 0; i < n; i++)
		bd_json_str(j, items[i]);
	bd_json_close(j);
}

void bd_json_member_number(struct bd_json *j, const char *name, const char *fmt, ...)
{
	va_list ap;

	bd_json_key(j, name);
	separate(j);
	va_start(ap, fmt);
	vfprintf(j->out, fmt, ap);
	va_end(ap);
}

void bd_json_bool(struct bd_json *j, bool value)
{
	separate(j);
	fputs(value ? "true" : "false", j->out);
}

void bd_json_member(struct bd_json *j, const char *name, const char *value)
{
	bd_json_key(j, name);
	bd_json_str(j, value);
}
