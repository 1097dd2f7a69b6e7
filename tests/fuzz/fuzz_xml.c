/* fuzz_xml.c - libFuzzer target for the source parser.
 *
 * Parses the input as a book source with the one safe XML reader
 * (bd_xml_parse: no DTDs, no entities, no network) and validates what
 * parses against the article schema, the path every article takes. */
#include "diag.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void cleanup(void)
{
	bd_xml_cleanup();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int registered;
	struct bd_diag diag;
	xmlDocPtr doc;

	if (!registered) {
		registered = 1;
		atexit(cleanup);
	}
	bd_diag_init(&diag);
	doc = bd_xml_parse((const char *)data, size, "fuzz.xml", BD_XML_DEFAULT, &diag);
	if (doc) {
		bd_xml_validate(doc, BD_SCHEMA_ARTICLE, "fuzz.xml", &diag);
		xmlFreeDoc(doc);
	}
	bd_diag_fini(&diag);
	return 0;
}
