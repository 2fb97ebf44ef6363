"""A local replica of the HMICFRS website, built by code, with its ground truth.

``build_site()`` gives the standard replica (23 publications, see catalogue.py);
``build_scale_site(n)`` generated ones for benchmarks; ``ReplicaServer`` serves either
on 127.0.0.1 with conditional requests, latency and faults; ``site.truth`` says what a
correct pipeline finds.
"""
