/* i18n: the interface language, decided once from LC_MESSAGES. */
#include "plancon/i18n.h"

#include <locale.h>
#include <string.h>

bool
i18n_chinese(void)
{
	const char *l = setlocale(LC_MESSAGES, NULL);
	return l && !strncmp(l, "zh", 2);
}

const char *
i18n_pick(const char *en, const char *zh)
{
	return i18n_chinese() ? zh : en;
}
