/* l10n.c - catalogues of bindery's own words, and ICU's dates and lists.
 *
 * The catalogues come from the l10n folder (one TAG.txt each) through
 * cmake/embed.cmake (the table bd_l10n_files).  They are parsed once, on
 * first use, under pthread_once, and then only read, so the render threads
 * share them without locks.  They live until the process ends, like ICU's
 * own caches. */
#include "l10n.h"

#include "alloc.h"
#include "strmap.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/udat.h>
#include <unicode/ulistformatter.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

struct bd_embedded {
	const char *name, *data;
	size_t len;
};
extern const struct bd_embedded bd_l10n_files[];
extern const size_t bd_l10n_files_count;

struct bd_l10n {
	char *lang;    /* the file's name: a BCP 47 tag */
	char *locale;  /* its ICU locale ID, for matching */
	char **keys, **texts;
	size_t n, cap;
	struct bd_map *index;  /* key -> its position + 1: every page asks for dozens */
};

static struct bd_l10n *catalogues;  /* English first */
static size_t ncatalogues;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *trimmed(const char *s, const char *end)
{
	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	return bd_strndup(s, (size_t)(end - s));
}

/* "key = text" lines; comments, blank lines and lines without '=' are
 * skipped (the unit test catches a catalogue that lost a key that way). */
static void parse(struct bd_l10n *cat, const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;  /* a byte order mark that an editor added */
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *eq;
		if (!eol)
			eol = end;
		eq = memchr(p, '=', (size_t)(eol - p));
		while (p < eol && is_space(*p))
			p++;
		if (p < eol && *p != '#' && eq) {
			bd_grow(&cat->keys, &cat->cap, cat->n + 1, sizeof(*cat->keys));
			cat->texts = bd_realloc(cat->texts, cat->cap * sizeof(*cat->texts));
			cat->keys[cat->n] = trimmed(p, eq);
			cat->texts[cat->n] = trimmed(eq + 1, eol);
			cat->n++;
		}
		p = eol + 1;
	}
}

static void load(void)
{
	size_t next = 1;

	catalogues = bd_calloc(bd_l10n_files_count + 1, sizeof(*catalogues));
	for (size_t i = 0; i < bd_l10n_files_count; i++) {
		const struct bd_embedded *f = &bd_l10n_files[i];
		/* English first: the fallback and the model. */
		struct bd_l10n *cat = &catalogues[strcmp(f->name, "en") == 0 ? 0 : next++];

		cat->lang = bd_strdup(f->name);
		cat->locale = bd_l10n_locale(f->name);
		parse(cat, f->data, f->len);
		/* The first of a key written twice wins, as a scan would find it. */
		cat->index = bd_map_new();
		for (size_t k = 0; k < cat->n; k++)
			bd_map_add(cat->index, cat->keys[k], (void *)(k + 1));
	}
	ncatalogues = next;
}

static void ensure_loaded(void)
{
	pthread_once(&once, load);
}

const struct bd_l10n *bd_l10n_at(size_t i)
{
	ensure_loaded();
	return i < ncatalogues && catalogues[i].lang ? &catalogues[i] : NULL;
}

const char *bd_l10n_key(const struct bd_l10n *cat, size_t i)
{
	return cat && i < cat->n ? cat->keys[i] : NULL;
}

const char *bd_l10n_lang(const struct bd_l10n *cat)
{
	return cat->lang;
}

char *bd_l10n_locale(const char *tag)
{
	char id[ULOC_FULLNAME_CAPACITY] = "";
	UErrorCode status = U_ZERO_ERROR;
	int32_t parsed = 0;

	if (!tag || !*tag)
		return bd_strdup("");
	uloc_forLanguageTag(tag, id, (int32_t)sizeof(id), &parsed, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || parsed != (int32_t)strlen(tag))
		return bd_strdup("");
	return bd_strdup(id);
}

const struct bd_l10n *bd_l10n_find(const char *tag)
{
	char id[ULOC_FULLNAME_CAPACITY];
	char *locale = bd_l10n_locale(tag);
	const struct bd_l10n *found = NULL;

	ensure_loaded();
	snprintf(id, sizeof(id), "%s", locale);
	/* de_CH, then de: ICU's parent chain, which knows scripts and regions. */
	while (*id && !found) {
		UErrorCode status = U_ZERO_ERROR;
		char parent[ULOC_FULLNAME_CAPACITY];

		for (size_t i = 0; i < ncatalogues && !found; i++)
			if (catalogues[i].lang && strcasecmp(catalogues[i].locale, id) == 0)
				found = &catalogues[i];
		uloc_getParent(id, parent, (int32_t)sizeof(parent), &status);
		if (U_FAILURE(status) || strcmp(parent, id) == 0 || strcmp(parent, "root") == 0)
			break;
		memcpy(id, parent, sizeof(id));
	}
	free(locale);
	return found;
}

const struct bd_l10n *bd_l10n_for(const char *tag)
{
	const struct bd_l10n *cat = bd_l10n_find(tag);

	if (!cat)
		cat = bd_l10n_find("en");
	if (!cat) {
		/* No English catalogue built in: an empty one, so every key reads as itself. */
		static const struct bd_l10n none = { .lang = (char *)"en", .locale = (char *)"en" };
		cat = &none;
	}
	return cat;
}

static const char *lookup(const struct bd_l10n *cat, const char *key)
{
	size_t at = cat ? (size_t)bd_map_get(cat->index, key) : 0;

	return at ? cat->texts[at - 1] : NULL;
}

const char *bd_l10n_text(const struct bd_l10n *cat, const char *key)
{
	const char *text = lookup(cat, key);

	ensure_loaded();
	if (!text && ncatalogues && catalogues[0].lang)
		text = lookup(&catalogues[0], key);
	return text ? text : key;
}

/* The value of placeholder NAME (N bytes) among the pairs in AP, or NULL. */
static const char *value_of(const char *name, size_t n, va_list ap)
{
	va_list copy;
	const char *k, *v = NULL, *found = NULL;

	va_copy(copy, ap);
	while (!found && (k = va_arg(copy, const char *)) != NULL) {
		v = va_arg(copy, const char *);
		if (strlen(k) == n && memcmp(k, name, n) == 0)
			found = v ? v : "";
	}
	va_end(copy);
	return found;
}

/* TEXT with its placeholders filled from AP, cut at placeholder STOP (when
 * not NULL): *rest is then where the text after it starts. */
static char *fill(const char *text, const char *stop, const char **rest, va_list ap)
{
	struct bd_buf b = { 0 };
	const char *p = text;

	bd_buf_put(&b, "", 0);
	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL, *v;
		size_t n;

		if (!open || !close) {
			bd_buf_put(&b, p, strlen(p));
			break;
		}
		bd_buf_put(&b, p, (size_t)(open - p));
		n = (size_t)(close - open - 1);
		if (stop && strlen(stop) == n && memcmp(open + 1, stop, n) == 0) {
			*rest = close + 1;
			return b.s;
		}
		v = value_of(open + 1, n, ap);
		if (v)
			bd_buf_put(&b, v, strlen(v));
		else
			bd_buf_put(&b, open, n + 2);
		p = close + 1;
	}
	if (rest)
		*rest = NULL;
	return b.s;
}

char *bd_l10n_format(const struct bd_l10n *cat, const char *key, ...)
{
	va_list ap;
	char *s;

	va_start(ap, key);
	s = fill(bd_l10n_text(cat, key), NULL, NULL, ap);
	va_end(ap);
	return s;
}

void bd_l10n_split(const struct bd_l10n *cat, const char *key, const char *name, char **before, char **after,
		   ...)
{
	va_list ap;
	const char *rest = NULL;

	va_start(ap, after);
	*before = fill(bd_l10n_text(cat, key), name, &rest, ap);
	va_end(ap);
	va_start(ap, after);
	*after = rest ? fill(rest, NULL, NULL, ap) : bd_strdup("");
	va_end(ap);
}

/* UTF-16 (LEN units) to a new UTF-8 string, or NULL. */
static char *to_u8(const UChar *u, int32_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = 0;
	char *s;

	u_strToUTF8(NULL, 0, &n, u, len, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return NULL;
	status = U_ZERO_ERROR;
	s = bd_malloc((size_t)n + 1);
	u_strToUTF8(s, n + 1, NULL, u, len, &status);
	if (U_FAILURE(status)) {
		free(s);
		return NULL;
	}
	return s;
}

/* Days from 1970-01-01 to Y-M-D in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil), so no time zone is ever consulted. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* The languages ICU has data for, sorted, read once. */
static char (*icu_langs)[ULOC_LANG_CAPACITY];
static size_t nicu_langs;
static pthread_once_t icu_langs_once = PTHREAD_ONCE_INIT;

static int cmp_lang(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void read_icu_langs(void)
{
	int32_t n = uloc_countAvailable();

	icu_langs = bd_calloc(n > 0 ? (size_t)n : 1, sizeof(*icu_langs));
	for (int32_t i = 0; i < n; i++) {
		UErrorCode status = U_ZERO_ERROR;
		uloc_getLanguage(uloc_getAvailable(i), icu_langs[nicu_langs], ULOC_LANG_CAPACITY, &status);
		if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING && icu_langs[nicu_langs][0])
			nicu_langs++;
	}
	qsort(icu_langs, nicu_langs, sizeof(*icu_langs), cmp_lang);
}

/* TAG's ICU locale when ICU has data for its language, else "en": for a
 * language it does not know, ICU would use the machine's default locale,
 * and the output would depend on the machine. */
char *bd_l10n_known_locale(const char *tag)
{
	char *locale = bd_l10n_locale(tag);
	char lang[ULOC_LANG_CAPACITY] = "";
	UErrorCode status = U_ZERO_ERROR;

	pthread_once(&icu_langs_once, read_icu_langs);
	uloc_getLanguage(locale, lang, (int32_t)sizeof(lang), &status);
	if (U_FAILURE(status) || !*lang || !bsearch(lang, icu_langs, nicu_langs, sizeof(*icu_langs), cmp_lang)) {
		free(locale);
		locale = bd_strdup("en");
	}
	return locale;
}

/* ICU's formatters are slow to open (a tenth of a millisecond) and a book
 * has one language: the last one opened is kept, and used under a lock
 * since a UDateFormat may not be shared between threads. */
static pthread_mutex_t icu_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char locale[ULOC_FULLNAME_CAPACITY];
	UDateFormat *fmt;
} date_cache;
static struct {
	char locale[ULOC_FULLNAME_CAPACITY];
	UListFormatter *fmt;
} list_cache;

char *bd_l10n_date(const char *tag, const char *iso)
{
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	UErrorCode status = U_ZERO_ERROR;
	UDateFormat *fmt;
	char *locale = NULL, *out = NULL;
	UChar buf[128];
	int y, m, d;
	int32_t n;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return bd_strdup(iso ? iso : "");
	locale = bd_l10n_known_locale(tag);
	pthread_mutex_lock(&icu_lock);
	if (!date_cache.fmt || strcmp(date_cache.locale, locale) != 0) {
		fmt = udat_open(UDAT_NONE, UDAT_LONG, locale, utc, -1, NULL, 0, &status);
		if (U_FAILURE(status))
			goto out;
		if (date_cache.fmt)
			udat_close(date_cache.fmt);
		date_cache.fmt = fmt;
		snprintf(date_cache.locale, sizeof(date_cache.locale), "%s", locale);
	}
	n = udat_format(date_cache.fmt, (UDate)days_from_civil(y, (unsigned)m, (unsigned)d) * 86400000.0, buf,
			(int32_t)(sizeof(buf) / sizeof(buf[0])), NULL, &status);
	if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING)
		out = to_u8(buf, n);
out:
	pthread_mutex_unlock(&icu_lock);
	free(locale);
	return out ? out : bd_strdup(iso);
}

/* Plain glue: ", " between items. */
static char **comma_glue(size_t n)
{
	char **glue = bd_calloc(n + 1, sizeof(*glue));

	for (size_t i = 0; i <= n; i++)
		glue[i] = bd_strdup(i == 0 || i == n ? "" : ", ");
	return glue;
}

char **bd_l10n_list_glue(const char *tag, size_t n)
{
	enum { FIRST = 0xE000, MAX = 0x1000 };  /* private-use stand-ins for the items */
	UErrorCode status = U_ZERO_ERROR;
	UListFormatter *fmt = NULL;
	UChar *items = NULL, **ptrs = NULL, *joined = NULL;
	int32_t *lens = NULL, len = 0, from = 0;
	char *locale = NULL, **glue = NULL;
	size_t at = 0;

	if (n == 0 || n > MAX)
		return comma_glue(n);
	locale = bd_l10n_known_locale(tag);
	items = bd_calloc(2 * n, sizeof(*items));
	ptrs = bd_calloc(n, sizeof(*ptrs));
	lens = bd_calloc(n, sizeof(*lens));
	for (size_t i = 0; i < n; i++) {
		items[2 * i] = (UChar)(FIRST + i);
		ptrs[i] = &items[2 * i];
		lens[i] = 1;
	}
	pthread_mutex_lock(&icu_lock);
	if (!list_cache.fmt || strcmp(list_cache.locale, locale) != 0) {
		fmt = ulistfmt_open(locale, &status);
		if (U_FAILURE(status))
			goto out;
		if (list_cache.fmt)
			ulistfmt_close(list_cache.fmt);
		list_cache.fmt = fmt;
		snprintf(list_cache.locale, sizeof(list_cache.locale), "%s", locale);
	}
	fmt = list_cache.fmt;
	len = ulistfmt_format(fmt, (const UChar *const *)ptrs, lens, (int32_t)n, NULL, 0, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		goto out;
	status = U_ZERO_ERROR;
	joined = bd_calloc((size_t)len + 1, sizeof(*joined));
	ulistfmt_format(fmt, (const UChar *const *)ptrs, lens, (int32_t)n, joined, len + 1, &status);
	if (U_FAILURE(status))
		goto out;
	glue = bd_calloc(n + 1, sizeof(*glue));
	for (int32_t i = 0; i <= len && glue; i++) {
		if (i < len && joined[i] != FIRST + at)
			continue;
		/* Each stand-in once, in order; otherwise do without ICU. */
		if (at > n || (i == len && at != n) || !(glue[at] = to_u8(joined + from, i - from))) {
			for (size_t k = 0; k <= n; k++)
				free(glue[k]);
			free(glue);
			glue = NULL;
			break;
		}
		at++;
		from = i + 1;
	}
out:
	pthread_mutex_unlock(&icu_lock);
	free(joined);
	free(lens);
	free(ptrs);
	free(items);
	free(locale);
	return glue ? glue : comma_glue(n);
}

void bd_l10n_glue_free(char **glue, size_t n)
{
	for (size_t i = 0; glue && i <= n; i++)
		free(glue[i]);
	free(glue);
}

char *bd_l10n_list(const char *tag, const char *const *items, size_t n)
{
	char **glue = bd_l10n_list_glue(tag, n);
	struct bd_buf b = { 0 };

	bd_buf_put(&b, glue[0], strlen(glue[0]));
	for (size_t i = 0; i < n; i++) {
		bd_buf_put(&b, items[i], strlen(items[i]));
		bd_buf_put(&b, glue[i + 1], strlen(glue[i + 1]));
	}
	bd_l10n_glue_free(glue, n);
	return b.s;
}

bool bd_l10n_rtl(const char *tag)
{
	char *locale = bd_l10n_locale(tag);
	bool rtl = *locale && uloc_isRightToLeft(locale);

	free(locale);
	return rtl;
}
