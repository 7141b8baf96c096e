"""dtbd's own cattrs converter: model objects to plain dicts and back.

Plain dicts hold only what JSON, TOML and YAML can all write: ``Decimal`` becomes a
string (exact), a date its ISO text, an enum its value, a tuple a list, a
:class:`~dtbd.Figure` the table ``{low, high, qualifier, unit}``. Fields left at their
default are omitted, so a file says only what the scheme says.

>>> from dtbd import Figure
>>> converter().unstructure(Figure.parse("khoảng 15 - 17 người"))
{'low': '15', 'high': '17', 'qualifier': 'about', 'unit': 'person'}
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._codes import SchemeProblem
from dtbd._errors import FigureParseError
from dtbd._limits import date_problem, number_problem, shown
from dtbd.figures._figure import Figure, to_decimal
from dtbd.figures._units import Qualifier, Unit
from dtbd.model._period import to_date
from dtbd.model._units import UnitId, check_unit_id

# cattrs (~20 ms to import, more to build a converter) is loaded by converter(), when a
# file is first read or written: importing dtbd.load_scheme or dtbd.evaluate does not.
if TYPE_CHECKING:
    import cattrs

__all__ = ["FigureTable", "converter", "describe_errors", "make_converter"]


@attrs.frozen
class FigureTable:
    """A figure written as a table in a file: ``{low = 15, high = 17, unit = "person"}``.

    ``qualifier`` may be left out for an exact number or range; an open end is left out.
    """

    unit: Unit
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: Qualifier = Qualifier.EXACT


def _type_name(value: object) -> str:
    return type(value).__name__


def _structure_decimal(value: object, _type: object) -> Decimal:
    if isinstance(value, float):
        raise TypeError(
            f"got the decimal number {value!r}: write it in quotes ({str(value)!r}) so that "
            "it stays exact"
        )
    number = to_decimal(value)
    if problem := number_problem(number):
        # The limit, not the number: "1e999999999" written out is a billion digits.
        written = str(value)
        said = repr(written if len(written) <= 40 else f"{written[:20]}…")
        raise ValueError(f"the number {said} {problem}; see the limits: `dtbd help figures`")
    return number


def _unstructure_decimal(value: Decimal) -> str:
    # Fixed-point text ("272300000000", not "2.723E+11") reads as what a person wrote.
    return format(value, "f")


def _structure_date(value: object, _type: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(
            f"expected a date, got the date and time {value.isoformat()}; drop the time"
        )
    day = to_date(value)
    if problem := date_problem(day):
        raise ValueError(f"{problem}; see the limits: `dtbd help figures`")
    return day


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def _is_enum(kind: Any) -> bool:  # noqa: ANN401  -- any type expression
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ValueError(f"unknown {kind.__name__} {shown(value)}; use one of {allowed}") from None


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"expected a text, got {_type_name(value)} {shown(value)}; put it in quotes"
        )
    return value


def _structure_int(value: object, _type: object) -> int:
    if isinstance(value, Decimal) and (problem := number_problem(value)):
        # A JSON integer too long for int() arrives as a Decimal (see _scheme_files).
        raise ValueError(f"the number {problem}; see the limits: `dtbd help figures`")
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_type_name(value)} {shown(value)}")
    if problem := number_problem(Decimal(value)):
        raise ValueError(f"the number {problem}; see the limits: `dtbd help figures`")
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_type_name(value)} {shown(value)}")
    return value


def _is_optional(kind: Any) -> bool:  # noqa: ANN401  -- any type expression
    origin = typing.get_origin(kind)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(kind)


def _may_be_missing(cl: type) -> list[str]:
    """Fields that may be ``None`` but have no default: a file leaves them out for ``None``.

    TOML cannot write ``None``, so such a field is omitted when ``None`` and read back
    as ``None`` when absent.
    """
    attrs.resolve_types(cl)
    return [
        field.alias or field.name
        for field in attrs.fields(cl)
        if field.default is attrs.NOTHING and _is_optional(field.type)
    ]


def _attrs_structure_factory(cl: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an attrs class from a table, refusing anything that is not one."""
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415  -- see converter()

    may_be_missing = _may_be_missing(cl)
    base: Callable[[Any, Any], Any] = make_dict_structure_fn(cl, converter)
    noun = cl.__name__

    def structure(value: object, _type: object) -> object:
        if not isinstance(value, Mapping):
            raise TypeError(
                f"expected a table of {noun} fields, got {_type_name(value)} {shown(value)}"
            )
        if may_be_missing:
            value = {**dict.fromkeys(may_be_missing), **value}
        return base(value, cl)

    return structure


# attrs types Factory(f) as f's result, so the class is taken from an instance.
_FACTORY: type[Any] = type(attrs.Factory(list))


def _default_of(field: attrs.Attribute[Any], instance: object) -> object:
    """A field's default for ``instance``, or a marker that equals nothing if it has none."""
    default: Any = field.default
    if not isinstance(default, _FACTORY):
        return default
    try:
        return default.factory(instance) if default.takes_self else default.factory()
    except Exception:  # noqa: BLE001  -- a default that cannot be worked out is not the value
        return attrs.NOTHING


def _attrs_unstructure_factory(cl: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """Unstructure an attrs class to a dict without its defaults and ``None`` values.

    A default worked out from the instance (``Target.counts`` follows the figure) may fail
    to be worked out; the field is then written.
    """
    from cattrs.gen import make_dict_unstructure_fn, override  # noqa: PLC0415

    may_be_missing = _may_be_missing(cl)
    computed = [
        field
        for field in attrs.fields(cl)
        if isinstance(field.default, _FACTORY) and getattr(field.default, "takes_self", False)
    ]
    # cattrs types its per-field overrides loosely; they are checked when generated.
    make: Any = make_dict_unstructure_fn
    base: Callable[[Any], dict[str, Any]] = make(
        cl,
        converter,
        _cattrs_omit_if_default=True,
        **{field.name: override(omit_if_default=False) for field in computed},
    )
    if not may_be_missing and not computed:
        return base

    def unstructure(instance: object) -> dict[str, Any]:
        data = base(instance)
        for field in computed:
            if getattr(instance, field.name) == _default_of(field, instance):
                del data[field.alias or field.name]
        return {k: v for k, v in data.items() if v is not None or k not in may_be_missing}

    return unstructure


def _is_homogeneous_tuple(kind: Any) -> bool:  # noqa: ANN401  -- any type expression
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_structure_factory(kind: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:  # noqa: ANN401
    import cattrs  # noqa: PLC0415  -- see converter()

    item = typing.get_args(kind)[0]
    structure_item = converter.get_structure_hook(item)

    def structure(value: object, _type: object) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list, got {_type_name(value)} {shown(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, element in enumerate(value):
            try:
                items.append(structure_item(element, item))
            except Exception as exc:  # noqa: BLE001  -- every error is collected with its index
                exc.add_note(
                    cattrs.IterableValidationNote(f"Structuring item @ index {index}", index, item)
                )
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError("while structuring a list", errors, kind)
        return tuple(items)

    return structure


def _structure_unit_id(value: object, _type: object) -> UnitId:
    """A unit id: text ("so-y-te") or a whole number (a statistics office code)."""
    return check_unit_id(value, "unit")


def _structure_optional_unit_id(value: object, _type: object) -> UnitId | None:
    return None if value is None else _structure_unit_id(value, _type)


def _structure_figure(value: object, _type: object) -> Figure:
    if isinstance(value, Figure):
        return value
    if isinstance(value, str):
        return Figure.parse(value)
    if not isinstance(value, Mapping):
        raise TypeError(
            f"expected a figure phrase such as 'khoảng 15 - 17 người' or a table "
            f"{{low, high, qualifier, unit}}, got {_type_name(value)} {shown(value)}"
        )
    table = converter().structure(value, FigureTable)
    return Figure(table.low, table.high, qualifier=table.qualifier, unit=table.unit)


def _unstructure_figure(figure: Figure) -> dict[str, Any]:
    table = FigureTable(figure.unit, figure.low, figure.high, figure.qualifier)
    # unit first: "{low, high, qualifier, unit}" is the order people read a figure in
    data: dict[str, Any] = converter().unstructure(table)
    return {key: data[key] for key in ("low", "high", "qualifier", "unit") if key in data}


def make_converter() -> cattrs.Converter:
    """Build dtbd's converter: strict on the way in, plain and exact on the way out.

    Unknown keys are refused, text is never taken for a number (or the reverse), floats
    are refused where a ``Decimal`` is due, and errors carry their path for
    :func:`cattrs.transform_error`.
    """
    import cattrs  # noqa: PLC0415  -- see converter()

    converter = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list},
    )
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, _unstructure_date)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook_func(_is_enum, _structure_enum)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_structure_factory)
    converter.register_structure_hook(Figure, _structure_figure)
    converter.register_structure_hook(UnitId, _structure_unit_id)
    converter.register_structure_hook(UnitId | None, _structure_optional_unit_id)
    converter.register_unstructure_hook(Figure, _unstructure_figure)
    # A field typed ``object`` is unstructured by what it holds, as ``Any`` is.
    converter.register_unstructure_hook_func(
        lambda kind: kind is object,
        lambda value: value if type(value) is object else converter.unstructure(value),
    )
    converter.register_structure_hook_factory(attrs.has, _attrs_structure_factory)
    converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_factory)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    """The converter every dtbd file and JSON output goes through, built on first use."""
    return make_converter()


def _code(exc: BaseException) -> str:
    """The problem code of one error of the converter."""
    import cattrs  # noqa: PLC0415  -- see converter()

    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "scheme.key.unknown"
    if isinstance(exc, KeyError):
        return "scheme.key.missing"
    if isinstance(exc, FigureParseError):
        return "scheme.figure.unreadable"
    return "scheme.value.invalid"


def _describe(exc: BaseException, _type: object) -> str:
    """One error, in words that say what to change."""
    import cattrs  # noqa: PLC0415  -- see converter()

    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        known = [field.alias or field.name for field in attrs.fields(exc.cl)]
        unknown, unsure = [], False
        for key in sorted(exc.extra_fields, key=str):
            close = difflib.get_close_matches(key, known, n=1) if isinstance(key, str) else []
            unknown.append(shown(key) + (f" (did you mean {close[0]!r}?)" if close else ""))
            unsure = unsure or not close
        message = f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
        # the list of keys helps only where no close one was found
        return message + (f"; the keys here are {', '.join(known)}" if unsure else "")
    if isinstance(exc, KeyError):
        return "required but missing; add it"
    if isinstance(exc, (ValueError, TypeError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def describe_errors(exc: BaseException) -> list[SchemeProblem]:
    r"""Every error in ``exc`` as ``"path: what is wrong"``, for a person to read.

    ``exc`` is what :func:`converter` raised while structuring; the path is the place in
    the data (``targets[2].parts[0].figure``), or ``(top level)``.

    >>> from dtbd import Period
    >>> try:
    ...     converter().structure({"start": "2025-01-01", "ende": "2024-01-01"}, Period)
    ... except Exception as exc:
    ...     print("\n".join(describe_errors(exc)))
    end: required but missing; add it
    (top level): unknown key 'ende' (did you mean 'end'?)
    """
    import cattrs  # noqa: PLC0415  -- see converter()

    problems: list[SchemeProblem] = []
    # The codes are told by the same errors, in the same order, as transform_error's lines.
    codes: list[tuple[str, object]] = []

    def describe(inner: BaseException, kind: object) -> str:
        extra = sorted(map(str, getattr(inner, "extra_fields", ())))
        codes.append((_code(inner), extra[0] if len(extra) == 1 else extra or None))
        return _describe(inner, kind)

    for line in cattrs.transform_error(exc, path="$", format_exception=describe):
        message, _, path = line.rpartition(" @ ")
        where = path.removeprefix("$").removeprefix(".") or "(top level)"
        code, value = codes[len(problems)]
        problems.append(SchemeProblem(code, f"{where}: {message}", path=where, value=value))
    return problems
