/* a11y.h - accessibility metadata derived from what the book contains.
 *
 * Nothing here is asserted: each property is computed from the model, so a
 * book that gains an image without a long description stops claiming
 * longDescription by itself. */
#ifndef BD_A11Y_H
#define BD_A11Y_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

#define BD_A11Y_CONFORMS_TO "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

struct bd_a11y {
	const char *access_modes[2];            /* schema:accessMode */
	size_t naccess_modes;
	const char *sufficient[2];              /* schema:accessModeSufficient */
	size_t nsufficient;
	const char *features[8];                /* schema:accessibilityFeature */
	size_t nfeatures;
	const char *hazard;                     /* schema:accessibilityHazard */
	/* the evidence, for reports */
	size_t nimages, nimages_with_alt, nfigures_described, nfigures, ntables;
};

void bd_a11y_derive(const struct bd_book *book, struct bd_a11y *out);

#endif
