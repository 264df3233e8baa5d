/* i18n: the interface language, through gettext. Every user-facing string
 * is written in English in the source and marked: _("...") where it is
 * used, N_("...") where it only sits in a table and is translated with _()
 * when printed. po/zh_CN.po holds the Chinese; `make pot` collects the
 * marked strings. CSV and JSON keys are an interface and are not marked. */
#ifndef PLANCON_I18N_H
#define PLANCON_I18N_H

#include <libintl.h>

#define PLANCON_TEXTDOMAIN "plancon"

#define _(s) gettext(s)
#define N_(s) (s)
/* A message with a context, for an English text that means two things:
 * P_("milestone period", "%d"); NP_ marks one in a table, translated with
 * i18n_cgettext where it is used. Macros because the context and the text
 * are joined at compile time ("context\004text", as gettext stores a
 * msgctxt). */
#define P_(ctx, s) i18n_cgettext(ctx "\004" s)
#define NP_(ctx, s) (ctx "\004" s)

/* The translation of ctx_msgid ("context\004text"), or the text after the
 * \004 when there is none. */
const char *i18n_cgettext(const char *ctx_msgid) __attribute__((format_arg(1)));

/* Bind the "plancon" text domain to its catalogs, in this order: the
 * directory $PLANCON_LOCALEDIR when set and not empty; the build tree's
 * catalogs beside the running binary (<dir>/locale or <dir>/build/locale)
 * when there are some; else the directory compiled in (PLANCON_LOCALEDIR).
 * Call after setlocale (text_init_locale). */
void i18n_init(void);

#endif
