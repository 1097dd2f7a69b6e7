/* report.h - the plain-language report: how readable each article is.
 *
 * The text measured is an article's running text: the summary, paragraphs,
 * list items, table cells, callout paragraphs and captions (figure and
 * table), each one ending a sentence; headings and alternative text are
 * left out.  This is the text tests/book/readability gives GNU style.
 *
 * Words, sentences and syllables are counted the way GNU style (Debian's
 * diction 1.11) counts them for English, so that the grades agree:
 *   - a sentence starts at a capital letter and ends at '.', ':', '!' or '?'
 *     followed by white space, '"' or the end of the text; text before the
 *     first capital of a unit is not part of any sentence;
 *   - a word is a run of ASCII letters and hyphens (an "'s" stays in the
 *     word), or a number (digits, with '.' or ',' between digits);
 *   - syllables: a final "ed" is dropped, then every lower-case vowel
 *     (a e i o u y) followed by a non-vowel counts one, the pair being
 *     skipped; a word has at least one syllable, a number exactly one.
 * Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
 * Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words */
#ifndef BD_REPORT_H
#define BD_REPORT_H

#include "diag.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How many of an article's longest sentences the report keeps. */
#define BD_REPORT_LONGEST 3

/* How much of a sentence the report quotes, in characters: a one-sentence
 * article of 5 MB must not be printed whole. */
#define BD_REPORT_QUOTE_MAX 200

struct bd_sentence {
	char *text;       /* white space folded; a longer one cut to BD_REPORT_QUOTE_MAX
			   * characters (at a UTF-8 boundary) and "..." */
	size_t words;
};

struct bd_readability {
	size_t words, sentences, syllables;
	double grade, ease;           /* 0 when there are no words or sentences */
	struct bd_sentence longest[BD_REPORT_LONGEST];  /* longest first; text NULL when fewer */
};

/* Measures text as described above.  Free with bd_readability_fini. */
void bd_readability_measure(const char *text, struct bd_readability *out);
void bd_readability_fini(struct bd_readability *r);
/* Syllables in the word s[0..len), by the heuristic above. */
size_t bd_readability_syllables(const char *s, size_t len);

/* The running text of an article's node tree: one unit per block, each
 * ending with '.', '!' or '?' (one is added, and a final ':' becomes '.'),
 * separated by blank lines.  A new string. */
char *bd_report_text(const struct bd_node *tree);

struct bd_report_article {
	size_t index;                 /* into book->articles */
	struct bd_readability r;
	bool has_summary;
	size_t figures, uncaptioned;  /* figures, and those without a caption */
	char **used, **unmarked;      /* glossary entry ids, in glossary order */
	size_t nused, nunmarked;
};

struct bd_report {
	struct bd_report_article *articles;
	size_t len, cap;
};

void bd_report_init(struct bd_report *report);
void bd_report_fini(struct bd_report *report);

/* Measures one article (its tree from the second pass) and adds it to the
 * report.  Adds a "reading-level" warning when its grade is above the
 * book's <reading-level max-grade>. */
void bd_report_add(struct bd_report *report, const struct bd_book *book, size_t index,
		   const struct bd_node *tree, struct bd_diag *diag);

/* The report as text (a table and a section per article), JSON or an XHTML
 * page.  The file writers return false after adding an "io" error. */
void bd_report_print(const struct bd_report *report, const struct bd_book *book, FILE *out);
bool bd_report_write_json(const struct bd_report *report, const struct bd_book *book, const char *path,
			  struct bd_diag *diag);
bool bd_report_write_html(const struct bd_report *report, const struct bd_book *book, const char *path,
			  struct bd_diag *diag);

#endif
