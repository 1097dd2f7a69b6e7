/* web.h - the web edition: the book as static HTML5 pages in OUT_DIR/SLUG/,
 * built in the same run and from the same model as the EPUB.
 *
 * The pages read from file://, from any static server and offline: no
 * remote resources, a few KB of plain JavaScript that every page can do
 * without, a search index written as a plain script, and a service worker
 * whose cache is named after the book's content hash.  Articles render into
 * files as the second pass hands them over (bd_web_add_article), on the
 * edition's own thread; bd_web_stage finishes and checks the edition
 * (bd_web_check) and moves it into the staging folder before anything is
 * published. */
#ifndef BD_WEB_H
#define BD_WEB_H

#include "diag.h"
#include "model.h"

#include <stdbool.h>

struct bd_publish;
struct bd_strlist;
struct bd_record_meta;

/* The web edition's folder is SLUG; its start page: */
#define BD_WEB_START "index.html"

struct bd_web;

/* A web edition of book, which must outlive it.  Its pages are written as
 * they are rendered into a private folder in out_dir (created if need
 * be), OUT_DIR/.bindery-web.PID.XXXXXX, which bd_web_stage renames into the
 * staging folder and bd_web_free removes if it is still there.  With
 * threads, a thread of its own renders and writes the pages while the
 * caller goes on; the bytes are the same either way.  Messages go to diag
 * (kept: the thread's arrive when bd_web_stage or bd_web_free joins it).
 * NULL after an "io" error in diag. */
struct bd_web *bd_web_new(const struct bd_book *book, const char *out_dir, bool threads, struct bd_diag *diag);
/* Stops the thread, if it still runs, and removes what was not staged. */
void bd_web_free(struct bd_web *w);
/* Hands over article i's node tree, which the edition frees; articles come
 * in reading order, each once.  False once a write has failed. */
bool bd_web_add_article(struct bd_web *w, size_t i, struct bd_node *tree);
/* Once every article is added: finishes the web edition (contents,
 * glossary, search, service worker), checks it and moves it to
 * stage/SLUG/; adds each file, as "SLUG/NAME", to files, and its SHA-256
 * to p (may be NULL), which need not read it back.  Messages name the
 * output folder, never the staging folder.  False after errors. */
bool bd_web_stage(struct bd_web *w, const char *stage, struct bd_publish *p, struct bd_strlist *files);
/* Every id and reference the pages hold, recorded by the writer as it
 * writes them (with the line), each distinct reference from one folder
 * once: re-reading the pages with an HTML parser would double the build. */
struct bd_web_links;
struct bd_web_links *bd_web_links_new(void);
void bd_web_links_free(struct bd_web_links *l);
void bd_web_links_id(struct bd_web_links *l, const char *page, const char *id);
/* url as written in page at line; load: the browser fetches it (src, a
 * style sheet, a script), rather than following it (<a href>). */
void bd_web_links_ref(struct bd_web_links *l, const char *page, unsigned line, const char *url, bool load);
/* Checks the web edition in dir, whose files (relative to dir) are listed:
 * every file is there; every internal reference leads to a listed file
 * and, with a fragment, to an id of that page; nothing, in the pages or in
 * the CSS files (read back), loads from the network.  Messages name
 * display/FILE:LINE.  False after errors. */
bool bd_web_check(const char *dir, const char *display, const struct bd_strlist *files,
		  const struct bd_web_links *links, struct bd_diag *diag);
/* "SLUG/index.html" when m's files hold a web edition, else NULL; a new string. */
char *bd_web_start_page(const struct bd_record_meta *m);

#endif
