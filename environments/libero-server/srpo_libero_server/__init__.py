"""SRPO Lab's LIBERO bridge server: real LIBERO environments served over WebSocket + msgpack (PROTOCOL.md)."""

__version__ = "0.1.0"
