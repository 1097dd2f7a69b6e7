/* rules.c - the rule table, and the spelling rules that the builder and the
 * checker share, so that a mistake is judged the same way in a source and
 * in an EPUB. */
#include "rules.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const struct bd_rule_info table[BD_R_COUNT] = {
	[BD_R_NONE] = { NULL, BD_RS_ERROR, 0, NULL },
#define BD_RULE_ROW(id, name, sev, scope, text) [BD_R_##id] = { name, BD_RS_##sev, BD_RSCOPE_##scope, text },
	BD_RULE_LIST(BD_RULE_ROW)
#undef BD_RULE_ROW
};

const struct bd_rule_info *bd_rule_get(enum bd_rule rule)
{
	if (rule <= BD_R_NONE || rule >= BD_R_COUNT)
		return NULL;
	return &table[rule];
}

enum bd_rule bd_rule_find(const char *name)
{
	for (int r = BD_R_NONE + 1; name && r < BD_R_COUNT; r++)
		if (strcmp(table[r].name, name) == 0)
			return (enum bd_rule)r;
	return BD_R_NONE;
}

void bd_rules_list(FILE *out, unsigned scope)
{
	static const char *const names[] = { "note", "warning", "error", "warning*" };
	bool a11y = false;

	for (int r = BD_R_NONE + 1; r < BD_R_COUNT; r++) {
		if (!(table[r].scope & scope))
			continue;
		fprintf(out, "%-28s %-9s %s\n", table[r].name, names[table[r].severity], table[r].text);
		a11y |= table[r].severity == BD_RS_A11Y;
	}
	if (a11y)
		fputs("(* an error with --werror)\n", out);
}

/* ---- text that shows nothing ---------------------------------------------- */

static bool invisible(utf8proc_int32_t c)
{
	switch (c) {
	case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0x2061: case 0x2062: case 0x2063: case 0x2064: case 0xFEFF:
		return true;
	default:
		return false;
	}
}

static bool blank_char(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c == '\t' || c == '\n' || c == '\r' || invisible(c))
		return true;
	cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

/* Whether s shows nothing; when hidden is not NULL, also the first code
 * point (anywhere in s) that is white space other than space, tab, CR and
 * LF, or invisible, in *hidden (0 when none, or at invalid UTF-8). */
static bool blank_scan(const char *s, size_t len, unsigned *hidden)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	bool blank = true;

	if (hidden)
		*hidden = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);

		if (n <= 0)
			return false;
		if (!blank_char(c))
			blank = false;
		else if (hidden && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			*hidden = (unsigned)c;
			hidden = NULL;
		}
		if (!blank && !hidden)
			return false;
		i += (size_t)n;
	}
	return blank;
}

bool bd_text_is_blank(const char *s, size_t len)
{
	return blank_scan(s, len, NULL);
}

unsigned bd_text_first_invisible(const char *s, size_t len)
{
	unsigned hidden;

	blank_scan(s, len, &hidden);
	return hidden;
}

/* ---- file names ------------------------------------------------------------ */

char *bd_filename_key(const char *name)
{
	utf8proc_uint8_t *folded = NULL;
	char *copy;

	/* CASEFOLD and COMPOSE together: full case folding, then NFC. */
	if (utf8proc_map((const utf8proc_uint8_t *)name, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return NULL;
	/* utf8proc allocates with malloc; hand back a string of our allocator. */
	copy = bd_strdup((const char *)folded);
	free(folded);
	return copy;
}

/* ---- media types ----------------------------------------------------------- */

bool bd_media_sniff_ok(const char *type, const unsigned char *h, size_t n)
{
	size_t i = 0;

	if (strcmp(type, "image/png") == 0)
		return n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0;
	if (strcmp(type, "image/jpeg") == 0)
		return n >= 3 && memcmp(h, "\xFF\xD8\xFF", 3) == 0;
	if (strcmp(type, "image/gif") == 0)
		return n >= 6 && (memcmp(h, "GIF87a", 6) == 0 || memcmp(h, "GIF89a", 6) == 0);
	if (strcmp(type, "image/webp") == 0)
		return n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0;
	if (strcmp(type, "image/svg+xml") == 0 || strcmp(type, "application/xhtml+xml") == 0) {
		/* XML: '<' after an optional byte order mark and white space. */
		if (n >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\n' || h[i] == '\r'))
			i++;
		return i == n || h[i] == '<';
	}
	return true;
}

/* ---- dates ----------------------------------------------------------------- */

/* n decimal digits at s, as a number in [lo, hi]; -1 otherwise. */
static int number(const char *s, size_t n, int lo, int hi)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* YYYY-MM-DD at s (10 bytes, no terminator needed); days since 1970 in *days. */
static bool date_part(const char *s, long long *days)
{
	int y = number(s, 4, 0, 9999), m = number(s + 5, 2, 1, 12), d;

	if (y < 0 || m < 0 || s[4] != '-' || s[7] != '-')
		return false;
	d = number(s + 8, 2, 1, days_in_month(y, m));
	if (d < 0)
		return false;
	if (days) {
		/* Days from civil (proleptic Gregorian), after H. Hinnant. */
		long long yy = m <= 2 ? y - 1 : y;
		long long era = (yy >= 0 ? yy : yy - 399) / 400;
		long long yoe = yy - era * 400;
		long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		*days = era * 146097 + doe - 719468;
	}
	return true;
}

bool bd_date_valid(const char *s)
{
	return s && strlen(s) == 10 && date_part(s, NULL);
}

bool bd_datetime_valid(const char *s, long long *t)
{
	long long days;
	int hh, mm, ss;

	if (!s || strlen(s) != 20 || !date_part(s, &days) || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	hh = number(s + 11, 2, 0, 23);
	mm = number(s + 14, 2, 0, 59);
	ss = number(s + 17, 2, 0, 60); /* a leap second is a real instant */
	if (hh < 0 || mm < 0 || ss < 0)
		return false;
	if (t)
		*t = days * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

/* ---- text in messages and values ---------------------------------------- */

char *bd_text_shown(const char *value)
{
	enum { MAX_SHOWN = 80 };
	char *out = bd_malloc(4 * MAX_SHOWN + 4);
	size_t n = 0, i;

	for (i = 0; value[i] && i < MAX_SHOWN; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c < 0x20 || c == 0x7F)
			n += (size_t)snprintf(out + n, 5, "\\x%02X", c);
		else
			out[n++] = (char)c;
	}
	/* Cut at a character boundary, never inside a UTF-8 sequence. */
	if (value[i]) {
		while (n > 0 && i > 0 && ((unsigned char)value[i] & 0xC0) == 0x80)
			n--, i--;
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

char *bd_text_collapse(const char *s)
{
	char *out = bd_malloc(strlen(s) + 1);
	size_t n = 0;
	bool space = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

int bd_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- did you mean ------------------------------------------------------------ */

/* Optimal string alignment distance, stopping early past limit. */
static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *rows, *prev2, *prev, *cur, result;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	rows = bd_malloc(3 * (lb + 1) * sizeof(*rows));
	prev2 = rows;
	prev = rows + lb + 1;
	cur = rows + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best;
		size_t *t;

		cur[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit) {
			free(rows);
			return limit + 1;
		}
		t = prev2, prev2 = prev, prev = cur, cur = t;
	}
	result = prev[lb];
	free(rows);
	return result;
}

long bd_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len / 3 < 3 ? len / 3 : 3;
	size_t best = limit + 1;
	long found = -1;

	if (limit == 0)
		limit = 1, best = 2;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (!candidates[i])
			continue;
		d = distance(word, candidates[i], best - 1 < limit ? best - 1 : limit);
		if (d < best && d > 0) {
			best = d;
			found = (long)i;
		}
	}
	return found;
}
