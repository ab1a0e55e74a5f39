#!/usr/bin/python3
# Runs one command on a fresh pseudo-terminal of a fixed size and reports, on stdout, when its bytes
# arrived (for bench/startup.ts and bench/idle.ts). It only relays and timestamps: no terminal emulation;
# bytes on our stdin are passed to the child as typed keys; it never signals any process but its own child.
#
# usage: pty-run.py COLS ROWS CMD [ARG...]
# stdout records (ASCII header line, then raw bytes for D):
#   S <child pid> <CLOCK_MONOTONIC ns at fork>\n   once, right after the fork
#   D <ns since fork> <length>\n<bytes>    every read from the pty master
#   X <ns since fork> <code or -signal>\n  once, after the child exited and the pty is drained
# The child gets its own session with the pty as controlling terminal (TIOCSWINSZ set before exec).
# If our stdin reaches EOF (the benchmark died), the child is SIGKILLed.

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def main() -> int:
    if len(sys.argv) < 4:
        sys.stderr.write("usage: pty-run.py COLS ROWS CMD [ARG...]\n")
        return 2
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    argv = sys.argv[3:]
    out = sys.stdout.buffer

    t0 = time.monotonic_ns()
    pid, master = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvp(argv[0], argv)
        except OSError as e:
            os.write(2, f"pty-run: cannot exec {argv[0]}: {e}\n".encode())
        os._exit(127)

    def emit(header: str, data: bytes = b"") -> None:
        try:
            out.write(header.encode("ascii") + data)
            out.flush()
        except BrokenPipeError:
            os.kill(pid, signal.SIGKILL)
            raise

    emit(f"S {pid} {t0}\n")
    watch = [master, 0]
    while True:
        readable, _, _ = select.select(watch, [], [])
        if 0 in readable:
            keys = os.read(0, 4096)
            if keys == b"":
                os.kill(pid, signal.SIGKILL)
                watch = [master]
            else:
                os.write(master, keys)
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if data == b"":
                break
            emit(f"D {time.monotonic_ns() - t0} {len(data)}\n", data)

    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    emit(f"X {time.monotonic_ns() - t0} {code}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
