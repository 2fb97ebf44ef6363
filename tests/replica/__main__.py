"""Serve a replica for manual use: ``python -m tests.replica --port 8000 [--scale N]``."""
from __future__ import annotations

import argparse
import sys

from tests.replica.server import ReplicaServer, serve_forever
from tests.replica.site import build_scale_site, build_site


def main(argv: list[str] | None = None) -> int:
    """Build the site, serve it until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m tests.replica",
                                     description="Serve the HMICFRS replica site.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--scale", type=int, default=0,
                        help="serve N generated publications instead of the standard site")
    parser.add_argument("--extra", type=int, default=0,
                        help="generated publications added to the standard site")
    parser.add_argument("--per-page", type=int, default=None)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    args = parser.parse_args(argv)
    if args.scale:
        site = build_scale_site(args.scale, per_page=args.per_page or 20)
    else:
        site = build_site(extra_publications=args.extra, per_page=args.per_page or 5)
    try:
        server = ReplicaServer(site, latency=args.latency, port=args.port, host=args.host).start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Serving {len(site.truth.publications)} publications at {server.url}/publications/"
          " (Ctrl-C to stop)", file=sys.stderr)
    serve_forever(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
