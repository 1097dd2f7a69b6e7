/* model.h - the book between reading and rendering.
 *
 * Sources become this model; renderers walk it and never see libxml2's DOM.
 * A book is read in two passes so that memory stays flat however many
 * articles there are: the first pass (book.c, article.c, glossary.c) fills
 * struct bd_book with everything that crosses documents (ids, titles,
 * sections, glossary uses, images); the second loads one article's node
 * tree at a time (bd_article_load), renders it and frees it.
 *
 * Every string is UTF-8 and owned by the struct that holds it. */
#ifndef BD_MODEL_H
#define BD_MODEL_H

#include <libxml/hash.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where something came from, for diagnostics. file points at a string owned
 * by the book (an article's or the glossary's display path). */
struct bd_loc {
	const char *file;
	unsigned line, col;   /* 0: unknown */
};

/* ---- article content: a tree of nodes ---------------------------------- */

enum bd_node_type {
	BD_N_ARTICLE,      /* root; children: TITLE, SUMMARY, blocks, then SECTIONs */
	BD_N_SUMMARY,      /* inline children */
	BD_N_SECTION,      /* id; first child is BD_N_TITLE */
	BD_N_TITLE,        /* inline children */
	BD_N_P,            /* inline children */
	BD_N_UL, BD_N_OL,  /* BD_N_LI children */
	BD_N_LI,           /* inline children */
	BD_N_FIGURE,       /* id, ref = src; children: ALT, optional CAPTION, optional DESCRIPTION */
	BD_N_ALT,          /* text */
	BD_N_CAPTION,      /* inline children (figure or table caption) */
	BD_N_DESCRIPTION,  /* block children (P, UL, OL): a figure's long description */
	BD_N_TABLE,        /* id (may be NULL); children: CAPTION, THEAD, TBODY */
	BD_N_THEAD, BD_N_TBODY, /* TR children */
	BD_N_TR,           /* TH/TD children */
	BD_N_TH, BD_N_TD,  /* inline children */
	BD_N_CALLOUT,      /* ref = "urgent" | "note" | "tip"; optional TITLE child, then blocks */
	BD_N_TEXT,         /* text */
	BD_N_EMPH, BD_N_STRONG, /* inline children */
	BD_N_TERM,         /* ref = glossary entry id; inline children (the words as written) */
	BD_N_XREF,         /* ref = "article" or "article#section"; inline children, possibly none */
	BD_N_LINK,         /* ref = external URL; inline children */
	BD_N_CONTACT,      /* ref = kind (24h, emergency, team, feedback); a TEXT child: the book's default words */
};

struct bd_node {
	enum bd_node_type type;
	struct bd_loc loc;
	char *id;     /* SECTION, FIGURE, TABLE */
	char *ref;    /* see the types above */
	char *text;   /* TEXT, ALT */
	int depth;    /* SECTION: 1..3; TERM: 1 if this is the article's first use of the entry;
		       * ARTICLE: 1 if built from the very bytes the first pass indexed */
	struct bd_node *parent, *first, *last, *next;
};

/* Appends a new node of type to parent (which may be NULL for a root). */
struct bd_node *bd_node_add(struct bd_node *parent, enum bd_node_type type, struct bd_loc loc);
/* Frees a root (a node without siblings) and everything below it. */
void bd_node_free(struct bd_node *root);
/* The text below node, white space folded; a new string. */
char *bd_node_text(const struct bd_node *node);
/* The first child of type, or NULL. */
const struct bd_node *bd_node_child(const struct bd_node *node, enum bd_node_type type);

/* ---- the index the first pass builds ------------------------------------ */

/* One heading of an article, for the table of contents and cross-references. */
struct bd_heading {
	char *id;
	char *title;   /* plain text */
	int level;     /* 1..3 (section nesting) */
	struct bd_loc loc;
};

enum bd_article_type { BD_ART_CHAPTER, BD_ART_PREFACE, BD_ART_INTRODUCTION, BD_ART_APPENDIX, BD_ART_COLOPHON };
enum bd_matter { BD_FRONT, BD_BODY, BD_BACK };

struct bd_article {
	char *id;            /* from the reading order; the file is book/articles/ID.xml */
	char *path;          /* the file, as given on the command line's book dir */
	char *display;       /* the same, for messages */
	struct bd_loc listed; /* where book.xml lists it */
	struct bd_loc at;     /* the article element in its own file */
	enum bd_matter matter;
	size_t part;         /* index into book->parts when matter == BD_BODY */
	enum bd_article_type type;
	bool urgent;         /* the "get help now" article: gets a landmark */
	char *updated;       /* YYYY-MM-DD or NULL */
	char *title;         /* plain text */
	char *short_title;   /* plain text, or NULL */
	struct bd_heading *headings;   /* in document order */
	size_t nheadings;
	bool loaded_ok;      /* passed the first pass (exists, well-formed, valid) */
	bool validated;      /* the first pass validated the bytes whose SHA-256 is digest */
	unsigned char digest[32];
	/* what the accessibility metadata is derived from */
	size_t nfigures, nfigures_described, ntables;
	/* Glossary entries (indices into book->glossary, each in glossary order):
	 * terms[0 .. nterms_marked) the article marks with <term>, then
	 * nterms_unmarked it uses only unmarked.  Kept by the first pass so the
	 * report need not scan the text again; NULL when both are 0. */
	uint32_t *terms;
	uint32_t nterms_marked, nterms_unmarked;
};

struct bd_part {
	char *id;
	char *title;
	size_t first, count;   /* a range of book->articles */
};

struct bd_person {
	char *name;
	char *role;      /* MARC relator code */
	char *file_as;   /* or NULL */
};

/* Frees n people and the array. */
void bd_people_free(struct bd_person *people, size_t n);

struct bd_subject {
	char *scheme;
	char *code;      /* or NULL */
	char *label;
	bool genre;      /* what the book is (MARC 655), not what it is about */
};

/* A glossary entry. */
struct bd_gloss_entry {
	char *id;
	char *term;
	char **variants;
	size_t nvariants;
	bool *variant_seen;           /* per variant: it occurs in some article's text */
	struct bd_node *definition;   /* a BD_N_P whose inline children are the definition */
	char **see;                   /* ids of related entries */
	struct bd_loc *see_at;        /* where each see-also is written */
	size_t nsee;
	struct bd_loc loc;
	/* where it is used: article indices, in reading order, each once */
	size_t *used_in;
	size_t nused, capused;
};

/* An image file the book uses (figures and the cover). */
struct bd_image {
	char *src;         /* relative to the book dir, as written in the source */
	char *media_type;  /* image/svg+xml, image/png, image/jpeg */
	bool is_cover;
	char *file;        /* the file to copy when it is not BOOK_DIR/src (an edition's logo), or NULL */
};

struct bd_terms_matcher;
struct bd_edition;

/* Whom to call (book.xml's own <contact>, or an edition's): edition.h. */
struct bd_contact {
	char *kind;      /* 24h, emergency, team, feedback */
	char *name;      /* as the text says it */
	char *e164;      /* +442079460123: the tel: link */
	char *local;     /* 020 7946 0123: as a reader dials it at home */
	struct bd_loc at;
};

struct bd_book {
	char *dir;          /* the book directory */
	char *display;      /* book.xml's path for messages */

	char *slug, *lang, *title, *subtitle, *edition;
	char *uuid_name, *isbn;      /* one of them is set */
	char *identifier;            /* "urn:uuid:..." or "urn:isbn:..." */
	struct bd_person *creators, *contributors;
	size_t ncreators, ncontributors;
	char *publisher, *rights, *license_href, *license_text, *description;
	struct bd_subject *subjects;
	size_t nsubjects;
	char *marc_org;              /* MARC Organization Code, or NULL */
	char *published;             /* YYYY-MM-DD */
	char *modified;              /* CCYY-MM-DDThh:mm:ssZ: book.xml's, or from SOURCE_DATE_EPOCH */
	bool reviewed;
	char *review_date, *reviewer, *next_review;
	char *a11y_summary, *a11y_assessed_by;
	double max_grade;            /* 0: not set */
	double min_ease;             /* 0: not set */
	char *reading_formula;       /* <reading-level formula>, or NULL: the language's default */
	char *cover_src, *cover_source, *cover_alt;
	char *thumbnail_src;         /* the cover's small version, or NULL */
	const char *thumbnail_type;  /* its media type, once checked (static) */
	char **stylesheets;          /* relative to the book dir */
	size_t nstylesheets;
	char *glossary_href;         /* relative to the book dir */
	bool glossary_popups;        /* <glossary popups="yes">: term uses open a footnote pop-up */
	char *glossary_display;
	struct bd_loc glossary_at;   /* the <glossary> element in book.xml */
	bool glossary_unusable;      /* missing or invalid: its own error; term uses are not judged */

	struct bd_article *articles; /* reading order: front, parts, back */
	size_t narticles;
	struct bd_part *parts;
	size_t nparts;

	struct bd_gloss_entry *glossary;   /* in the order of glossary.xml */
	size_t nglossary;
	struct bd_terms_matcher *terms;    /* the glossary's forms for matching (terms.h); owned */

	struct bd_image *images;     /* each file once, in first-use order */
	size_t nimages;

	struct bd_contact *contacts; /* book.xml's own <contact>s */
	size_t ncontacts;
	char **edition_files;        /* <editions>: each file, relative to the book dir */
	struct bd_loc *edition_at;   /* where book.xml names each */
	size_t neditions;
	struct bd_edition *org_edition; /* the edition being built (edition.h), owned; NULL: the book itself */

	/* lookups; values are 1-based indices cast to void * */
	xmlHashTablePtr article_by_id;     /* id -> article */
	xmlHashTablePtr anchor_by_key;     /* "article#section" -> article (sections and figures) */
	xmlHashTablePtr gloss_by_id;       /* id -> entry */
	xmlHashTablePtr image_by_src;      /* src -> image */
	xmlHashTablePtr image_by_href;     /* its place in the EPUB -> image */
};

struct bd_book *bd_book_new(void);
void bd_book_free(struct bd_book *book);

/* Adds an image the book uses.  Images land in one folder of the EPUB, so
 * two sources with one base name cannot both be added: returns the image
 * already in that place (and adds nothing), or NULL when src was added or
 * was there already. */
const struct bd_image *bd_book_add_image(struct bd_book *book, const char *src, const char *media_type,
					 bool is_cover);

/* Appends an article (id and path become the book's) listed at listed, and
 * indexes it by id.  The caller has checked that id is new. */
struct bd_article *bd_book_append_article(struct bd_book *book, char *id, char *path, struct bd_loc listed,
					  enum bd_matter matter);

/* Lookups; NULL when absent. */
struct bd_article *bd_book_article(const struct bd_book *book, const char *id);
struct bd_gloss_entry *bd_book_gloss(const struct bd_book *book, const char *id);
/* The article that holds "article#anchor" (or "article"), or NULL. */
struct bd_article *bd_book_anchor(const struct bd_book *book, const char *key);
/* For "did you mean": the glossary id, article id, or id inside article
 * (a section or figure) closest to a misspelt one (rules.h, bd_closest), or
 * NULL when none is close.  Slow (a scan): for error messages only.  The
 * anchor's result is a new string; the others belong to the book. */
const char *bd_book_gloss_nearest(const struct bd_book *book, const char *id);
const char *bd_book_article_nearest(const struct bd_book *book, const char *id);
char *bd_book_anchor_nearest(const struct bd_book *book, const char *article, const char *id);

/* Paths inside the EPUB, relative to the package document's folder. */
#define BD_EPUB_DIR "EPUB"
#define BD_NAV_HREF "nav.xhtml"
#define BD_NCX_HREF "toc.ncx"
#define BD_COVER_HREF "cover.xhtml"
#define BD_TITLE_HREF "title.xhtml"
#define BD_GLOSSARY_HREF "glossary.xhtml"
#define BD_SEARCH_KEY_MAP_HREF "glossary-keys.xml"
/* "text/ID.xhtml"; a new string. */
char *bd_article_href(const struct bd_article *art);
/* Where an image or stylesheet from the book dir lands: "images/x.svg",
 * "styles/x.css" (the source's base name under a folder of its kind). */
char *bd_image_href(const char *src);
char *bd_style_href(const char *src);
/* The id of a glossary entry's dt in the glossary page: "gl-ID". */
char *bd_gloss_anchor(const char *entry_id);

#endif
