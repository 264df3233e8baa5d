/* i18n: the interface language. */
#ifndef PLANCON_I18N_H
#define PLANCON_I18N_H

#include <stdbool.h>

/* True when the interface should speak Chinese (LC_MESSAGES is zh_*). */
bool i18n_chinese(void);

/* en or zh, by the interface language. */
const char *i18n_pick(const char *en, const char *zh);

#endif
