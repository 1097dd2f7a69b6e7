/* l10n.h - the words bindery writes itself, in the book's language.
 *
 * One catalogue per language, l10n/TAG.txt (TAG a BCP 47 tag: "de",
 * "pt-BR"), embedded in the binary at build time.  A line is "key = text";
 * "{name}" in a text is a placeholder.  A book's catalogue is found by BCP 47
 * fallback through ICU ("de-CH" -> "de", "en-GB" -> "en"); English is the
 * last resort and the model every catalogue must match key for key.
 * Catalogues are read once, are immutable afterwards and may be shared by
 * threads.  Dates and lists are ICU's, in the book's language and region. */
#ifndef BD_L10N_H
#define BD_L10N_H

#include <stdbool.h>
#include <stddef.h>

struct bd_l10n;

/* The catalogue that serves language TAG, or NULL when none does (TAG NULL,
 * empty or not parsable counts as none). */
const struct bd_l10n *bd_l10n_find(const char *tag);
/* As bd_l10n_find, but the English catalogue when none serves TAG.  Never NULL. */
const struct bd_l10n *bd_l10n_for(const char *tag);
/* The catalogue's own tag, as its file is named ("de"). */
const char *bd_l10n_lang(const struct bd_l10n *cat);

/* KEY's text as written in CAT, placeholders and all; the English text when
 * CAT lacks KEY, and KEY itself when English lacks it too.  Owned by CAT. */
const char *bd_l10n_text(const struct bd_l10n *cat, const char *key);
/* KEY's text with each placeholder filled: the variable arguments are pairs
 * of const char *NAME, const char *VALUE, ended by NULL.  A placeholder with
 * no pair is left as written.  Free the result. */
char *bd_l10n_format(const struct bd_l10n *cat, const char *key, ...);
/* For a text with one placeholder NAME that becomes markup (a link, a
 * <time>): the text before and after it, each newly allocated; the other
 * placeholders filled by the pairs that follow, ended by NULL.  Without NAME
 * in the text, *before is the whole text and *after is empty. */
void bd_l10n_split(const struct bd_l10n *cat, const char *key, const char *name, char **before, char **after,
		   ...);

/* The ICU locale ID for BCP 47 TAG ("de-CH" -> "de_CH"), "" when ICU cannot
 * read it.  Free it. */
char *bd_l10n_locale(const char *tag);
/* As bd_l10n_locale, but "en" when ICU has no data for TAG's language: ICU
 * would fall back to the machine's default locale.  Free it. */
char *bd_l10n_known_locale(const char *tag);
/* ISO date ISO (YYYY-MM-DD, anything after the day ignored) in TAG's long
 * form ("6. Dezember 2026"), computed in UTC so that it never depends on the
 * machine.  ISO itself when it is not a date.  Free the result. */
char *bd_l10n_date(const char *tag, const char *iso);
/* ITEMS joined as TAG writes a list ("A, B and C").  Free the result. */
char *bd_l10n_list(const char *tag, const char *const *items, size_t n);
/* The same for a list of N items that are markup (links): N + 1 strings,
 * the text before the first item, between each two ("," or " and "), and
 * after the last.  Free with bd_l10n_glue_free(glue, n). */
char **bd_l10n_list_glue(const char *tag, size_t n);
void bd_l10n_glue_free(char **glue, size_t n);
/* True when TAG's script is written right to left (Arabic, Hebrew...). */
bool bd_l10n_rtl(const char *tag);

/* For tests and tools: the built-in catalogues, English first, and each
 * one's keys in file order.  NULL past the end. */
const struct bd_l10n *bd_l10n_at(size_t i);
const char *bd_l10n_key(const struct bd_l10n *cat, size_t i);

#endif
