/* Unit tests for readlevel.c: syllables in German, French and Spanish
 * against 200 hand-counted words each (tests/unit/syllables/LL.txt), words,
 * sentences and each formula against short texts counted by hand, the
 * <reading-level> checks, and the report of a language with and without a
 * formula. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "model.h"
#include "readlevel.h"
#include "report.h"

/* The share of a word list the counter must get exactly right. */
#define MIN_EXACT 0.95

/* One counter per language for all the tests, as one per build: loading
 * hyph_de_DE.dic's 78,000 patterns takes libhyphen seconds. */
static struct bd_rl_counter *counters[3];
static const char *const langs[3] = { "de", "fr", "es" };

static struct bd_rl_counter *counter(const char *lang)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(langs[i], lang) == 0)
			return counters[i];
	fail_msg("no counter for %s", lang);
	return NULL;
}

static int open_counters(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *why = NULL;
		counters[i] = bd_rl_counter_open(langs[i], NULL, &why);
		if (!counters[i]) {
			fprintf(stderr, "%s\n", why);
			free(why);
			return -1;
		}
	}
	return 0;
}

static int close_counters(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		bd_rl_counter_free(counters[i]);
	return 0;
}

static void check_word_list(const char *lang)
{
	char path[4096], line[256];
	struct bd_rl_counter *c = counter(lang);
	size_t total = 0, exact = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/unit/syllables/%s.txt", BD_SOURCE_DIR, lang);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char word[128];
		unsigned want;
		size_t got;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(sscanf(line, "%127s %u", word, &want), 2);
		got = bd_rl_syllables(c, word, strlen(word));
		total++;
		if (got == want)
			exact++;
		else
			print_message("%s: %s has %u syllables, counted %zu\n", lang, word, want, got);
	}
	fclose(f);
	print_message("%s: %zu of %zu words exact\n", lang, exact, total);
	assert_int_equal(total, 200);
	assert_true((double)exact >= MIN_EXACT * (double)total);
}

static void test_syllables_de(void **state)
{
	(void)state;
	check_word_list("de");
}

static void test_syllables_fr(void **state)
{
	(void)state;
	check_word_list("fr");
}

static void test_syllables_es(void **state)
{
	(void)state;
	check_word_list("es");
}

/* The dictionary's encoding: hyph_de_DE.dic is ISO 8859-1, so "Übelkeit"
 * must reach it as Latin-1 bytes for its patterns to match. */
static void test_syllables_dictionary_encoding(void **state)
{
	char *why = NULL;
	struct bd_rl_counter *c = counter("de");

	(void)state;
	assert_true(bd_rl_counter_has_syllables(c));
	assert_int_equal(bd_rl_syllables(c, "Übelkeit", strlen("Übelkeit")), 3);
	assert_int_equal(bd_rl_syllables(c, "regelmäßig", strlen("regelmäßig")), 4);
	/* A region or script does not matter; a language without a dictionary
	 * gets words and sentences, no syllables. */
	c = bd_rl_counter_open("es-419", NULL, &why);
	assert_non_null(c);
	assert_true(bd_rl_counter_has_syllables(c));
	bd_rl_counter_free(c);
	c = bd_rl_counter_open("it", NULL, &why);
	assert_non_null(c);
	assert_false(bd_rl_counter_has_syllables(c));
	assert_int_equal(bd_rl_syllables(c, "medico", 6), 0);
	bd_rl_counter_free(c);
	/* No dictionary in a folder without one: a message naming the package. */
	assert_null(bd_rl_counter_open("de", "/nonexistent", &why));
	assert_non_null(strstr(why, "hyphen-de"));
	free(why);
}

static void measure(const char *lang, const char *text, struct bd_readability *r)
{
	char *why = NULL;

	assert_true(bd_rl_measure(counter(lang), text, r, &why));
}

static void assert_near(double got, double want)
{
	if (fabs(got - want) > 0.005)
		fail_msg("got %.4f, want %.4f", got, want);
}

/* Der(1) Arzt(1) hilft(1) dir(1).  Die(1) Be-hand-lung(3) dau-ert(2)
 * ei-ne(2) Wo-che(2).
 *   9 words, 2 sentences, 14 syllables; 1 of 3+ syllables (Behandlung),
 *   5 of 1 syllable, 1 of more than 6 letters (Behandlung).
 * Wiener Sachtextformel = 0.1935*MS + 0.1672*SL + 0.1297*IW - 0.0327*ES - 0.875
 *   MS = 100*1/9 = 11.111, SL = 9/2 = 4.5, IW = 11.111, ES = 100*5/9 = 55.556
 *   = 2.1500 + 0.7524 + 1.4411 - 1.8167 - 0.875 = 1.6518
 * Amstad = 180 - 9/2 - 58.5*14/9 = 180 - 4.5 - 91.0 = 84.5 */
static void test_measure_german(void **state)
{
	struct bd_readability r;

	(void)state;
	measure("de", "Der Arzt hilft dir. Die Behandlung dauert eine Woche.", &r);
	assert_int_equal(r.words, 9);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.syllables, 14);
	assert_int_equal(r.polysyllables, 1);
	assert_int_equal(r.monosyllables, 5);
	assert_int_equal(r.long_words, 1);
	assert_near(bd_rl_score(bd_rl_formula_by_key("wiener-sachtextformel"), &r), 1.6518);
	assert_near(bd_rl_score(bd_rl_formula_by_key("amstad"), &r), 84.5);
	assert_string_equal(r.longest[0].text, "Die Behandlung dauert eine Woche.");
	assert_int_equal(r.longest[0].words, 5);
	bd_readability_fini(&r);
	/* ICU's German abbreviations would take this "dir." for one. */
	measure("de", "Wir helfen dir. Das ist gut.", &r);
	assert_int_equal(r.sentences, 2);
	bd_readability_fini(&r);
}

/* Le(1) mé-de-cin(3) vous(1) aide(1).  La(1) dou-leur(2) passe(1) vite(1).
 *   8 words, 2 sentences, 11 syllables (the final mute e is none).
 * Kandel-Moles = 207 - 1.015*8/2 - 73.6*11/8 = 207 - 4.06 - 101.2 = 101.74 */
static void test_measure_french(void **state)
{
	struct bd_readability r;

	(void)state;
	measure("fr", "Le médecin vous aide.\n\nLa douleur passe vite.", &r);
	assert_int_equal(r.words, 8);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.syllables, 11);
	assert_near(bd_rl_score(bd_rl_formula_by_key("kandel-moles"), &r), 101.74);
	/* Elision: l'hôpital is one word of three syllables. */
	bd_readability_fini(&r);
	measure("fr", "Il va à l'hôpital.", &r);
	assert_int_equal(r.words, 4);
	assert_int_equal(r.syllables, 6);
	bd_readability_fini(&r);
}

/* El(1) mé-di-co(3) te(1) a-yu-da(3).  La(1) en-fer-me-ra(4) lla-ma(2) a(1)
 * tu(1) fa-mi-lia(3).
 *   10 words, 2 sentences, 20 syllables.
 * Szigriszt-Pazos = 206.835 - 62.3*20/10 - 10/2 = 206.835 - 124.6 - 5 = 77.235 */
static void test_measure_spanish(void **state)
{
	struct bd_readability r;

	(void)state;
	measure("es", "El médico te ayuda. La enfermera llama a tu familia.", &r);
	assert_int_equal(r.words, 10);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.syllables, 20);
	assert_near(bd_rl_score(bd_rl_formula_by_key("szigriszt-pazos"), &r), 77.235);
	bd_readability_fini(&r);
	/* A number is one word of one syllable; no words, no sentence. */
	measure("es", "Tome 2 pastillas. ¡...!", &r);
	assert_int_equal(r.words, 3);
	assert_int_equal(r.sentences, 1);
	assert_int_equal(r.syllables, 2 + 1 + 3);   /* To-me, 2, pas-ti-llas */
	bd_readability_fini(&r);
}

static void test_formulas_by_language(void **state)
{
	char *msg;

	(void)state;
	assert_string_equal(bd_rl_formula_for_lang("en-GB")->key, "flesch-kincaid");
	assert_string_equal(bd_rl_formula_for_lang("de-CH")->key, "wiener-sachtextformel");
	assert_string_equal(bd_rl_formula_for_lang("FR")->key, "kandel-moles");
	assert_string_equal(bd_rl_formula_for_lang("es-419")->key, "szigriszt-pazos");
	assert_null(bd_rl_formula_for_lang("it"));
	assert_null(bd_rl_target_problem("de", "amstad", false, true));
	assert_null(bd_rl_target_problem("en", NULL, true, false));
	msg = bd_rl_target_problem("it", NULL, true, false);
	assert_non_null(strstr(msg, "no reading-level formula for it"));
	free(msg);
	msg = bd_rl_target_problem("en", "kandel-moles", false, true);
	assert_string_equal(msg, "formula=\"kandel-moles\" is for 'fr', but the book's language is 'en'; "
				 "use formula=\"flesch-kincaid\" or formula=\"smog\"");
	free(msg);
	msg = bd_rl_target_problem("fr", NULL, true, false);
	assert_non_null(strstr(msg, "set min-ease, not max-grade"));
	free(msg);
}

/* A one-article book in LANG whose text is TEXT, reported as text. */
static char *report_of(const char *lang, const char *formula, double max_grade, double min_ease, const char *text,
		       size_t *warnings)
{
	struct bd_book *b = bd_book_new();
	struct bd_loc l = { "a.xml", 1, 1 };
	struct bd_node *root = bd_node_add(NULL, BD_N_ARTICLE, l);
	struct bd_node *p = bd_node_add(root, BD_N_P, l);
	struct bd_report report;
	struct bd_diag diag;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	bd_node_add(p, BD_N_TEXT, l)->text = bd_strdup(text);
	b->lang = bd_strdup(lang);
	b->title = bd_strdup("T");
	b->reading_formula = formula ? bd_strdup(formula) : NULL;
	b->max_grade = max_grade;
	b->min_ease = min_ease;
	b->articles = bd_calloc(1, sizeof(*b->articles));
	b->narticles = 1;
	b->articles[0].id = bd_strdup("x");
	b->articles[0].title = bd_strdup("X");
	b->articles[0].display = bd_strdup("book/articles/x.xml");
	bd_diag_init(&diag);
	bd_report_init(&report);
	bd_report_add(&report, b, 0, root, &diag);
	f = open_memstream(&out, &len);
	assert_non_null(f);
	bd_report_print(&report, b, f);
	fclose(f);
	*warnings = diag.len;
	bd_report_fini(&report);
	bd_diag_fini(&diag);
	bd_node_free(root);
	bd_book_free(b);
	return out;
}

/* The report of a Spanish text names its formula and source, and gives no
 * English grade; a language without a formula says so. */
static void test_report_names_formula(void **state)
{
	size_t warnings;
	char *out;

	(void)state;
	out = report_of("es", NULL, 0, 80, "El médico te ayuda. La enfermera llama a tu familia.", &warnings);
	assert_non_null(strstr(out, "Formula: Szigriszt-Pazos perspicuity (INFLESZ) (Szigriszt Pazos 1993"));
	assert_non_null(strstr(out, "Target: 80 or above (Szigriszt-Pazos perspicuity (INFLESZ))"));
	assert_non_null(strstr(out, "  77.2 PAST TARGET"));
	assert_null(strstr(out, "Flesch-Kincaid"));
	assert_null(strstr(out, "grade"));
	assert_int_equal(warnings, 1);   /* 77.2 is below min-ease 80 */
	free(out);
	out = report_of("it", NULL, 0, 0, "Il medico ti aiuta. Leggi questo libro.", &warnings);
	assert_non_null(strstr(out, "no reading-level formula for it"));
	assert_null(strstr(out, "grade"));
	assert_null(strstr(out, "Flesch"));
	assert_int_equal(warnings, 0);
	free(out);
	/* English by SMOG: Radiation(3) is a dangerous(3) treatment. The cat sat.
	 * 2 polysyllables in 2 sentences: 3 + sqrt(30*2/2) = 8.477, as style's 8.5. */
	out = report_of("en-GB", "smog", 8, 0, "Radiation is a dangerous treatment. The cat sat.", &warnings);
	assert_non_null(strstr(out, "Target: grade 8 or below (SMOG)"));
	assert_non_null(strstr(out, "  8.5 ABOVE TARGET"));
	assert_int_equal(warnings, 1);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syllables_de),
		cmocka_unit_test(test_syllables_fr),
		cmocka_unit_test(test_syllables_es),
		cmocka_unit_test(test_syllables_dictionary_encoding),
		cmocka_unit_test(test_measure_german),
		cmocka_unit_test(test_measure_french),
		cmocka_unit_test(test_measure_spanish),
		cmocka_unit_test(test_formulas_by_language),
		cmocka_unit_test(test_report_names_formula),
	};
	return cmocka_run_group_tests(tests, open_counters, close_counters);
}
