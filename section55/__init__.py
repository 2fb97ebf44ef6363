"""The Section 55 clock: which bodies must respond, by when, and the response skeleton."""
