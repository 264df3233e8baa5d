/* text: terminal text. UTF-8 decoding, display width, fitting to columns,
 * and sanitizing of control characters. The only module that measures
 * text for the screen; the CLI tables and the console both use it.
 * A NULL string is taken as "". Widths need a UTF-8 LC_CTYPE (see
 * text_init_locale); without one every non-ASCII character shows as '?'. */
#ifndef PLANCON_TEXT_H
#define PLANCON_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Set the locale from the environment; if LC_CTYPE is not UTF-8, fall back
 * to C.UTF-8 for LC_CTYPE. Returns true when LC_CTYPE ends up UTF-8. */
bool text_init_locale(void);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). NUL bytes inside len count as invalid. */
bool text_valid_utf8(const char *s, size_t len);

/* The length in bytes of the well-formed UTF-8 character at s (n bytes
 * left: no overlong form, surrogate, code point above U+10FFFF, or cut
 * sequence), or 0 when there is none there or it is NUL. */
size_t text_utf8_len(const char *s, size_t n);

/* The code point of the well-formed UTF-8 character at s (n bytes left),
 * with its length in *len; -1 (and *len 1) when there is none there. */
long text_utf8_next(const char *s, size_t n, size_t *len);

/* How many characters s[0..n) holds (a byte that starts none counts as one). */
size_t text_chars(const char *s, size_t n);

/* The longest prefix of s[0..n) that ends at a character boundary: n, or
 * less when s[n] continues a character (s must hold at least n + 1 bytes,
 * or n is its length). For cutting text at a byte budget. */
size_t text_cut(const char *s, size_t n);

/* The character at *s (NUL-terminated, not at its end), *s moved past it:
 * its code point, or -1 for a byte that starts no well-formed character
 * (*s then moves one byte). The way to walk a string's characters. */
long text_next(const char **s);

/* The UTF-8 of the wide characters s[0..n), malloc'd and NUL-terminated;
 * a value that is no Unicode scalar value becomes U+FFFD. */
char *text_from_wide(const wchar_t *s, size_t n);

/* Display width in cells of the wide characters s[0..n) (wcwidth; a
 * character without one counts 0). */
int text_wide_width(const wchar_t *s, size_t n);

/* True when s is already as text_sanitize_data would make it (most data
 * is: then no copy is needed). */
bool text_data_clean(const char *s);

/* True when text_sanitize replaces or drops code point cp: a C0 or C1
 * control, DEL, U+2028/U+2029, a bidi control, U+FEFF or U+00AD. JSON
 * writes these as \u escapes. */
bool text_cp_unsafe(long cp);

/* Display width in terminal cells of s as text_sanitize would show it:
 * CJK = 2, combining marks = 0, each replaced byte = 1. */
int text_width(const char *s);

/* A malloc'd copy of s safe to send to a terminal: invalid bytes and
 * C0/C1 controls, DEL and other unprintables become '?'; TAB, CR, LF and
 * U+2028/U+2029 become a space; bidi controls (U+200E/F, U+202A-202E,
 * U+2066-2069), U+FEFF and U+00AD are dropped, and so are zero-width
 * characters with no base before them in s. Never NULL (aborts on OOM). */
char *text_sanitize(const char *s);

/* A malloc'd copy of s for data that leaves as data (a CSV cell): the
 * characters text_sanitize replaces are replaced the same way, except
 * that a line feed stays a line feed; nothing depends on the locale (a
 * character wcwidth does not know is kept). Never NULL. */
char *text_sanitize_data(const char *s);

/* A malloc'd copy of s, sanitized, that takes exactly cols cells: when too
 * long, cut without splitting a wide character and end in '~' in the last
 * cell (after a space if a wide character would have straddled the cut);
 * padded with spaces when short. cols <= 0 gives "". */
char *text_fit(const char *s, int cols);

/* Like text_fit, but right-aligned (padding on the left). */
char *text_fit_right(const char *s, int cols);

/* Like text_fit, but never pads: the result is at most cols cells, and the
 * '~' follows the kept text directly. */
char *text_trunc(const char *s, int cols);

/* Fit s (sanitized) into cols cells as wide characters for the curses wide
 * API, as text_fit (pad) or text_trunc (!pad) would: writes at most
 * outlen-1 wchar_t plus a terminating L'\0' into out, stopping early if out
 * is full. Returns the number of cells written (0 when outlen is 0). */
int text_fit_wide(const char *s, int cols, bool pad, wchar_t *out, size_t outlen);

/* Wrap s (sanitized; each LF starts a new line, so "a\n" is two lines) into
 * lines of at most cols cells, breaking at spaces where possible, else
 * beside a CJK character (not before closing or after opening punctuation),
 * else hard at the edge. Spaces at a break and at line ends are removed.
 * cols < 2 is taken as 2, the width of a CJK character. Stores a malloc'd
 * array of malloc'd lines in *lines; returns the count, at least 1.
 * Free with text_lines_free. */
size_t text_wrap(const char *s, int cols, char ***lines);

/* Free the n lines of a text_wrap result and the array itself. */
void text_lines_free(char **lines, size_t n);

/* ---- the search rule ---------------------------------------------------------
 * One rule for every search of plancon (the store's queries, the console's
 * highlight and its searches of names): a text matches when it contains
 * the search text, once both are case-folded: ASCII letters A-Z and the
 * full-width Latin letters U+FF21-FF3A (Ａ-Ｚ) to their lower case.
 * Nothing else is folded: a full-width letter does not match an ASCII one,
 * and a Chinese character matches itself. */

/* The search rule's folding of one character. */
wchar_t text_search_fold(wchar_t c);

/* s[0..len) folded by the search rule, malloc'd and NUL-terminated (its
 * length in *outlen, if not NULL; the folding keeps every character's
 * length, so it is len). Invalid bytes are kept as they are. */
char *text_search_key(const char *s, size_t len, size_t *outlen);

/* True when text[0..len), folded, contains key (a text_search_key result
 * of keylen bytes); an empty key is in every text. */
bool text_search_contains(const char *text, size_t len, const char *key, size_t keylen);

#endif
