/* build.c - the builder's stages, in order.
 *
 * read (first pass) -> render every document into memory, compressed as it
 * is rendered (articles one at a time) -> zip into a temporary file beside
 * the output -> check that file with our own checker -> rename it into
 * place.  Nothing in the output folder changes unless every stage succeeded. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1 /* timegm */
#include "build.h"

#include "a11y.h"
#include "alloc.h"
#include "check.h"
#include "edition.h"
#include "epub.h"
#include "model.h"
#include "nav.h"
#include "opf.h"
#include "pages.h"
#include "prefetch.h"
#include "read.h"
#include "records.h"
#include "report.h"
#include "searchkey.h"
#include "web.h"
#include "xhtml.h"
#include "xml.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* dcterms:modified: SOURCE_DATE_EPOCH when set, else book.xml's date; never the clock. */
static bool modified_time(struct bd_book *book, const char *epoch, time_t *out, struct bd_diag *diag)
{
	struct tm tm;
	char text[32];
	long long t;

	if (epoch && *epoch) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (errno || *end || v < 0 || v > 253402300799LL) {
			bd_diag_report(diag, BD_R_SOURCE_DATE_EPOCH, NULL, 0, 0,
				      "SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", epoch);
			return false;
		}
		*out = (time_t)v;
		gmtime_r(out, &tm);
		strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
		free(book->modified);
		book->modified = bd_strdup(text);
		return true;
	}
	/* book.c reported a <modified> that is not a real instant, at its line. */
	if (!book->modified || !bd_datetime_valid(book->modified, &t))
		return false;
	*out = (time_t)t;
	return true;
}

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"" BD_EPUB_DIR "/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* Renders every document of the book into ep, in zip order.  Returns an
 * enum bd_exit, the web edition's pages (web, may be NULL) from the same
 * trees: BD_EXIT_ERRORS when a source no longer reads (it changed
 * since the first pass), BD_EXIT_IO when a document cannot be written. */
static int render(struct bd_book *book, struct bd_epub *ep, struct bd_web *web, struct bd_report *report, bool threads,
		  const volatile sig_atomic_t *interrupted, struct bd_diag *diag)
{
	struct bd_a11y a11y;
	struct bd_prefetch *pf;
	bool ok;

#define PKG(href) BD_EPUB_DIR "/" href
	bd_epub_add(ep, "META-INF/container.xml", container_xml, sizeof(container_xml) - 1);
	bd_a11y_derive(book, &a11y);
	ok = bd_opf_write(book, &a11y, ep, PKG("package.opf"), diag);
	ok = ok && bd_nav_write(book, ep, PKG(BD_NAV_HREF), diag);
	ok = ok && bd_ncx_write(book, ep, PKG(BD_NCX_HREF), diag);
	ok = ok && bd_pages_write_cover(book, ep, PKG(BD_COVER_HREF), diag);
	ok = ok && bd_pages_write_title(book, ep, PKG(BD_TITLE_HREF), diag);
	ok = ok && bd_pages_write_glossary(book, ep, PKG(BD_GLOSSARY_HREF), diag);
	ok = ok && bd_searchkey_write(book, ep, PKG(BD_SEARCH_KEY_MAP_HREF), diag);
#undef PKG
	/* Stylesheets and images go in straight from the book folder, before
	 * the articles: the compressing thread works on them (a cover photo
	 * takes longest) while the articles render. */
	for (size_t i = 0; ok && i < book->nstylesheets; i++) {
		char *href = bd_style_href(book->stylesheets[i]);
		char *name = bd_asprintf("%s/%s", BD_EPUB_DIR, href);
		char *path = bd_asprintf("%s/%s", book->dir, book->stylesheets[i]);
		ok = bd_epub_add_file(ep, name, path, diag);
		free(path);
		free(name);
		free(href);
	}
	for (size_t i = 0; ok && i < book->nimages; i++) {
		char *href = bd_image_href(book->images[i].src);
		char *name = bd_asprintf("%s/%s", BD_EPUB_DIR, href);
		char *path = book->images[i].file ? bd_strdup(book->images[i].file)
						  : bd_asprintf("%s/%s", book->dir, book->images[i].src);
		ok = bd_epub_add_file(ep, name, path, diag);
		free(path);
		free(name);
		free(href);
	}
	/* Second pass: one article tree alive at a time, the next few read and
	 * parsed on the prefetch thread meanwhile. */
	pf = bd_prefetch_start(book->narticles, BD_ARTICLES_AHEAD, bd_article_open_second, bd_article_source_release, book,
			       diag->werror, threads);
	for (size_t i = 0; ok && i < book->narticles; i++) {
		const struct bd_article *art = &book->articles[i];
		if (interrupted && *interrupted) {
			/* Nothing is staged yet: stop at once. */
			bd_prefetch_stop(pf);
			bd_diag_report(diag, BD_R_INTERRUPTED, book->dir, 0, 0,
				       "interrupted: nothing was published and the output folder is as it was");
			return BD_EXIT_IO;
		}
		struct bd_article_source *src = bd_prefetch_take(pf, i, diag);
		struct bd_node *tree = bd_article_load_source(book, art, src, diag);
		char *href = bd_article_href(art);
		char *name = bd_asprintf("%s/%s", BD_EPUB_DIR, href);

		bd_prefetch_give_back(pf, src);
		if (!tree) {
			free(name);
			free(href);
			bd_prefetch_stop(pf);
			return BD_EXIT_ERRORS;
		}
		ok = bd_xhtml_write_article(book, art, tree, ep, name, diag);
		/* The plain-language measures come from the same tree. */
		if (ok)
			bd_report_add(report, book, i, tree, diag);
		/* The web edition renders it on its own thread, and frees it. */
		if (ok && web)
			ok = bd_web_add_article(web, i, tree);
		else
			bd_node_free(tree);
		free(name);
		free(href);
	}
	bd_prefetch_stop(pf);
	return ok ? BD_EXIT_OK : BD_EXIT_IO;
}

/* The report files, published (and checksummed) with the book. */
static const struct {
	unsigned format;
	const char *suffix;
	bool (*write)(const struct bd_report *, const struct bd_book *, const char *, struct bd_diag *);
} report_files[] = {
	{ BD_REPORT_JSON, BD_REC_REPORT_JSON, bd_report_write_json },
	{ BD_REPORT_HTML, BD_REC_REPORT_HTML, bd_report_write_html },
};

static bool stage_reports(const struct bd_build_options *opts, const struct bd_book *book,
			  const struct bd_report *report, struct bd_record_meta *meta, const char *pub,
			  struct bd_diag *diag)
{
	bool ok = true;

	for (size_t i = 0; ok && i < sizeof(report_files) / sizeof(report_files[0]); i++) {
		char *name, *path;
		if (!(opts->report & report_files[i].format))
			continue;
		name = bd_record_name(meta, report_files[i].suffix);
		path = bd_asprintf("%s/%s", pub, name);
		ok = report_files[i].write(report, book, path, diag);
		bd_strlist_add(&meta->files, name);
		free(path);
		free(name);
	}
	return ok;
}

/* Renames messages about the file from (and its entries, "from!ENTRY") to to. */
static void rename_files(struct bd_diag *d, const char *from, const char *to)
{
	size_t n = strlen(from);

	for (size_t i = 0; i < d->len; i++) {
		char *f = d->msgs[i].file;

		if (f && strncmp(f, from, n) == 0 && (f[n] == '\0' || f[n] == '!')) {
			d->msgs[i].file = bd_asprintf("%s%s", to, f + n);
			free(f);
		}
	}
}

/* Copies src (relative to the book folder) into the staging folder as
 * name, one of the book's published files. */
static bool stage_copy(const struct bd_book *book, const char *src, const char *pub, struct bd_record_meta *meta,
		       const char *name, struct bd_diag *diag)
{
	char *from = bd_asprintf("%s/%s", book->dir, src);
	char *to = bd_asprintf("%s/%s", pub, name);
	bool ok = bd_copy_file(from, to, diag);

	free(to);
	free(from);
	if (ok)
		bd_strlist_add(&meta->files, name);
	return ok;
}

/* Everything published goes through one staging folder inside the output
 * folder (so rename stays on one file system), under the folder's lock
 * (publish.h).  Each book (the book itself, or one edition of it) stages
 * its EPUB, once our checker passed it, then the cover, reports and its
 * records; bd_publish_commit then adds the shared files (feeds, landing
 * page, SHA256SUMS) for every book in the folder.  done gets the EPUB's
 * path and a line on what it holds. */
static int stage_book(const struct bd_build_options *opts, struct bd_publish *p, struct bd_book *book,
		      const struct bd_report *report, struct bd_epub **ep, struct bd_web *web, time_t mtime,
		      struct bd_strlist *done, struct bd_diag *diag)
{
	char *final = bd_asprintf("%s/%s.epub", opts->out_dir, book->slug);
	char *tmp = NULL, *line = NULL;
	const char *pub = bd_publish_stage(p);
	struct bd_check_options check = { .werror = true };
	struct bd_diag found;
	struct bd_record_meta meta = { 0 };
	struct bd_record_check checked = { .found = &found, .werror = true };
	struct bd_a11y a11y;
	int rc = BD_EXIT_IO;

	bd_diag_init(&found);
	tmp = bd_asprintf("%s/%s.epub", pub, book->slug);
	if (!bd_epub_write(*ep, tmp, mtime, diag))
		goto out;
	/* The compressed entries are done with; free them before the check's
	 * peak, and hand the memory back: the compressing thread's allocations
	 * live in their own malloc arena, which the checker would not reuse. */
	bd_epub_free(*ep);
	*ep = NULL;
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	/* Our own checker judges the file before anyone else sees it. */
	if (bd_check_epub(tmp, &check, &found) != 0 || bd_diag_errors(&found) > 0) {
		/* Every mistake a source can hold is reported at the source
		 * before this point, so a failing check is bindery's own bug.
		 * Its findings name the EPUB as it would have been published,
		 * never the staging folder, which is removed. */
		bd_diag_report(diag, BD_R_INTERNAL, final, 0, 0,
			       "internal error: the built EPUB fails bindery's own check, so it was not published; "
			       "please report this with the messages below");
		rename_files(&found, tmp, final);
		bd_diag_move(diag, &found);
		rc = BD_EXIT_IO;
		goto out;
	}
	if (bd_publish_interrupted(p, diag))
		goto out;
	/* The records, from the same metadata and the same derived accessibility properties. */
	bd_a11y_derive(book, &a11y);
	bd_record_meta_from_book(&meta, book, &a11y, opts->base_url);
	bd_strlist_add(&meta.files, meta.epub_name);
	checked.checked_path = tmp;
	if ((meta.cover_name && !stage_copy(book, book->cover_src, pub, &meta, meta.cover_name, diag)) ||
	    (meta.thumbnail_name && !stage_copy(book, book->thumbnail_src, pub, &meta, meta.thumbnail_name, diag)))
		goto out;
	/* The web edition, checked as it is written, in its folder SLUG/. */
	if (web && !bd_web_stage(web, pub, p, &meta.files))
		goto out;
	if (!stage_reports(opts, book, report, &meta, pub, diag) || !bd_records_stage_book(&meta, &checked, pub, diag))
		goto out;
	bd_diag_move(diag, &found);
	line = bd_asprintf("%zu articles, %zu glossary entries", book->narticles, book->nglossary);
	bd_strlist_add(done, final);
	bd_strlist_add(done, line);
	bd_publish_add(p, &meta);
	rc = BD_EXIT_OK;
out:
	bd_record_meta_fini(&meta);
	bd_diag_fini(&found);
	free(line);
	free(tmp);
	free(final);
	return rc;
}

/* Tells what the run wrote: one line per book (done: pairs from stage_book). */
static void tell_done(const struct bd_publish_options *popts, const struct bd_strlist *done, size_t changed)
{
	for (size_t i = 0; i + 1 < done->len; i += 2) {
		const char *path = done->items[i];
		struct stat st;

		if (changed == 0)
			bd_publish_progress(popts, BD_PROGRESS_DONE, "bindery: %s is up to date", path);
		else if (popts->progress && stat(path, &st) == 0)
			bd_publish_progress(popts, BD_PROGRESS_DONE, "bindery: wrote %s (%lld KiB, %s) and its records",
					    path, (long long)(st.st_size + 1023) / 1024, done->items[i + 1]);
	}
}

/* Whether the run has staged a book with this slug (done: pairs from stage_book). */
static bool has_slug(const struct bd_strlist *done, const char *out_dir, const char *slug)
{
	char *final = bd_asprintf("%s/%s.epub", out_dir, slug);
	bool has = bd_strlist_has(done, final);

	free(final);
	return has;
}

/* Reads, renders and stages one book: the book itself (edition NULL), or
 * the edition in the file edition (at: where book.xml names it).  *p is
 * begun with popts (which it keeps) on the first call.  *base (may be NULL) receives the book as read, for its
 * list of editions. */
static int build_one(const struct bd_build_options *opts, const struct bd_publish_options *popts,
		     const char *edition, struct bd_loc at, struct bd_publish **p,
		     struct bd_strlist *done, struct bd_book **base, struct bd_diag *diag)
{
	struct bd_book *book = NULL;
	struct bd_edition *ed = NULL;
	struct bd_epub *ep = NULL;
	struct bd_web *web = NULL;
	struct bd_report report;
	time_t mtime;
	int rc;

	bd_report_init(&report);
	rc = bd_book_read(opts->book_dir, opts->threads != 1, diag, &book);
	if (rc != 0)
		goto out;
	if (edition) {
		rc = bd_edition_read(edition, edition, at, diag, &ed);
		if (rc == 0) {
			rc = bd_edition_apply(book, ed, diag);
			ed = NULL; /* the book's now */
		}
		if (rc == 0 && has_slug(done, opts->out_dir, book->slug)) {
			/* Two editions with one id would overwrite each other's files. */
			const struct bd_loc *a = &book->org_edition->at;
			bd_diag_report(diag, BD_R_DUPLICATE_ID, a->file, a->line, a->col,
				       "another edition in this build already has the id '%s'; give each edition its own",
				       book->org_edition->id);
			rc = 1;
		}
		if (rc != 0) {
			rc = BD_EXIT_ERRORS;
			goto out;
		}
	}
	report.skip_levels = !opts->report && book->max_grade <= 0 && book->min_ease <= 0;
	if (!modified_time(book, opts->source_date_epoch, &mtime, diag)) {
		rc = BD_EXIT_ERRORS;
		goto out;
	}
	ep = bd_epub_new(opts->threads != 1);
	if (!opts->no_web && (web = bd_web_new(book, opts->out_dir, opts->threads != 1, diag)) == NULL) {
		rc = BD_EXIT_IO;
		goto out;
	}
	rc = render(book, ep, web, &report, opts->threads != 1, opts->publish.interrupted, diag);
	if (rc != BD_EXIT_OK)
		goto out;
	/* The text report helps most when the build fails on a reading level. */
	if ((opts->report & BD_REPORT_TEXT) && opts->report_out)
		bd_report_print(&report, book, opts->report_out);
	/* With --werror, a reading-level warning of the second pass is an error. */
	if (bd_diag_errors(diag)) {
		rc = BD_EXIT_ERRORS;
		goto out;
	}
	/* Without report files the report is done with: free it before the
	 * check, whose peak it would add to (6 MiB at 10,000 articles). */
	if (!(opts->report & (BD_REPORT_JSON | BD_REPORT_HTML)))
		bd_report_fini(&report);
	if (!*p) {
		*p = bd_publish_begin(opts->out_dir, popts, diag);
		if (!*p) {
			rc = BD_EXIT_IO;
			goto out;
		}
	}
	rc = stage_book(opts, *p, book, &report, &ep, web, mtime, done, diag);
out:
	bd_web_free(web);
	bd_report_fini(&report);
	bd_epub_free(ep);
	bd_edition_free(ed);
	if (base && rc == BD_EXIT_OK)
		*base = book;
	else
		bd_book_free(book);
	return rc;
}

int bd_build(const struct bd_build_options *opts, struct bd_diag *diag)
{
	struct bd_publish *p = NULL;
	struct bd_book *base = NULL;
	struct bd_strlist done = { 0 };
	struct bd_publish_options popts = opts->publish;
	size_t changed = 0;
	int rc;

	popts.base_url = opts->base_url;
	if (opts->edition) {
		/* --edition: that edition alone. */
		rc = build_one(opts, &popts, opts->edition, (struct bd_loc){ 0 }, &p, &done, NULL, diag);
	} else {
		/* The book, then every edition book.xml lists, published together. */
		rc = build_one(opts, &popts, NULL, (struct bd_loc){ 0 }, &p, &done, &base, diag);
		for (size_t i = 0; rc == BD_EXIT_OK && base && i < base->neditions; i++) {
			char *path = bd_asprintf("%s/%s", base->dir, base->edition_files[i]);
			rc = build_one(opts, &popts, path, base->edition_at[i], &p, &done, NULL, diag);
			free(path);
		}
	}
	if (rc == BD_EXIT_OK) {
		rc = bd_publish_commit(p, &changed, diag);
		if (rc == BD_EXIT_OK)
			tell_done(&popts, &done, changed);
	}
	bd_publish_end(p);
	bd_book_free(base);
	bd_strlist_fini(&done);
	return rc;
}
