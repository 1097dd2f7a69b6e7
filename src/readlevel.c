/* readlevel.c - reading level in the book's language (see readlevel.h). */
#include "readlevel.h"

#include "alloc.h"

#include <hyphen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#ifndef BINDERY_HYPHEN_DIR
#define BINDERY_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* libhyphen 2.8.8 leaks a few hundred bytes of every French and German
 * dictionary it loads (in hnj_hyphen_load_line, whatever hnj_hyphen_free
 * does), once per build; tests/valgrind.supp says the same to valgrind.
 * LeakSanitizer's fast unwinder loses the stack inside libhyphen (no frame
 * pointers), so it is told by module; valgrind still checks that the
 * hyphenation arrays bindery frees are freed. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BD_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(BD_ASAN)
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libhyphen.so\n";
}
#endif

/* ---- the formulas ------------------------------------------------------------ */

static const struct bd_rl_formula formulas[BD_RL_COUNT] = {
	{ BD_RL_FLESCH_KINCAID, "flesch-kincaid", "Flesch-Kincaid", "en",
	  "Kincaid, Fishburne, Rogers and Chissom 1975, Navy Research Branch Report 8-75", BD_RL_GRADE },
	{ BD_RL_SMOG, "smog", "SMOG", "en",
	  "McLaughlin 1969, \"SMOG grading: a new readability formula\", Journal of Reading 12(8)", BD_RL_GRADE },
	{ BD_RL_WSTF, "wiener-sachtextformel", "Wiener Sachtextformel", "de",
	  "Bamberger and Vanecek 1984, Lesen - Verstehen - Lernen - Schreiben, first formula", BD_RL_GRADE },
	{ BD_RL_AMSTAD, "amstad", "Flesch-Amstad reading ease", "de",
	  "Amstad 1978, Wie verständlich sind unsere Zeitungen?, Universität Zürich", BD_RL_EASE },
	{ BD_RL_KANDEL_MOLES, "kandel-moles", "Kandel-Moles reading ease", "fr",
	  "Kandel and Moles 1958, Cahiers d'études de radio-télévision 19", BD_RL_EASE },
	{ BD_RL_SZIGRISZT_PAZOS, "szigriszt-pazos", "Szigriszt-Pazos perspicuity (INFLESZ)", "es",
	  "Szigriszt Pazos 1993, Universidad Complutense de Madrid; INFLESZ scale: Barrio-Cantalejo et al. 2008, "
	  "Anales del Sistema Sanitario de Navarra 31(2)", BD_RL_EASE },
};

const struct bd_rl_formula *bd_rl_formula_by_key(const char *key)
{
	for (size_t i = 0; key && i < BD_RL_COUNT; i++)
		if (strcmp(formulas[i].key, key) == 0)
			return &formulas[i];
	return NULL;
}

void bd_rl_primary(const char *lang, char *buf, size_t size)
{
	size_t n = 0;

	for (; lang && lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < size; n++)
		buf[n] = (char)(lang[n] >= 'A' && lang[n] <= 'Z' ? lang[n] - 'A' + 'a' : lang[n]);
	if (size)
		buf[n] = '\0';
}

bool bd_rl_formula_fits(const struct bd_rl_formula *f, const char *lang)
{
	char primary[16];

	bd_rl_primary(lang, primary, sizeof(primary));
	return strcmp(f->lang, primary) == 0;
}

const struct bd_rl_formula *bd_rl_formula_for_lang(const char *lang)
{
	/* The first formula of each language is its default. */
	for (size_t i = 0; i < BD_RL_COUNT; i++)
		if (bd_rl_formula_fits(&formulas[i], lang))
			return &formulas[i];
	return NULL;
}

/* The keys of LANG's formulas, as 'formula="a" or formula="b"'.  A new string. */
static char *formula_keys(const char *lang)
{
	char *list = bd_strdup(""), *next;

	for (size_t i = 0; i < BD_RL_COUNT; i++) {
		if (!bd_rl_formula_fits(&formulas[i], lang))
			continue;
		next = bd_asprintf("%s%sformula=\"%s\"", list, *list ? " or " : "", formulas[i].key);
		free(list);
		list = next;
	}
	return list;
}

char *bd_rl_target_problem(const char *lang, const char *key, bool max_grade, bool min_ease)
{
	const struct bd_rl_formula *f = key ? bd_rl_formula_by_key(key) : bd_rl_formula_for_lang(lang);
	char primary[16], *keys = NULL, *msg = NULL;

	bd_rl_primary(lang, primary, sizeof(primary));
	keys = formula_keys(lang);
	if (!key && !f)
		msg = bd_asprintf("no reading-level formula for %s (bindery has formulas for en, de, fr and es); "
				  "remove <reading-level>", primary);
	else if (!f)
		msg = bd_asprintf("formula=\"%s\" is not a reading-level formula bindery knows", key);
	else if (!bd_rl_formula_fits(f, lang))
		msg = *keys ? bd_asprintf("formula=\"%s\" is for '%s', but the book's language is '%s'; use %s",
					  f->key, f->lang, primary, keys)
			    : bd_asprintf("formula=\"%s\" is for '%s', but the book's language is '%s', which has no "
					  "reading-level formula; remove <reading-level>", f->key, f->lang, primary);
	else if (f->scale == BD_RL_EASE && !min_ease)
		msg = bd_asprintf("the %s is an ease score (higher reads more easily): set min-ease, not max-grade",
				  f->name);
	else if (f->scale == BD_RL_GRADE && !max_grade)
		msg = bd_asprintf("%s gives a school grade (lower reads more easily): set max-grade, not min-ease",
				  f->name);
	free(keys);
	return msg;
}

double bd_rl_score(const struct bd_rl_formula *f, const struct bd_readability *r)
{
	double w, s, wps, spw;

	if (!r->words || !r->sentences)
		return 0;
	w = (double)r->words;
	s = (double)r->sentences;
	wps = w / s;
	spw = (double)r->syllables / w;
	switch (f->id) {
	case BD_RL_FLESCH_KINCAID:
		return 0.39 * wps + 11.8 * spw - 15.59;
	case BD_RL_SMOG:
		return 3.0 + sqrt(30.0 * (double)r->polysyllables / s);
	case BD_RL_WSTF:
		/* MS, IW, ES are percentages of the words; SL is words per sentence. */
		return 0.1935 * 100.0 * (double)r->polysyllables / w + 0.1672 * wps +
		       0.1297 * 100.0 * (double)r->long_words / w - 0.0327 * 100.0 * (double)r->monosyllables / w - 0.875;
	case BD_RL_AMSTAD:
		return 180.0 - wps - 58.5 * spw;
	case BD_RL_KANDEL_MOLES:
		return 207.0 - 1.015 * wps - 73.6 * spw;
	case BD_RL_SZIGRISZT_PAZOS:
		return 206.835 - 62.3 * spw - wps;
	case BD_RL_COUNT:
		break;
	}
	return 0;
}

/* ---- the counter ------------------------------------------------------------- */

/* Each language's dictionary, by the file name Debian's hyphen-LL gives it. */
static const struct {
	const char *lang, *file;
} dictionaries[] = {
	{ "de", "hyph_de_DE.dic" },
	{ "fr", "hyph_fr.dic" },
	{ "es", "hyph_es_ES.dic" },
};

/* Words longer than this many UTF-16 units are not hyphenated (a URL, a
 * chemical name): each counts as a syllable per 3 letters. */
#define WORD_MAX 128

struct bd_rl_counter {
	char lang[16];
	UBreakIterator *words, *sentences;
	HyphenDict *dict;     /* NULL: no syllables */
	UConverter *conv;     /* to the dictionary's encoding */
};

struct bd_rl_counter *bd_rl_counter_open(const char *lang, const char *dir, char **why)
{
	struct bd_rl_counter *c = bd_calloc(1, sizeof(*c));
	UErrorCode st = U_ZERO_ERROR;
	char *path = NULL;

	*why = NULL;
	bd_rl_primary(lang, c->lang, sizeof(c->lang));
	c->words = ubrk_open(UBRK_WORD, c->lang, NULL, 0, &st);
	/* Not "@ss=standard": its German abbreviations take the "dir." of "Wir
	 * helfen dir." for one and join two sentences, and still end one at "z. B.". */
	if (U_SUCCESS(st))
		c->sentences = ubrk_open(UBRK_SENTENCE, c->lang, NULL, 0, &st);
	if (U_FAILURE(st)) {
		*why = bd_asprintf("ICU cannot open a break iterator for '%s': %s", c->lang, u_errorName(st));
		goto out;
	}
	for (size_t i = 0; i < sizeof(dictionaries) / sizeof(dictionaries[0]); i++) {
		if (strcmp(dictionaries[i].lang, c->lang) != 0)
			continue;
		path = bd_asprintf("%s/%s", dir ? dir : BINDERY_HYPHEN_DIR, dictionaries[i].file);
		c->dict = hnj_hyphen_load(path);
		if (!c->dict) {
			*why = bd_asprintf("cannot load the hyphenation dictionary %s that counts syllables in '%s'; "
					   "install Debian's package hyphen-%s",
					   path, c->lang, c->lang);
			goto out;
		}
		/* The dictionary's first line names its encoding (hyph_de_DE.dic: ISO8859-1). */
		c->conv = ucnv_open(c->dict->cset, &st);
		if (U_FAILURE(st)) {
			*why = bd_asprintf("%s is in an encoding ICU does not know (%s): %s", path, c->dict->cset,
					   u_errorName(st));
			goto out;
		}
	}
out:
	free(path);
	if (*why) {
		bd_rl_counter_free(c);
		return NULL;
	}
	return c;
}

void bd_rl_counter_free(struct bd_rl_counter *c)
{
	if (!c)
		return;
	if (c->words)
		ubrk_close(c->words);
	if (c->sentences)
		ubrk_close(c->sentences);
	if (c->dict)
		hnj_hyphen_free(c->dict);
	if (c->conv)
		ucnv_close(c->conv);
	free(c);
}

bool bd_rl_counter_has_syllables(const struct bd_rl_counter *c)
{
	return c->dict != NULL;
}

/* ---- syllables ---------------------------------------------------------------- */

static bool is_vowel(UChar32 ch)
{
	return ch != 0 && u_strchr(u"aeiouyàâäáéèêëíìîïóòôöúùûüœæ", (UChar)ch) != NULL;
}

static bool in(const UChar *set, UChar ch)
{
	return ch != 0 && u_strchr(set, ch) != NULL;
}

/* Which letters of the lower-case word u[0..n) are vowels here: not "u"
 * after "q" (nor, in French and Spanish, after "g" before e or i); not "y"
 * before a vowel (ma-yo, pa-yer); in German not "i" between "t" and a
 * vowel (Ope-ra-tion, Pa-tient: a non-syllabic i). */
static void classify(const char *lang, const UChar *u, int32_t n, bool *vowel)
{
	bool de = strcmp(lang, "de") == 0;

	for (int32_t i = 0; i < n; i++) {
		UChar prev = i > 0 ? u[i - 1] : 0, next = i + 1 < n ? u[i + 1] : 0;
		vowel[i] = is_vowel(u[i]);
		if (u[i] == u'u' && (prev == u'q' || (!de && prev == u'g' && in(u"eiéèêíë", next))))
			vowel[i] = false;
		else if (u[i] == u'y' && i > 0 && is_vowel(next))
			vowel[i] = false;
		else if (de && u[i] == u'i' && prev == u't' && is_vowel(next))
			vowel[i] = false;
	}
}

/* Whether the vowel u[i] belongs to the same nucleus as the vowel before it. */
static bool joins(const char *lang, const UChar *u, int32_t n, int32_t i)
{
	UChar a = u[i - 1], b = u[i];

	if (strcmp(lang, "es") == 0) {
		/* Two strong vowels, or a stressed weak one, are a hiatus. */
		const UChar *strong = u"aeoáéóíú";
		return !(in(strong, a) && in(strong, b));
	}
	if (strcmp(lang, "fr") == 0) {
		bool final_e = b == u'e' && (i + 1 == n || (i + 2 == n && u[i + 1] == u's'));
		/* "é" then a sounded vowel (ré-a-gir, cré-er; not i-dée); "a" or "o"
		 * then an accented e (a-é-ro-port, po-è-te); a diaeresis (na-ïf, No-ël). */
		return !((a == u'é' && !final_e) || ((a == u'a' || a == u'o') && in(u"éèê", b)) || in(u"ïë", b));
	}
	/* German: diphthongs and long vowels; any other pair is said apart (be-ach-ten). */
	{
		static const UChar *const pairs[] = { u"ei", u"ai", u"au", u"eu", u"äu", u"ie", u"ee", u"aa", u"oo",
						      u"ey", u"ay", u"oe", u"ui" };
		for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
			if (pairs[k][0] == a && pairs[k][1] == b)
				return true;
		return false;
	}
}

/* French: the word ends in a mute "e" or "es" after a consonant (ta-ble, li-vres). */
static bool mute_e_fr(const UChar *u, int32_t n, const bool *vowel)
{
	int32_t end = n;

	if (end > 1 && u[end - 1] == u's')
		end--;
	return end >= 2 && u[end - 1] == u'e' && !vowel[end - 2];
}

/* Syllables of the lower-case word u[0..n), which the dictionary cut after
 * each index in cuts[0..ncuts): each fragment counts its vowel nuclei
 * (usually one; none for a fragment without a vowel, such as the "t" that
 * a minimum of 1 lets "arz-t" cut off), so that the dictionary's cuts split
 * vowels said apart (Mu-se-um) and the language's rules the rest. */
static size_t count_fragments(const char *lang, const UChar *u, int32_t n, const int32_t *cuts, size_t ncuts)
{
	bool vowel[WORD_MAX];
	size_t total = 0, k = 0;

	classify(lang, u, n, vowel);
	for (int32_t i = 0; i < n; i++) {
		bool start = k < ncuts && cuts[k] == i;
		if (start)
			k++;
		if (vowel[i] && (start || i == 0 || !vowel[i - 1] || !joins(lang, u, n, i)))
			total++;
	}
	if (strcmp(lang, "fr") == 0 && total > 1 && mute_e_fr(u, n, vowel))
		total--;
	return total ? total : 1;
}

size_t bd_rl_syllables(struct bd_rl_counter *c, const char *s, size_t len)
{
	UChar src[WORD_MAX], low[WORD_MAX];
	char bytes[4 * WORD_MAX + 8], hyphens[4 * WORD_MAX + 8];
	int32_t offsets[4 * WORD_MAX + 8], cuts[WORD_MAX];
	int32_t n = 0, nlow, nbytes;
	size_t ncuts = 0, count;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	UErrorCode st = U_ZERO_ERROR;
	char *out;
	const UChar *in;

	if (!c->dict)
		return 0;
	u_strFromUTF8(src, WORD_MAX, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st) || n >= WORD_MAX)
		return len / 3 ? len / 3 : 1;
	nlow = u_strToLower(low, WORD_MAX, src, n, c->lang, &st);
	if (U_FAILURE(st) || nlow >= WORD_MAX)
		return len / 3 ? len / 3 : 1;
	/* Into the dictionary's encoding, with each byte's source index: a
	 * character it lacks becomes its substitute and simply matches no pattern. */
	ucnv_resetFromUnicode(c->conv);
	out = bytes;
	in = low;
	ucnv_fromUnicode(c->conv, &out, bytes + sizeof(bytes) - 1, &in, low + nlow, offsets, true, &st);
	if (U_FAILURE(st))
		return 1;
	nbytes = (int32_t)(out - bytes);
	*out = '\0';
	if (nbytes == 0)
		return 1;
	memset(hyphens, 0, sizeof(hyphens));
	if (hnj_hyphen_hyphenate3(c->dict, bytes, nbytes, hyphens, NULL, &rep, &pos, &cut, 1, 1, 1, 1) == 0) {
		/* An odd value at i: a hyphenation point after the i-th character,
		 * counted in bytes in an 8-bit dictionary and in code points in a
		 * UTF-8 one; ends[i] is where that character ends in low. */
		int32_t nchars = 0, at = 0;
		if (c->dict->utf8) {
			while (at < nlow && nchars < (int32_t)sizeof(offsets) / (int32_t)sizeof(offsets[0])) {
				U16_FWD_1(low, at, nlow);
				offsets[nchars++] = at;
			}
		} else {
			for (int32_t i = 0; i < nbytes; i++)
				offsets[i] += 1;
			nchars = nbytes;
		}
		for (int32_t i = 0; i + 1 < nchars; i++)
			if ((hyphens[i] & 1) && offsets[i] < nlow && ncuts < WORD_MAX &&
			    (ncuts == 0 || cuts[ncuts - 1] < offsets[i]))
				cuts[ncuts++] = offsets[i];
	}
	if (rep) {
		for (int32_t i = 0; i < nbytes; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	count = count_fragments(c->lang, low, nlow, cuts, ncuts);
	return count;
}

/* ---- measuring ----------------------------------------------------------------- */

/* Letters in the word s[0..len). */
static size_t letters(const char *s, int32_t len)
{
	size_t count = 0;

	for (int32_t i = 0; i < len;) {
		UChar32 ch;
		U8_NEXT(s, i, len, ch);
		count += ch >= 0 && u_isalpha(ch);
	}
	return count;
}

/* s[0..len) into q (len + 1 bytes) with each run of white space one space,
 * and none at either end; returns its length. */
static size_t fold(const char *s, int32_t len, char *q)
{
	size_t n = 0;
	bool white = false;

	for (int32_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
			white = n > 0;
			continue;
		}
		if (white)
			q[n++] = ' ';
		white = false;
		q[n++] = ch;
	}
	q[n] = '\0';
	return n;
}

bool bd_rl_measure(struct bd_rl_counter *c, const char *text, struct bd_readability *r, char **why)
{
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = NULL;
	int32_t s_start, s_end, w_start, w_end;
	bool ok = false;
	/* A sentence is never longer than the text: one buffer for all of them. */
	char *sent = bd_malloc(strlen(text) + 1);

	memset(r, 0, sizeof(*r));
	*why = NULL;
	/* On UTF-8 text the iterators' indexes are byte offsets into it. */
	ut = utext_openUTF8(NULL, text, -1, &st);
	ubrk_setUText(c->sentences, ut, &st);
	ubrk_setUText(c->words, ut, &st);
	if (U_FAILURE(st)) {
		*why = bd_asprintf("ICU cannot break the text: %s", u_errorName(st));
		goto out;
	}
	w_start = ubrk_first(c->words);
	w_end = ubrk_next(c->words);
	s_start = ubrk_first(c->sentences);
	for (; (s_end = ubrk_next(c->sentences)) != UBRK_DONE; s_start = s_end) {
		size_t words = 0;

		for (; w_end != UBRK_DONE && w_start < s_end; w_start = w_end, w_end = ubrk_next(c->words)) {
			int32_t status = ubrk_getRuleStatus(c->words);
			size_t syl;

			if (status < UBRK_WORD_NUMBER)
				continue;  /* spaces and punctuation */
			words++;
			if (status < UBRK_WORD_NUMBER_LIMIT) {
				syl = 1;
			} else {
				syl = bd_rl_syllables(c, text + w_start, (size_t)(w_end - w_start));
				r->long_words += letters(text + w_start, w_end - w_start) > 6;
			}
			r->syllables += syl;
			r->monosyllables += syl == 1;
			r->polysyllables += syl >= 3;
		}
		if (words) {
			size_t len = fold(text + s_start, s_end - s_start, sent);
			r->words += words;
			r->sentences++;
			bd_readability_keep_longest(r, sent, len, words);
		}
	}
	ok = true;
out:
	/* The iterators keep a shallow clone of ut: point them at nothing before closing it. */
	st = U_ZERO_ERROR;
	ubrk_setText(c->words, u"", 0, &st);
	ubrk_setText(c->sentences, u"", 0, &st);
	utext_close(ut);
	free(sent);
	if (!ok)
		bd_readability_fini(r);
	return ok;
}
