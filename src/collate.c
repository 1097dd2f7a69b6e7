/* collate.c - ICU collation and index letters for the glossary. */
#include "collate.h"

#include "alloc.h"
#include "l10n.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

struct letter {
	UChar u[8];      /* the label, UTF-16, NUL-terminated */
	char text[32];   /* the same, UTF-8 */
	UScriptCode script;
};

struct bd_collate {
	UCollator *order;    /* the language's full collation */
	UCollator *primary;  /* the same at primary strength: letters only */
	struct letter *letters;
	size_t nletters;
};

/* UTF-8 to a new UTF-16 string ("" when not UTF-8); *len its length. */
static UChar *u16(const char *s, int32_t *len)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;

	u_strFromUTF8(NULL, 0, &n, s, -1, &status);
	u = bd_calloc((size_t)n + 1, sizeof(*u));
	status = U_ZERO_ERROR;
	u_strFromUTF8(u, n + 1, NULL, s, -1, &status);
	if (U_FAILURE(status))
		n = 0, u[0] = 0;
	*len = n;
	return u;
}

static UScriptCode script_of(const UChar *u, int32_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	UChar32 cp;
	UScriptCode sc;

	if (len <= 0)
		return USCRIPT_INVALID_CODE;
	U16_GET(u, 0, 0, len, cp);
	sc = uscript_getScript(cp, &status);
	return U_SUCCESS(status) ? sc : USCRIPT_INVALID_CODE;
}

static void add_letter(struct bd_collate *c, size_t *cap, const UChar *u, int32_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	struct letter *l;

	if (len <= 0 || len >= (int32_t)(sizeof(l->u) / sizeof(l->u[0])))
		return;
	bd_grow(&c->letters, cap, c->nletters + 1, sizeof(*c->letters));
	l = &c->letters[c->nletters];
	memcpy(l->u, u, (size_t)len * sizeof(*u));
	l->u[len] = 0;
	u_strToUTF8(l->text, (int32_t)sizeof(l->text), NULL, l->u, len, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		return;
	l->script = script_of(l->u, len);
	c->nletters++;
}

/* The index characters of LOCALE into c->letters, in code point order. */
static bool read_letters(struct bd_collate *c, const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	ULocaleData *ld = ulocdata_open(locale, &status);
	USet *set = NULL;
	size_t cap = 0;

	if (U_SUCCESS(status))
		set = ulocdata_getExemplarSet(ld, NULL, 0, ULOCDATA_ES_INDEX, &status);
	if (set && U_SUCCESS(status)) {
		for (int32_t i = 0, n = uset_getItemCount(set); i < n; i++) {
			UErrorCode st = U_ZERO_ERROR;
			UChar32 start, end;
			UChar str[8];
			int32_t len = uset_getItem(set, i, &start, &end, str, 8, &st);

			if (U_FAILURE(st))
				continue;
			if (len > 0) {
				add_letter(c, &cap, str, len);
				continue;
			}
			for (UChar32 cp = start; cp <= end; cp++) {
				UChar one[2];
				int32_t k = 0;
				U16_APPEND_UNSAFE(one, k, cp);
				add_letter(c, &cap, one, k);
			}
		}
	}
	if (set)
		uset_close(set);
	if (ld)
		ulocdata_close(ld);
	return c->nletters > 0;
}

struct bd_collate *bd_collate_open(const char *tag)
{
	UErrorCode status = U_ZERO_ERROR;
	struct bd_collate *c = bd_calloc(1, sizeof(*c));
	char *locale = bd_l10n_known_locale(tag);

	c->order = ucol_open(locale, &status);
	if (U_SUCCESS(status))
		c->primary = ucol_open(locale, &status);
	if (U_FAILURE(status)) {
		bd_collate_free(c);
		c = NULL;
		goto out;
	}
	ucol_setStrength(c->primary, UCOL_PRIMARY);
	if (!read_letters(c, locale))
		read_letters(c, "en");
	/* Collation order, one letter per primary weight (insertion sort: an
	 * index has a few dozen letters). */
	for (size_t i = 1; i < c->nletters; i++) {
		struct letter l = c->letters[i];
		size_t j = i;
		while (j > 0 && ucol_strcoll(c->primary, c->letters[j - 1].u, -1, l.u, -1) == UCOL_GREATER) {
			c->letters[j] = c->letters[j - 1];
			j--;
		}
		c->letters[j] = l;
	}
	for (size_t i = 1; i < c->nletters;) {
		if (ucol_strcoll(c->primary, c->letters[i - 1].u, -1, c->letters[i].u, -1) == UCOL_EQUAL) {
			memmove(&c->letters[i], &c->letters[i + 1], (c->nletters - i - 1) * sizeof(*c->letters));
			c->nletters--;
		} else {
			i++;
		}
	}
out:
	free(locale);
	return c;
}

void bd_collate_free(struct bd_collate *c)
{
	if (!c)
		return;
	if (c->order)
		ucol_close(c->order);
	if (c->primary)
		ucol_close(c->primary);
	free(c->letters);
	free(c);
}

char *bd_collate_key(const struct bd_collate *c, const char *text)
{
	int32_t len = 0, n;
	UChar *u = u16(text ? text : "", &len);
	uint8_t *key;

	n = ucol_getSortKey(c->order, u, len, NULL, 0);
	key = bd_calloc((size_t)n + 1, 1);
	ucol_getSortKey(c->order, u, len, key, n + 1);
	free(u);
	return (char *)key;
}

size_t bd_collate_nletters(const struct bd_collate *c)
{
	return c->nletters;
}

const char *bd_collate_letter(const struct bd_collate *c, size_t i)
{
	return i < c->nletters ? c->letters[i].text : NULL;
}

size_t bd_collate_file(const struct bd_collate *c, const char *text)
{
	int32_t len = 0;
	UChar *u = u16(text ? text : "", &len);
	UScriptCode sc = script_of(u, len);
	size_t at = c->nletters;

	/* The last letter at or before TEXT; the letters are few. */
	for (size_t i = 0; i < c->nletters; i++) {
		if (ucol_strcoll(c->primary, c->letters[i].u, -1, u, len) == UCOL_GREATER)
			break;
		at = i;
	}
	if (at < c->nletters && c->letters[at].script != sc)
		at = c->nletters;
	free(u);
	return at;
}
