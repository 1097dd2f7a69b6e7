/* records_sums.c - SHA-256 checksums with OpenSSL's EVP interface, and the
 * SHA256SUMS file in the form `sha256sum -c` reads: "HEX  NAME" per line. */
#include "records.h"

#include "alloc.h"
#include "outfile.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bd_sha256_file(const char *path, char hex[65], uint64_t *size)
{
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	uint64_t total = 0;
	size_t n;
	bool ok = f && ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;

	while (ok && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		ok = EVP_DigestUpdate(ctx, buf, n) == 1;
		total += n;
	}
	if (ok && ferror(f))
		ok = false;
	if (ok)
		ok = EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
	if (ok) {
		for (unsigned i = 0; i < len; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		hex[64] = '\0';
		if (size)
			*size = total;
	}
	EVP_MD_CTX_free(ctx);
	if (f)
		fclose(f);
	return ok;
}

bool bd_records_write_sums(const char *dir, const char *const *names, size_t n, const char *path,
			   struct bd_diag *diag)
{
	FILE *out = bd_outfile_open(path, diag);

	if (!out)
		return false;
	for (size_t i = 0; i < n; i++) {
		char *file = bd_asprintf("%s/%s", dir, names[i]);
		char hex[65];

		if (!bd_sha256_file(file, hex, NULL)) {
			bd_diag_report(diag, BD_R_IO, file, 0, 0, "cannot read: %s", strerror(errno));
			free(file);
			fclose(out);
			return false;
		}
		/* Two spaces: text mode, which is what `sha256sum -c` expects by default. */
		fprintf(out, "%s  %s\n", hex, names[i]);
		free(file);
	}
	return bd_outfile_close(out, path, diag);
}
