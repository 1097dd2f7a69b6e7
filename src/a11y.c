/* a11y.c - deriving the EPUB Accessibility 1.1 properties from the model. */
#include "a11y.h"

#include <string.h>

static void feature(struct bd_a11y *a, const char *name)
{
	if (a->nfeatures < sizeof(a->features) / sizeof(a->features[0]))
		a->features[a->nfeatures++] = name;
}

void bd_a11y_derive(const struct bd_book *book, struct bd_a11y *a)
{
	size_t headings = 0;

	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < book->narticles; i++) {
		const struct bd_article *art = &book->articles[i];
		a->nfigures += art->nfigures;
		a->nfigures_described += art->nfigures_described;
		a->ntables += art->ntables;
		headings += art->nheadings + 1;
	}
	/* Figures carry alt text by the schema; the cover's comes from book.xml. */
	a->nimages = a->nfigures + (book->cover_src ? 1 : 0);
	a->nimages_with_alt = a->nfigures + (book->cover_alt && *book->cover_alt ? 1 : 0);

	a->access_modes[a->naccess_modes++] = "textual";
	if (a->nimages)
		a->access_modes[a->naccess_modes++] = "visual";
	/* Text alone suffices when every image has a text alternative. */
	if (a->nimages_with_alt == a->nimages)
		a->sufficient[a->nsufficient++] = "textual";
	if (a->nimages)
		a->sufficient[a->nsufficient++] = "textual,visual";

	if (headings)
		feature(a, "structuralNavigation");
	feature(a, "tableOfContents");
	feature(a, "readingOrder");
	/* Reflowable text with a stylesheet a reading system may override. */
	feature(a, "displayTransformability");
	if (a->nimages && a->nimages_with_alt == a->nimages)
		feature(a, "alternativeText");
	if (a->nfigures_described)
		feature(a, "longDescription");
	/* The renderer marks structures with DPUB-ARIA roles. */
	feature(a, "ARIA");
	/* bindery embeds no audio, video or animation. */
	a->hazard = "none";
}
