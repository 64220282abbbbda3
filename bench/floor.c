/* The durability floor of a build: the least a program can do to write the same files as
 * durably, and nothing else. `floor OUT FILE...` creates the folder OUT, writes each FILE's
 * bytes into a new file of the same name there, flushes each file, then flushes OUT and the
 * folder that holds it (which got a new entry). bench/run.sh compiles it with the machine's C
 * compiler and times it beside `mokuteki build` into a new folder: the build's wall time
 * divided by this one's is what checking, rendering and writing atomically add. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void fail(const char *what, const char *path) {
    perror(path);
    fprintf(stderr, "floor: cannot %s\n", what);
    exit(1);
}

static void flush_folder(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) fail("flush the folder", path);
    close(fd);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: floor OUT FILE...\n");
        return 2;
    }
    const char *out = argv[1];
    if (mkdir(out, 0755) != 0) fail("create the folder", out);
    static char buffer[1 << 20];
    char target[4096];
    for (int i = 2; i < argc; i++) {
        int in = open(argv[i], O_RDONLY | O_CLOEXEC);
        if (in < 0) fail("read", argv[i]);
        ssize_t size = read(in, buffer, sizeof buffer);
        if (size < 0) fail("read", argv[i]);
        close(in);
        char name[4096];
        snprintf(name, sizeof name, "%s", argv[i]);
        snprintf(target, sizeof target, "%s/%s", out, basename(name));
        int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) fail("create", target);
        if (write(fd, buffer, (size_t)size) != size) fail("write", target);
        if (fsync(fd) != 0) fail("flush", target);
        close(fd);
    }
    flush_folder(out);
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", out);
    flush_folder(dirname(parent));
    return 0;
}
