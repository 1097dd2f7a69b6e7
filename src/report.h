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
 * Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
 * SMOG grade = 3 + sqrt(30 * polysyllables / sentences), a polysyllable being
 *   a word of 3 syllables or more, as style computes it.
 * Other languages are counted and scored in readlevel.c. */
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
	size_t polysyllables;         /* words of 3 syllables or more (SMOG, Wiener Sachtextformel) */
	size_t monosyllables;         /* words of 1 syllable (Wiener Sachtextformel) */
	size_t long_words;            /* words of more than 6 letters (Wiener Sachtextformel) */
	double grade, ease, smog;     /* English: 0 when there are no words or sentences */
	double score;                 /* the book's formula (readlevel.h), set by bd_report_add */
	struct bd_sentence longest[BD_REPORT_LONGEST];  /* longest first; text NULL when fewer */
};

/* Measures text as described above.  Free with bd_readability_fini. */
void bd_readability_measure(const char *text, struct bd_readability *out);
void bd_readability_fini(struct bd_readability *r);
/* Keeps s[0..len), a sentence of WORDS words, among r's longest (quoted as
 * struct bd_sentence says). */
void bd_readability_keep_longest(struct bd_readability *r, const char *s, size_t len, size_t words);
/* Syllables in the word s[0..len), by the heuristic above. */
size_t bd_readability_syllables(const char *s, size_t len);

/* The running text of an article's node tree: one unit per block, each
 * ending with '.', '!' or '?' (one is added, and a final ':' becomes '.'),
 * separated by blank lines.  A new string. */
char *bd_report_text(const struct bd_node *tree);

struct bd_report_article {
	size_t index;                 /* into book->articles */
	struct bd_readability r;
	bool over;                    /* past the book's <reading-level> target */
	bool has_summary;
	size_t figures, uncaptioned;  /* figures, and those without a caption */
	char **used, **unmarked;      /* glossary entry ids, in glossary order */
	size_t nused, nunmarked;
};

struct bd_rl_formula;
struct bd_rl_counter;

struct bd_report {
	struct bd_report_article *articles;
	size_t len, cap;
	/* Whether to measure reading levels at all (bd_report_init: yes); a
	 * build with no report and no target leaves them out, and so never
	 * loads a hyphenation dictionary (seconds for German). */
	bool skip_levels;
	/* Set from the book by the first bd_report_add. */
	bool ready;
	bool english;                         /* counted as GNU style does (above) */
	char lang[16];                        /* the book's primary language subtag */
	const struct bd_rl_formula *formula;  /* what the report scores by; NULL: none for lang */
	struct bd_rl_counter *counter;        /* other languages: ICU and the dictionary, opened once */
};

void bd_report_init(struct bd_report *report);
void bd_report_fini(struct bd_report *report);

/* Measures one article (its tree from the second pass) and adds it to the
 * report, by the book's formula (<reading-level formula>, or its language's
 * default: readlevel.h).  Adds a "reading-level" warning when the score is
 * past the book's <reading-level max-grade> or min-ease; an "io" error, once,
 * when the language's hyphenation dictionary cannot be loaded. */
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
