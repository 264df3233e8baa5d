/* Unit tests for sha256: the FIPS 180-2 / NIST example messages ("", "abc",
 * the 448-bit and 896-bit messages, a million 'a'), and the same digest
 * whatever the split of the updates and the alignment of the data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/sha256.h"

static const char msg448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void
check(const char *msg, const char *want)
{
	char hex[SHA256_HEX];
	sha256_hex(msg, strlen(msg), hex);
	assert_string_equal(hex, want);
}

static void
test_nist_vectors(void **state)
{
	(void)state;
	check("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check(msg448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check(msg896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
test_million_a(void **state)
{
	(void)state;
	enum { N = 1000000 };
	char *a = malloc(N);
	assert_non_null(a);
	memset(a, 'a', N);
	char hex[SHA256_HEX];
	sha256_hex(a, N, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* the same, 1,000 bytes at a time */
	struct sha256 c;
	unsigned char d[SHA256_BYTES];
	sha256_init(&c);
	for (int i = 0; i < N / 1000; i++)
		sha256_update(&c, a + i * 1000, 1000);
	sha256_final(&c, d);
	sha256_to_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* Every split of the 896-bit message into three updates, from an odd
 * address: the digest of the whole. Also messages of 55, 56, 63, 64 and 65
 * bytes, where the padding takes one block or two. */
static void
test_splits_unaligned(void **state)
{
	(void)state;
	size_t n = strlen(msg896);
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	memcpy(buf + 1, msg896, n);
	char want[SHA256_HEX], hex[SHA256_HEX];
	sha256_hex(msg896, n, want);
	unsigned char d[SHA256_BYTES];
	for (size_t i = 0; i <= n; i++) {
		for (size_t j = i; j <= n; j += 7) {
			struct sha256 c;
			sha256_init(&c);
			sha256_update(&c, buf + 1, i);
			sha256_update(&c, buf + 1 + i, j - i);
			sha256_update(&c, buf + 1 + j, n - j);
			sha256_final(&c, d);
			sha256_to_hex(d, hex);
			if (strcmp(hex, want))
				fail_msg("split at %zu and %zu: %s", i, j, hex);
		}
	}
	free(buf);
	static const struct {
		size_t n;
		const char *hex;
	} lens[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	char a[65];
	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		sha256_hex(a, lens[i].n, hex);
		if (strcmp(hex, lens[i].hex))
			fail_msg("%zu times 'a': %s", lens[i].n, hex);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist_vectors),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_splits_unaligned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
