/* records_check.c - the check report filed with the EPUB: what was checked,
 * by which checker and version, and the result, as JSON and as short text.
 * Paths the checker saw (a staging file) are replaced by the EPUB's
 * published name, so the report is the same wherever the book was built. */
#include "records.h"

#include "alloc.h"
#include "check.h"
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
	const struct bd_diag *d = c->found;
	FILE *out = bd_outfile_open(path, diag);
	struct bd_json j;

	if (!out)
		return false;
	bd_json_begin(&j, out, 2, false);
	bd_json_object(&j, BD_JSON_LINES);
	bd_json_key(&j, "checker");
	bd_json_object(&j, BD_JSON_INLINE);
	bd_json_member(&j, "name", "bindery check");
	bd_json_member(&j, "version", BINDERY_VERSION);
	bd_json_close(&j);
	bd_json_member(&j, "file", m->epub_name);
	bd_json_member(&j, "sha256", m->epub_sha256);
	bd_json_member_number(&j, "size", "%llu", (unsigned long long)m->epub_size);
	bd_json_member(&j, "identifier", m->identifier);
	bd_json_member(&j, "modified", m->modified);
	bd_json_key(&j, "checked");
	bd_json_array(&j, BD_JSON_INLINE);
	for (size_t i = 0; i < sizeof(standards) / sizeof(standards[0]); i++)
		bd_json_str(&j, standards[i]);
	bd_json_close(&j);
	bd_json_key(&j, "accessibilityWarningsAreErrors");
	bd_json_bool(&j, c->werror);
	bd_json_member(&j, "result", passed(c) ? "pass" : "fail");
	bd_json_member_number(&j, "errors", "%zu", d->count[BD_ERROR]);
	bd_json_member_number(&j, "warnings", "%zu", d->count[BD_WARNING]);
	bd_json_member_number(&j, "notes", "%zu", d->count[BD_NOTE]);
	bd_json_key(&j, "messages");
	bd_json_array(&j, BD_JSON_LINES);
	for (size_t i = 0; i < d->len; i++) {
		char *file = display_file(m, c, d->msgs[i].file);

		bd_check_json_message(&j, &d->msgs[i], file);
		free(file);
	}
	bd_json_close(&j);
	bd_json_close(&j);
	bd_json_end(&j);
	return bd_outfile_close(out, path, diag);
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
