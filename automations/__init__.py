"""Prefect automations shipped with hmicfrs: notifications for the pipeline's events."""
