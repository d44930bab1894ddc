/* wm_close.c - a test helper: closes a program's window the way a window
 * manager does, with a WM_DELETE_WINDOW client message, so the fault tests
 * exercise the real close path (SDL turns it into SDL_WINDOWEVENT_CLOSE and
 * SDL_QUIT) without a window manager under Xvfb.
 *
 * Usage: wm_close PID [TIMEOUT_MS]. Finds the top-level window whose
 * _NET_WM_PID is PID (SDL sets it), waiting up to TIMEOUT_MS (default 5000)
 * for it to appear. Exit 0 when the message was sent, 1 when no such window
 * turned up, 2 on misuse or no display. */
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static Atom net_wm_pid;

static long window_pid(Display *dpy, Window w)
{
    Atom type;
    int format;
    unsigned long n, after;
    unsigned char *data = NULL;
    long pid = -1;
    if (XGetWindowProperty(dpy, w, net_wm_pid, 0, 1, False, XA_CARDINAL, &type, &format, &n,
                           &after, &data) == Success &&
        data && type == XA_CARDINAL && format == 32 && n == 1)
        pid = (long)*(unsigned long *)(void *)data;
    if (data)
        XFree(data);
    return pid;
}

/* Depth-first over the tree: with no window manager the program's window is
 * a child of the root; with one it sits inside a frame. */
static Window find(Display *dpy, Window w, long pid)
{
    if (window_pid(dpy, w) == pid)
        return w;
    Window root, parent, *kids = NULL;
    unsigned int n = 0;
    Window found = None;
    if (XQueryTree(dpy, w, &root, &parent, &kids, &n)) {
        for (unsigned int i = 0; i < n && found == None; i++)
            found = find(dpy, kids[i], pid);
        if (kids)
            XFree(kids);
    }
    return found;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: wm_close PID [TIMEOUT_MS]\n", stderr);
        return 2;
    }
    long pid = strtol(argv[1], NULL, 10);
    long timeout_ms = argc > 2 ? strtol(argv[2], NULL, 10) : 5000;
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fputs("wm_close: cannot open the display\n", stderr);
        return 2;
    }
    net_wm_pid = XInternAtom(dpy, "_NET_WM_PID", False);
    Atom protocols = XInternAtom(dpy, "WM_PROTOCOLS", False);
    Atom delete_window = XInternAtom(dpy, "WM_DELETE_WINDOW", False);

    Window w = None;
    for (long waited = 0; waited <= timeout_ms; waited += 20) {
        w = find(dpy, DefaultRootWindow(dpy), pid);
        if (w != None)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 20L * 1000 * 1000}, NULL);
    }
    if (w == None) {
        fprintf(stderr, "wm_close: no window with _NET_WM_PID %ld\n", pid);
        XCloseDisplay(dpy);
        return 1;
    }
    XEvent ev = {0};
    ev.xclient.type = ClientMessage;
    ev.xclient.window = w;
    ev.xclient.message_type = protocols;
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = (long)delete_window;
    ev.xclient.data.l[1] = CurrentTime;
    XSendEvent(dpy, w, False, NoEventMask, &ev);
    XSync(dpy, False);
    XCloseDisplay(dpy);
    return 0;
}
