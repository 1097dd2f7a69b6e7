/* Unit tests for model.c: the node tree, text folding, lookups and EPUB paths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

static struct bd_loc loc(unsigned line, unsigned col)
{
	struct bd_loc l = { "t.xml", line, col };
	return l;
}

static struct bd_node *text(struct bd_node *parent, const char *s)
{
	struct bd_node *t = bd_node_add(parent, BD_N_TEXT, parent ? parent->loc : loc(1, 1));
	t->text = bd_strdup(s);
	return t;
}

static void test_node_add_links_children_in_order(void **state)
{
	struct bd_node *root, *a, *b, *c, *inner;

	(void)state;
	root = bd_node_add(NULL, BD_N_ARTICLE, loc(2, 1));
	assert_null(root->parent);
	assert_null(root->first);
	assert_null(root->last);
	assert_null(root->next);
	assert_int_equal(root->type, BD_N_ARTICLE);
	assert_string_equal(root->loc.file, "t.xml");
	assert_int_equal(root->loc.line, 2);
	assert_int_equal(root->loc.col, 1);

	a = bd_node_add(root, BD_N_TITLE, loc(3, 3));
	assert_ptr_equal(root->first, a);
	assert_ptr_equal(root->last, a);
	b = bd_node_add(root, BD_N_SUMMARY, loc(4, 3));
	c = bd_node_add(root, BD_N_P, loc(5, 3));
	assert_ptr_equal(root->first, a);
	assert_ptr_equal(root->last, c);
	assert_ptr_equal(a->next, b);
	assert_ptr_equal(b->next, c);
	assert_null(c->next);
	assert_ptr_equal(a->parent, root);
	assert_ptr_equal(c->parent, root);
	assert_int_equal(c->loc.line, 5);

	inner = bd_node_add(c, BD_N_EMPH, loc(5, 9));
	assert_ptr_equal(c->first, inner);
	assert_ptr_equal(inner->parent, c);
	/* new nodes start empty */
	assert_null(inner->id);
	assert_null(inner->ref);
	assert_null(inner->text);
	assert_int_equal(inner->depth, 0);
	bd_node_free(root);
}

static void test_node_free_null_and_single(void **state)
{
	(void)state;
	bd_node_free(NULL);
	bd_node_free(bd_node_add(NULL, BD_N_P, loc(0, 0)));
}

static void test_node_free_owns_strings(void **state)
{
	struct bd_node *root = bd_node_add(NULL, BD_N_ARTICLE, loc(1, 1));
	struct bd_node *fig = bd_node_add(root, BD_N_FIGURE, loc(2, 1));
	struct bd_node *alt = bd_node_add(fig, BD_N_ALT, loc(3, 1));

	(void)state;
	root->id = bd_strdup("a");
	fig->id = bd_strdup("fig");
	fig->ref = bd_strdup("images/x.svg");
	alt->text = bd_strdup("alt text");
	text(bd_node_add(root, BD_N_P, loc(4, 1)), "words");
	bd_node_free(root);   /* the leak checker (ASan build) holds the rest */
}

static void test_node_free_deep_tree_without_recursion(void **state)
{
	/* Far deeper than any parser allows: freeing must not recurse. */
	struct bd_node *root = bd_node_add(NULL, BD_N_ARTICLE, loc(1, 1));
	struct bd_node *n = root;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		n = bd_node_add(n, i % 2 ? BD_N_EMPH : BD_N_STRONG, loc(1, 1));
		if (i % 1000 == 0)
			text(n, "x");
	}
	bd_node_free(root);
}

static void test_node_free_wide_tree(void **state)
{
	struct bd_node *root = bd_node_add(NULL, BD_N_UL, loc(1, 1));

	(void)state;
	for (int i = 0; i < 10000; i++)
		text(bd_node_add(root, BD_N_LI, loc(1, 1)), "item");
	bd_node_free(root);
}

static void test_node_text_folds_white_space(void **state)
{
	struct bd_node *p = bd_node_add(NULL, BD_N_P, loc(1, 1));
	struct bd_node *em;
	char *s;

	(void)state;
	text(p, " \n\t Breast  cancer\n   in the ");
	em = bd_node_add(p, BD_N_EMPH, loc(1, 1));
	text(em, "  bone ");
	text(p, "\r\n:  local\ttreatments \n");
	s = bd_node_text(p);
	assert_string_equal(s, "Breast cancer in the bone : local treatments");
	free(s);
	bd_node_free(p);
}

static void test_node_text_joins_adjacent_text(void **state)
{
	/* No white space between nodes means no space in the result. */
	struct bd_node *p = bd_node_add(NULL, BD_N_TITLE, loc(1, 1));
	struct bd_node *em;
	char *s;

	(void)state;
	text(p, "skeletal");
	em = bd_node_add(p, BD_N_EMPH, loc(1, 1));
	text(em, "-related");
	text(p, " events");
	s = bd_node_text(p);
	assert_string_equal(s, "skeletal-related events");
	free(s);
	bd_node_free(p);
}

static void test_node_text_of_text_node_and_nesting(void **state)
{
	struct bd_node *root = bd_node_add(NULL, BD_N_ARTICLE, loc(1, 1));
	struct bd_node *sec = bd_node_add(root, BD_N_SECTION, loc(2, 1));
	struct bd_node *title = bd_node_add(sec, BD_N_TITLE, loc(3, 1));
	struct bd_node *t = text(title, "\t Why  bone? \n");
	struct bd_node *alt = bd_node_add(sec, BD_N_ALT, loc(4, 1));
	char *s;

	(void)state;
	alt->text = bd_strdup("not a child text node");
	s = bd_node_text(t);
	assert_string_equal(s, "Why bone?");
	free(s);
	/* every descendant TEXT in document order (the title's trailing white space
	 * separates it from the paragraph); ALT keeps its text outside TEXT nodes */
	text(bd_node_add(sec, BD_N_P, loc(5, 1)), "Body.");
	s = bd_node_text(root);
	assert_string_equal(s, "Why bone? Body.");
	free(s);
	bd_node_free(root);
}

static void test_node_text_empty(void **state)
{
	struct bd_node *p = bd_node_add(NULL, BD_N_P, loc(1, 1));
	char *s;

	(void)state;
	s = bd_node_text(NULL);
	assert_string_equal(s, "");
	free(s);
	s = bd_node_text(p);
	assert_string_equal(s, "");
	free(s);
	text(p, " \n\t\r ");
	s = bd_node_text(p);
	assert_string_equal(s, "");
	free(s);
	bd_node_free(p);
}

static void test_node_text_keeps_utf8(void **state)
{
	struct bd_node *p = bd_node_add(NULL, BD_N_P, loc(1, 1));
	char *s;

	(void)state;
	/* non-breaking space (U+00A0) is not folded: it is not XML white space */
	text(p, "  caf\xc3\xa9\xc2\xa0" "au  lait \xe2\x80\x94 ok ");
	s = bd_node_text(p);
	assert_string_equal(s, "caf\xc3\xa9\xc2\xa0" "au lait \xe2\x80\x94 ok");
	free(s);
	bd_node_free(p);
}

static void test_lookups_on_empty_book(void **state)
{
	struct bd_book *b = bd_book_new();

	(void)state;
	assert_non_null(b);
	assert_int_equal(b->narticles, 0);
	assert_int_equal(b->nglossary, 0);
	assert_null(bd_book_article(b, "intro"));
	assert_null(bd_book_article(b, ""));
	assert_null(bd_book_article(b, NULL));
	assert_null(bd_book_gloss(b, "bone"));
	assert_null(bd_book_gloss(b, NULL));
	assert_null(bd_book_anchor(b, "intro"));
	assert_null(bd_book_anchor(b, "intro#how"));
	assert_null(bd_book_anchor(b, "#how"));
	assert_null(bd_book_anchor(b, NULL));
	bd_book_free(b);
	bd_book_free(NULL);
}

/* A book with two articles and one glossary entry, registered the way book.c does. */
static struct bd_book *small_book(void)
{
	struct bd_book *b = bd_book_new();
	const char *ids[] = { "intro", "bones" };

	b->articles = bd_calloc(2, sizeof(*b->articles));
	for (size_t i = 0; i < 2; i++) {
		b->articles[i].id = bd_strdup(ids[i]);
		b->narticles++;
		xmlHashAddEntry(b->article_by_id, BAD_CAST ids[i], (void *)(uintptr_t)b->narticles);
	}
	xmlHashAddEntry(b->anchor_by_key, BAD_CAST "bones#breaks", (void *)(uintptr_t)2);
	b->glossary = bd_calloc(1, sizeof(*b->glossary));
	b->glossary[0].id = bd_strdup("bone");
	b->glossary[0].term = bd_strdup("bone");
	b->nglossary = 1;
	xmlHashAddEntry(b->gloss_by_id, BAD_CAST "bone", (void *)(uintptr_t)1);
	return b;
}

static void test_lookups_find_registered(void **state)
{
	struct bd_book *b = small_book();

	(void)state;
	assert_ptr_equal(bd_book_article(b, "intro"), &b->articles[0]);
	assert_ptr_equal(bd_book_article(b, "bones"), &b->articles[1]);
	assert_null(bd_book_article(b, "Bones"));
	assert_ptr_equal(bd_book_gloss(b, "bone"), &b->glossary[0]);
	assert_null(bd_book_gloss(b, "bones"));
	/* a bare article id is an anchor of that article */
	assert_ptr_equal(bd_book_anchor(b, "intro"), &b->articles[0]);
	assert_ptr_equal(bd_book_anchor(b, "bones#breaks"), &b->articles[1]);
	assert_null(bd_book_anchor(b, "bones#healing"));
	assert_null(bd_book_anchor(b, "intro#breaks"));
	assert_null(bd_book_anchor(b, "surgery"));
	bd_book_free(b);
}

static void test_hrefs(void **state)
{
	struct bd_article art = { .id = "vertebroplasty-kyphoplasty" };
	char *s;

	(void)state;
	s = bd_article_href(&art);
	assert_string_equal(s, "text/vertebroplasty-kyphoplasty.xhtml");
	free(s);

	s = bd_image_href("images/fig.svg");
	assert_string_equal(s, "images/fig.svg");
	free(s);
	s = bd_image_href("images/deep/er/cover.png");
	assert_string_equal(s, "images/cover.png");
	free(s);
	s = bd_image_href("cover.jpg");
	assert_string_equal(s, "images/cover.jpg");
	free(s);

	s = bd_style_href("../styles/book.css");
	assert_string_equal(s, "styles/book.css");
	free(s);
	s = bd_style_href("print.css");
	assert_string_equal(s, "styles/print.css");
	free(s);

	s = bd_gloss_anchor("spinal-cord");
	assert_string_equal(s, "gl-spinal-cord");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_node_add_links_children_in_order),
		cmocka_unit_test(test_node_free_null_and_single),
		cmocka_unit_test(test_node_free_owns_strings),
		cmocka_unit_test(test_node_free_deep_tree_without_recursion),
		cmocka_unit_test(test_node_free_wide_tree),
		cmocka_unit_test(test_node_text_folds_white_space),
		cmocka_unit_test(test_node_text_joins_adjacent_text),
		cmocka_unit_test(test_node_text_of_text_node_and_nesting),
		cmocka_unit_test(test_node_text_empty),
		cmocka_unit_test(test_node_text_keeps_utf8),
		cmocka_unit_test(test_lookups_on_empty_book),
		cmocka_unit_test(test_lookups_find_registered),
		cmocka_unit_test(test_hrefs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
