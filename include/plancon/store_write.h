/* store_write: kept only for auth.c, which still loads identities itself
 * until the session layer does; everything else includes the resource
 * headers (store_users.h, store_tasks.h, store_plan.h). Goes when auth.c
 * stops including it. */
#ifndef PLANCON_STORE_WRITE_H
#define PLANCON_STORE_WRITE_H

#include "plancon/store_users.h"

#endif
