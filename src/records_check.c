/* records_check.c - the check report filed with the EPUB: what was checked,
 * by which checker and version, and the result, as JSON and as short text.
 * Paths the checker saw (a staging file) are replaced by the EPUB's
 * published name, so the report is the same wherever the book was built. */
#include "records.h"

#include "alloc.h"
#include "json.h"
#include "outfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const standards[] = {
	"EPUB 3.3 (container, package document, content documents, navigation)",
	"EPUB Accessibility 1.1 (accessibility metadata, and its claims against the content)",
};

/* A message's file with the checked path replaced by the EPUB's name; a new string. */
static char *display_file(const struct bd_record_meta *m, const struct bd_record_check *c, const char *file)
{
	size_t n = c->checked_path ? strlen(c->checked_path) : 0;

	if (!file)
		return NULL;
	if (n && strncmp(file, c->checked_path, n) == 0 && (file[n] == '\0' || file[n] == '!'))
		return bd_asprintf("%s%s", m->epub_name, file + n);
	return bd_strdup(file);
}

static bool passed(const struct bd_record_check *c)
{
	return c->found->count[BD_ERROR] == 0;
}

bool bd_records_write_check_json(const struct bd_record_meta *m, const struct bd_record_check *c,
				 const char *path, struct bd_diag *diag)
{
	static const char *const severity[] = { "note", "warning", "error" };
	const struct bd_diag *d = c->found;
	FILE *out = bd_outfile_open(path, diag);
	bool ok;

	if (!out)
		return false;
	fputs("{\n  \"checker\": {\"name\": \"bindery check\", \"version\": ", out);
	bd_json_string(out, BINDERY_VERSION);
	fputs("},\n  \"file\": ", out);
	bd_json_string(out, m->epub_name);
	fputs(",\n  \"sha256\": ", out);
	bd_json_string(out, m->epub_sha256);
	fprintf(out, ",\n  \"size\": %llu,\n  \"identifier\": ", (unsigned long long)m->epub_size);
	bd_json_string(out, m->identifier);
	fputs(",\n  \"modified\": ", out);
	bd_json_string(out, m->modified);
	fputs(",\n  \"checked\": [", out);
	for (size_t i = 0; i < sizeof(standards) / sizeof(standards[0]); i++) {
		fputs(i ? ", " : "", out);
		bd_json_string(out, standards[i]);
	}
	fprintf(out, "],\n  \"accessibilityWarningsAreErrors\": %s,\n", c->werror ? "true" : "false");
	fprintf(out, "  \"result\": \"%s\",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"notes\": %zu,\n",
		passed(c) ? "pass" : "fail", d->count[BD_ERROR], d->count[BD_WARNING], d->count[BD_NOTE]);
	fputs("  \"messages\": [", out);
	for (size_t i = 0; i < d->len; i++) {
		const struct bd_diag_msg *msg = &d->msgs[i];
		char *file = display_file(m, c, msg->file);

		fputs(i ? ",\n    {\"rule\": " : "\n    {\"rule\": ", out);
		bd_json_string(out, msg->rule);
		fputs(", \"severity\": ", out);
		bd_json_string(out, severity[msg->severity]);
		fputs(", \"file\": ", out);
		bd_json_string(out, file);
		fprintf(out, ", \"line\": %u, \"col\": %u, \"message\": ", msg->line, msg->col);
		bd_json_string(out, msg->text);
		fputc('}', out);
		free(file);
	}
	fputs(d->len ? "\n  ]\n}\n" : "]\n}\n", out);
	ok = bd_outfile_close(out, path, diag);
	return ok;
}

bool bd_records_write_check_text(const struct bd_record_meta *m, const struct bd_record_check *c,
				 const char *path, struct bd_diag *diag)
{
	const struct bd_diag *d = c->found;
	FILE *out = bd_outfile_open(path, diag);
	bool ok;

	if (!out)
		return false;
	fprintf(out, "Check report for %s\n\n", m->epub_name);
	fprintf(out, "Title:       %s\n", m->title ? m->title : "(none)");
	fprintf(out, "Identifier:  %s\n", m->identifier ? m->identifier : "(none)");
	fprintf(out, "Modified:    %s\n", m->modified ? m->modified : "(unknown)");
	fprintf(out, "Size:        %llu bytes\n", (unsigned long long)m->epub_size);
	fprintf(out, "SHA-256:     %s\n", m->epub_sha256);
	fprintf(out, "Checked by:  bindery check %s (bindery's own EPUB checker)\n", BINDERY_VERSION);
	fputs("Checked against:\n", out);
	for (size_t i = 0; i < sizeof(standards) / sizeof(standards[0]); i++)
		fprintf(out, "  - %s\n", standards[i]);
	fprintf(out, "Accessibility warnings were counted as %s.\n", c->werror ? "errors" : "warnings");
	fprintf(out, "Result:      %s: %zu error%s, %zu warning%s, %zu note%s\n", passed(c) ? "PASS" : "FAIL",
		d->count[BD_ERROR], d->count[BD_ERROR] == 1 ? "" : "s", d->count[BD_WARNING],
		d->count[BD_WARNING] == 1 ? "" : "s", d->count[BD_NOTE], d->count[BD_NOTE] == 1 ? "" : "s");
	if (d->len) {
		fputs("\nMessages:\n", out);
		for (size_t i = 0; i < d->len; i++) {
			struct bd_diag_msg msg = d->msgs[i];
			char *file = display_file(m, c, msg.file);
			char *line;

			msg.file = file;
			line = bd_diag_format(&msg);
			fprintf(out, "  %s\n", line);
			free(line);
			free(file);
		}
	}
	ok = bd_outfile_close(out, path, diag);
	return ok;
}
