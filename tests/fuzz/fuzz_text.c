/* libFuzzer harness: terminal text (sanitize, width, fit, trunc, wrap,
 * fit_wide). The first byte chooses the number of columns, the rest is the
 * text (up to the first NUL, as C strings are). Invariants: every output is
 * valid UTF-8 with no control characters; text_fit fills exactly cols
 * cells; text_trunc, text_fit_wide and each wrapped line stay within cols. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!text_init_locale())
		abort();
	return 0;
}

/* Valid UTF-8, and no C0 control, DEL or C1 control anywhere. */
static void
clean(const char *s)
{
	size_t n = strlen(s);
	if (!text_valid_utf8(s, n))
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			abort();
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xa0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int cols = (int)(signed char)data[0];   /* -128 .. 127 */
	char *s = xmalloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	char *san = text_sanitize(s);
	clean(san);
	int w = text_width(s);
	if (w < 0 || text_width(san) != w)
		abort();                        /* width is the width of what is shown */
	free(san);

	char *fit = text_fit(s, cols);
	clean(fit);
	if (text_width(fit) != (cols > 0 ? cols : 0))
		abort();
	free(fit);
	fit = text_fit_right(s, cols);
	clean(fit);
	if (text_width(fit) != (cols > 0 ? cols : 0))
		abort();
	free(fit);

	char *tr = text_trunc(s, cols);
	clean(tr);
	if (text_width(tr) > (cols > 0 ? cols : 0))
		abort();
	if (cols > 0 && w <= cols) {
		san = text_sanitize(s);
		if (strcmp(tr, san) != 0)
			abort();                /* what fits is not cut */
		free(san);
	}
	free(tr);

	wchar_t wide[64];
	size_t wl = (size_t)(data[0] & 63);
	int cells = text_fit_wide(s, cols, data[0] & 64, wide, wl);
	if (cells < 0 || cells > (cols > 0 ? cols : 0) || (wl && wcslen(wide) >= wl))
		abort();
	if (wl) {
		int ww = wcswidth(wide, wl);
		if (ww != cells)
			abort();                /* the cells it reports are the cells it wrote */
	}

	char **lines;
	size_t n = text_wrap(s, cols, &lines);
	if (n < 1)
		abort();
	for (size_t i = 0; i < n; i++) {
		clean(lines[i]);
		if (text_width(lines[i]) > (cols < 2 ? 2 : cols))
			abort();
	}
	text_lines_free(lines, n);
	free(s);
	return 0;
}
