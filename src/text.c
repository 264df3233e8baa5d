/* text: UTF-8 decoding, display width, fitting and wrapping for the screen.
 *
 * Every function runs one pipeline: decode by hand (strict, so that each
 * bad byte is one '?' whatever the C library would say), map the code point
 * through the sanitizing rules, then measure it with wcwidth. Decoding by
 * hand keeps the output the same on every libc; only the widths come from
 * the locale, which is why text_init_locale insists on a UTF-8 LC_CTYPE.
 * A zero-width character with no base before it in the string is dropped:
 * printed at the start of a cell it would merge into whatever is drawn to
 * its left (a border, a column separator). */
#include "plancon/text.h"
#include "plancon/xalloc.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

_Static_assert(WCHAR_MAX >= 0x10FFFF, "wchar_t must hold every code point");

/* A position in a byte range being read glyph by glyph. */
struct cursor {
	const unsigned char *p, *end;
	bool base;		/* a glyph with width has been read */
};

/* One character as it will be shown. */
struct glyph {
	const unsigned char *at;	/* its first byte in the source */
	wchar_t wc;
	int width;
};

/* Output: UTF-8 into a growing buffer, or wide characters into a fixed
 * one (wbuf set, cap = room for characters, not counting the NUL). */
struct sink {
	char *buf;
	wchar_t *wbuf;
	size_t len, cap;
	int cells;
};

enum fit_mode { FIT_LEFT, FIT_RIGHT, FIT_TRUNC };

/* Characters that must not begin a line, and those that must not end one. */
static const wchar_t no_start[] = L",.;:!?)]}"
	L"\u3001\u3002\uFF0C\uFF0E\uFF1A\uFF1B\uFF1F\uFF01\uFF09\uFF3D\uFF5D"
	L"\u3009\u300B\u300D\u300F\u3011\u3015\u3017\u3019\u301B\u201D\u2019";
static const wchar_t no_end[] = L"([{"
	L"\uFF08\uFF3B\uFF5B\u3008\u300A\u300C\u300E\u3010\u3014\u3016\u3018"
	L"\u301A\u201C\u2018";

static bool
codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

bool
text_init_locale(void)
{
	static const char *const fallback[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };

	setlocale(LC_ALL, "");
	if (codeset_is_utf8())
		return true;
	for (size_t i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
		if (setlocale(LC_CTYPE, fallback[i]) && codeset_is_utf8())
			return true;
	return false;
}

/* The code point at p (n bytes available), or -1 for an invalid byte;
 * *adv is the number of bytes consumed (1 when invalid). */
static int32_t
utf8_decode(const unsigned char *p, size_t n, size_t *adv)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;
	int32_t cp;

	*adv = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		return -1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*adv = need + 1;
	return cp;
}

static size_t
utf8_encode(char *out, wchar_t wc)
{
	uint32_t c = (uint32_t)wc;
	unsigned char *o = (unsigned char *)out;

	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | c >> 6);
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | c >> 12);
		o[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | c >> 18);
	o[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

size_t
text_utf8_len(const char *s, size_t n)
{
	size_t adv;
	return n > 0 && utf8_decode((const unsigned char *)s, n, &adv) > 0 ? adv : 0;
}

long
text_utf8_next(const char *s, size_t n, size_t *len)
{
	*len = 1;
	return n > 0 ? utf8_decode((const unsigned char *)s, n, len) : -1;
}

size_t
text_chars(const char *s, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return chars;
}

size_t
text_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

long
text_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	if (*p < 0x80) {           /* most text: no decoding */
		(*s)++;
		return *p;
	}
	size_t adv = 1;
	int32_t cp = utf8_decode(p, strnlen(*s, 4), &adv);
	*s += cp < 0 ? 1 : adv;
	return cp;
}

char *
text_from_wide(const wchar_t *s, size_t n)
{
	char *out = xmalloc(n * 4 + 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = (uint32_t)s[i];
		bool scalar = c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
		len += utf8_encode(out + len, scalar ? s[i] : (wchar_t)0xFFFD);
	}
	out[len] = '\0';
	return out;
}

int
text_wide_width(const wchar_t *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int c = wcwidth(s[i]);
		w += c > 0 ? c : 0;
	}
	return w;
}

bool
text_valid_utf8(const char *s, size_t len)
{
	if (len == 0)
		return true;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t adv;
		if (utf8_decode(p, (size_t)(end - p), &adv) <= 0)
			return false;
		p += adv;
	}
	return true;
}

/* The sanitizing rules: what to show for cp (-1 = invalid), or -1 to drop. */
static int32_t
sanitize_cp(int32_t cp)
{
	if (cp < 0)
		return '?';
	if (cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029)
		return ' ';
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return '?';
	if (cp == 0xAD || cp == 0x200E || cp == 0x200F || cp == 0xFEFF
	    || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return -1;
	return cp;
}

bool
text_cp_unsafe(long cp)
{
	return cp >= 0 && cp <= 0x10FFFF && sanitize_cp((int32_t)cp) != cp;
}

static void
cursor_init(struct cursor *c, const char *s, const char *end)
{
	c->p = (const unsigned char *)s;
	c->end = (const unsigned char *)end;
	c->base = false;
}

/* Read the next shown character into g; false at the end of the range. */
static bool
glyph_next(struct cursor *c, struct glyph *g)
{
	while (c->p < c->end) {
		size_t adv;
		const unsigned char *at = c->p;
		int32_t cp = sanitize_cp(utf8_decode(at, (size_t)(c->end - at), &adv));

		c->p += adv;
		if (cp < 0)
			continue;
		int w = wcwidth((wchar_t)cp);
		if (w < 0) {
			cp = '?';
			w = 1;
		}
		if (w == 0 && !c->base)
			continue;
		c->base = c->base || w > 0;
		g->at = at;
		g->wc = (wchar_t)cp;
		g->width = w;
		return true;
	}
	return false;
}

static void
sink_put(struct sink *k, wchar_t wc, int width)
{
	if (k->wbuf) {
		if (k->len >= k->cap)
			return;
		k->wbuf[k->len++] = wc;
	} else {
		if (k->len + 5 > k->cap) {
			k->cap = k->cap * 2 + 32;
			k->buf = xrealloc(k->buf, k->cap);
		}
		k->len += utf8_encode(k->buf + k->len, wc);
	}
	k->cells += width;
}

static void
sink_pad(struct sink *k, int n)
{
	while (n-- > 0)
		sink_put(k, L' ', 1);
}

static void
sink_text(struct sink *k, const char *s, const char *end)
{
	struct cursor c;
	struct glyph g;

	cursor_init(&c, s, end);
	while (glyph_next(&c, &g))
		sink_put(k, g.wc, g.width);
}

/* The NUL-terminated UTF-8 buffer of a byte sink, handed to the caller. */
static char *
sink_str(struct sink *k)
{
	if (k->len + 1 > k->cap) {
		k->cap = k->len + 1;
		k->buf = xrealloc(k->buf, k->cap);
	}
	k->buf[k->len] = '\0';
	return k->buf;
}

int
text_width(const char *s)
{
	struct cursor c;
	struct glyph g;
	int w = 0;

	if (!s)
		return 0;
	cursor_init(&c, s, s + strlen(s));
	while (glyph_next(&c, &g))
		if ((w += g.width) == INT_MAX)
			break;
	return w;
}

char *
text_sanitize(const char *s)
{
	struct sink k = { .buf = NULL };

	if (s)
		sink_text(&k, s, s + strlen(s));
	return sink_str(&k);
}

char *
text_sanitize_data(const char *s)
{
	struct sink k = { .buf = NULL };
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
	while (p < end) {
		size_t adv;
		int32_t cp = utf8_decode(p, (size_t)(end - p), &adv);
		p += adv;
		if (cp != '\n')
			cp = sanitize_cp(cp);
		if (cp >= 0)
			sink_put(&k, (wchar_t)cp, 0);
	}
	return sink_str(&k);
}

bool
text_data_clean(const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c < 0x7f) {
			p++;
			continue;
		}
		long cp = text_next(&p);
		if (cp < 0 || (cp != '\n' && text_cp_unsafe(cp)))
			return false;
	}
	return true;
}

/* How much of [s, end) is shown in cols >= 1 cells: all of it, or when it
 * is too wide (*more), the longest start that leaves one cell for '~'. */
static const char *
fit_cut(const char *s, const char *end, int cols, int *width, bool *more)
{
	struct cursor c;
	struct glyph g;
	const char *cut = s;
	int used = 0;

	*width = 0;
	*more = false;
	cursor_init(&c, s, end);
	while (glyph_next(&c, &g)) {
		if (used + g.width <= cols - 1) {
			cut = (const char *)c.p;
			*width = used + g.width;
		}
		used += g.width;
		if (used > cols) {
			*more = true;
			return cut;
		}
	}
	*width = used;
	return end;
}

static void
fit_into(struct sink *k, const char *s, int cols, enum fit_mode mode)
{
	const char *cut;
	int width;
	bool more;

	if (cols <= 0)
		return;
	if (!s)
		s = "";
	cut = fit_cut(s, s + strlen(s), cols, &width, &more);
	if (more) {
		sink_text(k, s, cut);
		if (mode != FIT_TRUNC)
			sink_pad(k, cols - 1 - width);
		sink_put(k, L'~', 1);
		return;
	}
	if (mode == FIT_RIGHT)
		sink_pad(k, cols - width);
	sink_text(k, s, cut);
	if (mode == FIT_LEFT)
		sink_pad(k, cols - width);
}

static char *
fit_str(const char *s, int cols, enum fit_mode mode)
{
	struct sink k = { .buf = NULL };

	fit_into(&k, s, cols, mode);
	return sink_str(&k);
}

char *
text_fit(const char *s, int cols)
{
	return fit_str(s, cols, FIT_LEFT);
}

char *
text_fit_right(const char *s, int cols)
{
	return fit_str(s, cols, FIT_RIGHT);
}

char *
text_trunc(const char *s, int cols)
{
	return fit_str(s, cols, FIT_TRUNC);
}

int
text_fit_wide(const char *s, int cols, bool pad, wchar_t *out, size_t outlen)
{
	if (!out || outlen == 0)
		return 0;
	struct sink k = { .wbuf = out, .cap = outlen - 1 };
	fit_into(&k, s, cols, pad ? FIT_LEFT : FIT_TRUNC);
	out[k.len] = L'\0';
	return k.cells;
}

/* May a line break fall between prev and g (both shown, prev with width)? */
static bool
can_break(const struct glyph *prev, const struct glyph *g)
{
	if (g->width == 0)
		return false;
	if (g->wc == L' ' || prev->wc == L' ')
		return true;
	if (wcschr(no_start, g->wc) || wcschr(no_end, prev->wc))
		return false;
	return prev->width == 2 || g->width == 2;
}

/* The end of the line of at most cols cells that starts at p: at the last
 * break opportunity, or hard at the edge when there is none. */
static const char *
wrap_line(const char *p, const char *end, int cols)
{
	struct cursor c;
	struct glyph g, prev = { .wc = L' ' };
	const char *brk = NULL;
	bool ink = false;
	int w = 0;

	cursor_init(&c, p, end);
	while (glyph_next(&c, &g)) {
		const char *at = (const char *)g.at;
		bool ok = ink && can_break(&prev, &g);

		if (w + g.width > cols) {
			if (ok)
				return at;
			if (brk)
				return brk;
			return at > p ? at : (const char *)c.p;
		}
		if (ok)
			brk = at;
		w += g.width;
		if (g.width > 0) {
			prev = g;
			ink = ink || g.wc != L' ';
		}
	}
	return end;
}

static const char *
skip_spaces(const char *p, const char *end)
{
	struct cursor c;
	struct glyph g;

	cursor_init(&c, p, end);
	while (glyph_next(&c, &g))
		if (g.wc != L' ')
			return (const char *)g.at;
	return end;
}

struct lines {
	char **v;
	size_t n, cap;
};

/* Append [s, end) sanitized, without trailing spaces, as one line. */
static void
lines_add(struct lines *l, const char *s, const char *end)
{
	struct sink k = { .buf = NULL };

	sink_text(&k, s, end);
	while (k.len > 0 && k.buf[k.len - 1] == ' ')
		k.len--;
	if (l->n == l->cap) {
		l->cap = l->cap * 2 + 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = sink_str(&k);
}

static void
wrap_para(struct lines *l, const char *p, const char *end, int cols)
{
	for (;;) {
		const char *e = wrap_line(p, end, cols);

		lines_add(l, p, e);
		if (e == end)
			return;
		p = skip_spaces(e, end);
		if (p == end)
			return;
	}
}

size_t
text_wrap(const char *s, int cols, char ***lines)
{
	struct lines l = { .v = NULL };

	if (!s)
		s = "";
	if (cols < 2)
		cols = 2;
	for (;;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);

		wrap_para(&l, s, end, cols);
		if (!nl)
			break;
		s = nl + 1;
	}
	*lines = l.v;
	return l.n;
}

void
text_lines_free(char **lines, size_t n)
{
	if (!lines)
		return;
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* ---- the search rule ---------------------------------------------------------- */

wchar_t
text_search_fold(wchar_t c)
{
	if (c >= L'A' && c <= L'Z')
		return c - L'A' + L'a';
	if (c >= 0xFF21 && c <= 0xFF3A)         /* Ａ-Ｚ -> ａ-ｚ */
		return c - 0xFF21 + 0xFF41;
	return c;
}

/* Fold s[0..len) into out (room for len bytes), byte by byte: the rule
 * of text_search_fold in UTF-8 (A-Z is one byte; Ａ-Ｚ, EF BC A1-BA, become
 * ａ-ｚ, EF BD 81-9A, the same length). test_text checks it against
 * text_search_fold for every character. */
static void
search_fold(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)out;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c >= 'A' && c <= 'Z') {
			o[i] = (unsigned char)(c - 'A' + 'a');
		} else if (c == 0xEF && i + 2 < len && p[i + 1] == 0xBC && p[i + 2] >= 0xA1 && p[i + 2] <= 0xBA) {
			o[i] = 0xEF;
			o[i + 1] = 0xBD;
			o[i + 2] = (unsigned char)(p[i + 2] - 0xA1 + 0x81);
			i += 2;
		} else {
			o[i] = c;
		}
	}
}

/* Whether key (folded) has a character that folding produces: a-z or
 * ａ-ｚ. Without one, a text contains key folded exactly where it
 * contains it as it is, and need not be folded. */
static bool
key_has_letters(const char *key, size_t n)
{
	const unsigned char *k = (const unsigned char *)key;
	for (size_t i = 0; i < n; i++)
		if ((k[i] >= 'a' && k[i] <= 'z') || (k[i] == 0xEF && i + 2 < n && k[i + 1] == 0xBD && k[i + 2] >= 0x81
		                                      && k[i + 2] <= 0x9A))
			return true;
	return false;
}

char *
text_search_key(const char *s, size_t len, size_t *outlen)
{
	char *r = xmalloc(len + 1);
	search_fold(s ? s : "", s ? len : 0, r);
	r[s ? len : 0] = '\0';
	if (outlen)
		*outlen = s ? len : 0;
	return r;
}

/* Whether key[0..n) occurs in s[0..len) (memmem is not in C11 or POSIX). */
static bool
bytes_find(const char *s, size_t len, const char *key, size_t n)
{
	const char *p = s, *last = s + (len - n);
	while (p <= last && (p = memchr(p, key[0], (size_t)(last - p) + 1)) != NULL) {
		if (!memcmp(p, key, n))
			return true;
		p++;
	}
	return false;
}

bool
text_search_contains(const char *text, size_t len, const char *key, size_t keylen)
{
	if (keylen == 0)
		return true;
	if (!text || len < keylen)
		return false;
	if (!key_has_letters(key, keylen))
		return bytes_find(text, len, key, keylen);
	char stack[1024];
	char *buf = len <= sizeof stack ? stack : xmalloc(len);
	search_fold(text, len, buf);
	bool found = bytes_find(buf, len, key, keylen);
	if (buf != stack)
		free(buf);
	return found;
}
