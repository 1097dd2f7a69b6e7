/* fuzz_check.c - libFuzzer target for the EPUB checker.
 *
 * The checker reads a path, so each input is written to a file in a private
 * folder made once per process, then checked with small limits (so that a
 * zip bomb costs the fuzzer milliseconds, not gigabytes) and every message
 * is freed.  A crash, a leak or a sanitizer report is a finding. */
#include "check.h"
#include "diag.h"
#include "xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/bd-fuzz-check-XXXXXX";
static char path[sizeof(dir) + 16];

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
	bd_xml_cleanup();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bd_check_options opts = { .max_total = 8 << 20, .max_xml = 1 << 20 };
	struct bd_diag diag;
	FILE *f;

	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/in.epub", dir);
		atexit(cleanup);
	}
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	bd_diag_init(&diag);
	opts.werror = size & 1;
	bd_check_epub(path, &opts, &diag);
	bd_diag_fini(&diag);
	return 0;
}
