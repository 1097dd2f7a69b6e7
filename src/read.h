/* read.h - reading book/ into the model (book.c, article.c, glossary.c).
 *
 * bd_book_read is the first pass: it reads book.xml, the glossary and every
 * article once, checks each against its schema and against the others
 * (cross-references, glossary terms, images, the reading order), and keeps
 * only the index in struct bd_book.  bd_article_load is the second pass: it
 * reads one article again into a node tree for rendering. */
#ifndef BD_READ_H
#define BD_READ_H

#include "diag.h"
#include "infile.h"
#include "model.h"
#include "xml.h"

#include <stdbool.h>

/* Reads the book in dir (threads: false reads every article on the
 * caller's thread).  Returns 0 when the book is usable (no errors in
 * diag), 1 when the sources have errors (in diag), 3 when dir holds no
 * readable book.xml.  *out is set in both
 * cases (so callers may report more) and freed with bd_book_free. */
int bd_book_read(const char *dir, bool threads, struct bd_diag *diag, struct bd_book **out);

/* Reads the glossary named by book->glossary_href into book->glossary. */
void bd_glossary_read(struct bd_book *book, struct bd_diag *diag);

/* A cross-reference seen in the first pass, resolved once every article is indexed. */
struct bd_xref_use {
	char *key;            /* "article" or "article#id" */
	struct bd_loc loc;
};
struct bd_xref_list {
	struct bd_xref_use *items;
	size_t len, cap;
};

/* Reports each cross-reference in xrefs whose article or anchor the book
 * lacks, then empties the list (book.c). */
void bd_book_resolve_xrefs(struct bd_book *book, struct bd_xref_list *xrefs, struct bd_diag *diag);

/* An article file read, parsed and validated: the part of reading an article
 * that needs nothing from the rest of the book, so it can run on the
 * prefetch thread (prefetch.h) while the previous article is indexed or
 * rendered.  It reads only art's path, display and (second pass) the
 * digest the first pass kept. */
struct bd_article_source {
	xmlDocPtr doc;        /* NULL after errors, or when missing */
	unsigned char digest[BD_XML_DIGEST_LEN];
	bool known;           /* the same bytes the first pass validated (second pass) */
	bool missing;         /* first pass: the file does not exist (nothing reported) */
};
/* How many articles the prefetch thread may read ahead of the one in use:
 * enough to keep it busy, few enough that parsed trees do not pile up. */
#define BD_ARTICLES_AHEAD 3

/* first_pass: always validate, and report a missing file through ->missing;
 * otherwise validate only bytes that changed since the first pass. */
struct bd_article_source *bd_article_open(const struct bd_article *art, bool first_pass, struct bd_diag *diag);
void bd_article_source_free(struct bd_article_source *src);
/* The same as prefetch.h work functions over book->articles (ctx is the
 * book): they read only each article's file names and, in the second pass,
 * the digest the first pass kept, so they may run beside the caller. */
void *bd_article_open_first(size_t index, void *book, struct bd_diag *diag);
void *bd_article_open_second(size_t index, void *book, struct bd_diag *diag);
void bd_article_source_release(void *src);

/* First pass over one article, from its source: fills art's index fields,
 * registers its anchors, glossary uses and images in book, and appends its
 * cross-references to xrefs.  Sets art->loaded_ok when src had a document. */
void bd_article_index(struct bd_book *book, size_t index, const struct bd_article_source *src,
		      struct bd_xref_list *xrefs, struct bd_diag *diag);

/* Second pass: the article's node tree (root BD_N_ARTICLE) from its source,
 * or NULL when the source has no document.  The caller frees it with
 * bd_node_free. */
struct bd_node *bd_article_load_source(const struct bd_book *book, const struct bd_article *art,
				       const struct bd_article_source *src, struct bd_diag *diag);
/* bd_article_open and bd_article_load_source in one. */
struct bd_node *bd_article_load(const struct bd_book *book, const struct bd_article *art,
				struct bd_diag *diag);

/* "image/png", "image/jpeg" or "image/svg+xml" when the file at path has
 * that type by both its name and its first bytes; NULL otherwise, with
 * *status saying whether the file could be opened (BD_INFILE_OK: it could,
 * but its type is wrong) and *kind what a special file is. */
const char *bd_image_media_type(const char *path, enum bd_infile_status *status, const char **kind);

/* Whether the SVG at path (display: its name in messages) is safe to ship:
 * parsed as safely as a source, no script, no foreign content, nothing
 * fetched from outside ("image-svg-unsafe", "remote-reference" in diag). */
bool bd_image_svg_safe(const char *path, const char *display, struct bd_diag *diag);

/* Lexical rules, checked on an attribute's raw value (article.c).  The
 * schemas leave these spellings to bindery: libxml2 compiles a new regular
 * expression for every value an XSD pattern checks, and its datatypes
 * collapse white space first, so id="how " would pass with its space. */
/* An id, or a reference to one: [a-z][a-z0-9-]* */
bool bd_lex_id(const char *s);
/* A cross-reference target: ID or ID#ID. */
bool bd_lex_xref(const char *s);
/* An external link: http:, https: or mailto: and more, no white space. */
bool bd_lex_link(const char *s);
/* A figure source relative to the book folder: segments of [A-Za-z0-9_-]
 * joined by '/', then .svg, .png, .jpg or .jpeg (so no "..", no leading
 * '/', no empty segment). */
bool bd_lex_image_src(const char *s);
/* When value is set and not an id, adds an "id-syntax" error at at naming
 * it as what ("id", "slug", "term reference"...) and returns false. */
bool bd_lex_check_id(struct bd_diag *diag, struct bd_loc at, const char *what, const char *value);

/* References in what the book ships (article.c).  Where CSS text sits in
 * its source file, to place each reference cssrefs.h finds in it: */
enum bd_css_place {
	BD_CSS_FILE,       /* a style sheet: positions counted in the text */
	BD_CSS_ELEMENT,    /* an element's text: lines counted on from the element at at, the
			    * column known from the text's second line on */
	BD_CSS_ATTRIBUTE,  /* an attribute's value: every reference at its element at */
};
/* Reports each reference in the len bytes of css that the built book cannot
 * keep: one outside the book ("remote-reference": an offline ebook must not
 * fetch anything), and, when self_contained (an SVG figure), one to another
 * file or a data: URL ("image-svg-unsafe").  what names the text in messages
 * ("this stylesheet", "this SVG's style attribute").  Returns true when
 * nothing was reported. */
bool bd_source_check_css(struct bd_diag *diag, struct bd_loc at, enum bd_css_place place, const char *what,
			 const char *css, size_t len, bool self_contained);

/* Text a reader must see (a title, alt text, a summary): when raw shows
 * nothing (rules.h, bd_text_is_blank), adds a "text-empty" error at at,
 * naming what ("<title>", "the cover's alt") and why it matters (a phrase
 * that follows "; "), and returns false. */
bool bd_text_check_visible(struct bd_diag *diag, struct bd_loc at, const char *what, const char *raw,
			   const char *why);
/* The same for the text below an element, as written. */
bool bd_text_check_element(struct bd_diag *diag, struct bd_loc at, const char *what, const xmlNode *el,
			   const char *why);

#endif
