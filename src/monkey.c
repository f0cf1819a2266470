/* monkey: xorshift64* for randomness (small, seedable, no global state) and SDL_PushEvent
 * to deliver events exactly as the window system would. */
#include "monkey.h"

#include <stdio.h>
#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "util.h"

void monkey_init(Monkey *m, uint64_t seed)
{
	memset(m, 0, sizeof(*m));
	m->state = seed ? seed : 0x9E3779B97F4A7C15ull;
}

static uint64_t next(Monkey *m)
{
	m->state ^= m->state >> 12;
	m->state ^= m->state << 25;
	m->state ^= m->state >> 27;
	return m->state * 0x2545F4914F6CDD1Dull;
}

static int below(Monkey *m, int n)
{
	return n > 0 ? (int)(next(m) % (uint64_t)n) : 0;
}

static void push_button(int x, int y, bool down)
{
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
	e.button.button = SDL_BUTTON_LEFT;
	e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
	e.button.x = x;
	e.button.y = y;
	e.button.clicks = 1;
	SDL_PushEvent(&e);
}

static void push_finger(int x, int y, int w, int h, bool down)
{
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = down ? SDL_FINGERDOWN : SDL_FINGERUP;
	e.tfinger.touchId = 1;
	e.tfinger.fingerId = 1;
	e.tfinger.x = (float)x / (float)(w > 0 ? w : 1);
	e.tfinger.y = (float)y / (float)(h > 0 ? h : 1);
	SDL_PushEvent(&e);
}

static void push_key(SDL_Keycode k, SDL_Keymod mod, bool down, bool repeat)
{
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
	e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
	e.key.repeat = repeat;
	e.key.keysym.sym = k;
	e.key.keysym.mod = (Uint16)mod;
	SDL_PushEvent(&e);
}

uint64_t monkey_event(Monkey *m, SDL_Window *window, int w, int h)
{
	static const SDL_Keycode keys[] = {SDLK_TAB,  SDLK_RETURN, SDLK_SPACE,	  SDLK_ESCAPE,	 SDLK_BACKSPACE,
					   SDLK_HOME, SDLK_LEFT,   SDLK_RIGHT,	  SDLK_UP,	 SDLK_DOWN,
					   SDLK_l,    SDLK_p,	   SDLK_r,	  SDLK_PAGEDOWN, SDLK_PAGEUP,
					   SDLK_1,    SDLK_5,	   SDLK_0,	  SDLK_F1,	 SDLK_a};
	static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}, {800, 600}, {3840, 2160}};
	int r = below(m, 100);
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	if (m->finger_down) {
		/* finish a touch: lift where it went down, or after sliding */
		push_finger(below(m, 2) ? m->x : below(m, w), below(m, 2) ? m->y : below(m, h), w, h, false);
		m->finger_down = false;
	} else if (r < 30) {
		int x = below(m, w), y = below(m, h);
		push_button(x, y, true);
		push_button(below(m, 5) ? x : below(m, w), y, false);
	} else if (r < 40) {
		m->x = below(m, w);
		m->y = below(m, h);
		push_finger(m->x, m->y, w, h, true);
		m->finger_down = true;
	} else if (r < 65) {
		SDL_Keycode k = keys[below(m, (int)(sizeof(keys) / sizeof(keys[0])))];
		bool repeat = below(m, 10) == 0;
		push_key(k, repeat ? KMOD_NONE : (below(m, 8) == 0 ? KMOD_SHIFT : KMOD_NONE), true, repeat);
		push_key(k, KMOD_NONE, false, false);
	} else if (r < 85) {
		/* switches: the keys a switch interface sends, or joystick buttons */
		if (below(m, 2)) {
			SDL_Keycode k = below(m, 2) ? SDLK_SPACE : SDLK_RETURN;
			push_key(k, KMOD_NONE, true, false);
			push_key(k, KMOD_NONE, false, false);
		} else {
			e.type = SDL_JOYBUTTONDOWN;
			e.jbutton.button = (Uint8)below(m, 3);
			SDL_PushEvent(&e);
			e.type = SDL_JOYBUTTONUP;
			SDL_PushEvent(&e);
		}
	} else if (r < 90) {
		int i = below(m, (int)(sizeof(sizes) / sizeof(sizes[0])));
		SDL_SetWindowSize(window, sizes[i][0], sizes[i][1]);
		e.type = SDL_WINDOWEVENT;
		e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
		e.window.data1 = sizes[i][0];
		e.window.data2 = sizes[i][1];
		SDL_PushEvent(&e);
	} else if (r < 94) {
		e.type = below(m, 2) ? SDL_JOYDEVICEADDED : SDL_JOYDEVICEREMOVED;
		e.jdevice.which = below(m, 4);
		SDL_PushEvent(&e);
	} else if (r < 96 && below(m, 20) == 0) {
		/* rare: reopening sound takes real time in SDL */
		e.type = SDL_AUDIODEVICEREMOVED;
		e.adevice.which = 2;
		e.adevice.iscapture = 0;
		SDL_PushEvent(&e);
	} else if (r < 98) {
		e.type = SDL_WINDOWEVENT;
		e.window.event = SDL_WINDOWEVENT_EXPOSED;
		SDL_PushEvent(&e);
	} else {
		e.type = SDL_QUIT; /* the window manager's close: ignored by a kiosk */
		SDL_PushEvent(&e);
	}
	/* time: mostly quick presses, sometimes a long pause that crosses the idle timeout */
	int t = below(m, 100);
	return t < 90 ? (uint64_t)below(m, 2000) : t < 97 ? (uint64_t)(60000 + below(m, 60000)) : (uint64_t)(120000 + below(m, 120000));
}

/* Puts the window back to the size it started with, so memory is compared like for like
 * (a 4K window alone holds a 33 MB frame). */
static void restore_size(Monkey *m, SDL_Window *window)
{
	SDL_SetWindowSize(window, m->w0, m->h0);
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_WINDOWEVENT;
	e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
	SDL_PushEvent(&e);
	m->measure = true;
}

/* Memory without the allocator's slack (freed buffers glibc has not yet handed back), the
 * same way every time. */
static long trimmed_rss(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	return util_rss_kib();
}

bool monkey_batch(Monkey *m, SDL_Window *window, int w, int h, uint64_t idle_ms, unsigned long resets,
		  uint64_t *clock_jump)
{
	if (m->w0 == 0)
		SDL_GetWindowSize(window, &m->w0, &m->h0);
	if (m->measure) { /* the restored size has been drawn: measure now */
		long rss = trimmed_rss();
		if (m->events < m->total) {
			m->rss_1000 = rss;
			log_info("monkey: memory (RSS) after 1000 events %ld KiB", rss);
		} else {
			log_info("monkey: %lu events done, %lu idle resets, memory (RSS) at the end %ld KiB (%+.1f%%)",
				 m->events, resets, rss,
				 m->rss_1000 ? 100.0 * (double)(rss - m->rss_1000) / (double)m->rss_1000 : 0.0);
			return false;
		}
		m->measure = false;
	}
	if (m->events >= m->total) {
		restore_size(m, window);
		return true;
	}
	if (m->quiet > 0) {
		m->quiet--;
		*clock_jump += idle_ms;
		if (m->quiet == 0) /* a sample every 500 events, for the trend of minima in tests/e2e_monkey.sh */
			log_info("monkey: memory (RSS) at %lu events %ld KiB", m->events, trimmed_rss());
		return true;
	}
	for (int i = 0; i < 20 && m->events < m->total; i++) {
		*clock_jump += monkey_event(m, window, w, h);
		if (m->events % 500 == 499)
			m->quiet = 2;
		if (++m->events == 1000) {
			restore_size(m, window);
			break;
		}
	}
	return true;
}

bool monkey_going_quiet(const Monkey *m)
{
	return m->quiet > 0 && !m->measure;
}
