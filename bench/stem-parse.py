# Baseline for bench/parse.ts: frames the same event stream with Stem's own reader
# (stem.socket.recv_message) and converts every message with stem.response.convert('EVENT').
# Times framing + conversion only (the bytes are read into memory first). Prints one JSON line.
# Run with Debian's /usr/bin/python3 (python3-stem); it must not import anything from ortop.

import io
import json
import sys
import time

try:
    import stem
    import stem.response
    import stem.socket
except ImportError as exc:
    print(json.dumps({'error': 'stem not importable: %s' % exc}))
    sys.exit(0)


def main():
    path = sys.argv[1]
    max_events = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
    # Generous read size; a message cut at the end surfaces as SocketClosed and ends the loop.
    with open(path, 'rb') as f:
        data = f.read(max_events * 600)
    source = io.BytesIO(data)

    events = 0
    errors = 0
    first_error = None
    kinds = {}
    recv = stem.socket.recv_message
    convert = stem.response.convert
    start = time.perf_counter()
    while events < max_events:
        try:
            msg = recv(source)
        except stem.SocketClosed:
            break
        try:
            convert('EVENT', msg)
            kinds[msg.type] = kinds.get(msg.type, 0) + 1
        except Exception as exc:  # Stem raises ProtocolError (and occasionally others) on what it rejects
            errors += 1
            if first_error is None:
                first_error = '%s: %s' % (type(exc).__name__, exc)
        events += 1
    seconds = time.perf_counter() - start

    print(json.dumps({
        'stem_version': stem.__version__,
        'python': sys.version.split()[0],
        'events': events,
        'seconds': seconds,
        'events_per_sec': events / seconds if seconds > 0 else 0,
        'bytes': source.tell(),
        'errors': errors,
        'first_error': first_error,
        'kinds': kinds,
    }))


if __name__ == '__main__':
    main()
