/* web.c - the web edition (web.h): cover and title page, contents,
 * glossary, search and one page per article, as HTML5 text.
 *
 * HTML, not XHTML, written as text here with every attribute quoted and
 * escaped, not through bd_out (out.h) as the landing page is: tag() records
 * each id and reference with its line for the check, which libxml2's writer
 * does not report, and the search index (JavaScript) shares the buffer.
 * ARIA roles carry the structure that the EPUB gives with epub:type.
 * Pages go to disk as they render (struct bd_web), and every id and
 * reference is recorded as it is written, for the check. */
#define _GNU_SOURCE 1 /* syncfs, gettid */
#include "web.h"

#include "alloc.h"
#include "l10n.h"
#include "cssrefs.h"
#include "infile.h"
#include "publish.h"
#include "records.h"
#include "strmap.h"
#include "worker.h"
#include "xhtml.h"
#include "xml.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* The assets, embedded at build time from web/ (cmake/embed.cmake). */
extern const char bd_web_bindery_js[], bd_web_web_css[], bd_web_sw_js[];
extern const size_t bd_web_bindery_js_len, bd_web_web_css_len, bd_web_sw_js_len;

/* ---- interface strings --------------------------------------------------- */

/* Every word the web edition writes itself comes from the book's catalogue
 * (l10n/: the web.* keys, and the nav., article. and glossary. keys the EPUB
 * shares).  S() needs a struct bd_web *w in scope, RS() a struct render *r. */
#define S(key) bd_l10n_text(w->cat, key)
#define RS(key) bd_l10n_text(r->w->cat, key)

/* ---- an HTML text buffer ------------------------------------------------- */

struct buf {
	char *s;
	size_t len, cap;
	unsigned lines;                /* newlines in s[0 .. counted) */
	size_t counted;
	struct bd_web_links *links;    /* a page's: where its ids and references go; NULL otherwise */
	const char *page;
};

static void putn(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		bd_grow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put(struct buf *b, const char *s)
{
	putn(b, s, strlen(s));
}

/* The line the text written next starts on, counting from 1.  Counted
 * only when a reference needs it: most writes never ask. */
static unsigned line_now(struct buf *b)
{
	for (const char *nl = b->s ? memchr(b->s + b->counted, '\n', b->len - b->counted) : NULL; nl;
	     nl = memchr(nl + 1, '\n', b->len - (size_t)(nl + 1 - b->s)))
		b->lines++;
	b->counted = b->len;
	return b->lines + 1;
}

/* a, b and c (each may be ""), one after the other; a new string.  The
 * pages join many short paths: this saves a printf each. */
static char *join3(const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
	char *s = bd_malloc(na + nb + nc + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb);
	memcpy(s + na + nb, c, nc + 1);
	return s;
}

/* Text or an attribute value: &, <, > and " escaped. */
static void esc(struct buf *b, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "&<>\"");
		putn(b, s, run);
		s += run;
		if (!*s)
			break;
		put(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : "&quot;");
		s++;
	}
}

#define END_ATTRS ((const char *)NULL)

/* <name a="v" ...>: name-value pairs up to END_ATTRS; a NULL value leaves its attribute out. */
static void tag(struct buf *b, const char *name, ...)
{
	va_list ap;
	const char *k;

	put(b, "<");
	put(b, name);
	va_start(ap, name);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		if (!v)
			continue;
		put(b, " ");
		put(b, k);
		put(b, "=\"");
		esc(b, v);
		put(b, "\"");
		if (!b->links)
			continue;
		if (strcmp(k, "id") == 0)
			bd_web_links_id(b->links, b->page, v);
		else if (strcmp(k, "href") == 0 || strcmp(k, "src") == 0)
			bd_web_links_ref(b->links, b->page, line_now(b), v, strcmp(name, "a") != 0);
	}
	va_end(ap);
	put(b, ">");
}

static void end(struct buf *b, const char *name)
{
	put(b, "</");
	put(b, name);
	put(b, ">");
}

static void element(struct buf *b, const char *name, const char *class_name, const char *text)
{
	tag(b, name, "class", class_name, END_ATTRS);
	esc(b, text);
	end(b, name);
}

/* A string for JavaScript and JSON: quoted, with \, " and control characters escaped. */
static void js_string(struct buf *b, const char *s)
{
	put(b, "\"");
	for (;;) {
		size_t run = strcspn(s, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
				       "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f");
		char tmp[8];
		putn(b, s, run);
		s += run;
		if (!*s)
			break;
		if (*s == '"' || *s == '\\')
			snprintf(tmp, sizeof(tmp), "\\%c", *s);
		else
			snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned char)*s);
		put(b, tmp);
		s++;
	}
	put(b, "\"");
}

/* ---- the edition --------------------------------------------------------- */

/* A file of the edition with its SHA-256, hashed from memory as it is
 * written: the publisher need not read it back for SHA256SUMS. */
struct staged {
	char *name;   /* relative to the edition's folder */
	char hex[65];
};

/* An article waiting for the edition's thread. */
struct job {
	size_t index;
	struct bd_node *tree;
	size_t cost;                /* tree_cost() */
};

/* Estimated bytes of trees that may wait for the edition's thread.  The
 * thread falls behind while the EPUB renders (both cores are busy) and
 * catches up during the EPUB's check (one is idle), so what waits adds to
 * the check's peak.  A/B on 1,000 articles: 8, 16 and 32 MiB build as fast
 * (4 MiB is slower); at 10,000 articles 8 MiB keeps the peak some 7 MiB
 * lower than 16. */
#define QUEUE_MAX ((size_t)8 * 1024 * 1024)

/* The edition's thread's nice value (see edition_thread). */
#define EDITION_NICE 10

struct bd_web {
	const struct bd_book *book;
	const struct bd_l10n *cat;  /* the book's catalogue: every word the pages add */
	char *display;              /* the output folder, for messages */
	struct bd_diag *caller;     /* where messages end up */
	struct bd_diag own;         /* messages while the thread may run; moved to caller when it is done */
	struct bd_web_links *links;
	/* The pages go to disk as they are rendered, into a private folder in
	 * the output folder (OUT_DIR/.bindery-web.PID.XXXXXX, so a rename moves
	 * it into the staging folder): memory stays flat however long the book. */
	char *dir;
	bool failed;                /* a write failed (reported): stop writing */
	bool finished;              /* finish_edition has run */
	struct staged *done;        /* the files written so far */
	size_t ndone, capdone;
	struct buf index;           /* search-index.js: what is not yet written */
	FILE *index_f;
	EVP_MD_CTX *index_md;
	const struct bd_article *urgent;
	/* The edition's own thread renders and writes the articles the caller
	 * queues, in order, then the pages that list them; the caller goes on
	 * with the EPUB.  The lock guards the jobs array and its entries from
	 * taken on, taken, queued, stop and broken; the entries before taken
	 * (whose trees the caller frees) and everything above belong to one
	 * side at a time: the thread's until it is joined.  Without the thread
	 * the caller does the same work in the same order. */
	struct bd_worker worker;
	struct job *jobs;
	size_t njobs, capjobs, taken;
	size_t freed;               /* jobs[0 .. freed) have had their trees freed (by the caller) */
	size_t queued;              /* cost of the jobs not yet taken */
	bool stop;                  /* the caller gave up: leave the rest */
	bool broken;                /* failed, as the caller may see it */
	size_t added;               /* articles the caller has handed over */
};

static void hex_of(const void *bytes, size_t len, char hex[65])
{
	unsigned char md[32];

	EVP_Digest(bytes, len, md, NULL, EVP_sha256(), NULL);
	bd_sha256_hex(md, hex);
}

static bool make_dir(const char *path, struct bd_diag *diag);
static bool write_file(const char *path, const char *text, size_t len, struct bd_diag *diag);

#define INDEX_NAME "search-index.js"

static void *edition_thread(void *arg);

struct bd_web *bd_web_new(const struct bd_book *book, const char *out_dir, bool threads, struct bd_diag *diag)
{
	struct bd_web *w = bd_calloc(1, sizeof(*w));
	char *sub = NULL, *path = NULL;
	bool ok;

	w->book = book;
	w->cat = bd_l10n_for(book->lang);
	w->display = bd_strdup(out_dir);
	w->caller = diag;
	bd_diag_init(&w->own);
	w->own.werror = diag->werror;
	w->own.a11y_werror = diag->a11y_werror;
	w->own.quiet = diag->quiet;
	w->links = bd_web_links_new();
	for (size_t i = 0; i < book->narticles && !w->urgent; i++)
		if (book->articles[i].urgent)
			w->urgent = &book->articles[i];
	put(&w->index, "/* The search index of the web edition, loaded as a script (bindery.js):\n"
		       " * [address, article, heading, text] per article and section. */\n"
		       "window.BINDERY_SEARCH = [\n");
	ok = make_dir(out_dir, diag);
	w->dir = bd_asprintf("%s/%s%ld.XXXXXX", out_dir, BD_PUBLISH_WORK_PREFIX, (long)getpid());
	if (ok && !mkdtemp(w->dir)) {
		bd_diag_report(diag, BD_R_IO, out_dir, 0, 0, "cannot create a folder for the web edition: %s",
			       strerror(errno));
		ok = false;
	}
	if (!ok) {
		free(w->dir);
		w->dir = NULL;
		bd_web_free(w);
		return NULL;
	}
	sub = bd_asprintf("%s/text", w->dir);
	ok = make_dir(w->dir, diag) && make_dir(sub, diag);
	free(sub);
	sub = bd_asprintf("%s/images", w->dir);
	ok = ok && (book->nimages == 0 || make_dir(sub, diag));
	path = bd_asprintf("%s/" INDEX_NAME, w->dir);
	w->index_f = ok ? fopen(path, "wb") : NULL;
	w->index_md = EVP_MD_CTX_new();
	if (ok && (!w->index_f || fchmod(fileno(w->index_f), 0644) != 0 || !w->index_md ||
		   EVP_DigestInit_ex(w->index_md, EVP_sha256(), NULL) != 1)) {
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write: %s", strerror(errno));
		ok = false;
	}
	free(path);
	free(sub);
	if (!ok) {
		bd_web_free(w);
		return NULL;
	}
	/* Without the thread the caller renders each article as it comes. */
	if (threads)
		bd_worker_start(&w->worker, edition_thread, w);
	return w;
}

/* Removes what the edition wrote into its private folder, and the folder. */
static void remove_private(struct bd_web *w)
{
	static const char *const leftovers[] = { INDEX_NAME, "sw.js", "text", "images" };
	char *path;

	for (size_t i = 0; i < w->ndone; i++) {
		path = bd_asprintf("%s/%s", w->dir, w->done[i].name);
		unlink(path);
		free(path);
	}
	for (size_t i = 0; i < sizeof(leftovers) / sizeof(leftovers[0]); i++) {
		path = bd_asprintf("%s/%s", w->dir, leftovers[i]);
		if (unlink(path) != 0)
			rmdir(path);
		free(path);
	}
	rmdir(w->dir);
}

/* Frees the trees of the jobs the thread has finished (all of them once
 * it is joined), on the caller's thread: they were allocated there, and
 * glibc's free from another thread takes the allocating arena's lock each
 * time, which the caller then waits for (+7% on a 1,000-article build). */
static void free_done_trees(struct bd_web *w, size_t upto)
{
	for (; w->freed < upto; w->freed++) {
		bd_node_free(w->jobs[w->freed].tree);
		w->jobs[w->freed].tree = NULL;
	}
}

/* Lets the thread end (at once when stop). */
static void join_thread(struct bd_web *w, bool stop)
{
	if (w->worker.running) {
		pthread_mutex_lock(&w->worker.lock);
		w->stop = stop;
		pthread_cond_signal(&w->worker.wake_thread);
		pthread_mutex_unlock(&w->worker.lock);
		bd_worker_join(&w->worker);
	}
}

void bd_web_free(struct bd_web *w)
{
	if (!w)
		return;
	join_thread(w, true);
	bd_diag_move(w->caller, &w->own);
	free_done_trees(w, w->njobs);
	free(w->jobs);
	if (w->index_f)
		fclose(w->index_f);
	if (w->dir)
		remove_private(w);
	for (size_t i = 0; i < w->ndone; i++)
		free(w->done[i].name);
	free(w->done);
	free(w->dir);
	free(w->display);
	free(w->index.s);
	EVP_MD_CTX_free(w->index_md);
	bd_web_links_free(w->links);
	bd_diag_fini(&w->own);
	free(w);
}

static void add_done(struct bd_web *w, const char *name, const char *hex)
{
	bd_grow(&w->done, &w->capdone, w->ndone + 1, sizeof(*w->done));
	w->done[w->ndone].name = bd_strdup(name);
	memcpy(w->done[w->ndone].hex, hex, 65);
	w->ndone++;
}

/* Writes b as the edition's file name, and frees b's text. */
static void add_page(struct bd_web *w, const char *name, struct buf *b)
{
	char *path = bd_asprintf("%s/%s", w->dir, name), hex[65];

	if (!w->failed && write_file(path, b->s ? b->s : "", b->len, &w->own)) {
		hex_of(b->s ? b->s : "", b->len, hex);
		add_done(w, name, hex);
	} else {
		w->failed = true;
	}
	free(path);
	free(b->s);
	memset(b, 0, sizeof(*b));
}

/* Writes out the search index's text so far (all of it when last). */
static void flush_index(struct bd_web *w, bool last)
{
	if (!last && w->index.len < 65536)
		return;
	if (!w->failed && (fwrite(w->index.s, 1, w->index.len, w->index_f) != w->index.len ||
			   EVP_DigestUpdate(w->index_md, w->index.s, w->index.len) != 1)) {
		bd_diag_report(&w->own, BD_R_IO, INDEX_NAME, 0, 0, "cannot write: %s", strerror(errno));
		w->failed = true;
	}
	w->index.len = 0;
}

/* "text/ID.html"; a new string. */
static char *article_page(const struct bd_article *art)
{
	return join3("text/", art->id, ".html");
}

/* The head, skip link, banner with the book's navigation, and <main>.
 * root leads from the page to the edition's folder ("" or "../"). */
static void page_begin(struct bd_web *w, struct buf *b, const char *page, const char *title, const char *root,
		       bool search)
{
	const struct bd_book *book = w->book;
	char *s;

	b->links = w->links;
	b->page = page;
	/* Room for a typical page at once, not a dozen doublings and copies. */
	bd_grow(&b->s, &b->cap, 16384, 1);
	put(b, "<!DOCTYPE html>\n");
	tag(b, "html", "lang", book->lang, END_ATTRS);
	put(b, "\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	s = strcmp(title, book->title) == 0 ? bd_strdup(title) : bd_asprintf("%s \u00b7 %s", title, book->title);
	element(b, "title", NULL, s);
	free(s);
	put(b, "\n");
#define ROOTED(name) (s = join3(root, name, ""))
	tag(b, "link", "rel", "stylesheet", "href", ROOTED("web.css"), END_ATTRS);
	free(s);
	put(b, "\n");
	if (search) {
		tag(b, "script", "src", ROOTED("search-index.js"), "defer", "", END_ATTRS);
		free(s);
		put(b, "</script>\n");
	}
	tag(b, "script", "src", ROOTED("bindery.js"), "defer", "", END_ATTRS);
	free(s);
	put(b, "</script>\n</head>\n<body>\n");
	tag(b, "a", "class", "skip", "href", "#main", END_ATTRS);
	esc(b, S("web.skip"));
	put(b, "</a>\n<header class=\"bar\">\n<p class=\"book-title\">");
	tag(b, "a", "href", ROOTED(BD_WEB_START), END_ATTRS);
	free(s);
	esc(b, book->title);
	put(b, "</a></p>\n");
	tag(b, "nav", "aria-label", S("web.book-nav"), END_ATTRS);
	put(b, "<ul>\n<li>");
	tag(b, "a", "href", ROOTED("contents.html"), END_ATTRS);
	free(s);
	esc(b, S("nav.contents"));
	put(b, "</a></li>\n<li>");
	tag(b, "a", "href", ROOTED("glossary.html"), END_ATTRS);
	free(s);
	esc(b, S("nav.glossary"));
	put(b, "</a></li>\n<li>");
	tag(b, "a", "href", ROOTED("search.html"), END_ATTRS);
	free(s);
	esc(b, S("web.search"));
	put(b, "</a></li>\n");
	if (w->urgent) {
		char *urgent = article_page(w->urgent);
		put(b, "<li>");
		tag(b, "a", "class", "urgent", "href", ROOTED(urgent), END_ATTRS);
		free(s);
		esc(b, S("web.urgent-help"));
		put(b, "</a></li>\n");
		free(urgent);
	}
#undef ROOTED
	put(b, "</ul>\n</nav>\n");
	/* Shown by bindery.js: without it the buttons would do nothing. */
	tag(b, "div", "class", "settings", "id", "bd-settings", "role", "group", "aria-label", S("web.settings"), "hidden", "",
	    END_ATTRS);
	element(b, "span", NULL, S("web.text-size"));
	tag(b, "button", "type", "button", "data-step", "-1", END_ATTRS);
	esc(b, S("web.smaller"));
	put(b, "</button>");
	tag(b, "button", "type", "button", "data-step", "1", END_ATTRS);
	esc(b, S("web.larger"));
	put(b, "</button>");
	tag(b, "button", "type", "button", "id", "bd-dark", "aria-pressed", "false", END_ATTRS);
	esc(b, S("web.dark"));
	put(b, "</button></div>\n</header>\n");
	tag(b, "main", "id", "main", "tabindex", "-1", END_ATTRS);
	put(b, "\n");
}

/* Closes <main>, adds the previous and next pages (may be NULL) and the footer. */
static void page_end(struct bd_web *w, struct buf *b, const char *root, const char *prev_href, const char *prev,
		     const char *next_href, const char *next)
{
	put(b, "</main>\n");
	if (prev || next) {
		tag(b, "nav", "class", "pager", "aria-label", S("web.pages-nav"), END_ATTRS);
		put(b, "<ul>\n");
		for (int k = 0; k < 2; k++) {
			const char *href = k ? next_href : prev_href, *text = k ? next : prev;
			char *full;
			if (!text)
				continue;
			full = join3(root, href, "");
			put(b, "<li>");
			esc(b, S(k ? "web.next" : "web.previous"));
			put(b, " ");
			tag(b, "a", "href", full, "rel", k ? "next" : "prev", END_ATTRS);
			esc(b, text);
			put(b, "</a></li>\n");
			free(full);
		}
		put(b, "</ul>\n</nav>\n");
	}
	put(b, "<footer>\n");
	element(b, "p", NULL, w->book->rights ? w->book->rights : w->book->title);
	put(b, "\n</footer>\n</body>\n</html>\n");
}

/* ---- article content ----------------------------------------------------- */

struct render {
	struct bd_web *w;
	struct buf *b;
	const struct bd_article *art;  /* NULL outside articles */
	const char *root;
	unsigned callouts;
};

static void write_inline(struct render *r, const struct bd_node *node);

static void write_term(struct render *r, const struct bd_node *n)
{
	char *anchor = bd_gloss_anchor(n->ref);
	char *href = join3(r->root, "glossary.html#", anchor);
	char *id = r->art && n->depth == 1 ? join3("use_", n->ref, "") : NULL;
	bool known = bd_book_gloss(r->w->book, n->ref) != NULL;

	if (!known) {
		/* Reported in the first pass; the words only. */
		write_inline(r, n);
	} else {
		tag(r->b, "a", "id", id, "href", href, "class", "glossref", "role", "doc-glossref", "data-term", n->ref,
		    "aria-haspopup", r->art ? "dialog" : NULL, END_ATTRS);
		write_inline(r, n);
		end(r->b, "a");
	}
	free(id);
	free(href);
	free(anchor);
}

static void write_xref(struct render *r, const struct bd_node *n)
{
	const struct bd_article *target = bd_book_anchor(r->w->book, n->ref);
	const char *hash = strchr(n->ref, '#');
	char *href;

	if (!target) {
		write_inline(r, n);
		return;
	}
	if (r->art && target == r->art) {
		href = bd_strdup(hash ? hash : "#top_");
	} else {
		char *page = article_page(target);
		href = join3(r->root, page, hash ? hash : "");
		free(page);
	}
	tag(r->b, "a", "href", href, END_ATTRS);
	if (n->first) {
		write_inline(r, n);
	} else {
		esc(r->b, bd_xhtml_xref_label(target, hash));
	}
	end(r->b, "a");
	free(href);
}

static void write_inline(struct render *r, const struct bd_node *node)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		switch (n->type) {
		case BD_N_TEXT:
			esc(r->b, n->text);
			break;
		case BD_N_EMPH:
		case BD_N_STRONG:
			put(r->b, n->type == BD_N_EMPH ? "<em>" : "<strong>");
			write_inline(r, n);
			put(r->b, n->type == BD_N_EMPH ? "</em>" : "</strong>");
			break;
		case BD_N_TERM:
			write_term(r, n);
			break;
		case BD_N_XREF:
			write_xref(r, n);
			break;
		case BD_N_LINK:
			tag(r->b, "a", "href", n->ref, "class", "external", END_ATTRS);
			write_inline(r, n);
			end(r->b, "a");
			break;
		default:
			break;
		}
	}
}

static void inline_element(struct render *r, const char *name, const struct bd_node *n)
{
	tag(r->b, name, END_ATTRS);
	write_inline(r, n);
	end(r->b, name);
	put(r->b, "\n");
}

static void write_block(struct render *r, const struct bd_node *n);

static void write_figure(struct render *r, const struct bd_node *fig)
{
	const struct bd_node *alt = bd_node_child(fig, BD_N_ALT);
	const struct bd_node *caption = bd_node_child(fig, BD_N_CAPTION);
	const struct bd_node *desc = bd_node_child(fig, BD_N_DESCRIPTION);
	char *img = bd_image_href(fig->ref);
	char *src = join3(r->root, img, "");
	char *desc_id = join3("desc_", fig->id, "");

	tag(r->b, "figure", "id", fig->id, END_ATTRS);
	tag(r->b, "img", "src", src, "alt", alt && alt->text ? alt->text : "", "aria-details", desc ? desc_id : NULL,
	    END_ATTRS);
	if (caption)
		inline_element(r, "figcaption", caption);
	put(r->b, "</figure>\n");
	if (desc) {
		tag(r->b, "details", "id", desc_id, "class", "long-description", END_ATTRS);
		element(r->b, "summary", NULL, RS("article.picture-description"));
		for (const struct bd_node *c = desc->first; c; c = c->next)
			write_block(r, c);
		put(r->b, "</details>\n");
	}
	free(desc_id);
	free(src);
	free(img);
}

static void write_table(struct render *r, const struct bd_node *table)
{
	tag(r->b, "table", "id", table->id, END_ATTRS);
	for (const struct bd_node *c = table->first; c; c = c->next) {
		if (c->type == BD_N_CAPTION) {
			inline_element(r, "caption", c);
		} else if (c->type == BD_N_THEAD || c->type == BD_N_TBODY) {
			bool head = c->type == BD_N_THEAD;
			put(r->b, head ? "<thead>\n" : "<tbody>\n");
			for (const struct bd_node *tr = c->first; tr; tr = tr->next) {
				put(r->b, "<tr>");
				for (const struct bd_node *cell = tr->first; cell; cell = cell->next) {
					bool th = cell->type == BD_N_TH;
					tag(r->b, th ? "th" : "td", "scope", th ? (head ? "col" : "row") : NULL, END_ATTRS);
					write_inline(r, cell);
					end(r->b, th ? "th" : "td");
				}
				put(r->b, "</tr>\n");
			}
			put(r->b, head ? "</thead>\n" : "</tbody>\n");
		}
	}
	put(r->b, "</table>\n");
}

static void write_callout(struct render *r, const struct bd_node *callout)
{
	const char *kind = callout->ref ? callout->ref : "note";
	const struct bd_node *title = bd_node_child(callout, BD_N_TITLE);
	bool urgent = strcmp(kind, "urgent") == 0;
	char *class_name = bd_asprintf("callout callout-%s", kind);
	char *title_id = bd_asprintf("callout_%u", ++r->callouts);
	char *label = NULL;
	const char *name = urgent ? "section" : "aside";

	if (title) {
		/* As in the EPUB: the section's heading first keeps labels unique. */
		const struct bd_node *sec = callout->parent;
		label = sec && sec->type == BD_N_SECTION ? bd_asprintf("h_%s %s", sec->id, title_id) : bd_strdup(title_id);
	}
	tag(r->b, name, "class", class_name, "role", bd_callout_role(kind), "aria-labelledby", label,
	    "aria-label", !title && urgent ? RS("article.urgent") : NULL, END_ATTRS);
	put(r->b, "\n");
	if (title) {
		tag(r->b, "p", "id", title_id, "class", "callout-title", END_ATTRS);
		put(r->b, "<strong>");
		write_inline(r, title);
		put(r->b, "</strong></p>\n");
	}
	for (const struct bd_node *c = callout->first; c; c = c->next)
		if (c->type != BD_N_TITLE)
			write_block(r, c);
	end(r->b, name);
	put(r->b, "\n");
	free(label);
	free(title_id);
	free(class_name);
}

static void write_section(struct render *r, const struct bd_node *section)
{
	static const char *const headings[] = { "h2", "h3", "h4" };
	const struct bd_node *title = bd_node_child(section, BD_N_TITLE);
	int level = section->depth >= 1 && section->depth <= 3 ? section->depth : 3;
	char *heading_id = join3("h_", section->id, "");

	tag(r->b, "section", "id", section->id, "aria-labelledby", heading_id, END_ATTRS);
	put(r->b, "\n");
	tag(r->b, headings[level - 1], "id", heading_id, END_ATTRS);
	if (title)
		write_inline(r, title);
	end(r->b, headings[level - 1]);
	put(r->b, "\n");
	for (const struct bd_node *c = section->first; c; c = c->next)
		if (c->type != BD_N_TITLE)
			write_block(r, c);
	put(r->b, "</section>\n");
	free(heading_id);
}

static void write_block(struct render *r, const struct bd_node *n)
{
	switch (n->type) {
	case BD_N_P:
		inline_element(r, "p", n);
		break;
	case BD_N_UL:
	case BD_N_OL:
		put(r->b, n->type == BD_N_UL ? "<ul>\n" : "<ol>\n");
		for (const struct bd_node *li = n->first; li; li = li->next)
			inline_element(r, "li", li);
		put(r->b, n->type == BD_N_UL ? "</ul>\n" : "</ol>\n");
		break;
	case BD_N_FIGURE:
		write_figure(r, n);
		break;
	case BD_N_TABLE:
		write_table(r, n);
		break;
	case BD_N_CALLOUT:
		write_callout(r, n);
		break;
	case BD_N_SECTION:
		write_section(r, n);
		break;
	default:
		break;
	}
}

/* The words the article uses, after its text: what the pop-ups show, and
 * for a reader without JavaScript a list to read on the page. */
static void write_term_notes(struct render *r, const struct bd_node *tree)
{
	const struct bd_node **uses = NULL;
	size_t len = 0, cap = 0;

	bd_xhtml_first_uses(r->w->book, tree, &uses, &len, &cap);
	if (len == 0)
		return;
	put(r->b, "<section class=\"term-notes\" aria-labelledby=\"notes_\">\n");
	tag(r->b, "h2", "id", "notes_", END_ATTRS);
	esc(r->b, RS("article.notes-heading"));
	put(r->b, "</h2>\n");
	element(r->b, "p", NULL, RS("web.notes-hint"));
	put(r->b, "\n");
	for (size_t i = 0; i < len; i++) {
		const struct bd_gloss_entry *e = bd_book_gloss(r->w->book, uses[i]->ref);
		char *id = join3("note_", e->id, "");
		char *anchor = bd_gloss_anchor(e->id);
		char *entry_href = join3(r->root, "glossary.html#", anchor);
		char *back_href = join3("#use_", e->id, "");
		char *entry_text = bd_l10n_format(r->w->cat, "article.note-to-glossary", "term", e->term, NULL);
		char *back_text = bd_l10n_format(r->w->cat, "article.note-back", "term", e->term, NULL);

		tag(r->b, "aside", "id", id, "class", "term-note", "role", "doc-footnote", END_ATTRS);
		put(r->b, "<p>");
		element(r->b, "dfn", NULL, e->term);
		put(r->b, ": ");
		if (e->definition)
			write_inline(r, e->definition);
		put(r->b, "</p>\n<p class=\"term-note-links\">");
		tag(r->b, "a", "href", entry_href, END_ATTRS);
		esc(r->b, entry_text);
		put(r->b, "</a> | ");
		tag(r->b, "a", "href", back_href, "role", "doc-backlink", END_ATTRS);
		esc(r->b, back_text);
		put(r->b, "</a></p>\n</aside>\n");
		free(back_text);
		free(entry_text);
		free(back_href);
		free(entry_href);
		free(anchor);
		free(id);
	}
	put(r->b, "</section>\n");
	/* The pop-up, copied by bindery.js; inert until then. */
	put(r->b, "<template id=\"bd-popup\"><dialog class=\"popup\" aria-labelledby=\"bd-popup-title\">");
	tag(r->b, "h2", "id", "bd-popup-title", END_ATTRS);
	esc(r->b, RS("nav.glossary"));
	put(r->b, "</h2><div class=\"bd-popup-body\"></div><p class=\"popup-actions\">");
	tag(r->b, "a", "class", "bd-more", "href", "#main", END_ATTRS);
	esc(r->b, RS("web.more"));
	put(r->b, "</a>");
	tag(r->b, "button", "type", "button", "class", "bd-close", END_ATTRS);
	esc(r->b, RS("web.close"));
	put(r->b, "</button></p></dialog></template>\n");
	free(uses);
}

/* ---- the search index ---------------------------------------------------- */

/* The words below n, escaped for a JavaScript string, with a space between
 * blocks, rows and cells (which bd_node_text runs together: it is meant for
 * inline text); start is where the string began in t. */
static void words(struct buf *t, const struct bd_node *n, size_t start)
{
	static const char space[] = " \n\t\r";

	for (const char *s = n->text; s && *s;) {
		size_t blank = strspn(s, space), run, from = 0;
		if (blank) {
			if (t->len > start && t->s[t->len - 1] != ' ')
				putn(t, " ", 1);
			s += blank;
		}
		run = strcspn(s, space);
		/* Straight into a JavaScript string: only " and \ need escaping,
		 * white space is folded and XML allows no other control character. */
		for (size_t k = 0; k < run; k++) {
			if (s[k] != '"' && s[k] != '\\')
				continue;
			putn(t, s + from, k - from);
			putn(t, s[k] == '"' ? "\\\"" : "\\\\", 2);
			from = k + 1;
		}
		putn(t, s + from, run - from);
		s += run;
	}
	for (const struct bd_node *c = n->first; c; c = c->next) {
		bool inline_node = c->type == BD_N_TEXT || c->type == BD_N_EMPH || c->type == BD_N_STRONG ||
				   c->type == BD_N_TERM || c->type == BD_N_XREF || c->type == BD_N_LINK ||
				   c->type == BD_N_CONTACT;
		words(t, c, start);
		if (!inline_node && t->len > start && t->s[t->len - 1] != ' ')
			putn(t, " ", 1);
	}
}

/* The text of first and its siblings up to the sections, for one index entry. */
static void block_text(struct buf *t, const struct bd_node *first)
{
	size_t start = t->len;

	for (const struct bd_node *n = first; n; n = n->next) {
		if (n->type == BD_N_SECTION || n->type == BD_N_TITLE)
			continue;
		words(t, n, start);
		if (t->len > start && t->s[t->len - 1] != ' ')
			put(t, " ");
	}
	while (t->len > start && t->s[t->len - 1] == ' ')
		t->s[--t->len] = '\0';
}

static void index_entry(struct bd_web *w, const char *href, const char *article, const char *heading,
			const struct bd_node *first)
{
	put(&w->index, "[");
	js_string(&w->index, href);
	put(&w->index, ",");
	js_string(&w->index, article);
	put(&w->index, ",");
	js_string(&w->index, heading);
	put(&w->index, ",\"");
	block_text(&w->index, first);
	put(&w->index, "\"],\n");
}

static void index_sections(struct bd_web *w, const struct bd_article *art, const char *page, const struct bd_node *n)
{
	for (const struct bd_node *c = n->first; c; c = c->next) {
		if (c->type != BD_N_SECTION)
			continue;
		const struct bd_node *title = bd_node_child(c, BD_N_TITLE);
		char *heading = title ? bd_node_text(title) : bd_strdup("");
		char *href = join3(page, "#", c->id);
		index_entry(w, href, art->title, heading, c->first);
		free(href);
		free(heading);
		index_sections(w, art, page, c);
	}
}

/* ---- pages ---------------------------------------------------------------- */

static void render_article(struct bd_web *w, size_t i, const struct bd_node *tree)
{
	const struct bd_book *book = w->book;
	const struct bd_article *art = &book->articles[i];
	const struct bd_node *summary = bd_node_child(tree, BD_N_SUMMARY);
	struct buf b = { 0 };
	struct render r = { .w = w, .b = &b, .art = art, .root = "../" };
	char *page = article_page(art), *prev = NULL, *next = NULL;

	page_begin(w, &b, page, art->title, "../", false);
	tag(&b, "section", "id", "top_", "class", bd_article_epub_type(art->type), "role", bd_article_role(art->type),
	    "aria-labelledby", "title_", END_ATTRS);
	put(&b, "\n");
	tag(&b, "h1", "id", "title_", END_ATTRS);
	esc(&b, art->title);
	put(&b, "</h1>\n");
	if (summary) {
		tag(&b, "section", "class", "summary", "role", "doc-abstract", "aria-label", S("article.summary"), END_ATTRS);
		inline_element(&r, "p", summary);
		put(&b, "</section>\n");
	}
	if (art->updated) {
		char *human = bd_l10n_date(w->book->lang, art->updated), *before = NULL, *after = NULL;

		bd_l10n_split(w->cat, "article.updated", "date", &before, &after, NULL);
		put(&b, "<p class=\"updated\">");
		esc(&b, before);
		tag(&b, "time", "datetime", art->updated, END_ATTRS);
		esc(&b, human);
		put(&b, "</time>");
		esc(&b, after);
		put(&b, "</p>\n");
		free(after);
		free(before);
		free(human);
	}
	for (const struct bd_node *c = tree->first; c; c = c->next)
		if (c->type != BD_N_TITLE && c->type != BD_N_SUMMARY)
			write_block(&r, c);
	write_term_notes(&r, tree);
	put(&b, "</section>\n");
	if (i > 0)
		prev = article_page(&book->articles[i - 1]);
	if (i + 1 < book->narticles)
		next = article_page(&book->articles[i + 1]);
	page_end(w, &b, "../", prev, prev ? book->articles[i - 1].title : NULL, next,
		 next ? book->articles[i + 1].title : NULL);
	add_page(w, page, &b);

	/* The summary and the text before the first section, then each section. */
	index_entry(w, page, art->title, art->title, tree->first);
	index_sections(w, art, page, tree);
	flush_index(w, false);
	free(next);
	free(prev);
	free(page);
}

static void write_cover(struct bd_web *w)
{
	const struct bd_book *book = w->book;
	struct buf b = { 0 };
	char *first = book->narticles ? article_page(&book->articles[0]) : NULL;

	page_begin(w, &b, BD_WEB_START, book->title, "", false);
	element(&b, "h1", NULL, book->title);
	put(&b, "\n");
	if (book->subtitle) {
		element(&b, "p", "subtitle", book->subtitle);
		put(&b, "\n");
	}
	if (book->cover_src) {
		char *img = bd_image_href(book->cover_src);
		tag(&b, "img", "class", "cover", "src", img, "alt", book->cover_alt ? book->cover_alt : "", END_ATTRS);
		put(&b, "\n");
		free(img);
	}
	if (book->ncreators) {
		char *by = bd_records_byline(w->cat, book->lang, book->creators, book->ncreators);
		element(&b, "p", NULL, by);
		put(&b, "\n");
		free(by);
	}
	if (book->edition || book->publisher) {
		char *s = bd_asprintf("%s%s%s", book->publisher ? book->publisher : "",
				      book->publisher && book->edition ? ". " : "", book->edition ? book->edition : "");
		element(&b, "p", NULL, s);
		put(&b, "\n");
		free(s);
	}
	put(&b, "<ul>\n");
	if (first) {
		put(&b, "<li>");
		tag(&b, "a", "href", first, END_ATTRS);
		esc(&b, S("nav.start-reading"));
		put(&b, "</a></li>\n");
	}
	put(&b, "<li>");
	tag(&b, "a", "href", "contents.html", END_ATTRS);
	esc(&b, S("nav.contents"));
	put(&b, "</a></li>\n</ul>\n");
	if (book->description) {
		element(&b, "p", NULL, book->description);
		put(&b, "\n");
	}
	page_end(w, &b, "", NULL, NULL, first, first ? book->articles[0].title : NULL);
	add_page(w, BD_WEB_START, &b);
	free(first);
}

static void contents_article(struct buf *b, const struct bd_article *art)
{
	char *page = article_page(art);

	put(b, "<li>");
	tag(b, "a", "href", page, END_ATTRS);
	esc(b, art->title);
	put(b, "</a>");
	if (art->nheadings) {
		bool open = false;
		for (size_t k = 0; k < art->nheadings; k++) {
			char *href;
			if (art->headings[k].level != 1)
				continue;
			if (!open)
				put(b, "\n<ol>\n");
			open = true;
			href = join3(page, "#", art->headings[k].id);
			put(b, "<li>");
			tag(b, "a", "href", href, END_ATTRS);
			esc(b, art->headings[k].title);
			put(b, "</a></li>\n");
			free(href);
		}
		if (open)
			put(b, "</ol>\n");
	}
	put(b, "</li>\n");
	free(page);
}

static void write_contents(struct bd_web *w)
{
	const struct bd_book *book = w->book;
	struct buf b = { 0 };
	size_t i = 0;

	page_begin(w, &b, "contents.html", S("nav.contents"), "", false);
	put(&b, "<nav class=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">");
	esc(&b, S("nav.contents"));
	put(&b, "</h1>\n<ol>\n");
	while (i < book->narticles) {
		const struct bd_article *art = &book->articles[i];
		if (art->matter == BD_BODY) {
			const struct bd_part *part = &book->parts[art->part];
			put(&b, "<li>");
			element(&b, "span", "part", part->title);
			put(&b, "\n<ol>\n");
			for (size_t k = 0; k < part->count; k++)
				contents_article(&b, &book->articles[part->first + k]);
			put(&b, "</ol>\n</li>\n");
			i = part->first + (part->count ? part->count : 1);
		} else {
			contents_article(&b, art);
			i++;
		}
	}
	put(&b, "<li>");
	tag(&b, "a", "href", "glossary.html", END_ATTRS);
	esc(&b, S("nav.glossary"));
	put(&b, "</a></li>\n</ol>\n</nav>\n");
	page_end(w, &b, "", NULL, NULL, NULL, NULL);
	add_page(w, "contents.html", &b);
}

/* "See also: A, B and C", each a link, joined as the book's language joins a list. */
static void see_also(struct bd_web *w, struct buf *b, const struct bd_gloss_entry *e)
{
	const struct bd_gloss_entry **see = bd_malloc(e->nsee * sizeof(*see));
	char *before = NULL, *after = NULL, **glue;
	size_t n = 0;

	for (size_t k = 0; k < e->nsee; k++)
		if ((see[n] = bd_book_gloss(w->book, e->see[k])) != NULL)
			n++;
	glue = bd_l10n_list_glue(w->book->lang, n);
	bd_l10n_split(w->cat, "glossary.see-also", "terms", &before, &after, NULL);
	put(b, "<p>");
	esc(b, before);
	esc(b, glue[0]);
	for (size_t k = 0; k < n; k++) {
		char *anchor = bd_gloss_anchor(see[k]->id), *href = join3("#", anchor, "");

		tag(b, "a", "href", href, END_ATTRS);
		esc(b, see[k]->term);
		put(b, "</a>");
		esc(b, glue[k + 1]);
		free(href);
		free(anchor);
	}
	esc(b, after);
	put(b, "</p>");
	bd_l10n_glue_free(glue, n);
	free(after);
	free(before);
	free(see);
}

static void write_glossary(struct bd_web *w)
{
	const struct bd_book *book = w->book;
	struct buf b = { 0 };
	struct render r = { .w = w, .b = &b, .root = "" };

	page_begin(w, &b, "glossary.html", S("nav.glossary"), "", false);
	put(&b, "<section class=\"glossary\" role=\"doc-glossary\" aria-labelledby=\"glossary-title\">\n"
		"<h1 id=\"glossary-title\">");
	esc(&b, S("nav.glossary"));
	put(&b, "</h1>\n<dl>\n");
	for (size_t i = 0; i < book->nglossary; i++) {
		const struct bd_gloss_entry *e = &book->glossary[i];
		char *anchor = bd_gloss_anchor(e->id);
		tag(&b, "dt", "id", anchor, END_ATTRS);
		element(&b, "dfn", NULL, e->term);
		put(&b, "</dt>\n<dd>");
		if (e->definition)
			inline_element(&r, "p", e->definition);
		if (e->nsee)
			see_also(w, &b, e);
		put(&b, "</dd>\n");
		free(anchor);
	}
	put(&b, "</dl>\n</section>\n");
	page_end(w, &b, "", NULL, NULL, NULL, NULL);
	add_page(w, "glossary.html", &b);
}

static void write_search(struct bd_web *w)
{
	struct buf b = { 0 };

	page_begin(w, &b, "search.html", S("web.search"), "", true);
	element(&b, "h1", NULL, S("web.search"));
	put(&b, "\n<form id=\"bd-search\" class=\"search-form\" role=\"search\" action=\"search.html\" method=\"get\">\n"
		"<label for=\"q\">");
	esc(&b, S("web.search-label"));
	put(&b, "</label>\n<input type=\"search\" id=\"q\" name=\"q\">\n<button type=\"submit\">");
	esc(&b, S("web.search"));
	put(&b, "</button>\n</form>\n<noscript>");
	element(&b, "p", NULL, S("web.search-nojs"));
	put(&b, "</noscript>\n");
	tag(&b, "p", "id", "bd-status", "role", "status", "data-one", S("web.results-one"), "data-some", S("web.results-some"),
	    "data-none", S("web.results-none"),
	    END_ATTRS);
	put(&b, "</p>\n<ol id=\"bd-results\"></ol>\n");
	page_end(w, &b, "", NULL, NULL, NULL, NULL);
	add_page(w, "search.html", &b);
}

static void write_manifest(struct bd_web *w)
{
	const struct bd_book *book = w->book;
	struct buf b = { 0 };

	put(&b, "{\n  \"name\": ");
	js_string(&b, book->title);
	put(&b, ",\n  \"short_name\": ");
	js_string(&b, book->title);
	put(&b, ",\n  \"lang\": ");
	js_string(&b, book->lang);
	put(&b, ",\n  \"start_url\": \"" BD_WEB_START "\",\n  \"scope\": \"./\",\n  \"display\": \"standalone\",\n"
		"  \"background_color\": \"#ffffff\",\n  \"theme_color\": \"#f2f4f7\"\n}\n");
	add_page(w, "manifest.webmanifest", &b);
}

static void add_asset(struct bd_web *w, const char *name, const char *text, size_t len)
{
	struct buf b = { 0 };

	putn(&b, text, len);
	add_page(w, name, &b);
}

/* ---- staging --------------------------------------------------------------- */

/* Files and folders of the edition are readable by all, whatever the
 * umask: a web server runs as another user. */
static bool write_file(const char *path, const char *text, size_t len, struct bd_diag *diag)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && fchmod(fd, 0644) == 0;

	while (ok && len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;
		ok = n > 0;
		text += ok ? n : 0;
		len -= ok ? (size_t)n : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok)
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write: %s", strerror(errno));
	return ok;
}

static bool make_dir(const char *path, struct bd_diag *diag)
{
	if ((mkdir(path, 0755) == 0 || errno == EEXIST) && chmod(path, 0755) == 0)
		return true;
	bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot create folder: %s", strerror(errno));
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct staged *)a)->name, ((const struct staged *)b)->name);
}

/* sw.js from its template: the cache is named after the SHA-256 of every
 * other file's name and content, so any change to the book renames it.
 * Returns its text; *version receives the name's hash part. */
static char *worker_text(const struct bd_web *w, struct staged *files, size_t n, size_t *len)
{
	struct buf list = { 0 }, sw = { 0 }, all = { 0 };
	const char *t = bd_web_sw_js;
	char version[65];

	qsort(files, n, sizeof(*files), by_name);
	put(&list, "[");
	for (size_t i = 0; i < n; i++) {
		putn(&all, files[i].name, strlen(files[i].name) + 1);
		putn(&all, files[i].hex, 64);
		put(&list, i ? ",\n  " : "\n  ");
		js_string(&list, files[i].name);
	}
	put(&list, "\n]");
	hex_of(all.s ? all.s : "", all.len, version);
	version[16] = '\0';
	/* Fill in @SLUG@, @VERSION@ and @FILES@. */
	while (*t) {
		const char *at = strchr(t, '@');
		if (!at) {
			put(&sw, t);
			break;
		}
		putn(&sw, t, (size_t)(at - t));
		if (strncmp(at, "@SLUG@", 6) == 0)
			put(&sw, w->book->slug), t = at + 6;
		else if (strncmp(at, "@VERSION@", 9) == 0)
			put(&sw, version), t = at + 9;
		else if (strncmp(at, "@FILES@", 7) == 0)
			put(&sw, list.s), t = at + 7;
		else
			putn(&sw, at, 1), t = at + 1;
	}
	free(list.s);
	free(all.s);
	*len = sw.len;
	return sw.s;
}

/* The pages that list the articles, the assets, the search index and the
 * service worker; then the check.  Sets w->failed after errors. */
static void finish_edition(struct bd_web *w)
{
	const struct bd_book *book = w->book;
	struct bd_strlist names = { 0 };
	bool ok;

	w->finished = true;
	write_cover(w);
	write_contents(w);
	write_glossary(w);
	write_search(w);
	write_manifest(w);
	add_asset(w, "bindery.js", bd_web_bindery_js, bd_web_bindery_js_len);
	add_asset(w, "web.css", bd_web_web_css, bd_web_web_css_len);
	/* The search index, closed and hashed. */
	put(&w->index, "];\n");
	flush_index(w, true);
	ok = !w->failed;
	if (ok) {
		unsigned char md[32];
		unsigned mdlen = 0;
		char hex[65];
		ok = fclose(w->index_f) == 0 && EVP_DigestFinal_ex(w->index_md, md, &mdlen) == 1;
		w->index_f = NULL;
		if (ok) {
			bd_sha256_hex(md, hex);
			add_done(w, INDEX_NAME, hex);
		} else {
			bd_diag_report(&w->own, BD_R_IO, INDEX_NAME, 0, 0, "cannot write: %s", strerror(errno));
		}
	}
	for (size_t i = 0; ok && i < book->nimages; i++) {
		char *href = bd_image_href(book->images[i].src);
		/* An edition's logo lives beside its edition file, not in the book. */
		char *from = book->images[i].file ? bd_strdup(book->images[i].file)
						  : bd_asprintf("%s/%s", book->dir, book->images[i].src);
		char *to = bd_asprintf("%s/%s", w->dir, href);
		char hex[65];
		ok = bd_copy_file(from, to, &w->own);
		if (ok && (chmod(to, 0644) != 0 || !bd_sha256_file(to, hex, NULL))) {
			bd_diag_report(&w->own, BD_R_IO, to, 0, 0, "cannot make it readable: %s", strerror(errno));
			ok = false;
		}
		if (ok)
			add_done(w, href, hex);
		free(to);
		free(from);
		free(href);
	}
	if (ok) {
		char hex[65], *path = bd_asprintf("%s/sw.js", w->dir);
		size_t swlen = 0;
		char *sw = worker_text(w, w->done, w->ndone, &swlen);
		ok = write_file(path, sw, swlen, &w->own);
		hex_of(sw, swlen, hex);
		if (ok)
			add_done(w, "sw.js", hex);
		free(sw);
		free(path);
	}
	for (size_t i = 0; ok && i < w->ndone; i++)
		bd_strlist_add(&names, w->done[i].name);
	if (ok) {
		char *shown = bd_asprintf("%s/%s", w->display, book->slug);
		ok = bd_web_check(w->dir, shown, &names, w->links, &w->own);
		free(shown);
	}
	/* Done with: freed here rather than on the caller's thread. */
	bd_web_links_free(w->links);
	w->links = NULL;
	bd_strlist_fini(&names);
	if (!ok)
		w->failed = true;
#ifdef __linux__
	/* Wait for the pages to reach the disk here, beside the EPUB's check,
	 * so the publisher's sync before its commit finds little left to do.
	 * That sync is the one that counts and reports errors: this is only
	 * earlier. */
	if (ok) {
		int fd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			(void)syncfs(fd);
			close(fd);
		}
	}
#endif
}

/* Renders job's article unless a write already failed. */
static void run_job(struct bd_web *w, const struct job *job)
{
	if (!w->failed)
		render_article(w, job->index, job->tree);
}

/* The edition's thread: every article in turn as the caller queues it,
 * then finish_edition; it returns early when the caller stops it. */
static void *edition_thread(void *arg)
{
	struct bd_web *w = arg;

#ifdef __linux__
	/* Background work.  On Linux a thread has a nice value of its own: the
	 * EPUB's threads come first, and this one takes what they leave, most
	 * of it while the EPUB's check leaves a core idle (A/B on 1,000
	 * articles, medians of 8: +15% at nice 10, +22% at 0). */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), EDITION_NICE);
#endif

	for (size_t k = 0; k < w->book->narticles; k++) {
		struct job job;

		pthread_mutex_lock(&w->worker.lock);
		while (w->taken == w->njobs && !w->stop)
			pthread_cond_wait(&w->worker.wake_thread, &w->worker.lock);
		if (w->stop) {
			pthread_mutex_unlock(&w->worker.lock);
			return NULL;
		}
		/* A copy: the caller may move the array while this one renders. */
		job = w->jobs[w->taken];
		pthread_mutex_unlock(&w->worker.lock);
		run_job(w, &job);
		pthread_mutex_lock(&w->worker.lock);
		w->taken++;
		w->queued -= job.cost;
		w->broken = w->failed;
		pthread_cond_signal(&w->worker.wake_caller);
		pthread_mutex_unlock(&w->worker.lock);
	}
	finish_edition(w);
	return NULL;
}

/* What a tree holds in memory, roughly: its nodes and their strings. */
static size_t tree_cost(const struct bd_node *root)
{
	size_t cost = 0;
	const struct bd_node *n = root;

	while (n) {
		cost += sizeof(*n) + 16;
		cost += n->text ? strlen(n->text) + 1 : 0;
		cost += n->id ? strlen(n->id) + 1 : 0;
		cost += n->ref ? strlen(n->ref) + 1 : 0;
		/* Down, else to the next sibling of the nearest node that has one. */
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	return cost;
}

bool bd_web_add_article(struct bd_web *w, size_t i, struct bd_node *tree)
{
	struct job job = { .index = i, .tree = tree };
	size_t done;
	bool ok;

	w->added++;
	if (!w->worker.running) {
		run_job(w, &job);
		bd_node_free(tree);
		return !w->failed;
	}
	job.cost = tree_cost(tree);
	pthread_mutex_lock(&w->worker.lock);
	while (w->queued > 0 && w->queued + job.cost > QUEUE_MAX && !w->broken)
		pthread_cond_wait(&w->worker.wake_caller, &w->worker.lock);
	ok = !w->broken;
	if (ok) {
		bd_grow(&w->jobs, &w->capjobs, w->njobs + 1, sizeof(*w->jobs));
		w->jobs[w->njobs++] = job;
		w->queued += job.cost;
		pthread_cond_signal(&w->worker.wake_thread);
	}
	done = w->taken;
	pthread_mutex_unlock(&w->worker.lock);
	if (!ok)
		bd_node_free(tree);
	free_done_trees(w, done);
	return ok;
}

bool bd_web_stage(struct bd_web *w, const char *stage, struct bd_publish *p, struct bd_strlist *files)
{
	const struct bd_book *book = w->book;
	char *dest = bd_asprintf("%s/%s", stage, book->slug);
	bool all = w->added == book->narticles, ok;

	/* With every article queued the thread ends by itself. */
	join_thread(w, !all);
	free_done_trees(w, w->njobs);
	if (!all) {
		bd_diag_report(w->caller, BD_R_INTERNAL, w->display, 0, 0,
			       "internal error: the web edition was staged before all its articles were rendered; "
			       "please report it");
		w->failed = true;
	}
	if (!w->failed && !w->finished)
		finish_edition(w);
	bd_diag_move(w->caller, &w->own);
	ok = !w->failed;
	/* Into the staging folder, in one step (the same file system). */
	if (ok && (chmod(w->dir, 0755) != 0 || rename(w->dir, dest) != 0)) {
		bd_diag_report(w->caller, BD_R_IO, dest, 0, 0, "cannot stage the web edition: %s", strerror(errno));
		ok = false;
	}
	if (ok) {
		free(w->dir);
		w->dir = NULL;
	}
	for (size_t i = 0; ok && i < w->ndone; i++) {
		char *name = bd_asprintf("%s/%s", book->slug, w->done[i].name);
		bd_strlist_add(files, name);
		if (p)
			bd_publish_hashed(p, name, w->done[i].hex);
		free(name);
	}
	free(dest);
	return ok;
}

char *bd_web_start_page(const struct bd_record_meta *m)
{
	char *name = bd_asprintf("%s/%s", m->slug, BD_WEB_START);

	if (bd_strlist_has(&m->files, name))
		return name;
	free(name);
	return NULL;
}

/* ---- the check ------------------------------------------------------------- */

struct ref {
	const char *page;       /* one of pages */
	char *url;
	unsigned line;
	bool load;
};

/* Fingerprints, not copies, of the ids and of the references seen: at
 * 10,000 articles the pages hold 320,000 ids, which as strings in a map
 * took some 40 MiB.  A fingerprint shared by chance (strmap.h: about once
 * in 10^13 lookups) would let one broken link of bindery's own through. */
struct bd_web_links {
	struct bd_fpset *ids;   /* "PAGE#ID" */
	struct bd_fpset *seen;  /* "FOLDER\1URL\1L": the references recorded in refs */
	struct ref *refs;       /* each distinct reference at its first place */
	size_t nrefs, caprefs;
	char **pages;           /* the pages refs name, each once: pages write their references in turn */
	size_t npages, cappages;
	struct buf key;         /* scratch: a key is made for every attribute written */
};

/* a[0..alen) sep b tail, in l->key. */
static const char *make_key(struct bd_web_links *l, const char *a, size_t alen, const char *sep, const char *b,
			    const char *tail)
{
	l->key.len = 0;
	putn(&l->key, a, alen);
	put(&l->key, sep);
	put(&l->key, b);
	put(&l->key, tail);
	return l->key.s;
}

struct bd_web_links *bd_web_links_new(void)
{
	struct bd_web_links *l = bd_calloc(1, sizeof(*l));

	l->ids = bd_fpset_new();
	l->seen = bd_fpset_new();
	return l;
}

void bd_web_links_free(struct bd_web_links *l)
{
	if (!l)
		return;
	bd_fpset_free(l->ids);
	bd_fpset_free(l->seen);
	for (size_t i = 0; i < l->nrefs; i++)
		free(l->refs[i].url);
	free(l->refs);
	for (size_t i = 0; i < l->npages; i++)
		free(l->pages[i]);
	free(l->pages);
	free(l->key.s);
	free(l);
}

void bd_web_links_id(struct bd_web_links *l, const char *page, const char *id)
{
	bd_fpset_add(l->ids, make_key(l, page, strlen(page), "#", id, ""));
}

void bd_web_links_ref(struct bd_web_links *l, const char *page, unsigned line, const char *url, bool load)
{
	/* A fragment belongs to its page; any other reference reads the same
	 * from every page of one folder. */
	const char *slash = strrchr(page, '/');
	size_t folder = *url == '#' || *url == '\0' ? strlen(page) : slash ? (size_t)(slash - page) : 0;
	const char *key = make_key(l, page, folder, "\1", url, load ? "\1L" : "\1N");
	struct ref *r;

	if (!bd_fpset_add(l->seen, key))
		return;
	if (!l->npages || strcmp(l->pages[l->npages - 1], page) != 0) {
		bd_grow(&l->pages, &l->cappages, l->npages + 1, sizeof(*l->pages));
		l->pages[l->npages++] = bd_strdup(page);
	}
	bd_grow(&l->refs, &l->caprefs, l->nrefs + 1, sizeof(*l->refs));
	r = &l->refs[l->nrefs++];
	r->page = l->pages[l->npages - 1];
	r->url = bd_strdup(url);
	r->line = line;
	r->load = load;
}

/* "dir/x.html" + "../y.html#z" -> "y.html"; NULL when it leaves the edition. */
static char *resolve(const char *from, const char *url)
{
	const char *slash = strrchr(from, '/');
	size_t dir = slash ? (size_t)(slash - from + 1) : 0, file = strcspn(url, "?#");
	char *path = bd_malloc(dir + file + 1);
	char *out = bd_calloc(1, dir + file + 1);
	size_t len = 0;

	memcpy(path, from, dir);
	memcpy(path + dir, url, file);
	path[dir + file] = '\0';
	/* Collapse "." and ".." segments. */
	for (char *seg = path, *next; seg; seg = next) {
		next = strchr(seg, '/');
		if (next)
			*next++ = '\0';
		if (strcmp(seg, ".") == 0 || *seg == '\0')
			continue;
		if (strcmp(seg, "..") == 0) {
			char *up;
			if (len == 0) {
				free(path);
				free(out);
				return NULL;
			}
			out[len] = '\0';
			up = strrchr(out, '/');
			len = up ? (size_t)(up - out) : 0;
			out[len] = '\0';
			continue;
		}
		if (len)
			out[len++] = '/';
		memcpy(out + len, seg, strlen(seg));
		len += strlen(seg);
		out[len] = '\0';
	}
	free(path);
	return out;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

struct judge {
	const struct bd_web_links *links;
	struct bd_map *files;
	const char *display, *css;   /* css: the style sheet being scanned */
	struct bd_diag *diag;
	bool ok;
	const struct ref **found;    /* the pages' references, sorted for messages in page and line order */
};

static int by_place(const void *a, const void *b)
{
	const struct ref *x = *(const struct ref *const *)a, *y = *(const struct ref *const *)b;
	int c = strcmp(x->page, y->page);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->url, y->url);
}

/* The message for a reference of page at line; j->ok turns false. */
static void refuse(struct judge *j, enum bd_rule rule, const char *page, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void refuse(struct judge *j, enum bd_rule rule, const char *page, unsigned line, const char *fmt, ...)
{
	char *shown = bd_asprintf("%s/%s", j->display, page);
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(j->diag, rule, shown, line, 0, fmt, ap);
	va_end(ap);
	free(shown);
	j->ok = false;
}

/* Judges url, written in page at line; j->ok turns false after a message. */
static void judge_ref(struct judge *j, const char *page, const char *url, unsigned line, bool load)
{
	char *target = NULL, *key = NULL;
	const char *hash = strchr(url, '#');

	switch (bd_cssrefs_where(url)) {
	case BD_CSSREFS_REMOTE:
		if (load)
			refuse(j, BD_R_WEB_REMOTE, page, line,
			       "'%s' would be loaded from the network; the web edition must read offline, so put "
			       "the file in the book folder and refer to it there", url);
		break;
	case BD_CSSREFS_DATA:
		break;
	case BD_CSSREFS_FRAGMENT:
	case BD_CSSREFS_LOCAL:
		target = *url == '#' || *url == '\0' ? bd_strdup(page) : resolve(page, url);
		if (!target || !bd_map_get(j->files, target)) {
			refuse(j, BD_R_WEB_LINK, page, line,
			       "'%s' leads to a file the web edition does not have; this is bindery's own mistake, "
			       "please report it", url);
		} else if (hash && hash[1] && ends_with(target, ".html")) {
			key = join3(target, hash, "");
			if (!bd_fpset_has(j->links->ids, key))
				refuse(j, BD_R_WEB_LINK, page, line,
				       "'%s' leads to an id that %s does not have; this is bindery's own mistake, "
				       "please report it", url, target);
		}
		break;
	}
	free(key);
	free(target);
}

static void on_css_ref(const struct bd_cssref *ref, void *data)
{
	struct judge *j = data;

	judge_ref(j, j->css, ref->url, ref->line, true);
}

bool bd_web_check(const char *dir, const char *display, const struct bd_strlist *files,
		  const struct bd_web_links *links, struct bd_diag *diag)
{
	struct judge j = { .links = links, .files = bd_map_new(), .display = display, .diag = diag, .ok = true };
	size_t n = links->nrefs;

	/* Every file is there. */
	for (size_t i = 0; i < files->len; i++) {
		char *path = bd_asprintf("%s/%s", dir, files->items[i]);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			char *shown = bd_asprintf("%s/%s", display, files->items[i]);
			bd_diag_report(diag, BD_R_WEB_LINK, shown, 0, 0, "is part of the web edition but missing; this is "
				       "bindery's own mistake, please report it");
			free(shown);
			j.ok = false;
		} else {
			bd_map_add(j.files, files->items[i], (void *)1);
		}
		free(path);
	}
	/* What the pages refer to, in page and line order. */
	j.found = bd_calloc(n + 1, sizeof(*j.found));
	for (size_t i = 0; i < n; i++)
		j.found[i] = &links->refs[i];
	if (n)
		qsort(j.found, n, sizeof(*j.found), by_place);
	for (size_t i = 0; i < n; i++)
		judge_ref(&j, j.found[i]->page, j.found[i]->url, j.found[i]->line, j.found[i]->load);
	/* What the style sheets load, read back. */
	for (size_t i = 0; i < files->len; i++) {
		char *path, *text = NULL;
		size_t len = 0;
		FILE *f;
		if (!ends_with(files->items[i], ".css"))
			continue;
		path = bd_asprintf("%s/%s", dir, files->items[i]);
		f = fopen(path, "rb");
		if (f && bd_infile_read_all(f, BD_XML_SOURCE_MAX, &text, &len) && len <= BD_XML_SOURCE_MAX) {
			j.css = files->items[i];
			bd_cssrefs_scan(text, len, on_css_ref, &j);
		}
		if (f)
			fclose(f);
		free(text);
		free(path);
	}
	free(j.found);
	bd_map_free(j.files);
	return j.ok;
}
