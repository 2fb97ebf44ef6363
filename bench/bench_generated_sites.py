"""Many generated sites through the pipeline (the CI test runs 25 with fixed seeds).

    python -m bench.bench_generated_sites [EXAMPLES]
"""
from __future__ import annotations

import sys
import time

from hypothesis import HealthCheck, given, settings

from tests.flows.test_generated_sites import check_site
from tests.replica_direct.generated import GenSite, gen_site


def main(examples: int) -> None:
    started = time.monotonic()

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(gen_site())
    def every(shape: GenSite) -> None:
        check_site(shape)

    every()
    print(f"{examples} generated sites equal their truth in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
