/* sha256: SHA-256 (FIPS 180-4) over a stream of bytes, for the checksum
 * of evidence files (plancon(1), SUPERVISION). Pure: no I/O. */
#ifndef PLANCON_SHA256_H
#define PLANCON_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { SHA256_BYTES = 32, SHA256_HEX = 2 * SHA256_BYTES + 1 };

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;            /* message length so far */
	unsigned char buf[64];     /* the block being filled */
	size_t used;
};

/* Start a digest. */
void sha256_init(struct sha256 *c);

/* Add n bytes of data (any alignment, any split). */
void sha256_update(struct sha256 *c, const void *data, size_t n);

/* End the digest into out; c must be initialized again before reuse. */
void sha256_final(struct sha256 *c, unsigned char out[SHA256_BYTES]);

/* The digest of data[0..n) as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[SHA256_HEX]);

/* A digest as 64 lowercase hex digits and a NUL. */
void sha256_to_hex(const unsigned char d[SHA256_BYTES], char out[SHA256_HEX]);

#endif
