/* store_blob: the SQL functions a plan file's evidence needs (export.c,
 * import.c): plancon_base64(BLOB) -> TEXT (RFC 4648, padded, one line),
 * plancon_unbase64(TEXT) -> BLOB, NULL when TEXT is not such base64, and
 * plancon_sha256(BLOB) -> its SHA-256 in lowercase hex. SQLite has none
 * of them built in. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/sha256.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
sql_base64(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	const unsigned char *p = sqlite3_value_blob(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]), len = (n + 2) / 3 * 4;
	char *out = sqlite3_malloc64(len + 1);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	sqlite3_result_text64(cx, out, o, sqlite3_free, SQLITE_UTF8);
}

static int
b64_value(char c)
{
	const char *q = c ? strchr(b64, c) : NULL;
	return q ? (int)(q - b64) : -1;
}

static void
sql_unbase64(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT)
		return;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	if (n % 4)
		return;
	unsigned char *out = sqlite3_malloc64(n / 4 * 3 + 1);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		bool last = i + 4 == n;
		for (int j = 0; j < 4; j++)
			v[j] = last && j >= 2 && s[i + j] == '=' ? -2 : b64_value(s[i + j]);
		/* "=" only at the end, "x=" never before "=" */
		if (v[0] < 0 || v[1] < 0 || v[2] == -1 || v[3] == -1 || (v[2] == -2 && v[3] != -2)) {
			sqlite3_free(out);
			return;
		}
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)(v[2] < 0 ? 0 : v[2]) << 6 |
		             (uint32_t)(v[3] < 0 ? 0 : v[3]);
		out[o++] = (unsigned char)(w >> 16);
		if (v[2] >= 0)
			out[o++] = (unsigned char)(w >> 8);
		if (v[3] >= 0)
			out[o++] = (unsigned char)w;
	}
	sqlite3_result_blob64(cx, out, o, sqlite3_free);
}

static void
sql_sha256(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	char hex[SHA256_HEX];
	sha256_hex(sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(cx, hex, -1, SQLITE_TRANSIENT);
}

int
store_blob_register(sqlite3 *db)
{
	static const struct {
		const char *name;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = { { "plancon_base64", sql_base64 }, { "plancon_unbase64", sql_unbase64 },
	            { "plancon_sha256", sql_sha256 } };
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		int rc = sqlite3_create_function_v2(db, fns[i].name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
		                                    NULL, fns[i].fn, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}
