"""What every concern of the handbook shares: findings, the logger, paths, the hook state protocol."""

from handbook.core.findings import (
    SEVERITIES,
    Finding,
    handbook_logger,
    relative_to_root,
    report,
)
from handbook.core.lifecycle import BuildHook

__all__ = ["SEVERITIES", "BuildHook", "Finding", "handbook_logger", "relative_to_root", "report"]
