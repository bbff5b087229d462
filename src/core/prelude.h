/* prelude.h: force-included in every zhifa source file (see Makefile). The system
 * headers that declare the banned calls come first, then banned.h poisons them. */
#ifndef ZHIFA_PRELUDE_H
#define ZHIFA_PRELUDE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

#endif
