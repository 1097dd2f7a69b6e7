/* check_fxl.c - fixed-layout content documents (EPUB 3.3 section 8.2.2.6).
 *
 * A pre-paginated XHTML document gives its initial containing block in a
 * viewport meta tag (width and height in CSS pixels); a pre-paginated SVG
 * document in its outermost svg element's viewBox.  Only the first viewport
 * meta tag counts, as reading systems read only that one. */
#include "check_internal.h"

#include "alloc.h"
#include "viewport.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

bool bd_check_fxl_fixed(const struct bd_check *ck, const struct bd_check_item *it)
{
	bool global = false;

	if (it->spine_index < 0 || it->layout < 0)
		return false;
	if (it->layout > 0)
		return true;
	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *m = &ck->metas[i];
		char *v;

		if (m->link || m->refines || !m->property || strcmp(m->property, "rendition:layout") != 0)
			continue;
		v = bd_text_collapse(m->value);
		global = strcmp(v, "pre-paginated") == 0;
		free(v);
	}
	return global;
}

struct dims {
	const char *value[2];   /* the first width and height (into the attribute) */
	size_t len[2], count[2];
};

static void on_property(const char *name, size_t name_len, const char *value, size_t value_len, void *data)
{
	struct dims *d = data;

	for (int k = 0; k < 2; k++) {
		const char *want = k ? "height" : "width";

		if (name_len == strlen(want) && memcmp(name, want, name_len) == 0) {
			if (d->count[k]++ == 0) {
				d->value[k] = value;
				d->len[k] = value_len;
			}
		}
	}
}

static void check_viewport(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr meta)
{
	char *content = bd_xml_attr(meta, "content");
	char *shown = NULL;
	struct dims d;
	enum bd_viewport_error err;
	unsigned line = bd_xml_line(meta), col = bd_xml_col(meta);

	memset(&d, 0, sizeof(d));
	err = bd_viewport_parse(content ? content : "", on_property, &d);
	if (err != BD_VIEWPORT_OK) {
		shown = bd_text_shown(content ? content : "");
		bd_diag_report(ck->diag, BD_R_FXL_VIEWPORT_SYNTAX, it->display, line, col,
			       "the viewport meta tag's content \"%s\" is not name=value pairs: %s "
			       "(write it as width=W, height=H)",
			       shown, bd_viewport_error_text(err));
		goto out;
	}
	for (int k = 0; k < 2; k++) {
		const char *what = k ? "height" : "width";

		if (d.count[k] == 0) {
			bd_diag_report(ck->diag, BD_R_FXL_VIEWPORT_DIMENSION, it->display, line, col,
				       "the viewport meta tag of a fixed-layout document gives no %s; add %s=PIXELS",
				       what, what);
			continue;
		}
		if (d.count[k] > 1)
			bd_diag_report(ck->diag, BD_R_FXL_VIEWPORT_DUPLICATE, it->display, line, col,
				       "the viewport meta tag gives its %s %zu times; give it once", what, d.count[k]);
		if (!bd_viewport_dimension_ok(d.value[k], d.len[k], k == 1)) {
			char *v = bd_strndup(d.value[k], d.len[k]);

			free(shown);
			shown = bd_text_shown(v);
			free(v);
			bd_diag_report(ck->diag, BD_R_FXL_VIEWPORT_DIMENSION, it->display, line, col,
				       "the viewport %s \"%s\" is not a number of CSS pixels (no units) or device-%s",
				       what, shown, what);
		}
	}
out:
	free(shown);
	free(content);
}

void bd_check_fxl_xhtml(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr root)
{
	xmlNodePtr head = NULL;

	for (xmlNodePtr c = bd_xml_first_element(root); c && !head; c = bd_xml_next_element(c))
		if (bd_check_is(c, "head", BD_NS_XHTML))
			head = c;
	for (xmlNodePtr c = head ? bd_xml_first_element(head) : NULL; c; c = bd_xml_next_element(c)) {
		char *name;
		bool viewport;

		if (!bd_check_is(c, "meta", BD_NS_XHTML))
			continue;
		name = bd_xml_attr(c, "name");
		if (name) {
			char *t = bd_text_collapse(name);

			viewport = strcmp(t, "viewport") == 0;
			free(t);
		} else {
			viewport = false;
		}
		free(name);
		if (viewport) {
			check_viewport(ck, it, c);
			return;
		}
	}
	bd_diag_report(ck->diag, BD_R_FXL_VIEWPORT_MISSING, it->display, bd_xml_line(head ? head : root),
		       bd_xml_col(head ? head : root),
		       "this fixed-layout document has no viewport meta tag; add <meta name=\"viewport\" "
		       "content=\"width=W, height=H\"/> to its head");
}

void bd_check_fxl_svg(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr root)
{
	if (!bd_check_is(root, "svg", BD_NS_SVG) || xmlHasProp(root, (const xmlChar *)"viewBox"))
		return;
	bd_diag_report(ck->diag, BD_R_FXL_SVG_VIEWBOX, it->display, bd_xml_line(root), bd_xml_col(root),
		       "this fixed-layout SVG document has no viewBox on its svg element; add "
		       "viewBox=\"0 0 W H\"");
}
