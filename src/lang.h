/* lang.h - the one language-tag rule, for book.xml's lang and the checker's
 * dc:language alike.
 *
 * A tag must be well-formed by RFC 5646's grammar (section 2.1: language,
 * extended language, script, region, variants, extensions, private use; or
 * a grandfathered tag; or private use alone), and valid (section 2.2.9):
 * its language, extended language, script, region and variant subtags are
 * in the IANA Language Subtag Registry, no variant or extension appears
 * twice.  "Registered" means listed in lang_subtags.c, generated from a
 * dated copy of the registry (bd_lang_registry_date), never a library's
 * idea of it: ICU takes "English" and silently cuts "en-a" down to "en".
 * Extensions and private-use subtags are checked for syntax only.  Case
 * does not matter (BCP 47 is case-insensitive). */
#ifndef BD_LANG_H
#define BD_LANG_H

enum bd_lang_verdict {
	BD_LANG_VALID,
	BD_LANG_MALFORMED,    /* not RFC 5646 syntax */
	BD_LANG_UNREGISTERED, /* well-formed, but a subtag is not registered or is repeated */
	BD_LANG_NAME,         /* a language's name ("English"), not a tag; the suggestion is its code */
};

struct bd_lang_result {
	enum bd_lang_verdict verdict;
	/* Why, for a message, as one clause without a final stop, e.g. "'xx' is
	 * not a registered language subtag"; empty when valid. */
	char reason[160];
	/* A valid tag to write instead, in BCP 47 canonical form as ICU writes
	 * it, or empty: the code for a language's name ("English" -> "en",
	 * "Français" -> "fr"), or the tag with '-' for '_' ("en_GB" -> "en-GB",
	 * "iw_IL" -> "he-IL"). */
	char suggestion[64];
};

/* Judges TAG (UTF-8; NULL counts as empty) into *RES and returns its
 * verdict.  Prints nothing and allocates nothing that outlives the call. */
enum bd_lang_verdict bd_lang_check(const char *tag, struct bd_lang_result *res);

/* The message for VALUE judged not valid into RES, so that the builder and
 * the checker say it alike: ATTR Q VALUE Q, then "is not a well-formed BCP
 * 47 language tag: REASON; use " ATTR Q SUGGESTION Q (no reason for a
 * language's name, no "use" without a suggestion).  For example, with ATTR
 * "lang=" and Q "\"": lang="en_GB" is not a well-formed BCP 47 language tag:
 * subtags are joined by '-', not '_'; use lang="en-GB".  VALUE is shown
 * with control characters escaped and cut after 80 bytes, so the message
 * stays one line.  Free the result. */
char *bd_lang_message(const char *attr, const char *q, const char *value, const struct bd_lang_result *res);

#endif
