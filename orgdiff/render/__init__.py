"""Renderers: each presents a result (a structure or an OrgDiff) and computes nothing of its own."""
