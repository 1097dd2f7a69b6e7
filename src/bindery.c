/* bindery.c - the public API (include/bindery.h) over the library's own
 * entry points: bd_build, bd_check_epub, bd_catalog and the rule table. */
#include "bindery.h"

#include "alloc.h"
#include "build.h"
#include "check.h"
#include "diag.h"
#include "records.h"
#include "rules.h"
#include "rules_epubcheck.h"
#include "xml.h"

#include <stdlib.h>

/* The public enums are the internal ones, value for value. */
_Static_assert((int)BINDERY_OK == (int)BD_EXIT_OK && (int)BINDERY_ERRORS == (int)BD_EXIT_ERRORS &&
		       (int)BINDERY_USAGE == (int)BD_EXIT_USAGE && (int)BINDERY_IO == (int)BD_EXIT_IO,
	       "bindery_status");
_Static_assert((int)BINDERY_NOTE == BD_NOTE && (int)BINDERY_WARNING == BD_WARNING &&
		       (int)BINDERY_ERROR == BD_ERROR,
	       "bindery_severity");
_Static_assert((int)BINDERY_RULE_NOTE == BD_RS_NOTE && (int)BINDERY_RULE_WARNING == BD_RS_WARNING &&
		       (int)BINDERY_RULE_ERROR == BD_RS_ERROR && (int)BINDERY_RULE_A11Y == BD_RS_A11Y,
	       "bindery_rule_severity");
_Static_assert((int)BINDERY_SCOPE_BUILD == (int)BD_RSCOPE_BUILD && (int)BINDERY_SCOPE_CHECK == (int)BD_RSCOPE_CHECK &&
		       (int)BINDERY_SCOPE_CATALOG == (int)BD_RSCOPE_CATALOG,
	       "bindery scope bits");
_Static_assert((int)BINDERY_REPORT_TEXT == (int)BD_REPORT_TEXT && (int)BINDERY_REPORT_JSON == (int)BD_REPORT_JSON &&
		       (int)BINDERY_REPORT_HTML == (int)BD_REPORT_HTML,
	       "bindery report bits");
_Static_assert((int)BINDERY_PROGRESS_WAITING == BD_PROGRESS_WAITING &&
		       (int)BINDERY_PROGRESS_DONE == BD_PROGRESS_DONE,
	       "bindery_progress");

struct bindery_result {
	struct bd_diag diag;
	struct bindery_message *messages; /* a view of diag.msgs */
};

/* ---- results ------------------------------------------------------------ */

/* A new, empty result, already handed to the caller through *result. */
static struct bindery_result *result_new(struct bindery_result **result, bool werror)
{
	struct bindery_result *r = bd_calloc(1, sizeof(*r));

	bd_diag_init(&r->diag);
	r->diag.werror = werror;
	*result = r;
	return r;
}

/* Makes the public view of the messages, hands each to the callback and
 * returns rc as the call's status. */
static enum bindery_status result_finish(struct bindery_result *r, int rc, bindery_message_fn *on_message, void *arg)
{
	r->messages = bd_calloc(r->diag.len ? r->diag.len : 1, sizeof(*r->messages));
	for (size_t i = 0; i < r->diag.len; i++) {
		const struct bd_diag_msg *m = &r->diag.msgs[i];

		r->messages[i] = (struct bindery_message){ .rule = m->rule,
							   .severity = (enum bindery_severity)m->severity,
							   .file = m->file,
							   .line = m->line,
							   .col = m->col,
							   .text = m->text };
		if (on_message)
			on_message(&r->messages[i], arg);
	}
	return (enum bindery_status)rc;
}

size_t bindery_result_count(const struct bindery_result *result)
{
	return result ? result->diag.len : 0;
}

const struct bindery_message *bindery_result_message(const struct bindery_result *result, size_t i)
{
	return result && i < result->diag.len ? &result->messages[i] : NULL;
}

size_t bindery_result_severity_count(const struct bindery_result *result, enum bindery_severity severity)
{
	if (!result || (unsigned)severity > BINDERY_ERROR)
		return 0;
	return result->diag.count[severity];
}

void bindery_result_print(const struct bindery_result *result, FILE *out, bool quiet, bool colour)
{
	struct bd_diag view;

	if (!result)
		return;
	view = result->diag;
	view.quiet = quiet;
	bd_diag_print(&view, out, colour);
}

void bindery_result_free(struct bindery_result *result)
{
	if (!result)
		return;
	bd_diag_fini(&result->diag);
	free(result->messages);
	free(result);
}

/* ---- rules -------------------------------------------------------------- */

size_t bindery_rule_count(void)
{
	return BD_R_COUNT - 1;
}

struct bindery_rule bindery_rule_at(size_t index)
{
	struct bindery_rule rule = { 0 };
	const struct bd_rule_info *info = index < bindery_rule_count() ? bd_rule_get((enum bd_rule)(index + 1)) : NULL;

	if (info)
		rule = (struct bindery_rule){ .name = info->name,
					      .severity = (enum bindery_rule_severity)info->severity,
					      .scope = (unsigned)info->scope,
					      .description = info->text,
					      .epubcheck = bd_rule_epubcheck((enum bd_rule)(index + 1)) };
	return rule;
}

void bindery_rules_print(FILE *out, unsigned scope)
{
	/* check's list adds each rule's closest EPUBCheck ids. */
	if (scope == BINDERY_SCOPE_CHECK)
		bd_rules_list_epubcheck(out);
	else
		bd_rules_list(out, scope);
}

/* ---- publishing options ------------------------------------------------- */

static void progress(enum bd_progress kind, const char *line, void *arg)
{
	const struct bindery_publish_options *p = arg;

	p->progress((enum bindery_progress)kind, line, p->progress_arg);
}

/* base_url is left to bd_build and bd_catalog, which set it from their own options. */
static struct bd_publish_options publish_options(const struct bindery_publish_options *p)
{
	return (struct bd_publish_options){ .progress = p->progress ? progress : NULL,
					    .progress_arg = (void *)p,
					    .no_wait = p->no_wait,
					    .force = p->force,
					    .interrupted = p->interrupted,
					    .test_step = p->test_step,
					    .test_arg = p->test_arg };
}

/* ---- the three commands ------------------------------------------------- */

enum bindery_status bindery_build(const struct bindery_build_options *opts, struct bindery_result **result)
{
	struct bd_build_options o = { .book_dir = opts->book_dir ? opts->book_dir : "book",
				      .out_dir = opts->out_dir ? opts->out_dir : "dist",
				      .base_url = opts->base_url,
				      .edition = opts->edition,
				      .no_web = opts->no_web,
				      .report = opts->report,
				      .report_out = opts->report_out,
				      .source_date_epoch = opts->source_date_epoch,
				      .threads = opts->threads,
				      .publish = publish_options(&opts->publish) };
	struct bindery_result *r = result_new(result, opts->werror);

	return result_finish(r, bd_build(&o, &r->diag), opts->on_message, opts->message_arg);
}

enum bindery_status bindery_check(const char *epub_path, const struct bindery_check_options *opts,
				  struct bindery_result **result)
{
	static const struct bindery_check_options defaults = { 0 };
	struct bd_check_options o;
	struct bindery_result *r = result_new(result, false);
	int rc;

	if (!opts)
		opts = &defaults;
	o = (struct bd_check_options){ .werror = opts->werror, .max_total = opts->max_size };
	rc = bd_check_epub(epub_path, &o, &r->diag);
	if (rc == BD_EXIT_OK && bd_diag_errors(&r->diag))
		rc = BD_EXIT_ERRORS;
	return result_finish(r, rc, opts->on_message, opts->message_arg);
}

void bindery_check_write_json(FILE *out, const char *const *files, const struct bindery_result *const *results,
			      size_t n)
{
	const struct bd_diag **per_file = bd_calloc(n ? n : 1, sizeof(*per_file));

	for (size_t i = 0; i < n; i++)
		per_file[i] = &results[i]->diag;
	bd_check_write_json(out, files, per_file, n);
	free(per_file);
}

enum bindery_status bindery_catalog(const char *path, const struct bindery_catalog_options *opts,
				    struct bindery_result **result)
{
	struct bd_catalog_options o = { .out_dir = opts->out_dir,
					.base_url = opts->base_url,
					.publish = publish_options(&opts->publish) };
	struct bindery_result *r = result_new(result, false);

	return result_finish(r, bd_catalog(path, &o, &r->diag), opts->on_message, opts->message_arg);
}

/* ---- the library -------------------------------------------------------- */

const char *bindery_version(void)
{
	return BINDERY_VERSION;
}

void bindery_cleanup(void)
{
	bd_xml_cleanup();
}
