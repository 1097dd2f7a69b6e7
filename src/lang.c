/* lang.c - BCP 47 language tags: well-formed (RFC 5646 section 2.1) and
 * valid (section 2.2.9) against the registered subtags in lang_subtags.c.
 *
 * One rule for the builder (book.xml's lang) and the checker (dc:language),
 * so a tag the builder takes is one the checker takes.  The grammar is
 * walked subtag by subtag; the first syntax problem wins over any
 * registration problem, and of each kind only the first is told, so one
 * wrong tag gives one reason. */
#include "lang.h"

#include "alloc.h"
#include "rules.h"
#include "lang_subtags.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <utf8proc.h>

/* The order the grammar wants, for a subtag that comes too late. */
#define ORDER "language, extended language, script, region, variants, extensions, private use"

struct sub {
	const char *s;
	size_t n;
};

/* ASCII only: BCP 47 subtags are ASCII, and <ctype.h> follows the locale. */
static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool all_alpha(struct sub t)
{
	for (size_t i = 0; i < t.n; i++)
		if (!is_alpha((unsigned char)t.s[i]))
			return false;
	return true;
}

static bool all_digit(struct sub t)
{
	for (size_t i = 0; i < t.n; i++)
		if (!is_digit((unsigned char)t.s[i]))
			return false;
	return true;
}

static bool same(struct sub a, struct sub b)
{
	if (a.n != b.n)
		return false;
	for (size_t i = 0; i < a.n; i++)
		if (lower(a.s[i]) != lower(b.s[i]))
			return false;
	return true;
}

/* The next subtag at *p, moving *p past it and its '-'.  The caller has
 * made sure there is no empty subtag. */
static bool next_sub(const char **p, struct sub *out)
{
	if (!**p)
		return false;
	out->s = *p;
	out->n = strcspn(*p, "-");
	*p += out->n;
	if (**p == '-')
		(*p)++;
	return true;
}

static bool peek_sub(const char *p, struct sub *out)
{
	return next_sub(&p, out);
}

static bool is_script(struct sub t)
{
	return t.n == 4 && all_alpha(t);
}

static bool is_region(struct sub t)
{
	return (t.n == 2 && all_alpha(t)) || (t.n == 3 && all_digit(t));
}

static bool is_variant(struct sub t)
{
	return (t.n >= 5 && t.n <= 8) || (t.n == 4 && is_digit((unsigned char)t.s[0]));
}

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

/* Records a syntax problem; the first one is the one told. */
#define MALFORMED(res, ...)                                                  \
	do {                                                                 \
		(res)->verdict = BD_LANG_MALFORMED;                          \
		say((res)->reason, sizeof((res)->reason), __VA_ARGS__);     \
	} while (0)

/* Records a registration problem unless one is already recorded. */
#define UNREGISTERED(res, ...)                                               \
	do {                                                                 \
		if ((res)->verdict == BD_LANG_VALID) {                       \
			(res)->verdict = BD_LANG_UNREGISTERED;               \
			say((res)->reason, sizeof((res)->reason), __VA_ARGS__); \
		}                                                            \
	} while (0)

static int cmp_str(const void *key, const void *elem)
{
	return strcmp(key, elem);
}

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct bd_lang_name *)elem)->key);
}

/* Looks up subtag T, lowercased, in a sorted table of char[WIDTH] (or of
 * structs that start with one). */
static const void *lookup(struct sub t, const void *table, size_t count, size_t width)
{
	char key[9];

	if (t.n >= sizeof(key))
		return NULL;
	for (size_t i = 0; i < t.n; i++)
		key[i] = lower(t.s[i]);
	key[t.n] = '\0';
	return bsearch(key, table, count, width, cmp_str);
}

#define LOOKUP(t, table) lookup((t), (table), table##_count, sizeof((table)[0]))

/* The tag in BCP 47 canonical form, as ICU writes it (uloc_forLanguageTag,
 * then uloc_toLanguageTag): canonical case (RFC 5646 section 2.1.1) and
 * deprecated or grandfathered tags replaced by their preferred values
 * ("iw" -> "he").  Only for a tag already judged valid here: ICU's own idea
 * of validity is looser.  False when ICU cannot read all of it, or it does
 * not fit. */
static bool canonical(const char *tag, char *out, size_t size)
{
	char id[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	int32_t parsed = 0;

	uloc_forLanguageTag(tag, id, (int32_t)sizeof(id), &parsed, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || parsed != (int32_t)strlen(tag))
		return false;
	uloc_toLanguageTag(id, out, (int32_t)size, true, &status);
	return U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING;
}

/* Every character is a letter, a digit or '-', and every subtag has 1 to 8
 * of them.  False, with the reason, otherwise. */
static bool check_characters(const char *tag, struct bd_lang_result *res)
{
	const char *p;

	for (p = tag; *p; p++) {
		unsigned char c = (unsigned char)*p;
		utf8proc_int32_t cp = 0;
		utf8proc_ssize_t k;

		if (is_alnum(c) || c == '-')
			continue;
		if (c == '_')
			MALFORMED(res, "subtags are joined by '-', not '_'");
		else if (c == ' ')
			MALFORMED(res, "it has a space; a tag has only letters a-z, digits and '-'");
		else if (c > 0x20 && c < 0x7F)
			MALFORMED(res, "'%c' is not allowed; a tag has only letters a-z, digits and '-'", c);
		else if ((k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp)) > 0)
			MALFORMED(res, "U+%04X is not allowed; a tag has only letters a-z, digits and '-'", (unsigned)cp);
		else
			MALFORMED(res, "it is not UTF-8; a tag has only letters a-z, digits and '-'");
		return false;
	}
	if (tag[0] == '-') {
		MALFORMED(res, "it starts with '-'");
		return false;
	}
	for (p = tag; *p;) {
		size_t n = strcspn(p, "-");

		if (n > 8) {
			MALFORMED(res, "'%.*s' is longer than 8 characters, the most a subtag may have",
				  n > 40 ? 40 : (int)n, p);
			return false;
		}
		p += n;
		if (*p == '-' && p[1] == '-') {
			MALFORMED(res, "'--' leaves an empty subtag");
			return false;
		}
		if (*p == '-' && !p[1]) {
			MALFORMED(res, "it ends with '-'");
			return false;
		}
		if (*p)
			p++;
	}
	return true;
}

/* Why subtag T cannot stand where it stands. */
static void out_of_place(struct sub t, struct bd_lang_result *res)
{
	if (is_script(t))
		MALFORMED(res, "'%.*s' is out of place: a script (4 letters) comes right after the language",
			  (int)t.n, t.s);
	else if (is_region(t))
		MALFORMED(res, "'%.*s' is out of place: a region (2 letters or 3 digits) comes once, after the "
			  "language and script", (int)t.n, t.s);
	else if (t.n == 3 && all_alpha(t))
		MALFORMED(res, "'%.*s' is out of place: an extended language (3 letters) comes right after a "
			  "language of 2 or 3 letters", (int)t.n, t.s);
	else
		MALFORMED(res, "'%.*s' is not a subtag of any kind: the order is " ORDER "; a script is 4 "
			  "letters, a region 2 letters or 3 digits, a variant 5 to 8 letters or digits, or a "
			  "digit and 3 more", (int)t.n, t.s);
}

/* Extensions (a singleton other than 'x', then subtags of 2 to 8) and
 * private use ('x', then subtags of 1 to 8), from *P to the end. */
static void check_tail(const char *p, struct bd_lang_result *res)
{
	uint64_t seen = 0;
	struct sub t, u;

	while (next_sub(&p, &t)) {
		unsigned char c = (unsigned char)lower(t.s[0]);
		unsigned bit;

		if (t.n != 1) {
			out_of_place(t, res);
			return;
		}
		if (c == 'x') {
			if (!*p)
				MALFORMED(res, "'%c' starts private use and needs a subtag after it", t.s[0]);
			return; /* the rest is private use: any subtags of 1 to 8 */
		}
		if (!peek_sub(p, &u) || u.n < 2) {
			MALFORMED(res, "'%c' starts an extension and needs a subtag of 2 to 8 letters or digits "
				  "after it", t.s[0]);
			return;
		}
		bit = is_digit(c) ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
		if (seen & (UINT64_C(1) << bit))
			UNREGISTERED(res, "the extension '%c' appears twice", t.s[0]);
		seen |= UINT64_C(1) << bit;
		while (peek_sub(p, &u) && u.n >= 2)
			next_sub(&p, &u);
	}
}

/* A langtag (section 2.1): the grammar, then each subtag against the registry. */
static void check_langtag(const char *tag, struct bd_lang_result *res)
{
	const char *p = tag, *variants = NULL;
	struct sub lang, t;
	size_t extlangs = 0;

	next_sub(&p, &lang);
	if (lang.n == 1 && lower(lang.s[0]) == 'x') {
		if (!*p)
			MALFORMED(res, "'%c' starts private use and needs a subtag after it", lang.s[0]);
		return;
	}
	if (lang.n == 1 || !all_alpha(lang)) {
		MALFORMED(res, "'%.*s' is not a language subtag: a tag starts with a language of 2 to 8 letters, "
			  "or with 'x-' for private use", (int)lang.n, lang.s);
		return;
	}
	if (!LOOKUP(lang, bd_lang_languages)) {
		const struct bd_lang_alias *a = LOOKUP(lang, bd_lang_iso639);

		if (a)
			UNREGISTERED(res, "'%.*s' is an ISO 639 code; BCP 47 writes this language '%s'", (int)lang.n,
				     lang.s, a->code);
		else
			UNREGISTERED(res, "'%.*s' is not a registered language subtag", (int)lang.n, lang.s);
	}
	while (lang.n <= 3 && extlangs < 3 && peek_sub(p, &t) && t.n == 3 && all_alpha(t)) {
		const struct bd_lang_extlang *e = LOOKUP(t, bd_lang_extlangs);

		next_sub(&p, &t);
		if (extlangs++ > 0)
			UNREGISTERED(res, "'%.*s': a tag may have only one extended language subtag", (int)t.n, t.s);
		else if (!e)
			UNREGISTERED(res, "'%.*s' is not a registered extended language subtag", (int)t.n, t.s);
		else if (!same(lang, (struct sub){ e->prefix, strlen(e->prefix) }))
			UNREGISTERED(res, "'%.*s' is an extended language subtag of '%s', not of '%.*s'", (int)t.n,
				     t.s, e->prefix, (int)lang.n, lang.s);
	}
	if (peek_sub(p, &t) && is_script(t)) {
		next_sub(&p, &t);
		if (!LOOKUP(t, bd_lang_scripts))
			UNREGISTERED(res, "'%.*s' is not a registered script subtag", (int)t.n, t.s);
	}
	if (peek_sub(p, &t) && is_region(t)) {
		next_sub(&p, &t);
		if (!LOOKUP(t, bd_lang_regions))
			UNREGISTERED(res, "'%.*s' is not a registered region subtag", (int)t.n, t.s);
	}
	variants = p;
	while (peek_sub(p, &t) && is_variant(t)) {
		const char *q = variants;
		struct sub v;

		while (next_sub(&q, &v) && v.s < t.s)
			if (same(v, t))
				UNREGISTERED(res, "the variant '%.*s' appears twice", (int)t.n, t.s);
		next_sub(&p, &t);
		if (!LOOKUP(t, bd_lang_variants))
			UNREGISTERED(res, "'%.*s' is not a registered variant subtag", (int)t.n, t.s);
	}
	check_tail(p, res);
}

static bool grandfathered(const char *tag)
{
	char key[12];
	size_t n = strlen(tag);

	if (n >= sizeof(key))
		return false;
	for (size_t i = 0; i <= n; i++)
		key[i] = lower(tag[i]);
	return bsearch(key, bd_lang_grandfathered, bd_lang_grandfathered_count, sizeof(bd_lang_grandfathered[0]),
		       cmp_str) != NULL;
}

/* The code for TAG when it is a language's name: case folded, marks
 * stripped and white space collapsed, as scripts/gen-lang-subtags folds
 * the names.  NULL when it is none. */
static const char *name_code(const char *tag)
{
	utf8proc_uint8_t *folded = NULL;
	const struct bd_lang_name *hit = NULL;
	char *key;

	if (utf8proc_map((const utf8proc_uint8_t *)tag, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
				 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
		return NULL;
	key = bd_text_collapse((const char *)folded);
	free(folded);
	hit = bsearch(key, bd_lang_names, bd_lang_names_count, sizeof(bd_lang_names[0]), cmp_name);
	free(key);
	return hit ? hit->code : NULL;
}

/* Judges a tag with no suggestion. */
static enum bd_lang_verdict judge_plain(const char *tag, struct bd_lang_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!*tag)
		MALFORMED(res, "it is empty");
	else if (check_characters(tag, res) && !grandfathered(tag))
		check_langtag(tag, res);
	return res->verdict;
}

/* TAG with its first subtag, an ISO 639 three-letter code, replaced by the
 * subtag BCP 47 writes instead, when that gives a valid tag; else NULL.
 * Free it. */
static char *with_bcp47_language(const char *tag)
{
	struct sub lang = { NULL, 0 };
	const struct bd_lang_alias *a;
	const char *p = tag;
	char *fixed = NULL;
	struct bd_lang_result again;

	next_sub(&p, &lang);
	if (!(a = LOOKUP(lang, bd_lang_iso639)))
		return NULL;
	fixed = bd_asprintf("%s%s", a->code, tag + lang.n);
	if (judge_plain(fixed, &again) != BD_LANG_VALID) {
		free(fixed);
		return NULL;
	}
	return fixed;
}

enum bd_lang_verdict bd_lang_check(const char *tag, struct bd_lang_result *res)
{
	const char *code = NULL;
	char *dashed = NULL, *fixed = NULL;

	if (!tag)
		tag = "";
	if (judge_plain(tag, res) == BD_LANG_VALID)
		goto out;
	/* A name is looked up first ("Aka-Bo" is one); the table holds no name
	 * that is also an ISO 639 code ("mon"). */
	if ((code = name_code(tag))) {
		res->verdict = BD_LANG_NAME;
		say(res->reason, sizeof(res->reason), "it is the name of a language; its code is '%s'", code);
		snprintf(res->suggestion, sizeof(res->suggestion), "%s", code);
	} else if (res->verdict == BD_LANG_UNREGISTERED && (fixed = with_bcp47_language(tag))) {
		if (!canonical(fixed, res->suggestion, sizeof(res->suggestion)))
			res->suggestion[0] = '\0';
	} else if (strchr(tag, '_')) {
		struct bd_lang_result again;

		dashed = bd_strdup(tag);
		for (char *p = dashed; *p; p++)
			if (*p == '_')
				*p = '-';
		if (judge_plain(dashed, &again) == BD_LANG_VALID &&
		    !canonical(dashed, res->suggestion, sizeof(res->suggestion)))
			res->suggestion[0] = '\0';
	}
out:
	free(fixed);
	free(dashed);
	return res->verdict;
}

char *bd_lang_message(const char *attr, const char *q, const char *value, const struct bd_lang_result *res)
{
	char *v = bd_text_shown(value ? value : ""), *msg = NULL, *use = NULL;

	use = res->suggestion[0] ? bd_asprintf("; use %s%s%s%s", attr, q, res->suggestion, q) : bd_strdup("");
	if (res->verdict == BD_LANG_NAME)
		msg = bd_asprintf("%s%s%s%s is not a BCP 47 language tag%s", attr, q, v, q, use);
	else
		msg = bd_asprintf("%s%s%s%s is not a %sBCP 47 language tag: %s%s", attr, q, v, q,
				  res->verdict == BD_LANG_MALFORMED ? "well-formed " : "valid ", res->reason, use);
	free(use);
	free(v);
	return msg;
}
