/* model.c - the book model's lifecycle, lookups and EPUB paths. */
#include "model.h"

#include "alloc.h"
#include "edition.h"
#include "rules.h"
#include "terms.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct bd_node *bd_node_child(const struct bd_node *node, enum bd_node_type type)
{
	for (const struct bd_node *c = node->first; c; c = c->next)
		if (c->type == type)
			return c;
	return NULL;
}

struct bd_node *bd_node_add(struct bd_node *parent, enum bd_node_type type, struct bd_loc loc)
{
	struct bd_node *n = bd_calloc(1, sizeof(*n));

	n->type = type;
	n->loc = loc;
	n->parent = parent;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

void bd_node_free(struct bd_node *root)
{
	/* Iterative, so that no input can exhaust the stack.  A root has no
	 * next sibling, so splicing each node's children in front of its
	 * siblings visits the whole tree once. */
	struct bd_node *n = root;

	while (n) {
		struct bd_node *next;

		if (n->first) {
			/* Splice the children in before the siblings. */
			n->last->next = n->next;
			n->next = n->first;
			n->first = n->last = NULL;
		}
		next = n->next;
		free(n->id);
		free(n->ref);
		free(n->text);
		free(n);
		n = next;
	}
}

static void append_text(const struct bd_node *node, char **buf, size_t *len, size_t *cap)
{
	for (const struct bd_node *c = node->first; c; c = c->next) {
		if (c->type == BD_N_TEXT && c->text) {
			size_t n = strlen(c->text);
			bd_grow(buf, cap, *len + n + 1, 1);
			memcpy(*buf + *len, c->text, n);
			*len += n;
		}
		append_text(c, buf, len, cap);
	}
}

char *bd_node_text(const struct bd_node *node)
{
	char *raw = NULL, *out;
	size_t len = 0, cap = 0, n = 0;
	bool space = false;

	bd_grow(&raw, &cap, 1, 1);
	if (node && node->type == BD_N_TEXT && node->text) {
		free(raw);
		raw = bd_strdup(node->text);
		len = strlen(raw);
	} else if (node) {
		append_text(node, &raw, &len, &cap);
	}
	out = bd_malloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		char c = raw[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = c;
	}
	out[n] = '\0';
	free(raw);
	return out;
}

struct bd_book *bd_book_new(void)
{
	struct bd_book *b = bd_calloc(1, sizeof(*b));

	b->article_by_id = xmlHashCreate(64);
	b->anchor_by_key = xmlHashCreate(256);
	b->gloss_by_id = xmlHashCreate(64);
	b->image_by_src = xmlHashCreate(16);
	b->image_by_href = xmlHashCreate(16);
	return b;
}

void bd_people_free(struct bd_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].role);
		free(p[i].file_as);
	}
	free(p);
}

static void free_strings(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void bd_book_free(struct bd_book *b)
{
	if (!b)
		return;
	free(b->dir);
	free(b->display);
	free(b->slug);
	free(b->lang);
	free(b->title);
	free(b->subtitle);
	free(b->edition);
	free(b->uuid_name);
	free(b->isbn);
	free(b->identifier);
	bd_people_free(b->creators, b->ncreators);
	bd_people_free(b->contributors, b->ncontributors);
	free(b->publisher);
	free(b->marc_org);
	free(b->rights);
	free(b->license_href);
	free(b->license_text);
	free(b->description);
	for (size_t i = 0; i < b->nsubjects; i++) {
		free(b->subjects[i].scheme);
		free(b->subjects[i].code);
		free(b->subjects[i].label);
	}
	free(b->subjects);
	free(b->published);
	free(b->modified);
	free(b->review_date);
	free(b->reviewer);
	free(b->next_review);
	free(b->a11y_summary);
	free(b->a11y_assessed_by);
	free(b->reading_formula);
	free(b->cover_src);
	free(b->cover_source);
	free(b->thumbnail_src);
	free(b->cover_alt);
	free_strings(b->stylesheets, b->nstylesheets);
	free(b->glossary_href);
	free(b->glossary_display);
	for (size_t i = 0; i < b->narticles; i++) {
		struct bd_article *a = &b->articles[i];
		free(a->id);
		free(a->path);
		free(a->display);
		free(a->updated);
		free(a->title);
		free(a->short_title);
		for (size_t h = 0; h < a->nheadings; h++) {
			free(a->headings[h].id);
			free(a->headings[h].title);
		}
		free(a->headings);
		free(a->terms);
	}
	free(b->articles);
	for (size_t i = 0; i < b->nparts; i++) {
		free(b->parts[i].id);
		free(b->parts[i].title);
	}
	free(b->parts);
	for (size_t i = 0; i < b->nglossary; i++) {
		struct bd_gloss_entry *e = &b->glossary[i];
		free(e->id);
		free(e->term);
		free_strings(e->variants, e->nvariants);
		free(e->variant_seen);
		bd_node_free(e->definition);
		free_strings(e->see, e->nsee);
		free(e->see_at);
		free(e->used_in);
	}
	free(b->glossary);
	bd_terms_matcher_free(b->terms);
	for (size_t i = 0; i < b->nimages; i++) {
		free(b->images[i].src);
		free(b->images[i].media_type);
		free(b->images[i].file);
	}
	free(b->images);
	bd_contacts_free(b->contacts, b->ncontacts);
	free_strings(b->edition_files, b->neditions);
	free(b->edition_at);
	bd_edition_free(b->org_edition);
	xmlHashFree(b->article_by_id, NULL);
	xmlHashFree(b->anchor_by_key, NULL);
	xmlHashFree(b->gloss_by_id, NULL);
	xmlHashFree(b->image_by_src, NULL);
	xmlHashFree(b->image_by_href, NULL);
	free(b);
}

static size_t lookup(xmlHashTablePtr table, const char *key)
{
	return key ? (size_t)(uintptr_t)xmlHashLookup(table, BAD_CAST key) : 0;
}

struct bd_article *bd_book_append_article(struct bd_book *b, char *id, char *path, struct bd_loc listed,
					  enum bd_matter matter)
{
	struct bd_article *a;

	b->articles = bd_realloc(b->articles, (b->narticles + 1) * sizeof(*b->articles));
	a = &b->articles[b->narticles++];
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->path = path;
	a->display = bd_strdup(path);
	a->listed = listed;
	a->matter = matter;
	xmlHashAddEntry(b->article_by_id, BAD_CAST id, (void *)(uintptr_t)b->narticles);
	return a;
}

const struct bd_image *bd_book_add_image(struct bd_book *b, const char *src, const char *media_type,
					 bool is_cover)
{
	char *href, *key;
	size_t taken;

	if (xmlHashLookup(b->image_by_src, BAD_CAST src))
		return NULL;
	href = bd_image_href(src);
	/* Reading systems may unpack on a file system that ignores case, so
	 * names clash as EPUB 3.3 compares them: case folded, NFC. */
	key = bd_filename_key(href);
	if (key) {
		free(href);
		href = key;
	}
	taken = (size_t)(uintptr_t)xmlHashLookup(b->image_by_href, BAD_CAST href);
	if (taken) {
		free(href);
		return &b->images[taken - 1];
	}
	b->images = bd_realloc(b->images, (b->nimages + 1) * sizeof(*b->images));
	b->images[b->nimages].src = bd_strdup(src);
	b->images[b->nimages].media_type = bd_strdup(media_type);
	b->images[b->nimages].is_cover = is_cover;
	b->images[b->nimages].file = NULL;
	b->nimages++;
	xmlHashAddEntry(b->image_by_src, BAD_CAST src, (void *)(uintptr_t)b->nimages);
	xmlHashAddEntry(b->image_by_href, BAD_CAST href, (void *)(uintptr_t)b->nimages);
	free(href);
	return NULL;
}

struct bd_article *bd_book_article(const struct bd_book *book, const char *id)
{
	size_t i = lookup(book->article_by_id, id);
	return i ? &book->articles[i - 1] : NULL;
}

struct bd_gloss_entry *bd_book_gloss(const struct bd_book *book, const char *id)
{
	size_t i = lookup(book->gloss_by_id, id);
	return i ? &book->glossary[i - 1] : NULL;
}

struct bd_article *bd_book_anchor(const struct bd_book *book, const char *key)
{
	size_t i;

	if (key && !strchr(key, '#'))
		return bd_book_article(book, key);
	i = lookup(book->anchor_by_key, key);
	return i ? &book->articles[i - 1] : NULL;
}

/* The id of items[i] (glossary entries or articles), for bd_closest. */
typedef const char *(*id_at_fn)(const struct bd_book *book, size_t i);

static const char *gloss_id_at(const struct bd_book *book, size_t i)
{
	return book->glossary[i].id;
}

static const char *article_id_at(const struct bd_book *book, size_t i)
{
	return book->articles[i].id;
}

static const char *nearest(const struct bd_book *book, const char *id, size_t n, id_at_fn id_at)
{
	const char **ids = bd_calloc(n + 1, sizeof(*ids));
	long i;

	for (size_t k = 0; k < n; k++)
		ids[k] = id_at(book, k);
	i = bd_closest(id, ids, n);
	free(ids);
	return i < 0 ? NULL : id_at(book, (size_t)i);
}

const char *bd_book_gloss_nearest(const struct bd_book *book, const char *id)
{
	return nearest(book, id, book->nglossary, gloss_id_at);
}

const char *bd_book_article_nearest(const struct bd_book *book, const char *id)
{
	return nearest(book, id, book->narticles, article_id_at);
}

/* Collects the ids after "article#" of the anchor keys of one article. */
struct anchor_scan {
	const char *prefix;
	size_t prefix_len;
	const char **ids;
	size_t n, cap;
};

static void collect_anchor(void *payload, void *data, const xmlChar *name)
{
	struct anchor_scan *scan = data;
	const char *key = (const char *)name;

	(void)payload;
	if (strncmp(key, scan->prefix, scan->prefix_len) != 0)
		return;
	bd_grow(&scan->ids, &scan->cap, scan->n + 1, sizeof(*scan->ids));
	scan->ids[scan->n++] = key + scan->prefix_len;
}

char *bd_book_anchor_nearest(const struct bd_book *book, const char *article, const char *id)
{
	char *prefix = bd_asprintf("%s#", article);
	struct anchor_scan scan = { prefix, strlen(prefix), NULL, 0, 0 };
	char *found = NULL;
	long i;

	xmlHashScan(book->anchor_by_key, collect_anchor, &scan);
	i = bd_closest(id, scan.ids, scan.n);
	if (i >= 0)
		found = bd_strdup(scan.ids[i]);
	free(scan.ids);
	free(prefix);
	return found;
}

char *bd_article_href(const struct bd_article *art)
{
	return bd_asprintf("text/%s.xhtml", art->id);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *bd_image_href(const char *src)
{
	return bd_asprintf("images/%s", base_name(src));
}

char *bd_style_href(const char *src)
{
	return bd_asprintf("styles/%s", base_name(src));
}

char *bd_gloss_anchor(const char *entry_id)
{
	/* Called for every glossary link: a copy, not a printf. */
	size_t n = strlen(entry_id);
	char *s = bd_malloc(n + 4);

	memcpy(s, "gl-", 3);
	memcpy(s + 3, entry_id, n + 1);
	return s;
}
