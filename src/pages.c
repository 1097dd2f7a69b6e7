/* pages.c - the pages bindery writes itself: cover, title page, glossary. */
#include "pages.h"

#include "alloc.h"
#include "edition.h"
#include "xhtml.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool bd_pages_write_cover(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	char *src = NULL;

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		return false;
	}
	bd_xhtml_begin(&o, book, book->title, "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "class", "cover");
	bd_out_attr(&o, "epub:type", "cover");
	bd_out_attr(&o, "aria-label", "Cover");
	src = bd_image_href(book->cover_src);
	bd_out_start(&o, "img");
	bd_out_attr(&o, "src", src);
	bd_out_attr(&o, "alt", book->cover_alt);
	bd_out_attr(&o, "role", "doc-cover");
	bd_out_end(&o);
	bd_out_end(&o);
	bd_xhtml_end(&o);
	free(src);
	return bd_out_close(&o);
}

bool bd_pages_write_title(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	char *published = bd_human_date(book->published);

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		free(published);
		return false;
	}
	bd_xhtml_begin(&o, book, book->title, "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "class", "titlepage");
	bd_out_attr(&o, "epub:type", "titlepage");
	bd_out_attr(&o, "aria-labelledby", "title_");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "title_");
	bd_out_text(&o, book->title);
	bd_out_end(&o);
	if (book->subtitle)
		bd_out_element(&o, "p", "subtitle", book->subtitle);
	for (size_t i = 0; i < book->ncreators; i++)
		bd_out_element(&o, "p", "creator", book->creators[i].name);
	for (size_t i = 0; i < book->ncontributors; i++)
		if (!bd_edition_is_sponsor(book, &book->contributors[i]))
			bd_out_element(&o, "p", "contributor", book->contributors[i].name);
	bd_out_element(&o, "p", "edition", book->edition);
	bd_edition_write_title(&o, book);
	bd_out_start(&o, "p");
	bd_out_attr(&o, "class", "date");
	bd_out_text(&o, "Published ");
	bd_out_start(&o, "time");
	bd_out_attr(&o, "datetime", book->published);
	bd_out_text(&o, published);
	bd_out_end(&o);
	bd_out_end(&o);
	bd_out_element(&o, "p", "publisher", book->publisher);
	{
		/* Readers judge medical text by who checked it and when: say it
		 * from book.xml, and never name a reviewer that is not there. */
		char *due = bd_human_date(book->next_review);
		char *when = book->reviewed ? bd_human_date(book->review_date) : NULL;
		char *text = book->reviewed
				     ? bd_asprintf("Medically reviewed on %s by %s. Next review due %s.", when, book->reviewer, due)
				     : bd_asprintf("Not yet medically reviewed by a clinician. Next review due %s.", due);
		bd_out_element(&o, "p", "review", text);
		free(text);
		free(when);
		free(due);
	}
	bd_out_end(&o);
	bd_xhtml_end(&o);
	free(published);
	return bd_out_close(&o);
}

/* Sort key: case folded, accents removed, so "Œdema" sorts with "oedema"
 * and "éclat" with "eclat". */
static char *collation_key(const char *term)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)term, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
					  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	char *key;

	if (n < 0)
		return bd_strdup(term);
	key = bd_strdup((const char *)out);
	free(out);
	return key;
}

struct sorted_entry {
	char *key;
	const struct bd_gloss_entry *entry;
};

static int compare_entries(const void *pa, const void *pb)
{
	const struct sorted_entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c == 0)
		c = strcmp(a->entry->term, b->entry->term);
	return c ? c : strcmp(a->entry->id, b->entry->id);
}

/* The letter an entry is filed under: A-Z, or '#' for anything else. */
static char letter_of(const char *key)
{
	char c = key[0];
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 'A');
	return '#';
}

static void write_entry(struct bd_out *o, const struct bd_book *book, const struct bd_gloss_entry *e)
{
	char *anchor = bd_gloss_anchor(e->id);

	bd_out_start(o, "dt");
	bd_out_attr(o, "id", anchor);
	bd_out_attr(o, "epub:type", "glossterm");
	bd_out_element(o, "dfn", NULL, e->term);
	bd_out_end(o);
	bd_out_start(o, "dd");
	bd_out_attr(o, "epub:type", "glossdef");
	bd_out_start(o, "p");
	if (e->definition)
		bd_xhtml_inline(o, book, e->definition, NULL, "");
	bd_out_end(o);
	if (e->nsee) {
		bd_out_start(o, "p");
		bd_out_attr(o, "class", "see-also");
		bd_out_text(o, "See also: ");
		for (size_t i = 0; i < e->nsee; i++) {
			const struct bd_gloss_entry *other = bd_book_gloss(book, e->see[i]);
			char *a, *href;
			if (!other)
				continue;
			a = bd_gloss_anchor(other->id);
			href = bd_asprintf("#%s", a);
			if (i)
				bd_out_text(o, ", ");
			bd_out_start(o, "a");
			bd_out_attr(o, "href", href);
			bd_out_text(o, other->term);
			bd_out_end(o);
			free(href);
			free(a);
		}
		bd_out_end(o);
	}
	if (e->nused) {
		/* Back to where the reader met the word: its first use in each article. */
		bd_out_start(o, "p");
		bd_out_attr(o, "class", "used-in");
		bd_out_text(o, "Used in: ");
		for (size_t i = 0; i < e->nused; i++) {
			const struct bd_article *art = &book->articles[e->used_in[i]];
			char *doc = bd_article_href(art);
			char *href = bd_asprintf("%s#use_%s", doc, e->id);
			if (i)
				bd_out_text(o, ", ");
			bd_out_start(o, "a");
			bd_out_attr(o, "href", href);
			bd_out_text(o, art->short_title ? art->short_title : art->title);
			bd_out_end(o);
			free(href);
			free(doc);
		}
		bd_out_end(o);
	}
	bd_out_end(o);
	free(anchor);
}

bool bd_pages_write_glossary(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	struct sorted_entry *sorted = bd_calloc(book->nglossary, sizeof(*sorted));
	char current = 0;
	bool ok = false;

	for (size_t i = 0; i < book->nglossary; i++) {
		sorted[i].key = collation_key(book->glossary[i].term);
		sorted[i].entry = &book->glossary[i];
	}
	qsort(sorted, book->nglossary, sizeof(*sorted), compare_entries);
	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		goto out;
	}
	bd_xhtml_begin(&o, book, "Glossary", "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "epub:type", "glossary");
	bd_out_attr(&o, "role", "doc-glossary");
	bd_out_attr(&o, "aria-labelledby", "title_");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "title_");
	bd_out_text(&o, "Glossary");
	bd_out_end(&o);

	/* A letter index first, so a reader can jump instead of scrolling. */
	bd_out_start(&o, "nav");
	bd_out_attr(&o, "class", "glossary-letters");
	bd_out_attr(&o, "aria-label", "Glossary letters");
	bd_out_start(&o, "ul");
	for (size_t i = 0; i < book->nglossary; i++) {
		char letter = letter_of(sorted[i].key);
		char text[2] = { letter, 0 };
		char *href;
		if (letter == current)
			continue;
		current = letter;
		href = letter == '#' ? bd_strdup("#letter_other") : bd_asprintf("#letter_%c", letter);
		bd_out_start(&o, "li");
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", href);
		bd_out_text(&o, text);
		bd_out_end(&o);
		bd_out_end(&o);
		free(href);
	}
	bd_out_end(&o);
	bd_out_end(&o);

	current = 0;
	for (size_t i = 0; i < book->nglossary; i++) {
		char letter = letter_of(sorted[i].key);
		if (letter != current) {
			char text[2] = { letter, 0 };
			char *id = letter == '#' ? bd_strdup("letter_other") : bd_asprintf("letter_%c", letter);
			if (current) {
				bd_out_end(&o);  /* dl */
				bd_out_end(&o);  /* section */
			}
			current = letter;
			bd_out_start(&o, "section");
			bd_out_attr(&o, "id", id);
			bd_out_element(&o, "h2", NULL, letter == '#' ? "Other" : text);
			bd_out_start(&o, "dl");
			free(id);
		}
		write_entry(&o, book, sorted[i].entry);
	}
	if (current) {
		bd_out_end(&o);
		bd_out_end(&o);
	}
	bd_out_end(&o);
	bd_xhtml_end(&o);
	ok = bd_out_close(&o);
out:
	for (size_t i = 0; i < book->nglossary; i++)
		free(sorted[i].key);
	free(sorted);
	return ok;
}
