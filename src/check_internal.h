/* check_internal.h - what the checker's rule sets share.
 *
 * check.c opens the ZIP and builds the entry table; check_package.c builds
 * the package (manifest, spine, metadata) once; the other rule sets read it
 * and record what they find in the content (struct bd_check_facts) so that
 * later rule sets can compare claims with reality.  Every entry is read
 * through bd_check_read_xml or bd_check_scan, which enforce the limits. */
#ifndef BD_CHECK_INTERNAL_H
#define BD_CHECK_INTERNAL_H

#include "check.h"
#include "strmap.h"

#include <libxml/tree.h>
#include <zip.h>

#define BD_CHECK_DEFAULT_MAX_TOTAL ((uint64_t)4 << 30)
#define BD_CHECK_DEFAULT_MAX_XML ((size_t)64 << 20)
/* Bytes of an entry kept for sniffing its type. */
#define BD_CHECK_SNIFF 16

#define BD_NS_XHTML "http://www.w3.org/1999/xhtml"
#define BD_NS_OPS "http://www.idpf.org/2007/ops"
#define BD_NS_SVG "http://www.w3.org/2000/svg"
#define BD_NS_MATHML "http://www.w3.org/1998/Math/MathML"
#define BD_NS_XML "http://www.w3.org/XML/1998/namespace"
#define BD_NS_OPF "http://www.idpf.org/2007/opf"
#define BD_NS_DC "http://purl.org/dc/elements/1.1/"
#define BD_NS_NCX "http://www.daisy.org/z3986/2005/ncx/"


struct bd_check_entry {
	char *name;           /* raw bytes as stored in the ZIP */
	zip_uint64_t index;
	zip_uint64_t size;    /* uncompressed, as the central directory claims */
	uint16_t method;
	bool encrypted;
	bool is_dir;
	bool read;            /* already read once (CRC checked) */
	bool corrupt;         /* reading failed */
	bool in_manifest;
	unsigned char head[BD_CHECK_SNIFF];
	size_t head_len;
};

/* What the content rule sets found in one manifest item. */
struct bd_check_facts {
	bool parsed;          /* XHTML read and well-formed: ids are known */
	bool ids_complete;    /* every id was recorded (false past the id cap) */
	bool svg, script, math, remote;
	bool epub_switch;     /* has an epub:switch element */
	bool glossary;        /* has epub:type="glossary" */
	bool css;             /* styled: a style sheet link or PI, a style element or attribute */
};

struct bd_check_item {
	char *id, *href, *media_type, *properties, *fallback;
	char *media_overlay;  /* the media-overlay attribute, or NULL */
	char *path;           /* href resolved to a container path; NULL if remote or bad */
	char *display;        /* "EPUB!path" for messages about this entry */
	bool remote;
	unsigned line, col;   /* of the <item> element */
	struct bd_check_entry *entry; /* NULL when the file is not in the ZIP */
	long spine_index;     /* position in the spine, -1 when not in it */
	signed char layout;   /* its itemref's rendition:layout: 1 pre-paginated, -1 reflowable, 0 none */
	struct bd_check_facts facts;
	bool core_fallback;   /* its manifest fallback chain reaches a core media type */
	bool referenced;      /* a reference other than a hyperlink names it (remote items) */
	bool hyperlinked;     /* a hyperlink from another document names it */
};

struct bd_check_itemref {
	struct bd_check_item *item; /* NULL when the idref is unknown */
	bool linear;
};

struct bd_check_meta {
	char *property;       /* property= of <meta>, name= of EPUB 2 <meta>, or rel= of <link> */
	char *value;          /* text, content= or href= */
	char *refines;
	bool link;            /* from <link rel=...> */
	bool named;           /* EPUB 2 style <meta name= content=> */
	char *media_type;     /* media-type= of a <link>, or NULL */
	unsigned line, col;
};

/* A link with a fragment, resolved once every document's ids are known. */
struct bd_check_link {
	struct bd_check_item *from, *to;
	char *fragment;
	unsigned line, col;
};

struct bd_check {
	const char *path;     /* the EPUB file, for messages */
	struct bd_diag *diag; /* a11y_werror: accessibility findings as errors (--werror) */
	uint64_t max_total;
	size_t max_xml;
	uint64_t total;       /* uncompressed bytes read so far */
	bool over_total;      /* stop reading: max_total was reached */
	zip_t *zip;

	struct bd_check_entry *entries;
	size_t nentries;
	struct bd_map * entry_by_name;

	/* The package, filled by bd_check_package. */
	char *opf_path, *opf_display;
	bool keep_opf;        /* keep the parsed package document for on_done */
	xmlDocPtr opf_doc;    /* kept when keep_opf (bindery catalog reads it) */
	int version;          /* 3, 2, or 0 when unknown */
	char *unique_id;      /* value of the unique identifier */
	struct bd_check_item *items;
	size_t nitems, items_cap;
	struct bd_map * item_by_path;
	struct bd_map * item_by_id;     /* manifest id -> item */
	struct bd_map * item_by_remote; /* href of a remote item -> item */
	struct bd_check_itemref *spine;
	size_t nspine, spine_cap;
	struct bd_check_item *nav, *ncx;
	struct bd_check_meta *metas;
	size_t nmetas, metas_cap;

	/* Filled by the content rule sets. */
	struct bd_map * ids;  /* (path, id) -> element line, for fragments */
	size_t nids;
	struct bd_check_link *links;
	size_t nlinks, links_cap;
	bool links_complete;
	size_t imgs, imgs_without_alt; /* alt missing or empty */
	bool long_descriptions;
	bool toc_nav;
};

/* ---- check.c ---------------------------------------------------------- */

/* Reads a whole entry for parsing (at most max_xml bytes, counted toward
 * max_total), NUL-terminated.  Returns 0 and sets *buf and *len, or -1
 * after reporting why in diag. */
int bd_check_read(struct bd_check *ck, struct bd_check_entry *e, const char *display, char **buf,
		  size_t *len);
/* Reads an XML entry and parses it with bd_xml_parse; NULL after errors. */
xmlDocPtr bd_check_read_xml(struct bd_check *ck, struct bd_check_entry *e, const char *display);
/* Reads an XML entry and parses it with bd_xml_stream (on_element at each
 * start tag, nothing kept); true when it was well-formed. */
bool bd_check_stream_xml(struct bd_check *ck, struct bd_check_entry *e, const char *display,
			 void (*on_element)(xmlNodePtr node, void *data), void *data);
/* Reads an entry in chunks, never whole, to check its CRC and keep its
 * first bytes in e->head.  Does nothing when it was read already.
 * Returns 0 or -1 after reporting. */
int bd_check_scan(struct bd_check *ck, struct bd_check_entry *e, const char *display);
struct bd_check_entry *bd_check_entry_find(const struct bd_check *ck, const char *name);
struct bd_check_item *bd_check_item_find(const struct bd_check *ck, const char *path);

/* Resolves a URL reference found in the file at base (a container path).
 * Returns the container path it names (percent-decoded, without query or
 * fragment), or NULL when it leaves the container.  *fragment gets the
 * fragment (decoded, may be empty) or NULL when there is none. */
char *bd_check_resolve(const char *base, const char *href, char **fragment);
enum bd_check_ref { BD_REF_LOCAL, BD_REF_REMOTE, BD_REF_OTHER, BD_REF_SAME_DOC };
/* Classifies an href: a local path, http(s), another scheme (mailto:,
 * data:), or "#frag" / empty (the same document). */
enum bd_check_ref bd_check_ref_kind(const char *href);
/* True when the space-separated list contains word. */
bool bd_check_has_word(const char *list, const char *word);
/* True when node is an element called name in namespace ns. */
bool bd_check_is(const xmlNode *node, const char *name, const char *ns);
/* The element after n in document order within root (depth first), or NULL. */
xmlNodePtr bd_check_next(const xmlNode *n, const xmlNode *root);
/* Limits on what is kept across documents, so memory stays bounded. */
#define BD_CHECK_MAX_IDS 500000
#define BD_CHECK_MAX_LINKS 500000
/* A copy of s safe to print: control characters and bytes that are not
 * UTF-8 become '?' (names in a hostile ZIP may hold terminal escapes). */
char *bd_check_printable(const char *s);
/* "EPUB!entry" for messages, with the entry made printable. */
char *bd_check_display(const struct bd_check *ck, const char *entry);
/* ---- the rule sets, in the order check.c runs them -------------------- */

/* check_container.c: raw checks on the file before libzip sees it. */
/* Checks the first local header (the mimetype file).  f is at offset 0. */
void bd_check_mimetype(struct bd_check *ck, FILE *f);
/* Reads the end of central directory; returns -1 (after an error) when
 * the central directory is too large to load safely. */
int bd_check_central_size(struct bd_check *ck, FILE *f);
/* Names, compression, encryption, META-INF/container.xml; sets opf_path. */
void bd_check_container(struct bd_check *ck);

/* check_package.c */
/* Parses the package document and checks its metadata, manifest and spine.
 * Returns 0 when the content rule sets should run (an EPUB 3 package). */
int bd_check_package(struct bd_check *ck);
/* After content: manifest properties agree with what the content holds. */
void bd_check_package_properties(struct bd_check *ck);
void bd_check_package_fini(struct bd_check *ck);

/* check_content.c */
void bd_check_content(struct bd_check *ck);
enum bd_check_link_kind {
	BD_LINK_HYPER,     /* a, area: may point anywhere, remote included */
	BD_LINK_RESOURCE,  /* img, link, script, CSS url(): must be in the container */
	BD_LINK_MEDIA,     /* audio, video, fonts: may be remote (remote-resources) */
	BD_LINK_CITE,      /* cite=: may be remote; a local one must exist */
};
/* Checks a reference found at line:col of from (whose container path is the
 * base); records fragments for bd_check_content_fragments. */
void bd_check_content_link(struct bd_check *ck, struct bd_check_item *from, unsigned line,
			   unsigned col, const char *href, enum bd_check_link_kind kind);
/* Resolves the recorded fragments. */
void bd_check_content_fragments(struct bd_check *ck);

/* check_css.c */
enum bd_check_css_kind {
	BD_CHECK_CSS_FILE,      /* a style sheet in the manifest: its encoding is checked too */
	BD_CHECK_CSS_ELEMENT,   /* a <style> element: a list of rules */
	BD_CHECK_CSS_ATTRIBUTE, /* a style attribute: a list of declarations */
};
/* Checks CSS text of from; positions as in check_content.c's scan_css
 * (from line0:col0 of the element holding inline CSS, else in the text). */
void bd_check_css(struct bd_check *ck, const struct bd_check_item *from, const char *css, size_t len,
		  enum bd_check_css_kind kind, unsigned line0, unsigned col0);

/* check_fxl.c */
/* True when it is a pre-paginated spine item (by its itemref or globally). */
bool bd_check_fxl_fixed(const struct bd_check *ck, const struct bd_check_item *it);
/* The first viewport meta tag of a pre-paginated XHTML document. */
void bd_check_fxl_xhtml(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr root);
/* The viewBox of a pre-paginated SVG document. */
void bd_check_fxl_svg(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr root);

/* check_epub2.c */
/* An EPUB 2 package's metadata and OPF 2.0.1 schema (before the manifest). */
void bd_check_epub2_package(struct bd_check *ck, xmlDocPtr doc);
/* The spine's toc and the guide's references (after the manifest). */
void bd_check_epub2_links(struct bd_check *ck, xmlDocPtr doc);
/* dc:language n (EPUB 3 or 2): a message when it is no valid BCP 47 tag. */
void bd_check_dc_language(struct bd_check *ck, xmlNodePtr n);
/* An OPS content document (or one with a fallback), as the spine, the
 * guide and the NCX may point at. */
bool bd_check_epub2_content_type(const struct bd_check_item *it);
/* Validates an NCX; true when valid. */
bool bd_check_ncx_schema(struct bd_check *ck, xmlDocPtr doc, const char *display);

/* check_xhtml11.c */
/* An EPUB 2 content document against XHTML 1.1's content model. */
void bd_check_xhtml11(struct bd_check *ck, const struct bd_check_item *it, xmlNodePtr root);

/* check_smil.c */
/* Media overlays; after bd_check_content (ids and styles are known). */
void bd_check_smil(struct bd_check *ck);

/* check_markup.c: single elements and attributes of content documents. */
/* data-* names, lang beside xml:lang (an XHTML element with attributes). */
void bd_check_markup_attrs(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n);
/* Each srcset candidate is a reference like src. */
void bd_check_markup_srcset(struct bd_check *ck, struct bd_check_item *it, const xmlNode *n, const char *srcset);
/* A style sheet link must not have a fragment. */
void bd_check_markup_stylesheet(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n,
				const char *rel, const char *href);
/* svg use must name an element (a fragment). */
void bd_check_markup_svg_use(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n, const char *href);
/* The DOCTYPE's external identifier, if any, is one EPUB 3.3 allows. */
void bd_check_markup_doctype(struct bd_check *ck, const struct bd_check_item *it, const xmlDoc *doc);

/* check_nav.c */
void bd_check_nav(struct bd_check *ck, struct bd_check_item *item, xmlDocPtr doc);
void bd_check_ncx(struct bd_check *ck);

/* check_resources.c: foreign resources and their fallbacks, remote
 * resources, reachability (EPUB 3.3 sections 3.2 to 3.6). */
/* True for a core media type (video counts: it is exempt from fallbacks). */
bool bd_check_core_media_type(const char *type);
/* True for the types that may be remote: audio, video, fonts. */
bool bd_check_remote_allowed(const char *type);
/* True when href is a file: URL (reported as url-file). */
bool bd_check_file_url(const char *href);
/* The remote manifest item href (without its fragment) names, or NULL. */
struct bd_check_item *bd_check_remote_item(const struct bd_check *ck, const char *href);
/* After the package: fallback chains (each item's core_fallback). */
void bd_check_fallbacks(struct bd_check *ck);
/* A foreign resource used at line:col of from by href: an image, audio or
 * an embedded object needs a core media type, a manifest fallback to one,
 * or (intrinsic) a fallback in the markup. */
void bd_check_foreign_use(struct bd_check *ck, struct bd_check_item *from, unsigned line, unsigned col,
			  const char *href, bool intrinsic);
/* audio or video: its src and source children; audio that is not a core
 * type needs a fallback unless a source is a core type. */
void bd_check_media_uses(struct bd_check *ck, struct bd_check_item *from, xmlNodePtr media);
/* An img (source false) or a source in picture: the img must be a core
 * image type; a source of another type must have a type attribute. */
void bd_check_picture_use(struct bd_check *ck, struct bd_check_item *from, unsigned line, unsigned col,
			  const char *href, bool source, const char *type_attr);
/* The media type of the resource href names from from (the manifest's, or
 * a data: URL's, lower case, in buf); NULL when unknown or not local. */
const char *bd_check_target_type(struct bd_check *ck, const struct bd_check_item *from, const char *href,
				 char *buf, size_t size);
/* A manifest item's properties are in the EPUB vocabulary. */
void bd_check_item_properties(struct bd_check *ck, const struct bd_check_item *it);
/* After content: remote items, non-linear spine items nothing reaches,
 * package links. */
void bd_check_resources(struct bd_check *ck);

/* check_ocf.c: META-INF files against the OCF content models, encryption
 * (obfuscation), publication resources inside META-INF.  After the package. */
void bd_check_ocf(struct bd_check *ck);
/* container.xml's content model, on the tree check_container.c parsed. */
void bd_check_ocf_container(struct bd_check *ck, xmlDocPtr doc, const char *display);

/* check_a11y.c */
void bd_check_a11y(struct bd_check *ck);
/* Search key maps point into glossaries. */
void bd_check_glossary(struct bd_check *ck);

#endif
