"""A read-only traversal for libcst visitors: the same callbacks, in the same order, without
rebuilding the tree.

``CSTNode.visit`` serves visitors and transformers alike, so it rebuilds every node it passes
(a new node, validated, per node and per visitor; libcst marks it "TODO: provide traversal
where children are not replaced"), and dispatches every node and every field through
f-string ``getattr`` lookups, empty stub methods and ABC ``isinstance`` checks. Indexing a
module walks it three times (expression contexts, scopes, our index): on the 82 files of
the benchmark corpus that pass the pre-filter, indexing took 14.4 s, 6.2 s with this.

This module replaces ``CSTNode.visit`` for instances of ``CSTVisitor`` only (transformers
keep libcst's own traversal). Each node class's visiting order is read once from libcst
itself: its ``_visit_and_replace_children`` is run with a recording visitor. A visitor's
visit and leave methods are looked up once per node class, libcst's empty stubs skipped (as
``BatchableCSTVisitor.get_visitors`` skips them). Attribute callbacks
(``visit_ClassDef_bases``) fire exactly where libcst fires them; libcst visits a few fields
only when set (``FormattedStringExpression.format_spec``), which the recording detects. A
node class whose order cannot be read unambiguously keeps libcst's traversal.

A subtree in which a visitor has no callback is not walked: which classes can lie under a
node is read from libcst's field types. Most nodes are whitespace and punctuation that no
visitor asks about, and scope analysis runs a second, empty batched walk after its own.
With that and the scope analysis's ``on_leave`` done here (see ``_scope_visitor``),
indexing the same files took 2.1 s instead of 4.6 s.

``tests/test_libcst_traversal.py`` checks, on every parsable file of the checkout, that the
callbacks and their order equal libcst's and that scope analysis finds the same scopes,
and, on every fixture, that the analysis finds the same facts.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
import typing
from collections.abc import Callable
from typing import Any

import libcst as cst
from libcst._batched_visitor import _BatchedCSTVisitor
from libcst._nodes.base import CSTNode

_ORIGINAL = CSTNode.visit


def _scope_visitor() -> tuple[type | None, frozenset[str]]:
    """libcst's scope analysis, and the node classes its ``on_leave`` counts.

    Its ``on_leave`` records the scope of every node, counts assignment-like nodes and calls
    the named leave method: a third of the indexing went to the eighteen ABC ``isinstance``
    checks it makes on every node. The traversal does the same with the class looked up
    once, and skips the subtrees the analysis has no method for (whitespace, commas,
    operators, literals without names): those get no scope, and nothing asks theirs (scopes
    are asked of names, attributes and calls). A libcst whose ``on_leave`` reads anything
    else keeps its own.
    """
    try:
        from libcst.metadata.scope_provider import _ASSIGNMENT_LIKE_NODES, ScopeVisitor
    except ImportError:
        return None, frozenset()
    reads = ("provider", "set_metadata", "scope", "isinstance", "_ASSIGNMENT_LIKE_NODES", "_assignment_count")
    if ScopeVisitor.on_leave.__code__.co_names != (*reads, "super", "on_leave"):
        return None, frozenset()
    return ScopeVisitor, frozenset(kind.__name__ for kind in _ASSIGNMENT_LIKE_NODES)


_SCOPE_VISITOR, _SCOPE_COUNTED = _scope_visitor()
_HOOK_NAME = re.compile(r"(?:visit|leave)_([A-Z][A-Za-z]*)_(\w+)$")
_METHOD_NAME = re.compile(r"(?:visit|leave)_([A-Z][A-Za-z]*)$")
_installed = False


@dataclasses.dataclass
class _Order:
    """The fields libcst visits for one node class, in order."""

    fields: tuple[str, ...]
    # Fields libcst visits only when set; those not yet seen set have no known place.
    conditional: frozenset[str] = frozenset()
    unplaced: frozenset[str] = frozenset()


class _Recorder(cst.CSTVisitor):
    """Notes which fields a node's ``_visit_and_replace_children`` visits, without descending."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []

    def on_visit(self, node: CSTNode) -> bool:
        return False

    def on_leave(self, original_node: CSTNode) -> None:
        return None

    def on_visit_attribute(self, node: CSTNode, attribute: str) -> None:
        self.fields.append(attribute)

    def on_leave_attribute(self, original_node: CSTNode, attribute: str) -> None:
        return None


def _record(node: CSTNode) -> list[str] | None:
    recorder = _Recorder()
    try:
        node._visit_and_replace_children(recorder)
    except Exception:  # a node libcst itself cannot rebuild: keep its traversal
        return None
    if not all(hasattr(node, name) for name in recorder.fields):
        return None
    return recorder.fields


_ORDERS: dict[type, _Order | None] = {}


def _order_of(node: CSTNode) -> _Order | None:
    """The class's order, learnt from this node if it is the first of its class, or the
    first to set a conditional field; None when libcst's traversal must do."""
    cls = type(node)
    if cls not in _ORDERS:
        _ORDERS[cls] = _first_order(node)
    order = _ORDERS[cls]
    if order is not None and order.unplaced and any(_child(getattr(node, f)) for f in order.unplaced):
        order = _ORDERS[cls] = _place(order, node)
    return order


def _child(value: object) -> bool:
    """Could libcst visit this field value (a node, or a sequence of them)?"""
    return isinstance(value, CSTNode | tuple | list)


def _node_fields(cls: type) -> set[str]:
    """The fields whose declared type can hold a node (not ``Newline.value``, a string)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # unreadable annotations: any field may hold a node
        return {f.name for f in dataclasses.fields(cls)}

    def holds_node(hint: object) -> bool:
        if isinstance(hint, type) and issubclass(hint, CSTNode):
            return True
        return any(holds_node(arg) for arg in typing.get_args(hint))

    return {f.name for f in dataclasses.fields(cls) if holds_node(hints.get(f.name))}


def _first_order(node: CSTNode) -> _Order | None:
    fields = _record(node)
    if fields is None:
        return None
    unset = {f.name for f in dataclasses.fields(node) if getattr(node, f.name) is None}
    unplaced = frozenset((unset & _node_fields(type(node))) - set(fields))
    # Would libcst skip a visited field if it were unset? Ask it, on a copy with that field
    # unset (copied without validation: the copy is only recorded, never used).
    conditional = set(unplaced)
    for f in dataclasses.fields(node):
        if f.default is None and f.name in fields and f.name not in unset:
            probe = copy.copy(node)
            object.__setattr__(probe, f.name, None)
            probed = _record(probe)
            if probed is not None and f.name not in probed:
                conditional.add(f.name)
    return _Order(tuple(fields), frozenset(conditional), unplaced)


def _place(order: _Order, node: CSTNode) -> _Order | None:
    """A node with a conditional field set shows where that field goes."""
    fields = _record(node)
    if fields is None or not set(order.fields) <= set(fields):
        return None  # two conditional fields never seen together: no single order
    # A field set here and still not visited is data (a string), not a child.
    seen = {f for f in order.unplaced if _child(getattr(node, f))}
    return _Order(tuple(fields), order.conditional - (seen - set(fields)), order.unplaced - seen)


# -- what can lie below a node -----------------------------------------------------------
_REACH: dict[type, frozenset[str]] = {}


def _kinds(hint: object) -> set[type]:
    """The node classes a field's declared type admits, subclasses included."""
    if isinstance(hint, type) and issubclass(hint, CSTNode):
        found, stack = set(), [hint]
        while stack:
            kind = stack.pop()
            if kind not in found:
                found.add(kind)
                stack.extend(kind.__subclasses__())
        return found
    return set().union(*(_kinds(arg) for arg in typing.get_args(hint)))


@functools.cache
def _children(cls: type) -> frozenset[type] | None:
    """The classes a node of ``cls`` may hold directly; None when its fields are unreadable."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        return None
    return frozenset().union(*(_kinds(hints.get(f.name)) for f in dataclasses.fields(cls)))


def _reach(cls: type) -> frozenset[str] | None:
    """The names of the classes that may appear in a subtree under ``cls``, itself included
    (visitor methods go by class name); None when that cannot be known."""
    if cls not in _REACH:
        seen, stack = {cls}, [cls]
        while stack:
            below = _children(stack.pop())
            if below is None:
                return None
            stack.extend(below - seen)
            seen |= below
        _REACH[cls] = frozenset(kind.__name__ for kind in seen)
    return _REACH[cls]


# -- visitors -----------------------------------------------------------------------------
_Call = Callable[..., Any] | None
# What visiting a node class takes for one visitor: the class's order, its fields, which of
# them have attribute callbacks (None: none has), and the visit and leave methods.
_Entry = tuple[_Order, tuple[str, ...], tuple[bool, ...] | None, _Call, _Call]


@dataclasses.dataclass
class _Dispatch:
    """How to call one visitor: its visit/leave methods by node class, unless it replaces
    ``on_visit``/``on_leave`` (then those), and which attribute callbacks it has (None: it
    replaces ``on_visit_attribute`` and sees every attribute)."""

    hooks: frozenset[tuple[str, str]] | None
    own_visit: bool = False
    own_leave: bool = False
    batched: _BatchedCSTVisitor | None = None
    entries: dict[type, _Entry] = dataclasses.field(default_factory=dict)
    scopes: bool = False  # libcst's scope analysis, its on_leave done by the traversal
    # The node classes the visitor has a callback for; None: it may act on any node.
    hooked: frozenset[str] | None = None
    # Classes under which the visitor has no callback at all: their subtrees are skipped.
    dead: set[type] = dataclasses.field(default_factory=set)
    _alive: set[type] = dataclasses.field(default_factory=set)

    def is_dead(self, cls: type) -> bool:
        if cls in self._alive:
            return False
        reach = _reach(cls) if self.hooked is not None else None
        if reach is None or not reach.isdisjoint(self.hooked):  # type: ignore[arg-type]
            self._alive.add(cls)
            return False
        self.dead.add(cls)
        return True

    def entry(self, visitor: cst.CSTVisitor, node: CSTNode) -> _Entry | None:
        order = _order_of(node)
        if order is None:
            return None
        cls = type(node)
        found = self.entries.get(cls)
        if found is None or found[0] is not order:
            name, hooks = cls.__name__, self.hooks
            hooked = tuple(hooks is None or (name, f) in hooks for f in order.fields)
            visit, leave = self._methods(visitor, name)
            found = self.entries[cls] = (order, order.fields, hooked if any(hooked) else None, visit, leave)
        return found

    def _methods(self, visitor: cst.CSTVisitor, name: str) -> tuple[_Call, _Call]:
        batched = self.batched
        if batched is None:
            vcls = type(visitor)
            visit, named = _defined(vcls, f"visit_{name}"), _defined(vcls, f"leave_{name}")
            return visit, (_recording_scope(named, name in _SCOPE_COUNTED) if self.scopes else named)
        # _BatchedCSTVisitor.on_visit/on_leave, with the dictionary lookups done once
        methods: Any = batched.visitor_methods
        before, after = batched.before_visit, batched.after_leave
        visits = tuple(([before] if before else []) + list(methods.get(f"visit_{name}", ())))
        leaves = tuple(list(methods.get(f"leave_{name}", ())) + ([after] if after else []))

        def enter(_: object, node: CSTNode) -> None:
            for call in visits:
                call(node)

        def leave(_: object, node: CSTNode) -> None:
            for call in leaves:
                call(node)

        return (enter if visits else None), (leave if leaves else None)


def _recording_scope(leave: _Call, counted: bool) -> Callable[..., Any]:
    """The scope analysis's ``on_leave`` for one node class."""

    def on_leave(visitor: Any, node: CSTNode) -> None:
        scope = visitor.scope
        visitor.provider.set_metadata(node, scope)
        if counted:
            scope._assignment_count += 1
        if leave is not None:
            leave(visitor, node)

    return on_leave


_DISPATCH: dict[type, _Dispatch | None] = {}
_DISPATCH_SIZE = 256
_INSTANCE_KEY = "_interp_lint_dispatch"


def _class_dispatch(cls: type) -> _Dispatch | None:
    if not issubclass(cls, cst.CSTVisitor):
        return None  # transformers rebuild the tree: libcst's traversal is the right one
    own_visit = cls.on_visit is not cst.CSTVisitor.on_visit
    own_leave = cls.on_leave is not cst.CSTVisitor.on_leave
    attrs = (
        cls.on_visit_attribute is cst.CSTVisitor.on_visit_attribute
        and cls.on_leave_attribute is cst.CSTVisitor.on_leave_attribute
    )
    hooks = None
    if attrs:
        hooks = frozenset(
            (m[1], m[2])
            for m in (_HOOK_NAME.match(name) for name in _own_names(cls))
            if m is not None and _defined(cls, m[0])
        )
    hooked = None
    scopes = cls is _SCOPE_VISITOR
    if scopes:
        own_leave = False  # the traversal records scopes itself: see _scope_visitor
    if hooks is not None and not own_visit and not own_leave:
        named = (m for m in map(_METHOD_NAME.match, _own_names(cls)) if m is not None and _defined(cls, m[0]))
        hooked = frozenset(m[1] for m in named) | {name for name, _ in hooks}
        hooked |= _SCOPE_COUNTED if scopes else frozenset()
    return _Dispatch(hooks, own_visit, own_leave, hooked=hooked, scopes=scopes)


_STUB_CLASSES = frozenset(cst.CSTVisitor.__mro__)


def _own_names(cls: type) -> set[str]:
    """The names a visitor's own classes define. ``CSTVisitor``'s bases hold only empty
    stubs, one per node class and field: scanning them took 2 ms per visitor class, and
    a visitor class written inside a function is a new class at every call."""
    return {name for klass in cls.__mro__ if klass not in _STUB_CLASSES for name in vars(klass)}


def _defined(cls: type, name: str) -> Callable[..., Any] | None:
    """The visitor's method ``name``, unless it is one of libcst's empty stubs (which
    ``BatchableCSTVisitor.get_visitors`` skips the same way)."""
    method = getattr(cls, name, None)
    return None if method is None or getattr(method, "_is_no_op", False) else method


def _dispatch_of(visitor: cst.CSTVisitor) -> _Dispatch | None:
    cls = type(visitor)
    if cls is _BatchedCSTVisitor:  # one per traversal, its callbacks in a dict
        found: _Dispatch | None = visitor.__dict__.get(_INSTANCE_KEY)
        if found is None:
            batched = typing.cast(_BatchedCSTVisitor, visitor)
            names = batched.visitor_methods
            hooks = frozenset((m[1], m[2]) for m in map(_HOOK_NAME.match, names) if m is not None)
            hooked = None
            if batched.before_visit is None and batched.after_leave is None:
                hooked = frozenset(name.split("_")[1] for name in names)
            found = visitor.__dict__[_INSTANCE_KEY] = _Dispatch(hooks, batched=batched, hooked=hooked)
        return found
    if cls not in _DISPATCH:
        if len(_DISPATCH) >= _DISPATCH_SIZE:  # classes made per call: keep memory bounded
            _DISPATCH.clear()
        _DISPATCH[cls] = _class_dispatch(cls)
    return _DISPATCH[cls]


_MAYBE = cst.MaybeSentinel


def _visit(self: CSTNode, visitor: Any) -> Any:
    dispatch = _DISPATCH.get(type(visitor)) or _dispatch_of(visitor)
    if dispatch is None:
        return _ORIGINAL(self, visitor)
    entry = dispatch.entries.get(type(self))
    if entry is None or entry[0].unplaced:  # first of its class, or its order still growing
        if dispatch.is_dead(type(self)):
            return self
        entry = dispatch.entry(visitor, self)
        if entry is None:
            return _ORIGINAL(self, visitor)
    order, fields, hooked, visit, leave = entry
    dead = dispatch.dead
    if dispatch.own_visit:
        enter = visitor.on_visit(self)
    else:  # CSTVisitor.on_visit: children unless the method returns False
        enter = visit is None or visit(visitor, self) is not False
    # The two loops repeat how a field's children are visited: this runs for every node of
    # every traversal, and a helper call per field would cost a tenth of the walk.
    if enter and hooked is None:
        for field in fields:
            value = getattr(self, field)
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    if type(child) not in dead:
                        child.visit(visitor)
            elif value is not None and kind is not _MAYBE and kind not in dead:
                value.visit(visitor)
    elif enter:
        conditional = order.conditional
        for field, hook in zip(fields, hooked, strict=True):  # type: ignore[arg-type]
            value = getattr(self, field)
            if value is None and field in conditional:
                continue  # libcst skips it, callbacks and all
            if hook:
                visitor.on_visit_attribute(self, field)
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    if type(child) not in dead:
                        child.visit(visitor)
            elif value is not None and kind is not _MAYBE and kind not in dead:
                value.visit(visitor)
            if hook:
                visitor.on_leave_attribute(self, field)
    if dispatch.own_leave:
        visitor.on_leave(self)
    elif leave is not None:
        leave(visitor, self)
    return self


# -- batched visitors' methods ------------------------------------------------------------
_ORIGINAL_GET_VISITORS = cst.BatchableCSTVisitor.get_visitors
_VISITOR_NAMES: dict[type, tuple[str, ...]] = {}


def _get_visitors(self: cst.BatchableCSTVisitor) -> dict[str, Callable[..., Any]]:
    """``BatchableCSTVisitor.get_visitors`` with the search done once per class: libcst runs
    ``inspect.getmembers`` over the instance, for every provider of every module (a tenth
    of the indexing time)."""
    cls = type(self)
    names = _VISITOR_NAMES.get(cls)
    if names is None:
        names = _VISITOR_NAMES[cls] = tuple(
            name
            for name in dir(cls)
            if name.startswith(("visit_", "leave_"))
            and callable(method := getattr(cls, name))
            and method.__name__.startswith(("visit_", "leave_"))
            and not getattr(method, "_is_no_op", False)
        )
    return {name: getattr(self, name) for name in names}


def install() -> None:
    """Idempotent; called before the first analysis in a process."""
    global _installed
    if not _installed:
        CSTNode.visit = _visit  # type: ignore[method-assign]
        cst.BatchableCSTVisitor.get_visitors = _get_visitors  # type: ignore[method-assign]
        _installed = True


def uninstall() -> None:
    """libcst's own traversal again (tests compare the two)."""
    global _installed
    CSTNode.visit = _ORIGINAL  # type: ignore[method-assign]
    cst.BatchableCSTVisitor.get_visitors = _ORIGINAL_GET_VISITORS  # type: ignore[method-assign]
    _installed = False
