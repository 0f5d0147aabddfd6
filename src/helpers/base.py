"""The estimator protocol shared by the project's models (theme model, k-means, encoders, heads)."""

from __future__ import annotations

from typing import Any


class Estimator:
    """scikit-learn's estimator protocol for the project's models, without importing
    scikit-learn (whose import costs a new process about 1 s, most of a notebook's or a
    batch worker's start-up): parameters are the ``__init__`` arguments, stored under
    their names; ``get_params`` / ``set_params`` as scikit-learn's, so
    ``sklearn.base.clone`` and grid searches work; a scikit-learn-like ``repr``."""

    @classmethod
    def _param_names(cls) -> list[str]:
        import inspect

        return sorted(p.name for p in inspect.signature(cls.__init__).parameters.values()
                      if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters and their values."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> "Estimator":
        """Set constructor parameters by name; unknown names raise ``ValueError``."""
        valid = set(self._param_names())
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}; valid: {sorted(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        import inspect

        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if defaults.get(k) != v]
        return f"{type(self).__name__}({', '.join(changed)})"
