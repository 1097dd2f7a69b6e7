/* rules.h - every rule bindery reports, in one table, and the spelling rules
 * that the builder and the checker share.
 *
 * A rule has one stable name (printed in brackets after each message), one
 * severity and one line of description.  The builder's messages, the
 * checker's and `--list-rules` all read this table, so a rule cannot have
 * two names or two severities.  Which side reports a rule:
 *   BUILD  the builder, about a source in the book folder;
 *   CHECK  the checker, about an entry of an EPUB;
 *   BOTH   either (the same mistake, found in a source or in an EPUB);
 *   CATALOG `bindery catalog` only;
 *   PUBLISH build and catalog, about the output folder (listed with build's).
 * Severity A11Y is a warning that `check --werror` turns into an error. */
#ifndef BD_RULES_H
#define BD_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* X(ENUM, "name", SEVERITY, SCOPE, "description") */
#define BD_RULE_LIST(X) \
	/* Reading any file */ \
	X(IO, "io", ERROR, BOTH, "a file cannot be opened, read or written") \
	X(INTERNAL, "internal", ERROR, BOTH, "bindery's own failure, such as a built EPUB that fails its own check; please report it") \
	X(NOT_A_FILE, "not-a-file", ERROR, BOTH, "an input is a folder, FIFO or device, not a regular file") \
	X(SOURCE_TOO_LARGE, "source-too-large", ERROR, BUILD, "a source file is larger than the limit (16 MiB)") \
	/* XML, in sources and in EPUB entries */ \
	X(XML_SYNTAX, "xml-syntax", ERROR, BOTH, "a file is not well-formed XML") \
	X(XML, "xml", WARNING, BOTH, "the XML parser's warning") \
	X(XML_ENTITY, "xml-entity", ERROR, BOTH, "a file declares entities (refused: entity bombs, XXE)") \
	X(XML_DOCTYPE, "xml-doctype", ERROR, BOTH, "a document type declaration where none is allowed") \
	X(XML_EXTERNAL, "xml-external", ERROR, BOTH, "a file refers to an external entity or DTD (never loaded)") \
	X(ENCODING, "encoding", ERROR, BOTH, "a file is not UTF-8") \
	X(XML_TOO_LARGE, "xml-too-large", ERROR, CHECK, "an XML entry is larger than the per-entry limit") \
	X(XML_TOO_COMPLEX, "xml-too-complex", ERROR, CHECK, "an XML entry would need too much memory to parse") \
	/* The source format */ \
	X(STRUCTURE, "structure", ERROR, BUILD, "an element, attribute or text is not where the source format allows it") \
	X(SCHEMA, "schema", ERROR, BUILD, "a source does not match its RELAX NG schema") \
	X(ID_SYNTAX, "id-syntax", ERROR, BUILD, "an id or a reference to one is not [a-z][a-z0-9-]*") \
	X(XREF_SYNTAX, "xref-syntax", ERROR, BUILD, "an <xref to> is not ARTICLE or ARTICLE#ID") \
	X(LINK_HREF, "link-href", ERROR, BUILD, "a <link href> is not an http:, https: or mailto: address without white space") \
	X(IMAGE_SRC, "image-src", ERROR, BUILD, "a figure's src is not a relative path to an .svg, .png, .jpg or .jpeg") \
	X(ARTICLE_ID, "article-id", ERROR, BUILD, "an article's id differs from its name in the reading order") \
	X(ARTICLE_MISSING, "article-missing", ERROR, BUILD, "an article in the reading order has no file") \
	X(ARTICLE_LISTED_TWICE, "article-listed-twice", ERROR, BUILD, "an article is listed twice in the reading order") \
	X(ARTICLE_UNLISTED, "article-unlisted", ERROR, BUILD, "a file in articles/ is not in the reading order") \
	X(URGENT_TWICE, "urgent-twice", ERROR, BUILD, "more than one article has urgent=\"yes\"") \
	X(DUPLICATE_ID, "duplicate-id", ERROR, BOTH, "an id is used twice (in a book, or in one EPUB document)") \
	X(XREF_ARTICLE, "xref-article", ERROR, BUILD, "an <xref> names an article that is not in the book") \
	X(XREF_SECTION, "xref-section", ERROR, BUILD, "an <xref> names an id that is not in its article") \
	X(TEXT_EMPTY, "text-empty", ERROR, BUILD, "a title, alt text or other required text is empty to a reader (only white space or invisible characters)") \
	X(LANGUAGE_INVALID, "language-invalid", ERROR, BOTH, "a language tag is not well-formed BCP 47, or its subtags are not registered") \
	X(CATALOGUE_MISSING, "catalogue-missing", WARNING, BUILD, "bindery has no catalogue of its own words (l10n/) for the book's language, so it writes them in English") \
	X(MODIFIED, "modified", ERROR, BUILD, "<modified> is not a real date and time (YYYY-MM-DDThh:mm:ssZ)") \
	X(SOURCE_DATE_EPOCH, "source-date-epoch", ERROR, BUILD, "SOURCE_DATE_EPOCH is not a whole number from 0 to 253402300799") \
	X(COVER_IMAGE, "cover-image", ERROR, BUILD, "the cover is missing or not a PNG or JPEG") \
	X(IMAGE_MISSING, "image-missing", ERROR, BUILD, "a figure's image file does not exist") \
	X(IMAGE_TYPE, "image-type", ERROR, BUILD, "an image's bytes are not SVG, PNG or JPEG as its name says") \
	X(IMAGE_NAME_CLASH, "image-name-clash", ERROR, BUILD, "two images would share a file name in the EPUB (compared after case folding and NFC)") \
	X(IMAGE_SVG_UNSAFE, "image-svg-unsafe", ERROR, BUILD, "an SVG figure has a script or foreign content") \
	X(REMOTE_REFERENCE, "remote-reference", ERROR, BUILD, "an SVG or stylesheet the book ships refers to a web address") \
	X(STYLESHEET_MISSING, "stylesheet-missing", ERROR, BUILD, "a stylesheet named in book.xml does not exist") \
	X(STYLESHEET_NAME_CLASH, "stylesheet-name-clash", ERROR, BUILD, "two stylesheets would share a file name in the EPUB") \
	X(LINK_HREF_PUNCTUATION, "link-href-punctuation", WARNING, BUILD, "a link address ends in a quote or sentence punctuation") \
	X(GLOSSARY_UNDEFINED, "glossary-undefined", ERROR, BUILD, "a <term ref> names no glossary entry") \
	X(GLOSSARY_SEE, "glossary-see", ERROR, BUILD, "a glossary <see ref> names no entry") \
	X(GLOSSARY_UNUSED, "glossary-unused", WARNING, BUILD, "a glossary entry is used by no article") \
	X(GLOSSARY_UNMARKED, "glossary-unmarked", WARNING, BUILD, "an article uses a glossary word but never marks it with <term>") \
	X(READING_LEVEL, "reading-level", WARNING, BUILD, "an article's score is past the book's <reading-level> target (max-grade or min-ease)") \
	X(READING_LEVEL_FORMULA, "reading-level-formula", ERROR, BUILD, "<reading-level> names a formula of another language or the wrong kind of limit, or the book's language has none") \
	X(EDITION_MISSING, "edition-missing", ERROR, BUILD, "an edition file named in book.xml or by --edition does not exist") \
	X(EDITION_PHONE, "edition-phone", ERROR, BUILD, "a contact's phone number is not a valid international (E.164) number") \
	X(EDITION_LOGO, "edition-logo", ERROR, BUILD, "an edition's logo is missing or not an SVG or PNG file") \
	/* The file and the ZIP */ \
	X(EPUB_UNREADABLE, "epub-unreadable", ERROR, CHECK, "the file cannot be opened or read (exit code 3)") \
	X(ZIP_INVALID, "zip-invalid", ERROR, CHECK, "not a ZIP file, or truncated (no central directory)") \
	X(ZIP_STRUCTURE, "zip-structure", ERROR, CHECK, "the ZIP's local headers disagree with its central directory") \
	X(ZIP_TOO_LARGE, "zip-too-large", ERROR, CHECK, "more uncompressed data than the limit (zip bomb), or too many entries") \
	X(ZIP_ENTRY_CORRUPT, "zip-entry-corrupt", ERROR, CHECK, "an entry cannot be read back (CRC or data error)") \
	/* Container (EPUB 3.3 section 4) */ \
	X(MIMETYPE_NOT_FIRST, "mimetype-not-first", ERROR, CHECK, "the first ZIP entry must be the file 'mimetype'") \
	X(MIMETYPE_COMPRESSED, "mimetype-compressed", ERROR, CHECK, "'mimetype' must be stored, not compressed") \
	/* EPUBCheck 4.2.6 reports the extra field as PKG-005 too; 3.3 keeps it. */ \
	X(MIMETYPE_EXTRA_FIELD, "mimetype-extra-field", ERROR, CHECK, "'mimetype' must have no extra field in its local header") \
	X(MIMETYPE_CONTENT, "mimetype-content", ERROR, CHECK, "'mimetype' must hold exactly application/epub+zip") \
	X(CONTAINER_MISSING, "container-missing", ERROR, CHECK, "META-INF/container.xml is missing") \
	X(CONTAINER_INVALID, "container-invalid", ERROR, CHECK, "META-INF/container.xml has no usable rootfile") \
	X(ROOTFILE_MISSING, "rootfile-missing", ERROR, CHECK, "the rootfile named in container.xml is not in the ZIP") \
	X(ROOTFILE_MEDIA_TYPE, "rootfile-media-type", ERROR, CHECK, "the rootfile's media-type is not application/oebps-package+xml") \
	X(COMPRESSION_METHOD, "compression-method", ERROR, CHECK, "entries must be stored or deflated") \
	X(ENCRYPTION_UNDECLARED, "encryption-undeclared", ERROR, CHECK, "an entry is encrypted but META-INF/encryption.xml does not declare it") \
	X(FILENAME_NOT_UTF8, "filename-not-utf8", ERROR, CHECK, "a file name is not UTF-8") \
	/* 3.3 adds U+007F, C1 controls, private use, specials, tags and \
	 * noncharacters to 3.2's list; EPUBCheck 4.2.6 only warns on spaces \
	 * (PKG-010), which 3.3 allows, so we say nothing about them. */ \
	X(FILENAME_FORBIDDEN_CHAR, "filename-forbidden-char", ERROR, CHECK, "a file name uses a character EPUB 3.3 forbids") \
	X(FILENAME_TOO_LONG, "filename-too-long", ERROR, CHECK, "a path segment is longer than 255 bytes, or a path than 65535") \
	X(FILENAME_TRAVERSAL, "filename-traversal", ERROR, CHECK, "a file name is absolute or has '.', '..' or empty segments") \
	X(FILENAME_DUPLICATE, "filename-duplicate", ERROR, CHECK, "two file names are equal after case folding and NFC") \
	/* Package document */ \
	X(OPF_INVALID, "opf-invalid", ERROR, CHECK, "the package document cannot be parsed or is not a package") \
	X(PACKAGE_EPUB2, "package-epub2", NOTE, CHECK, "an EPUB 2 package: checked against OPF 2.0.1, the NCX and XHTML 1.1") \
	X(OPF2_SCHEMA, "opf2-schema", ERROR, CHECK, "an EPUB 2 package document does not match OPF 2.0.1") \
	X(EPUB2_TOC, "epub2-toc", ERROR, CHECK, "an EPUB 2 spine has no toc, or its toc does not name the NCX") \
	X(XHTML11_CONTENT, "xhtml11-content", ERROR, CHECK, "an EPUB 2 content document breaks XHTML 1.1's content model (elements, attributes, nesting)") \
	X(GUIDE_REFERENCE, "guide-reference", ERROR, CHECK, "a guide reference names no manifest item") \
	X(PACKAGE_VERSION, "package-version", ERROR, CHECK, "the package version is not 3.0") \
	X(UNIQUE_IDENTIFIER, "unique-identifier", ERROR, CHECK, "unique-identifier does not name a dc:identifier") \
	X(TITLE_MISSING, "title-missing", ERROR, CHECK, "no non-empty dc:title") \
	X(LANGUAGE_MISSING, "language-missing", ERROR, CHECK, "no dc:language") \
	X(MODIFIED_MISSING, "modified-missing", ERROR, CHECK, "no meta property=\"dcterms:modified\"") \
	X(MODIFIED_MULTIPLE, "modified-multiple", ERROR, CHECK, "more than one dcterms:modified") \
	X(MODIFIED_FORMAT, "modified-format", ERROR, CHECK, "dcterms:modified is not CCYY-MM-DDThh:mm:ssZ") \
	X(MANIFEST_ID_DUPLICATE, "manifest-id-duplicate", ERROR, CHECK, "two elements of the package document share an id") \
	X(MANIFEST_HREF_DUPLICATE, "manifest-href-duplicate", ERROR, CHECK, "two manifest items name the same resource") \
	X(MANIFEST_FILE_MISSING, "manifest-file-missing", ERROR, CHECK, "a manifest item's file is not in the ZIP") \
	X(MANIFEST_HREF_INVALID, "manifest-href-invalid", ERROR, CHECK, "a manifest href leaves the container or is empty") \
	X(MEDIA_TYPE_MISMATCH, "media-type-mismatch", ERROR, CHECK, "a resource's bytes do not match its declared media type") \
	/* EPUBCheck 4.2.6 warns (OPF-003) and so do we: 3.3 only requires that \
	 * publication resources be listed, and a stray file may not be one. */ \
	X(FILE_NOT_IN_MANIFEST, "file-not-in-manifest", WARNING, CHECK, "a file in the container is not in the manifest") \
	X(NAV_MISSING, "nav-missing", ERROR, CHECK, "no manifest item has properties=\"nav\"") \
	X(NAV_MULTIPLE, "nav-multiple", ERROR, CHECK, "more than one manifest item has properties=\"nav\"") \
	X(MANIFEST_PROPERTY_MISSING, "manifest-property-missing", ERROR, CHECK, "svg, scripted, mathml or remote-resources applies but is not declared") \
	X(MANIFEST_PROPERTY_UNNEEDED, "manifest-property-unneeded", ERROR, CHECK, "svg, scripted, mathml or remote-resources is declared but does not apply") \
	X(SPINE_MISSING, "spine-missing", ERROR, CHECK, "no spine, or an empty one") \
	X(SPINE_IDREF_UNKNOWN, "spine-idref-unknown", ERROR, CHECK, "a spine itemref names no manifest item") \
	X(SPINE_IDREF_DUPLICATE, "spine-idref-duplicate", ERROR, CHECK, "a manifest item is in the spine twice") \
	X(SPINE_NO_LINEAR, "spine-no-linear", ERROR, CHECK, "no spine item is linear") \
	X(SPINE_ITEM_TYPE, "spine-item-type", ERROR, CHECK, "a spine item is not a content document and has no fallback") \
	/* Content documents */ \
	X(LINK_BROKEN, "link-broken", ERROR, CHECK, "a link or reference names a file that is not in the container") \
	X(FRAGMENT_BROKEN, "fragment-broken", ERROR, CHECK, "a link's fragment names no id in the target document") \
	/* 3.3 (and EPUBCheck 4.2.6 too, RSC-011): hyperlinked documents must be in the spine. */ \
	X(LINK_TARGET_NOT_IN_SPINE, "link-target-not-in-spine", ERROR, CHECK, "a hyperlinked content document is not in the spine") \
	X(RESOURCE_NOT_IN_MANIFEST, "resource-not-in-manifest", ERROR, CHECK, "a referenced resource is not in the manifest") \
	X(REMOTE_RESOURCE_FORBIDDEN, "remote-resource-forbidden", ERROR, CHECK, "only audio, video and fonts may be remote") \
	X(CHECK_INCOMPLETE, "check-incomplete", NOTE, CHECK, "too many ids or links to keep: fragment checks were cut short") \
	/* Resources and fallbacks (check_resources.c), OCF files (check_ocf.c) */ \
	X(FALLBACK_MISSING, "fallback-missing", ERROR, CHECK, "a foreign resource (not a core media type) is used as an image, audio or embedded object without a fallback") \
	X(FALLBACK_CHAIN, "fallback-chain", ERROR, CHECK, "a manifest fallback names no item, or the fallback chain loops") \
	X(PICTURE_FOREIGN, "picture-foreign", ERROR, CHECK, "in picture, an img that is not a core image type, or a foreign source without a type attribute") \
	X(REMOTE_RESOURCES_UNNEEDED, "remote-resources-unneeded", WARNING, CHECK, "remote-resources is declared but no remote reference was found (a script may still fetch one)") \
	X(URL_FILE, "url-file", ERROR, CHECK, "a file: URL, which names a file on the reader's machine, not in the EPUB") \
	X(URL_ABSOLUTE_PATH, "url-absolute-path", ERROR, CHECK, "a URL is an absolute path ('/...'); EPUB URLs are relative") \
	X(MANIFEST_SELF, "manifest-self", ERROR, CHECK, "the manifest lists the package document itself") \
	X(MANIFEST_PROPERTY_UNKNOWN, "manifest-property-unknown", ERROR, CHECK, "a manifest item property is not one EPUB defines for items") \
	X(LINK_MEDIA_TYPE_MISSING, "link-media-type-missing", ERROR, CHECK, "a package link to a resource in the container has no media-type") \
	X(SPINE_NONLINEAR_UNREACHABLE, "spine-nonlinear-unreachable", ERROR, CHECK, "a non-linear spine item is reached by no hyperlink (and no script could)") \
	X(OCF_CONTENT_MODEL, "ocf-content-model", ERROR, CHECK, "container.xml, encryption.xml or signatures.xml breaks its OCF content model") \
	X(OBFUSCATION_NOT_FONT, "obfuscation-not-font", ERROR, CHECK, "font obfuscation is applied to a resource that is not a core media type font") \
	X(META_INF_RESOURCE, "meta-inf-resource", ERROR, CHECK, "a publication resource is stored in META-INF") \
	/* EPUBCheck 4.2.6 accepts an img without alt (its HTML schema cannot \
	 * express the figcaption exception); HTML requires alt, so we do. */ \
	X(IMG_ALT_MISSING, "img-alt-missing", ERROR, CHECK, "an img has no alt attribute") \
	X(IMG_ALT_FIGCAPTION, "img-alt-figcaption", WARNING, CHECK, "an img without alt, captioned by its figure's figcaption") \
	/* CSS (EPUB 3.3 section 6.3) */ \
	X(CSS_SYNTAX, "css-syntax", ERROR, CHECK, "CSS that no reading system can parse as meant: a bad string or url(, or a block, comment or string never closed") \
	X(CSS_PROPERTY_FORBIDDEN, "css-property-forbidden", ERROR, CHECK, "the direction or unicode-bidi property, which EPUB forbids") \
	X(CSS_ENCODING, "css-encoding", ERROR, CHECK, "a style sheet is not UTF-8 (by @charset or by its bytes)") \
	X(CSS_UTF16, "css-utf16", WARNING, CHECK, "a style sheet is UTF-16, which EPUB allows but discourages") \
	X(CSS_FONT_FACE_EMPTY, "css-font-face-empty", WARNING, CHECK, "an @font-face rule declares nothing") \
	X(CSS_FONT_FACE_SRC_EMPTY, "css-font-face-src-empty", ERROR, CHECK, "an @font-face src has an empty url()") \
	/* Fixed layout (EPUB 3.3 section 8.2.2.6) */ \
	X(FXL_VIEWPORT_MISSING, "fxl-viewport-missing", ERROR, CHECK, "a fixed-layout XHTML document has no viewport meta tag") \
	X(FXL_VIEWPORT_SYNTAX, "fxl-viewport-syntax", ERROR, CHECK, "a fixed-layout document's viewport meta tag is not name=value pairs") \
	X(FXL_VIEWPORT_DIMENSION, "fxl-viewport-dimension", ERROR, CHECK, "a fixed-layout viewport lacks width or height, or gives one with units") \
	X(FXL_VIEWPORT_DUPLICATE, "fxl-viewport-duplicate", ERROR, CHECK, "a fixed-layout viewport gives width or height twice") \
	X(FXL_SVG_VIEWBOX, "fxl-svg-viewbox", ERROR, CHECK, "a fixed-layout SVG document has no viewBox") \
	/* Media overlays (EPUB 3.3 section 9) */ \
	X(SMIL_STRUCTURE, "smil-structure", ERROR, CHECK, "a media overlay breaks the SMIL structure (smil, head, body, seq, par, text, audio)") \
	X(SMIL_AUDIO, "smil-audio", ERROR, CHECK, "an overlay's audio is not a core media type, or its src has a fragment") \
	X(MEDIA_OVERLAY_TYPE, "media-overlay-type", ERROR, CHECK, "a media-overlay attribute names no application/smil+xml item") \
	X(MEDIA_OVERLAY_ATTR_MISSING, "media-overlay-attr-missing", ERROR, CHECK, "an overlay reads a content document whose item has no media-overlay attribute") \
	X(MEDIA_OVERLAY_ATTR_WRONG, "media-overlay-attr-wrong", ERROR, CHECK, "an overlay reads a content document whose media-overlay names another overlay") \
	X(MEDIA_OVERLAY_MULTIPLE, "media-overlay-multiple", ERROR, CHECK, "a content document is read by more than one overlay") \
	X(MEDIA_OVERLAY_UNREFERENCED, "media-overlay-unreferenced", ERROR, CHECK, "a content document names an overlay that does not read it") \
	X(MEDIA_ACTIVE_CLASS_CSS, "media-active-class-css", ERROR, CHECK, "media:active-class is declared but a document its overlay reads has no CSS") \
	X(HTML_DATA_ATTRIBUTE, "html-data-attribute", ERROR, CHECK, "a data-* attribute name has upper case, a colon, or nothing after data-") \
	X(HTML_LANG_MISMATCH, "html-lang-mismatch", ERROR, CHECK, "an element's lang and xml:lang differ") \
	X(LINK_STYLESHEET_FRAGMENT, "link-stylesheet-fragment", ERROR, CHECK, "a style sheet link has a fragment") \
	X(SVG_USE_FRAGMENT, "svg-use-fragment", ERROR, CHECK, "an svg use element's href names no element (no fragment)") \
	X(DOCTYPE_EXTERNAL_ID, "doctype-external-id", ERROR, CHECK, "a DOCTYPE has an external identifier EPUB 3.3 does not allow for the media type") \
	X(HTML_LANG_MISSING, "html-lang-missing", A11Y, CHECK, "the html element has neither lang nor xml:lang") \
	/* Navigation */ \
	X(NAV_TOC_MISSING, "nav-toc-missing", ERROR, CHECK, "the navigation document has no nav epub:type=\"toc\"") \
	X(NAV_TOC_MULTIPLE, "nav-toc-multiple", ERROR, CHECK, "more than one toc nav") \
	X(NAV_STRUCTURE, "nav-structure", ERROR, CHECK, "a nav breaks the ol/li/a|span structure") \
	X(NAV_LABEL_EMPTY, "nav-label-empty", ERROR, CHECK, "a nav link or heading has no text") \
	X(NAV_LINK_NOT_IN_SPINE, "nav-link-not-in-spine", ERROR, CHECK, "a toc link points at a document that is not in the spine") \
	/* 3.3 recommends reading order; EPUBCheck 5 warns (NAV-011). */ \
	X(NAV_TOC_ORDER, "nav-toc-order", WARNING, CHECK, "the toc does not follow the spine order") \
	X(NAV_LANDMARKS, "nav-landmarks", ERROR, CHECK, "the landmarks nav is malformed (missing epub:type, duplicates)") \
	X(NCX_LINK_BROKEN, "ncx-link-broken", ERROR, CHECK, "an NCX navPoint's content src does not resolve") \
	X(NCX_LINK_TYPE, "ncx-link-type", ERROR, CHECK, "an NCX entry points at a resource that is not a content document") \
	X(NCX_SCHEMA, "ncx-schema", ERROR, CHECK, "an NCX does not match the NCX 2005-1 structure") \
	X(NCX_PLAY_ORDER, "ncx-play-order", ERROR, CHECK, "NCX targets share a playOrder but not a target, or the other way round") \
	X(NCX_UID_MISMATCH, "ncx-uid-mismatch", ERROR, CHECK, "the NCX dtb:uid differs from the package unique identifier") \
	/* Accessibility (EPUB Accessibility 1.1) */ \
	X(A11Y_METADATA_MISSING, "a11y-metadata-missing", A11Y, CHECK, "a required schema.org accessibility property is missing") \
	X(A11Y_VALUE_INVALID, "a11y-value-invalid", A11Y, CHECK, "an accessibility property has a value outside its vocabulary") \
	X(A11Y_CONFORMANCE_INVALID, "a11y-conformance-invalid", A11Y, CHECK, "dcterms:conformsTo is not one EPUB Accessibility conformance URL or string") \
	X(A11Y_CERTIFIER_MISSING, "a11y-certifier-missing", A11Y, CHECK, "a conformance claim without a11y:certifiedBy") \
	X(A11Y_ALT_CLAIM, "a11y-alt-claim", A11Y, CHECK, "alternativeText is claimed but an img has no or empty alt") \
	X(A11Y_VISUAL_MISSING, "a11y-visual-missing", A11Y, CHECK, "there are images but accessMode visual is not declared") \
	X(A11Y_LONGDESC_CLAIM, "a11y-longdesc-claim", A11Y, CHECK, "longDescription is claimed but no long description exists") \
	X(A11Y_TOC_CLAIM, "a11y-toc-claim", A11Y, CHECK, "tableOfContents is claimed but there is no toc nav") \
	/* EPUB Dictionaries and Glossaries 1.0 */ \
	X(GLOSSARY_LINK_BROKEN, "glossary-link-broken", ERROR, CHECK, "a search key map entry does not point into a glossary") \
	/* The web edition (dist/SLUG/), checked before it is published */ \
	X(WEB_LINK, "web-link", ERROR, BUILD, "a page of the web edition links to a file or id that the web edition does not have") \
	X(WEB_REMOTE, "web-remote", ERROR, BUILD, "the web edition would load a script, style sheet, image or font from the network") \
	/* bindery catalog */ \
	X(CHECK, "check", NOTE, CATALOG, "the EPUB given to catalog fails the check; its records say so") \
	X(CATALOG_METADATA_MISSING, "catalog-metadata-missing", ERROR, CATALOG, "the EPUB's package lacks metadata every record needs") \
	X(RECORD_LINKS_RELATIVE, "record-links-relative", NOTE, PUBLISH, "the records link to the EPUBs relatively, since no --base-url was given") \
	X(CATALOG_ENTRY_MISSING, "catalog-entry-missing", ERROR, CATALOG, "an entry the records need is not in the EPUB") \
	/* Publishing into the output folder (build and catalog) */ \
	X(FOREIGN_FILE, "foreign-file", ERROR, PUBLISH, "publishing would overwrite or remove a file in the output folder that bindery did not write (give --force to allow it)") \
	X(FOLDER_BUSY, "folder-busy", ERROR, PUBLISH, "with --no-wait: another bindery is publishing into the same output folder") \
	X(INTERRUPTED, "interrupted", ERROR, PUBLISH, "SIGINT or SIGTERM stopped the run before it published; the output folder is as it was")

enum bd_rule {
	BD_R_NONE, /* a message outside the table (tests only) */
#define BD_RULE_ENUM(id, name, sev, scope, text) BD_R_##id,
	BD_RULE_LIST(BD_RULE_ENUM)
#undef BD_RULE_ENUM
	BD_R_COUNT
};

enum bd_rule_severity { BD_RS_NOTE, BD_RS_WARNING, BD_RS_ERROR, BD_RS_A11Y };
enum bd_rule_scope { BD_RSCOPE_BUILD = 1, BD_RSCOPE_CHECK = 2, BD_RSCOPE_BOTH = 3, BD_RSCOPE_CATALOG = 4,
		       BD_RSCOPE_PUBLISH = 5 };

struct bd_rule_info {
	const char *name;
	enum bd_rule_severity severity;
	enum bd_rule_scope scope;
	const char *text;
};

/* The table entry of rule; NULL for BD_R_NONE or out of range. */
const struct bd_rule_info *bd_rule_get(enum bd_rule rule);
/* The rule called name, or BD_R_NONE. */
enum bd_rule bd_rule_find(const char *name);
/* Prints every rule whose scope has a bit of scope: name, severity
 * ("warning*" for A11Y) and description, one line each. */
void bd_rules_list(FILE *out, unsigned scope);

/* ---- spelling rules shared by the builder and the checker -------------- */

/* True when s (UTF-8, len bytes) shows nothing to a reader: it is empty or
 * holds only Unicode white space (category Z*, and tab, CR, LF) and
 * invisible format characters (U+00AD soft hyphen, U+200B-U+200D, U+2060,
 * U+FEFF, U+180E, U+2061-U+2064).  Invalid UTF-8 counts as visible. */
bool bd_text_is_blank(const char *s, size_t len);
/* The first code point of s that is white space other than U+0020, tab, CR
 * and LF, or invisible (as above), or 0 when there is none: named in
 * messages as U+XXXX. */
unsigned bd_text_first_invisible(const char *s, size_t len);

/* The key two file names in one EPUB must not share: the name case folded
 * and NFC normalised (EPUB 3.3 section 6.1.5), a new string; NULL when name
 * is not valid UTF-8. */
char *bd_filename_key(const char *name);

/* Whether the first head_len bytes of a file fit the media type it claims:
 * PNG, JPEG, GIF and WebP by their signatures, SVG and XHTML by starting
 * with '<' after an optional BOM and white space.  True for types without a
 * signature we know. */
bool bd_media_sniff_ok(const char *type, const unsigned char *head, size_t head_len);

/* True when s is an XSD date (YYYY-MM-DD) naming a real day. */
bool bd_date_valid(const char *s);
/* True when s is YYYY-MM-DDThh:mm:ssZ naming a real instant (the form of
 * dcterms:modified).  When t is not NULL, sets it to the seconds since 1970. */
bool bd_datetime_valid(const char *s, long long *t);

/* value as it can sit in quotes on one line of a message: control
 * characters escaped as \xNN (a &#10; would split the line), cut after 80
 * bytes (at a character boundary) with "...".  A new string. */
char *bd_text_shown(const char *value);
/* s with each run of XML white space (space, tab, CR, LF) made one space,
 * and none at either end, as RELAX NG's token type sees it.  A new string. */
char *bd_text_collapse(const char *s);
/* The value of a hexadecimal digit, or -1. */
int bd_hex_digit(char c);

/* The index of the candidate closest to word by edit distance (letters
 * inserted, deleted, replaced or swapped), when it is close enough to be a
 * likely typo (at most a third of word's length, and at most 3); -1
 * otherwise.  Used for "did you mean" suggestions. */
long bd_closest(const char *word, const char *const *candidates, size_t n);

#endif
