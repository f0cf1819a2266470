/* nav: a small history stack of (page, screen) places. When the history is full the oldest
 * place is dropped: a visitor deep in the guide can always go Back, just not 65 times. */
#include "nav.h"

#include <stdio.h>
#include <string.h>

void nav_init(Nav *nav, const char *home)
{
	memset(nav, 0, sizeof(*nav));
	snprintf(nav->home, sizeof(nav->home), "%s", home);
	snprintf(nav->current.page, sizeof(nav->current.page), "%s", home);
}

static void push(Nav *nav)
{
	if (nav->depth == NAV_HISTORY_MAX) {
		memmove(&nav->history[0], &nav->history[1], (NAV_HISTORY_MAX - 1) * sizeof(NavPlace));
		nav->depth--;
	}
	nav->history[nav->depth++] = nav->current;
}

bool nav_open(Nav *nav, const char *page)
{
	if (strlen(page) >= sizeof(nav->current.page))
		return false;
	push(nav);
	snprintf(nav->current.page, sizeof(nav->current.page), "%s", page);
	nav->current.screen = 0;
	return true;
}

void nav_home(Nav *nav)
{
	if (nav_is_home(nav) && nav->current.screen == 0)
		return;
	push(nav);
	snprintf(nav->current.page, sizeof(nav->current.page), "%s", nav->home);
	nav->current.screen = 0;
}

bool nav_back(Nav *nav)
{
	if (nav->current.screen > 0) {
		nav->current.screen--;
		return true;
	}
	if (nav->depth == 0)
		return false;
	nav->current = nav->history[--nav->depth];
	return true;
}

bool nav_next(Nav *nav, int screen_count)
{
	if (nav->current.screen + 1 >= screen_count)
		return false;
	nav->current.screen++;
	return true;
}

bool nav_can_go_back(const Nav *nav)
{
	return nav->depth > 0 || nav->current.screen > 0;
}

bool nav_is_home(const Nav *nav)
{
	return strcmp(nav->current.page, nav->home) == 0;
}

void nav_clamp(Nav *nav, int screen_count)
{
	if (nav->current.screen >= screen_count)
		nav->current.screen = screen_count > 0 ? screen_count - 1 : 0;
	if (nav->current.screen < 0)
		nav->current.screen = 0;
}

void nav_reset(Nav *nav)
{
	char home[128];
	snprintf(home, sizeof(home), "%s", nav->home);
	nav_init(nav, home);
}
