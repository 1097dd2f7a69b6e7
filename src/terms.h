/* terms.h - finding glossary words in an article's running text.
 *
 * A glossary entry is written in running text as its term or as one of its
 * variants (plurals and other forms listed in glossary.xml).  The scanner
 * looks for every form, whole words only and case-insensitively (utf8proc
 * case folding; runs of white space count as one space), in the article's
 * running text: the summary, paragraphs, list items, table cells and
 * captions, including those in callouts and long descriptions.  Headings
 * (titles) and alternative text are not scanned: a link in a heading is poor
 * reading, and terms are explained where the text uses them.  At each place
 * the longest form wins, so "spinal cord compression" is one use of that
 * entry, not also a use of "spinal cord".
 *
 * A use is "marked" when it is inside <term>; text inside <xref> and <link>
 * is never an unmarked use (it is already a link).  The first pass uses the
 * result for the glossary-unmarked warning and for the search key map (which
 * variants occur); the report lists the terms each article uses and leaves
 * unmarked. */
#ifndef BD_TERMS_H
#define BD_TERMS_H

#include "diag.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* What one article does with one glossary entry. */
struct bd_term_hit {
	bool marked;             /* some <term ref="ENTRY"> in the article (headings included) */
	bool plain;              /* a form occurs outside <term>, <xref> and <link> */
	struct bd_loc plain_at;  /* the element holding the first such use */
	size_t plain_form;       /* which form: 0 the term, i + 1 variants[i] */
};

struct bd_term_scan {
	size_t nentries;             /* book->nglossary */
	struct bd_term_hit *hits;    /* one per glossary entry, in glossary order */
	bool **form_seen;            /* [entry][form]: the form occurs, marked or not */
	bool *form_seen_rows;        /* owns every row of form_seen (one block, not one per entry) */
};

/* The glossary's forms, folded and indexed for matching.  bd_terms_prepare
 * builds it into book->terms once the glossary is read (again if the glossary
 * changes); bd_book_free frees it.  Without it every scan builds its own. */
void bd_terms_prepare(struct bd_book *book);
void bd_terms_matcher_free(struct bd_terms_matcher *m);

/* Scans one article's node tree (root BD_N_ARTICLE).  Free with bd_terms_scan_fini. */
void bd_terms_scan(const struct bd_book *book, const struct bd_node *tree, struct bd_term_scan *out);
void bd_terms_scan_fini(struct bd_term_scan *scan);

/* First pass: records which variants occur (entry->variant_seen), keeps in
 * art (when not NULL) which entries the article marks and which it uses only
 * unmarked (art->terms, for the report), and warns, with rule
 * glossary-unmarked, about each entry the article uses in plain text but
 * never marks. */
void bd_terms_check_article(struct bd_book *book, struct bd_article *art, const struct bd_node *tree,
			    struct bd_diag *diag);

/* The form's text as the glossary writes it: 0 the term, i + 1 variants[i]. */
const char *bd_terms_form(const struct bd_gloss_entry *e, size_t form);

/* Case-folded (utf8proc), NFC, white space runs folded to one space and
 * trimmed; a new string.  Exposed for tests. */
char *bd_terms_fold(const char *text);

#endif
