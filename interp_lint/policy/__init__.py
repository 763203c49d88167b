"""Policy: everything the linter knows, loaded from the TOML data under ``rules/``.

Detection code asks the :class:`Policy` object, never a hard-coded list, so that a
registry update or a lab's extra loader changes behaviour without a code change.
"""

from interp_lint.policy.load import Policy, load_policy, policy_dir

__all__ = ["Policy", "load_policy", "policy_dir"]
