/* records_sums.c - SHA-256 checksums with OpenSSL's EVP interface, and the
 * hex form SHA256SUMS uses (publish.c writes the file). */
#include "records.h"

#include "alloc.h"
#include "outfile.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bd_sha256_hex(const unsigned char md[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";

	/* Called for every file published: a table, not a printf per byte. */
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

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
		bd_sha256_hex(md, hex);
		if (size)
			*size = total;
	}
	EVP_MD_CTX_free(ctx);
	if (f)
		fclose(f);
	return ok;
}
