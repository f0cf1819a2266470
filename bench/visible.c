/* visible: starts a program and measures, from OUTSIDE it, when its page is visible on the
 * X display, plus the memory (PSS, RSS) and CPU time of all its processes. It is the same
 * yardstick for the kiosk and for Chromium: neither has to report anything itself.
 *
 *   visible [--timeout MS] [--settle MS] [--hold MS] [--idle MS] [--no-pixels] -- CMD ARGS...
 *
 * Before starting CMD it reads a few rows of the root window (every 10 % of the height);
 * then it polls them every ~1 ms. The page counts as visible at the first poll that looks
 * like the final picture (the rows have been unchanged for --settle ms, default 400): the
 * same number of "ink" pixels (dark or light, differing from the row's commonest colour)
 * within 2 %, and the same commonest colour. Then it keeps CMD running for --hold ms while
 * sampling memory every 50 ms, optionally measures --idle ms of CPU time, and ends CMD's
 * process group (SIGTERM, then SIGKILL). With --no-pixels (no display) it only waits for
 * CMD to exit (e.g. headless Chromium writing a screenshot) and reports exit_ms.
 *
 * Prints one line of key=value: visible_ms, first_change_ms, exit_ms, peak_pss_kib,
 * peak_rss_kib, last_pss_kib, procs (most processes seen at once), idle_cpu_s. */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROWS 9
#define MAX_SAMPLES 200000

typedef struct {
	double t;
	long ink;
	uint32_t common;
	uint64_t hash;
} Sample;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6)};
	nanosleep(&ts, NULL);
}

/* Reads ROWS rows of the root window: the commonest colour (of row 0..ROWS-1 together),
 * the pixels that differ from it, and a hash of everything. */
static Sample sample_rows(Display *d, Window root, int w, int h)
{
	Sample s = {now_ms(), 0, 0, 1469598103934665603ull};
	static uint32_t *px;
	if (!px)
		px = malloc(sizeof(uint32_t) * (size_t)w * ROWS);
	for (int r = 0; r < ROWS; r++) {
		XImage *img = XGetImage(d, root, 0, h * (r + 1) / (ROWS + 1), (unsigned)w, 1, AllPlanes, ZPixmap);
		for (int x = 0; x < w; x++)
			px[r * w + x] = img ? (uint32_t)XGetPixel(img, x, 0) & 0xffffff : 0;
		if (img)
			XDestroyImage(img);
	}
	/* The commonest colour: a small open-addressing count table. */
	enum { SLOTS = 4096 };
	static uint32_t key[SLOTS];
	static int count[SLOTS];
	memset(count, 0, sizeof(count));
	int best = 0;
	for (int i = 0; i < w * ROWS; i += 2) {
		uint32_t k = px[i];
		unsigned slot = (k * 2654435761u) % SLOTS;
		for (int probe = 0; probe < 64; probe++, slot = (slot + 1) % SLOTS) {
			if (count[slot] == 0)
				key[slot] = k;
			if (key[slot] == k) {
				if (++count[slot] > best) {
					best = count[slot];
					s.common = k;
				}
				break;
			}
		}
	}
	for (int i = 0; i < w * ROWS; i++) {
		s.ink += px[i] != s.common;
		s.hash = (s.hash ^ px[i]) * 1099511628211ull;
	}
	return s;
}

/* ---- the process tree ---- */

typedef struct {
	long peak_pss, peak_rss, last_pss;
	int procs;
} Mem;

static bool read_stat(int pid, int *ppid, int *pgid, unsigned long long *cpu_ticks)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	if (!p)
		return false;
	unsigned long long ut, st;
	/* after ") ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
	if (sscanf(p + 2, "%*c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", ppid, pgid, &ut, &st) != 4)
		return false;
	*cpu_ticks = ut + st;
	return true;
}

static long rollup(int pid, const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	long kib = 0;
	size_t fl = strlen(field);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
			kib = atol(line + fl + 1);
			break;
		}
	fclose(f);
	return kib;
}

/* Every process in the group `root` leads, or descended from it. */
static int tree(int root, int *pids, int max)
{
	int n = 0;
	int all[8192], parent[8192], group[8192], count = 0;
	DIR *dir = opendir("/proc");
	struct dirent *e;
	while (dir && (e = readdir(dir)) && count < 8192) {
		int pid = atoi(e->d_name);
		unsigned long long cpu;
		if (pid > 0 && read_stat(pid, &parent[count], &group[count], &cpu))
			all[count++] = pid;
	}
	if (dir)
		closedir(dir);
	bool changed = true;
	bool in[8192] = {false};
	while (changed) {
		changed = false;
		for (int i = 0; i < count; i++) {
			if (in[i])
				continue;
			bool yes = all[i] == root || group[i] == root;
			for (int j = 0; !yes && j < count; j++)
				yes = in[j] && all[j] == parent[i];
			if (yes)
				in[i] = changed = true;
		}
	}
	for (int i = 0; i < count && n < max; i++)
		if (in[i])
			pids[n++] = all[i];
	return n;
}

static void sample_mem(int root, Mem *m)
{
	int pids[512];
	int n = tree(root, pids, 512);
	long pss = 0, rss = 0;
	for (int i = 0; i < n; i++) {
		pss += rollup(pids[i], "Pss");
		rss += rollup(pids[i], "Rss");
	}
	if (pss > m->peak_pss)
		m->peak_pss = pss;
	if (rss > m->peak_rss)
		m->peak_rss = rss;
	if (n > m->procs)
		m->procs = n;
	if (n > 0)
		m->last_pss = pss;
}

static unsigned long long tree_cpu(int root)
{
	int pids[512];
	int n = tree(root, pids, 512);
	unsigned long long total = 0;
	for (int i = 0; i < n; i++) {
		int pp, pg;
		unsigned long long t;
		if (read_stat(pids[i], &pp, &pg, &t))
			total += t;
	}
	return total;
}

static bool child_exited(pid_t pid, int *status)
{
	return waitpid(pid, status, WNOHANG) == pid;
}

int main(int argc, char **argv)
{
	double timeout = 20000, settle = 400, hold = 1000, idle = 0;
	bool pixels = true;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--no-pixels") == 0)
			pixels = false;
		else if (i + 1 < argc && strcmp(argv[i], "--timeout") == 0)
			timeout = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--settle") == 0)
			settle = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--hold") == 0)
			hold = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--idle") == 0)
			idle = atof(argv[++i]);
		else
			break;
	}
	if (i >= argc - 1 || strcmp(argv[i], "--") != 0) {
		fprintf(stderr, "usage: visible [--timeout MS] [--settle MS] [--hold MS] [--idle MS] "
				"[--no-pixels] -- CMD ARGS...\n");
		return 2;
	}
	char **cmd = argv + i + 1;
	Display *d = NULL;
	Window root = 0;
	int w = 0, h = 0;
	Sample before = {0};
	if (pixels) {
		d = XOpenDisplay(NULL);
		if (!d) {
			fprintf(stderr, "visible: cannot open the display (DISPLAY=%s)\n", getenv("DISPLAY"));
			return 1;
		}
		root = DefaultRootWindow(d);
		w = DisplayWidth(d, DefaultScreen(d));
		h = DisplayHeight(d, DefaultScreen(d));
		before = sample_rows(d, root, w, h);
	}
	Sample *samples = malloc(sizeof(Sample) * MAX_SAMPLES);
	int ns = 0;
	Mem mem = {0};
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		execvp(cmd[0], cmd);
		perror("visible: exec");
		_exit(127);
	}
	setpgid(pid, pid);
	int status = 0;
	bool exited = false;
	double exit_ms = -1, last_change = -1, next_mem = t0;
	uint64_t last_hash = before.hash;
	while (now_ms() - t0 < timeout) {
		if (!exited && child_exited(pid, &status)) {
			exited = true;
			exit_ms = now_ms() - t0;
		}
		if (exited && (!pixels || ns == 0))
			break;
		if (now_ms() >= next_mem && !exited) {
			sample_mem(pid, &mem);
			next_mem = now_ms() + 50;
		}
		if (pixels) {
			Sample s = sample_rows(d, root, w, h);
			s.t -= t0;
			if (s.hash != last_hash) {
				last_hash = s.hash;
				last_change = s.t;
			}
			if (ns < MAX_SAMPLES && (ns > 0 || s.hash != before.hash))
				samples[ns++] = s;
			if (ns > 0 && s.t - last_change >= settle)
				break;
			sleep_ms(1);
		} else {
			sleep_ms(5);
		}
	}
	double visible = -1, first_change = ns > 0 ? samples[0].t : -1;
	if (ns > 0) {
		Sample fin = samples[ns - 1];
		for (int k = 0; k < ns; k++) {
			long diff = labs(samples[k].ink - fin.ink);
			if (samples[k].common == fin.common && diff * 50 <= fin.ink) {
				visible = samples[k].t;
				break;
			}
		}
	}
	double hold_end = now_ms() + hold;
	while (!exited && now_ms() < hold_end) {
		sample_mem(pid, &mem);
		sleep_ms(50);
		exited = child_exited(pid, &status);
	}
	double idle_cpu = -1;
	if (!exited && idle > 0) {
		unsigned long long c0 = tree_cpu(pid);
		sleep_ms(idle);
		unsigned long long c1 = tree_cpu(pid);
		idle_cpu = (double)(c1 - c0) / (double)sysconf(_SC_CLK_TCK);
		sample_mem(pid, &mem);
	}
	if (!exited) {
		kill(-pid, SIGTERM);
		for (int k = 0; k < 200 && !child_exited(pid, &status); k++)
			sleep_ms(10);
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	} else {
		kill(-pid, SIGKILL); /* helpers left behind by a program that exited */
	}
	printf("visible_ms=%.1f first_change_ms=%.1f exit_ms=%.1f peak_pss_kib=%ld peak_rss_kib=%ld "
	       "last_pss_kib=%ld procs=%d idle_cpu_s=%.3f samples=%d\n",
	       visible, first_change, exit_ms, mem.peak_pss, mem.peak_rss, mem.last_pss, mem.procs, idle_cpu,
	       ns);
	free(samples);
	if (d)
		XCloseDisplay(d);
	return visible >= 0 || !pixels ? 0 : 1;
}
