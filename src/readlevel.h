/* readlevel.h - reading level in the book's language: the published
 * formulas, and the counting of words, sentences and syllables for every
 * language but English (English is counted in report.c, as GNU style does).
 *
 * Words and sentences come from ICU's break iterators (ubrk_*, the
 * language's rules, without ICU's abbreviation lists: German's takes the
 * "dir." of "Wir helfen dir." for an abbreviation; so "z. B." ends a
 * sentence, as it does in style's English counting).
 * A word is a segment ICU marks as letters or a number; a sentence counts
 * when it holds a word.  Syllables come from the language's hyphenation
 * dictionary (libhyphen, Debian's hyphen-de, hyphen-fr, hyphen-es): the word
 * in lower case, converted to the dictionary's encoding (ucnv_*), hyphenated
 * with every minimum fragment length at 1.  Hyphenation points alone are
 * not syllables (points + 1 gets 181, 174, 149 of the 200 words right): the patterns leave single letters at either end whole
 * (a-na-lyse, Ü-ber), never split French "-ent" or a Spanish hiatus, and at
 * a minimum of 1 cut off lone consonants (arz-t).  So each fragment counts
 * its vowel nuclei, usually one:
 *   - a run of vowels is one nucleus unless the language says the two are
 *     said apart: German, any pair but ei ai au eu äu ie ee aa oo ey ay oe
 *     ui (be-ach-ten); French, "é" then a sounded vowel (ré-a-gir, not
 *     i-dée), "a" or "o" then é è ê (po-è-te), a vowel with a diaeresis
 *     (na-ïf); Spanish, two strong vowels (a, e, o, or a stressed í, ú:
 *     dí-a, le-er); the dictionary's own cuts split vowels too (Mu-se-um);
 *   - not vowels: "u" after "q" (and in French and Spanish after "g" before
 *     e or i: gué-rir, gui-so), "y" before a vowel (a-yu-da), German "i"
 *     between "t" and a vowel (Ope-ra-tion, Pa-tient: a non-syllabic i);
 *   - French: a final mute "e" or "es" after a consonant is none (table 1,
 *     livres 1); a word's verb ending "-ent" is not recognised (parlent 2);
 *   - a word has at least one syllable.
 * A number is one word of one syllable.  tests/unit/syllables/ holds 200
 * hand-counted words per language. */
#ifndef BD_READLEVEL_H
#define BD_READLEVEL_H

#include "report.h"

#include <stdbool.h>
#include <stddef.h>

enum bd_rl_scale {
	BD_RL_GRADE,  /* a school grade: lower reads more easily; the limit is max-grade */
	BD_RL_EASE,   /* a 0-100 ease: higher reads more easily; the limit is min-ease */
};

enum bd_rl_id {
	BD_RL_FLESCH_KINCAID, BD_RL_SMOG, BD_RL_WSTF, BD_RL_AMSTAD, BD_RL_KANDEL_MOLES, BD_RL_SZIGRISZT_PAZOS,
	BD_RL_COUNT
};

struct bd_rl_formula {
	enum bd_rl_id id;
	const char *key;     /* <reading-level formula="KEY"> */
	const char *name;    /* as the report and messages name it */
	const char *lang;    /* the primary language subtag it is for */
	const char *source;  /* its published source */
	enum bd_rl_scale scale;
};

/* The formula book.xml calls KEY, or NULL. */
const struct bd_rl_formula *bd_rl_formula_by_key(const char *key);
/* The formula a book in LANG (a BCP 47 tag) is measured by when book.xml
 * names none, or NULL when bindery has no formula for its language. */
const struct bd_rl_formula *bd_rl_formula_for_lang(const char *lang);
/* Whether LANG's primary subtag is F's language. */
bool bd_rl_formula_fits(const struct bd_rl_formula *f, const char *lang);
/* LANG's primary language subtag, lower case, into buf (cut to size). */
void bd_rl_primary(const char *lang, char *buf, size_t size);
/* What is wrong with a <reading-level> in a book in LANG that names the
 * formula KEY (NULL: the language's default) and sets max-grade and/or
 * min-ease, as a new message for a "reading-level-formula" error; NULL when
 * nothing is. */
char *bd_rl_target_problem(const char *lang, const char *key, bool max_grade, bool min_ease);
/* F's score for the counts in r (0 without words or sentences). */
double bd_rl_score(const struct bd_rl_formula *f, const struct bd_readability *r);

/* One language's break iterators and hyphenation dictionary: opened once
 * per build, since the German dictionary alone is 1 MB of patterns. */
struct bd_rl_counter;

/* Opens the counter for LANG.  DIR is where hyph_LL_CC.dic files are (NULL:
 * BINDERY_HYPHEN_DIR).  A language without a dictionary gets words and
 * sentences but no syllables.  On failure returns NULL and sets *why to a
 * new message (a dictionary that cannot be loaded, an ICU error). */
struct bd_rl_counter *bd_rl_counter_open(const char *lang, const char *dir, char **why);
void bd_rl_counter_free(struct bd_rl_counter *c);
/* Whether c counts syllables (it has a dictionary). */
bool bd_rl_counter_has_syllables(const struct bd_rl_counter *c);

/* Syllables in the word s[0..len) (UTF-8), as described above; 0 without
 * a dictionary. */
size_t bd_rl_syllables(struct bd_rl_counter *c, const char *s, size_t len);

/* Measures text (report.h's running text) into r: words, sentences,
 * syllables, the word classes the formulas use, and the longest sentences.
 * Free with bd_readability_fini.  False (r zeroed, *why set to a new
 * message) when ICU fails. */
bool bd_rl_measure(struct bd_rl_counter *c, const char *text, struct bd_readability *r, char **why);

#endif
