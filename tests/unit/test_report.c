/* Unit tests for report.c: syllables, sentences and grades as GNU style
 * counts them, the running text of an article, and the reading-level warning. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "model.h"
#include "report.h"
#include "terms.h"

static void test_syllables(void **state)
{
	(void)state;
	assert_int_equal(bd_readability_syllables("the", 3), 1);
	assert_int_equal(bd_readability_syllables("cancer", 6), 2);
	assert_int_equal(bd_readability_syllables("treated", 7), 1);   /* "ed" dropped, "ea" one vowel run: as style */
	assert_int_equal(bd_readability_syllables("miles", 5), 2);     /* no silent-e rule: as style */
	assert_int_equal(bd_readability_syllables("radiation", 9), 3);
	assert_int_equal(bd_readability_syllables("It", 2), 1);        /* capitals are not vowels */
}

static void test_measure_sentences_words_grade(void **state)
{
	struct bd_readability r;

	(void)state;
	/* GNU style on this text: 2 sentences, 7 words, 8 syllables, Kincaid -0.7.
	 * "a single session." and "far!" start with no capital: in no sentence. */
	bd_readability_measure("The cat sat.\n\na single session.\n\nIt ran 2.5 miles: far!", &r);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.words, 7);
	assert_int_equal(r.syllables, 8);
	assert_true(fabs(r.grade - (0.39 * 7.0 / 2.0 + 11.8 * 8.0 / 7.0 - 15.59)) < 1e-9);
	assert_true(fabs(r.grade - -0.7) < 0.05);
	assert_string_equal(r.longest[0].text, "It ran 2.5 miles:");
	assert_int_equal(r.longest[0].words, 4);
	assert_string_equal(r.longest[1].text, "The cat sat.");
	bd_readability_fini(&r);
	bd_readability_measure("no capitals at all.", &r);
	assert_int_equal(r.sentences, 0);
	assert_true(r.grade == 0);
	bd_readability_fini(&r);
}

/* A one-sentence article of 5 MB: all of it is counted, a part is quoted. */
static void test_longest_sentence_is_capped(void **state)
{
	const char word[] = "Word ";
	size_t n = 1000000, len = n * (sizeof(word) - 1);
	char *text = malloc(len + 5);
	struct bd_readability r;
	size_t chars = 0;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * (sizeof(word) - 1), word, sizeof(word) - 1);
	memcpy(text + len, "end.", 5);
	bd_readability_measure(text, &r);
	free(text);
	assert_int_equal(r.sentences, 1);
	assert_int_equal(r.words, n + 1);
	assert_int_equal(r.longest[0].words, n + 1);
	assert_int_equal(strlen(r.longest[0].text), BD_REPORT_QUOTE_MAX + 3);
	assert_memory_equal(r.longest[0].text, "Word Word ", 10);
	assert_string_equal(r.longest[0].text + BD_REPORT_QUOTE_MAX, "...");
	bd_readability_fini(&r);

	/* Cut after 200 characters, not bytes, and never inside one. */
	text = malloc(4 + 2 * 300 + 6);
	assert_non_null(text);
	memcpy(text, "The ", 4);
	for (size_t i = 0; i < 300; i++)
		memcpy(text + 4 + 2 * i, "\xC3\xA9", 2);   /* é */
	memcpy(text + 4 + 2 * 300, " end.", 6);
	bd_readability_measure(text, &r);
	free(text);
	assert_non_null(r.longest[0].text);
	for (const char *p = r.longest[0].text; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	assert_int_equal(chars, BD_REPORT_QUOTE_MAX + 3);
	assert_int_equal(strlen(r.longest[0].text), 4 + 2 * (BD_REPORT_QUOTE_MAX - 4) + 3);
	assert_string_equal(r.longest[0].text + strlen(r.longest[0].text) - 5, "\xC3\xA9...");
	bd_readability_fini(&r);

	/* A sentence of exactly the limit is quoted whole. */
	text = malloc(BD_REPORT_QUOTE_MAX + 1);
	assert_non_null(text);
	memset(text, 'a', BD_REPORT_QUOTE_MAX);
	memcpy(text, "The", 3);
	text[BD_REPORT_QUOTE_MAX - 1] = '.';
	text[BD_REPORT_QUOTE_MAX] = '\0';
	bd_readability_measure(text, &r);
	assert_string_equal(r.longest[0].text, text);
	free(text);
	bd_readability_fini(&r);
}

static struct bd_node *add(struct bd_node *parent, enum bd_node_type type, const char *s)
{
	struct bd_loc l = { "a.xml", 1, 1 };
	struct bd_node *n = bd_node_add(parent, type, l);
	if (s)
		bd_node_add(n, BD_N_TEXT, l)->text = bd_strdup(s);
	return n;
}

static void test_running_text(void **state)
{
	struct bd_node *root = add(NULL, BD_N_ARTICLE, NULL);
	struct bd_node *sec, *list, *fig;
	char *text;

	(void)state;
	add(root, BD_N_TITLE, "A title");
	add(root, BD_N_SUMMARY, "What  this\n is");
	sec = add(root, BD_N_SECTION, NULL);
	add(sec, BD_N_TITLE, "Left out");
	add(sec, BD_N_P, "You may have:");
	list = add(sec, BD_N_UL, NULL);
	add(list, BD_N_LI, "one");
	add(list, BD_N_LI, "Two?");
	fig = add(sec, BD_N_FIGURE, NULL);
	add(fig, BD_N_ALT, NULL)->text = bd_strdup("alt text");
	add(fig, BD_N_CAPTION, "A caption");
	text = bd_report_text(root);
	assert_string_equal(text, "What this is.\n\nYou may have.\n\none.\n\nTwo?\n\nA caption.");
	free(text);
	bd_node_free(root);
}

static void test_add_warns_above_target(void **state)
{
	struct bd_book *b = bd_book_new();
	struct bd_node *root = add(NULL, BD_N_ARTICLE, NULL);
	struct bd_report report;
	struct bd_diag diag;

	(void)state;
	b->articles = bd_calloc(1, sizeof(*b->articles));
	b->narticles = 1;
	b->articles[0].id = bd_strdup("x");
	b->articles[0].display = bd_strdup("book/articles/x.xml");
	b->articles[0].at.line = 2;
	b->max_grade = 2;
	add(root, BD_N_SUMMARY, "Radiation therapy uses high-energy rays to damage cancer cells everywhere.");
	add(root, BD_N_FIGURE, NULL);
	bd_diag_init(&diag);
	bd_report_init(&report);
	bd_report_add(&report, b, 0, root, &diag);
	assert_int_equal(report.len, 1);
	assert_true(report.articles[0].has_summary);
	assert_int_equal(report.articles[0].figures, 1);
	assert_int_equal(report.articles[0].uncaptioned, 1);
	assert_int_equal(diag.len, 1);
	assert_string_equal(diag.msgs[0].rule, "reading-level");
	assert_int_equal(diag.msgs[0].line, 2);
	bd_report_fini(&report);
	bd_diag_fini(&diag);
	bd_node_free(root);
	bd_book_free(b);
}

static void gloss_entry(struct bd_book *b, const char *id, const char *term)
{
	struct bd_gloss_entry *e;

	b->glossary = bd_realloc(b->glossary, (b->nglossary + 1) * sizeof(*b->glossary));
	e = &b->glossary[b->nglossary++];
	memset(e, 0, sizeof(*e));
	e->id = bd_strdup(id);
	e->term = bd_strdup(term);
	xmlHashAddEntry(b->gloss_by_id, BAD_CAST id, (void *)(uintptr_t)b->nglossary);
}

/* The terms the first pass kept for an article give the report what a scan of
 * its tree gives; a tree not marked as the indexed bytes is scanned. */
static void test_add_terms_from_first_pass(void **state)
{
	struct bd_book *b = bd_book_new();
	struct bd_node *root = add(NULL, BD_N_ARTICLE, NULL);
	struct bd_node *p, *term;
	struct bd_report report;
	struct bd_diag diag;

	(void)state;
	gloss_entry(b, "bone", "bone");
	gloss_entry(b, "dose", "dose");
	gloss_entry(b, "scan", "scan");
	b->articles = bd_calloc(1, sizeof(*b->articles));
	b->narticles = 1;
	b->articles[0].id = bd_strdup("x");
	b->articles[0].display = bd_strdup("book/articles/x.xml");
	p = add(root, BD_N_P, "A scan of the bone, then a ");
	term = add(p, BD_N_TERM, "dose");
	term->ref = bd_strdup("dose");
	bd_diag_init(&diag);
	bd_terms_check_article(b, &b->articles[0], root, &diag);
	assert_int_equal(diag.len, 2);   /* bone and scan are unmarked */
	bd_report_init(&report);
	bd_report_add(&report, b, 0, root, &diag);   /* scanned */
	root->depth = 1;
	bd_report_add(&report, b, 0, root, &diag);   /* from b->articles[0].terms */
	for (size_t k = 0; k < 2; k++) {
		const struct bd_report_article *a = &report.articles[k];
		assert_int_equal(a->nused, 1);
		assert_string_equal(a->used[0], "dose");
		assert_int_equal(a->nunmarked, 2);
		assert_string_equal(a->unmarked[0], "bone");
		assert_string_equal(a->unmarked[1], "scan");
	}
	bd_report_fini(&report);
	bd_diag_fini(&diag);
	bd_node_free(root);
	bd_book_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_measure_sentences_words_grade),
		cmocka_unit_test(test_longest_sentence_is_capped),
		cmocka_unit_test(test_running_text),
		cmocka_unit_test(test_add_warns_above_target),
		cmocka_unit_test(test_add_terms_from_first_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
