"""Renderers: each turns a question bank into the bytes of one output format."""
