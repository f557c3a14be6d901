#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// Wide-character curses: must be defined before <curses.h> so cchar_t and the *_wch calls exist.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#endif
