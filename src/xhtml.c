/* xhtml.c - rendering an article's node tree as an XHTML content document.
 *
 * Structure follows the source: the article is a section with an h1, its
 * sections nest with h2..h4.  Every structure carries its EPUB structural
 * semantic and the matching DPUB-ARIA role, so reading systems and screen
 * readers both understand it.  Generated ids contain '_', which source ids
 * cannot, so they never collide. */
#include "xhtml.h"

#include "alloc.h"
#include "edition.h"
#include "l10n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bd_xhtml_begin(struct bd_out *o, const struct bd_book *book, const char *title, const char *root)
{
	bd_out_doctype(o);
	bd_out_start(o, "html");
	bd_out_attr(o, "xmlns", "http://www.w3.org/1999/xhtml");
	bd_out_attr(o, "xmlns:epub", "http://www.idpf.org/2007/ops");
	bd_out_attr(o, "lang", book->lang);
	bd_out_attr(o, "xml:lang", book->lang);
	/* Right to left for Arabic, Hebrew...: the styles use logical
	 * properties (margin-inline-start), so nothing else is mirrored. */
	if (bd_l10n_rtl(book->lang))
		bd_out_attr(o, "dir", "rtl");
	bd_out_start(o, "head");
	bd_out_start(o, "meta");
	bd_out_attr(o, "charset", "utf-8");
	bd_out_end(o);
	bd_out_element(o, "title", NULL, title);
	for (size_t i = 0; i < book->nstylesheets; i++) {
		char *href = bd_style_href(book->stylesheets[i]);
		char *rel = bd_asprintf("%s%s", root, href);
		bd_out_start(o, "link");
		bd_out_attr(o, "rel", "stylesheet");
		bd_out_attr(o, "type", "text/css");
		bd_out_attr(o, "href", rel);
		bd_out_end(o);
		free(rel);
		free(href);
	}
	bd_out_end(o);
	bd_out_start(o, "body");
	if (bd_l10n_rtl(book->lang))
		bd_out_attr(o, "dir", "rtl");
}

void bd_xhtml_end(struct bd_out *o)
{
	bd_out_end(o);  /* body */
	bd_out_end(o);  /* html */
}

const char *bd_article_epub_type(enum bd_article_type type)
{
	switch (type) {
	case BD_ART_PREFACE: return "preface";
	case BD_ART_INTRODUCTION: return "introduction";
	case BD_ART_APPENDIX: return "appendix";
	case BD_ART_COLOPHON: return "colophon";
	case BD_ART_CHAPTER: break;
	}
	return "chapter";
}

const char *bd_article_role(enum bd_article_type type)
{
	switch (type) {
	case BD_ART_PREFACE: return "doc-preface";
	case BD_ART_INTRODUCTION: return "doc-introduction";
	case BD_ART_APPENDIX: return "doc-appendix";
	case BD_ART_COLOPHON: return "doc-colophon";
	case BD_ART_CHAPTER: break;
	}
	return "doc-chapter";
}

const char *bd_callout_epub_type(const char *kind)
{
	return strcmp(kind, "urgent") == 0 ? "notice" : strcmp(kind, "tip") == 0 ? "tip" : NULL;
}

const char *bd_callout_role(const char *kind)
{
	return strcmp(kind, "urgent") == 0 ? "doc-notice" : strcmp(kind, "tip") == 0 ? "doc-tip" : "note";
}

const char *bd_xhtml_xref_label(const struct bd_article *target, const char *hash)
{
	if (hash) {
		for (size_t i = 0; i < target->nheadings; i++)
			if (strcmp(target->headings[i].id, hash + 1) == 0)
				return target->headings[i].title;
	}
	return target->title;
}

static void write_xref(struct bd_out *o, const struct bd_book *book, const struct bd_node *n,
		       const struct bd_article *from, const char *root)
{
	const struct bd_article *target = bd_book_anchor(book, n->ref);
	const char *hash = strchr(n->ref, '#');
	char *href;

	if (!target) {
		/* Reported in the first pass; render the words only. */
		bd_xhtml_inline(o, book, n, from, root);
		return;
	}
	if (from && target == from)
		href = bd_strdup(hash ? hash : "#top_");
	else {
		char *doc = bd_article_href(target);
		href = bd_asprintf("%s%s%s", root, doc, hash ? hash : "");
		free(doc);
	}
	bd_out_start(o, "a");
	bd_out_attr(o, "href", href);
	if (n->first)
		bd_xhtml_inline(o, book, n, from, root);
	else
		bd_out_text(o, bd_xhtml_xref_label(target, hash));
	bd_out_end(o);
	free(href);
}

static void write_term(struct bd_out *o, const struct bd_book *book, const struct bd_node *n,
		       const struct bd_article *from, const char *root)
{
	char *anchor = bd_gloss_anchor(n->ref);
	/* With pop-ups, a use points at its note at the end of the article,
	 * which reading systems open in place; the note links on to the glossary. */
	bool popup = book->glossary_popups && from && bd_book_gloss(book, n->ref);
	char *href = popup ? bd_asprintf("#note_%s", n->ref) : bd_asprintf("%s%s#%s", root, BD_GLOSSARY_HREF, anchor);
	char *id = n->depth == 1 ? bd_asprintf("use_%s", n->ref) : NULL;

	bd_out_start(o, "a");
	bd_out_attr(o, "id", from ? id : NULL);
	bd_out_attr(o, "href", href);
	bd_out_attr(o, "class", popup ? "glossref noteref" : "glossref");
	bd_out_attr(o, "epub:type", popup ? "noteref" : "glossref");
	bd_out_attr(o, "role", popup ? "doc-noteref" : "doc-glossref");
	bd_xhtml_inline(o, book, n, from, root);
	bd_out_end(o);
	free(id);
	free(href);
	free(anchor);
}

void bd_xhtml_inline(struct bd_out *o, const struct bd_book *book, const struct bd_node *node,
		     const struct bd_article *from, const char *root)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		switch (n->type) {
		case BD_N_TEXT:
			bd_out_text(o, n->text);
			break;
		case BD_N_EMPH:
		case BD_N_STRONG:
			bd_out_start(o, n->type == BD_N_EMPH ? "em" : "strong");
			bd_xhtml_inline(o, book, n, from, root);
			bd_out_end(o);
			break;
		case BD_N_TERM:
			write_term(o, book, n, from, root);
			break;
		case BD_N_XREF:
			write_xref(o, book, n, from, root);
			break;
		case BD_N_LINK:
			bd_out_start(o, "a");
			bd_out_attr(o, "href", n->ref);
			bd_out_attr(o, "class", "external");
			bd_xhtml_inline(o, book, n, from, root);
			bd_out_end(o);
			break;
		case BD_N_CONTACT:
			bd_contact_write(o, book, n);
			break;
		default:
			break;
		}
	}
}

struct render {
	struct bd_out *o;
	const struct bd_book *book;
	const struct bd_article *art;
	unsigned callouts;   /* for generated ids */
};

static void write_blocks(struct render *r, const struct bd_node *first);
static void write_block(struct render *r, const struct bd_node *n);

static void write_inline_element(struct render *r, const char *name, const struct bd_node *n)
{
	bd_out_start(r->o, name);
	bd_xhtml_inline(r->o, r->book, n, r->art, "../");
	bd_out_end(r->o);
}

static void write_list(struct render *r, const struct bd_node *list)
{
	bd_out_start(r->o, list->type == BD_N_UL ? "ul" : "ol");
	for (const struct bd_node *li = list->first; li; li = li->next)
		write_inline_element(r, "li", li);
	bd_out_end(r->o);
}

static void write_figure(struct render *r, const struct bd_node *fig)
{
	const struct bd_node *alt = bd_node_child(fig, BD_N_ALT);
	const struct bd_node *caption = bd_node_child(fig, BD_N_CAPTION);
	const struct bd_node *desc = bd_node_child(fig, BD_N_DESCRIPTION);
	char *img = bd_image_href(fig->ref);
	char *src = bd_asprintf("../%s", img);
	char *desc_id = bd_asprintf("desc_%s", fig->id);

	bd_out_start(r->o, "figure");
	bd_out_attr(r->o, "id", fig->id);
	bd_out_start(r->o, "img");
	bd_out_attr(r->o, "src", src);
	bd_out_attr(r->o, "alt", alt && alt->text ? alt->text : "");
	/* aria-details ties the picture to its long description. */
	if (desc)
		bd_out_attr(r->o, "aria-details", desc_id);
	bd_out_end(r->o);
	if (caption)
		write_inline_element(r, "figcaption", caption);
	bd_out_end(r->o);
	/* HTML wants figcaption first or last in a figure, so the long
	 * description follows the figure, where any reader can open it. */
	if (desc) {
		bd_out_start(r->o, "details");
		bd_out_attr(r->o, "id", desc_id);
		bd_out_attr(r->o, "class", "long-description");
		bd_out_element(r->o, "summary", NULL,
			       bd_l10n_text(bd_l10n_for(r->book->lang), "article.picture-description"));
		write_blocks(r, desc->first);
		bd_out_end(r->o);
	}
	free(desc_id);
	free(src);
	free(img);
}

static void write_row(struct render *r, const struct bd_node *tr, bool head)
{
	bd_out_start(r->o, "tr");
	for (const struct bd_node *cell = tr->first; cell; cell = cell->next) {
		bool th = cell->type == BD_N_TH;
		bd_out_start(r->o, th ? "th" : "td");
		if (th)
			bd_out_attr(r->o, "scope", head ? "col" : "row");
		bd_xhtml_inline(r->o, r->book, cell, r->art, "../");
		bd_out_end(r->o);
	}
	bd_out_end(r->o);
}

static void write_table(struct render *r, const struct bd_node *table)
{
	bd_out_start(r->o, "table");
	bd_out_attr(r->o, "id", table->id);
	for (const struct bd_node *c = table->first; c; c = c->next) {
		if (c->type == BD_N_CAPTION) {
			write_inline_element(r, "caption", c);
		} else if (c->type == BD_N_THEAD || c->type == BD_N_TBODY) {
			bd_out_start(r->o, c->type == BD_N_THEAD ? "thead" : "tbody");
			for (const struct bd_node *tr = c->first; tr; tr = tr->next)
				write_row(r, tr, c->type == BD_N_THEAD);
			bd_out_end(r->o);
		}
	}
	bd_out_end(r->o);
}

static void write_callout(struct render *r, const struct bd_node *callout)
{
	const char *kind = callout->ref ? callout->ref : "note";
	const struct bd_node *title = bd_node_child(callout, BD_N_TITLE);
	char *class_name = bd_asprintf("callout callout-%s", kind);
	char *title_id = bd_asprintf("callout_%u", ++r->callouts);
	bool urgent = strcmp(kind, "urgent") == 0;

	/* Urgent warnings are a DPUB notice, a section so that they can be
	 * found by their label; tips and notes are asides. */
	bd_out_start(r->o, urgent ? "section" : "aside");
	bd_out_attr(r->o, "epub:type", bd_callout_epub_type(kind));
	bd_out_attr(r->o, "role", bd_callout_role(kind));
	bd_out_attr(r->o, "class", class_name);
	if (title) {
		/* Callouts often share a title ("Call now if you notice"), so the
		 * enclosing section's heading comes first to keep labels unique. */
		const struct bd_node *sec = callout->parent;
		char *label = sec && sec->type == BD_N_SECTION ? bd_asprintf("h_%s %s", sec->id, title_id)
							       : bd_strdup(title_id);
		bd_out_attr(r->o, "aria-labelledby", label);
		free(label);
		bd_out_start(r->o, "p");
		bd_out_attr(r->o, "id", title_id);
		bd_out_attr(r->o, "class", "callout-title");
		bd_out_start(r->o, "strong");
		bd_xhtml_inline(r->o, r->book, title, r->art, "../");
		bd_out_end(r->o);
		bd_out_end(r->o);
	} else if (urgent) {
		bd_out_attr(r->o, "aria-label", bd_l10n_text(bd_l10n_for(r->book->lang), "article.urgent"));
	}
	for (const struct bd_node *c = callout->first; c; c = c->next)
		if (c->type != BD_N_TITLE)
			write_block(r, c);
	bd_out_end(r->o);
	free(title_id);
	free(class_name);
}

static void write_section(struct render *r, const struct bd_node *section);

static void write_block(struct render *r, const struct bd_node *n)
{
	switch (n->type) {
	case BD_N_P:
		write_inline_element(r, "p", n);
		break;
	case BD_N_UL:
	case BD_N_OL:
		write_list(r, n);
		break;
	case BD_N_FIGURE:
		write_figure(r, n);
		break;
	case BD_N_TABLE:
		write_table(r, n);
		break;
	case BD_N_CALLOUT:
		write_callout(r, n);
		break;
	case BD_N_SECTION:
		write_section(r, n);
		break;
	default:
		break;
	}
}

/* Writes first and its following siblings. */
static void write_blocks(struct render *r, const struct bd_node *first)
{
	for (const struct bd_node *n = first; n; n = n->next)
		write_block(r, n);
}

static void write_section(struct render *r, const struct bd_node *section)
{
	static const char *const headings[] = { "h2", "h3", "h4" };
	const struct bd_node *title = bd_node_child(section, BD_N_TITLE);
	int level = section->depth >= 1 && section->depth <= 3 ? section->depth : 3;
	char *heading_id = bd_asprintf("h_%s", section->id);

	bd_out_start(r->o, "section");
	bd_out_attr(r->o, "id", section->id);
	bd_out_attr(r->o, "aria-labelledby", heading_id);
	bd_out_start(r->o, headings[level - 1]);
	bd_out_attr(r->o, "id", heading_id);
	if (title)
		bd_xhtml_inline(r->o, r->book, title, r->art, "../");
	bd_out_end(r->o);
	for (const struct bd_node *c = section->first; c; c = c->next)
		if (c->type != BD_N_TITLE)
			write_block(r, c);
	bd_out_end(r->o);
	free(heading_id);
}

void bd_xhtml_first_uses(const struct bd_book *book, const struct bd_node *node, const struct bd_node ***uses,
			 size_t *len, size_t *cap)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (n->type == BD_N_TERM && n->depth == 1 && n->ref && bd_book_gloss(book, n->ref)) {
			bd_grow(uses, cap, *len + 1, sizeof(**uses));
			(*uses)[(*len)++] = n;
		}
		bd_xhtml_first_uses(book, n, uses, len, cap);
	}
}

/* The pop-up notes: one aside per entry the article uses, together after
 * the text under their own heading, so a screen reader meets each once and
 * only after the text.  Each holds the short definition, a link to the full
 * entry and a link back to the first use. */
static void write_term_notes(struct render *r, const struct bd_node *tree)
{
	const struct bd_node **uses = NULL;
	const struct bd_l10n *cat = bd_l10n_for(r->book->lang);
	size_t len = 0, cap = 0;

	bd_xhtml_first_uses(r->book, tree, &uses, &len, &cap);
	if (len == 0)
		return;
	bd_out_start(r->o, "section");
	bd_out_attr(r->o, "class", "term-notes");
	bd_out_attr(r->o, "aria-labelledby", "notes_");
	bd_out_start(r->o, "h2");
	bd_out_attr(r->o, "id", "notes_");
	bd_out_text(r->o, bd_l10n_text(cat, "article.notes-heading"));
	bd_out_end(r->o);
	/* Apps that show notes as pop-ups (Apple Books) hide the asides below;
	 * this line keeps the heading from standing over nothing there. */
	bd_out_element(r->o, "p", NULL, bd_l10n_text(cat, "article.notes-hint"));
	for (size_t i = 0; i < len; i++) {
		const struct bd_gloss_entry *e = bd_book_gloss(r->book, uses[i]->ref);
		char *id = bd_asprintf("note_%s", e->id);
		char *anchor = bd_gloss_anchor(e->id);
		char *entry_href = bd_asprintf("../%s#%s", BD_GLOSSARY_HREF, anchor);
		char *back_href = bd_asprintf("#use_%s", e->id);
		char *entry_text = bd_l10n_format(cat, "article.note-to-glossary", "term", e->term, NULL);
		char *back_text = bd_l10n_format(cat, "article.note-back", "term", e->term, NULL);

		bd_out_start(r->o, "aside");
		bd_out_attr(r->o, "id", id);
		bd_out_attr(r->o, "class", "term-note");
		bd_out_attr(r->o, "epub:type", "footnote");
		bd_out_attr(r->o, "role", "doc-footnote");
		bd_out_start(r->o, "p");
		bd_out_element(r->o, "dfn", NULL, e->term);
		bd_out_text(r->o, ": ");
		if (e->definition)
			bd_xhtml_inline(r->o, r->book, e->definition, r->art, "../");
		bd_out_end(r->o);
		bd_out_start(r->o, "p");
		bd_out_attr(r->o, "class", "term-note-links");
		bd_out_start(r->o, "a");
		bd_out_attr(r->o, "href", entry_href);
		bd_out_text(r->o, entry_text);
		bd_out_end(r->o);
		bd_out_text(r->o, " | ");
		bd_out_start(r->o, "a");
		bd_out_attr(r->o, "href", back_href);
		bd_out_attr(r->o, "role", "doc-backlink");
		bd_out_text(r->o, back_text);
		bd_out_end(r->o);
		bd_out_end(r->o);
		bd_out_end(r->o);
		free(back_text);
		free(entry_text);
		free(back_href);
		free(entry_href);
		free(anchor);
		free(id);
	}
	bd_out_end(r->o);
	free(uses);
}

bool bd_xhtml_write_article(const struct bd_book *book, const struct bd_article *art,
			    const struct bd_node *tree, struct bd_epub *epub, const char *name,
			    struct bd_diag *diag)
{
	struct bd_out o;
	struct render r = { .o = &o, .book = book, .art = art };
	const struct bd_node *summary = bd_node_child(tree, BD_N_SUMMARY);

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		return false;
	}
	bd_xhtml_begin(&o, book, art->title, "../");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "id", "top_");
	bd_out_attr(&o, "epub:type", bd_article_epub_type(art->type));
	bd_out_attr(&o, "role", bd_article_role(art->type));
	bd_out_attr(&o, "aria-labelledby", "title_");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "title_");
	bd_out_text(&o, art->title);
	bd_out_end(&o);
	if (summary) {
		bd_out_start(&o, "section");
		bd_out_attr(&o, "class", "summary");
		bd_out_attr(&o, "role", "doc-abstract");
		bd_out_attr(&o, "aria-label", bd_l10n_text(bd_l10n_for(book->lang), "article.summary"));
		write_inline_element(&r, "p", summary);
		bd_out_end(&o);
	}
	if (art->updated) {
		char *human = bd_l10n_date(book->lang, art->updated), *before = NULL, *after = NULL;
		bd_l10n_split(bd_l10n_for(book->lang), "article.updated", "date", &before, &after, NULL);
		bd_out_start(&o, "p");
		bd_out_attr(&o, "class", "updated");
		bd_out_text(&o, before);
		bd_out_start(&o, "time");
		bd_out_attr(&o, "datetime", art->updated);
		bd_out_text(&o, human);
		bd_out_end(&o);
		bd_out_text(&o, after);
		bd_out_end(&o);
		free(after);
		free(before);
		free(human);
	}
	for (const struct bd_node *c = tree->first; c; c = c->next)
		if (c->type != BD_N_TITLE && c->type != BD_N_SUMMARY)
			write_block(&r, c);
	if (book->glossary_popups)
		write_term_notes(&r, tree);
	bd_out_end(&o);  /* section */
	bd_xhtml_end(&o);
	if (!bd_out_close(&o))
		return false;
	return true;
}
