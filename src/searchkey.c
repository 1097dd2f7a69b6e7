/* searchkey.c - writing the glossary's search key map (see searchkey.h). */
#include "searchkey.h"

#include "alloc.h"
#include "xhtml.h"

#include <stdlib.h>

bool bd_searchkey_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;

	if (!bd_out_open_entry(&o, epub, name, true, diag)) {
		return false;
	}
	bd_out_start(&o, "search-key-map");
	bd_out_attr(&o, "xmlns", "http://www.idpf.org/2007/ops");
	bd_out_attr(&o, "xml:lang", book->lang);
	for (size_t i = 0; i < book->nglossary; i++) {
		const struct bd_gloss_entry *e = &book->glossary[i];
		char *anchor = bd_gloss_anchor(e->id);
		char *href = bd_asprintf("%s#%s", BD_GLOSSARY_HREF, anchor);

		bd_out_start(&o, "search-key-group");
		bd_out_attr(&o, "href", href);
		bd_out_start(&o, "match");
		bd_out_attr(&o, "value", e->term);
		/* Only forms a reader can meet: a variant nobody wrote is noise. */
		for (size_t v = 0; v < e->nvariants; v++) {
			if (!e->variant_seen[v])
				continue;
			bd_out_start(&o, "value");
			bd_out_attr(&o, "value", e->variants[v]);
			bd_out_end(&o);
		}
		bd_out_end(&o);
		bd_out_end(&o);
		free(href);
		free(anchor);
	}
	bd_out_end(&o);
	if (!bd_out_close(&o))
		return false;
	return true;
}
